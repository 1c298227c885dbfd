//! The Dublin Core reader on any UTF-8 text.
#![no_main]

use chancery_formats::dc;
use chancery_fuzz::{context, text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(text) = text(data) {
        let _ = dc::read(text, &context("xml"));
    }
});
