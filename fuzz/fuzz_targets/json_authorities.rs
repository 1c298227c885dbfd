//! The reader of authority records in JSON and JSON Lines on any UTF-8 text.
#![no_main]

use chancery_enrich::authorities;
use chancery_fuzz::text;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(text) = text(data) {
        let _ = authorities::read_json("fuzz.json", text);
    }
});
