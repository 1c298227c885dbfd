//! The EDTF parser: any text parses or is refused; a parsed date's bounds are ordered, its
//! canonical form parses to the same date, and it can be phrased for readers.
#![no_main]

use chancery_fuzz::text;
use chancery_model::DocDate;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = text(data) else {
        return;
    };
    let Ok(date) = DocDate::parse_edtf(text) else {
        return;
    };
    if let (Some(earliest), Some(latest)) = (date.earliest(), date.latest()) {
        assert!(earliest <= latest, "{text:?}: bounds {earliest} > {latest}");
    }
    let again = DocDate::parse_edtf(date.edtf());
    assert!(again.is_ok(), "{text:?}: canonical {:?} does not parse", date.edtf());
    if let Ok(again) = again {
        assert_eq!(again.edtf(), date.edtf(), "{text:?}");
        assert_eq!((again.earliest(), again.latest()), (date.earliest(), date.latest()));
    }
    let _ = date.readable();
    let _ = date.earliest_iso();
    let _ = date.latest_iso();
    let _ = date.year();
});
