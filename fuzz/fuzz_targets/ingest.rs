//! A file's whole way through the readers, as the importer takes it: bytes, decoded, the
//! format detected from the name and the head, then read. Name and bytes are split at the
//! first NUL byte.
#![no_main]

use chancery_formats::{ReadContext, detect, encoding, read};
use chancery_fuzz::split_header;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (name, bytes) = split_header(data);
    let name = String::from_utf8_lossy(name);
    let Ok(decoded) = encoding::decode(bytes) else {
        return;
    };
    let head: String = decoded.text.chars().take(8192).collect();
    if let Some(format) = detect(&name, &head) {
        let _ = read(format, &decoded.text, &ReadContext::new(&name));
    }
});
