//! Format detection from a file name and the head of its text (name and head are split at
//! the first NUL byte).
#![no_main]

use chancery_formats::detect;
use chancery_fuzz::split_header;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (name, head) = split_header(data);
    let name = String::from_utf8_lossy(name);
    let head = String::from_utf8_lossy(head);
    let _ = detect::detect(&name, &head);
    let _ = detect::is_candidate(std::path::Path::new(name.as_ref()));
});
