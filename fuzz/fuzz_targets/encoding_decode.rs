//! Decoding any bytes: an answer or a positioned error, never a panic; accepted text is
//! never blank, and a byte order mark that decided the encoding is not part of the text.
#![no_main]

use chancery_formats::encoding;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(decoded) = encoding::decode(data) {
        assert!(!decoded.text.trim().is_empty(), "blank text was accepted");
        let utf8_bom = data.starts_with(b"\xef\xbb\xbf") && !data[3..].starts_with(b"\xef\xbb\xbf");
        if utf8_bom {
            assert!(!decoded.text.starts_with('\u{feff}'), "the byte order mark was kept");
        }
    }
});
