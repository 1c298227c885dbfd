//! The reader of TEI authority lists (`listPerson`, `listOrg`, `listPlace`) on any UTF-8 text.
#![no_main]

use chancery_enrich::tei_authorities;
use chancery_fuzz::text;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(text) = text(data) {
        let _ = tei_authorities::read_tei("fuzz.xml", text);
    }
});
