//! Finding every date inside running text, with and without a context year (taken from the
//! first two bytes): spans lie inside the text, on character boundaries.
#![no_main]

use chancery_fuzz::text;
use chancery_model::date::written;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (year, rest) = match data {
        [a, b, rest @ ..] => (Some(i64::from(u16::from_le_bytes([*a, *b]))), rest),
        _ => (None, data),
    };
    let Some(text) = text(rest) else {
        return;
    };
    for context_year in [None, year] {
        for found in written::find_all(text, context_year) {
            assert!(
                text.get(found.start..found.end).is_some(),
                "{text:?}: span {}..{} is not in the text",
                found.start,
                found.end
            );
        }
    }
});
