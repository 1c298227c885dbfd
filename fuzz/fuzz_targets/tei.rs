//! The TEI reader on any UTF-8 text, whole-text and split at `div type="section"` (chosen
//! by the first byte).
#![no_main]

use chancery_formats::tei;
use chancery_fuzz::{context, text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    if let Some(text) = text(rest) {
        let split = (first & 1 == 1).then(|| "section".to_string());
        let _ = tei::read(text, &context("xml").with_split_div(split));
    }
});
