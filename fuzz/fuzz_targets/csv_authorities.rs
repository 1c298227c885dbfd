//! The reader of authority records in CSV on any UTF-8 text.
#![no_main]

use chancery_enrich::csv_authorities;
use chancery_fuzz::text;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(text) = text(data) {
        let _ = csv_authorities::read_csv("fuzz.csv", text);
    }
});
