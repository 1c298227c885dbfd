//! What the fuzz targets share: turning the fuzzer's bytes into the inputs the readers take.
//!
//! Every target asserts only what the code promises: readers return documents or positioned
//! errors (never panic, never overflow the stack, never hang); parsers answer `Ok` or `Err`;
//! what a writer produces reads back.

use chancery_formats::{ReadContext, jsonl};
use chancery_model::Document;

/// The bytes as text, when they are UTF-8 (readers take decoded text; the decoder has its
/// own target).
pub fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// The context of a file named like the fixtures (`fuzz.EXT`).
pub fn context(extension: &str) -> ReadContext {
    ReadContext::new(&format!("fuzz.{extension}"))
}

/// Splits the input at its first NUL: a small header (a file name, a flag) and the rest.
pub fn split_header(data: &[u8]) -> (&[u8], &[u8]) {
    match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (&[], data),
    }
}

/// The documents of a JSON Lines text, when it reads: the writers' targets start from the
/// JSON shape, the one shape that can say everything a document holds.
pub fn documents(data: &[u8]) -> Vec<Document> {
    text(data)
        .and_then(|text| jsonl::read(text, &context("jsonl")).ok())
        .map(|out| out.documents)
        .unwrap_or_default()
}
