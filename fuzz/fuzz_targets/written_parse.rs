//! Dates as people write them: whatever `written::parse` returns is valid EDTF that the
//! EDTF parser takes.
#![no_main]

use chancery_fuzz::text;
use chancery_model::DocDate;
use chancery_model::date::written;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = text(data) else {
        return;
    };
    if let Some(edtf) = written::parse(text) {
        assert!(
            DocDate::parse_edtf(&edtf).is_ok(),
            "{text:?} gave {edtf:?}, which is not EDTF"
        );
    }
    let _ = DocDate::from_written(text);
});
