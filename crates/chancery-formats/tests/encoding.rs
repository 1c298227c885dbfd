//! Decoding the files archives hand over, and the path a file takes before its reader:
//! bytes → decode → detect → read.

// The helpers below are test code too, though clippy only treats `#[test]` functions so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chancery_formats::encoding::{Decoded, decode};
use chancery_formats::{Format, FormatError, ReadContext, detect, read};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/encoding/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn decoded(name: &str) -> Decoded {
    decode(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn refused(name: &str) -> FormatError {
    decode(&fixture(name)).expect_err(name)
}

#[test]
fn utf8_is_read_as_it_is() {
    let d = decoded("utf8.txt");
    assert_eq!(
        d.text,
        "Aide-mémoire — Громыко — 朝鮮戦争 — “quoted”\nSecond line.\n"
    );
    assert_eq!(d.encoding, "UTF-8");
    assert_eq!(d.warning, None);
}

#[test]
fn a_utf8_bom_is_stripped_and_the_csv_reads() {
    let d = decoded("utf8-bom.csv");
    assert_eq!(d.text, "title,text\nÉté 1950,Texte.\n");
    assert_eq!(detect("utf8-bom.csv", &d.text), Some(Format::Csv));
    let out = read(Format::Csv, &d.text, &ReadContext::new("utf8-bom.csv")).unwrap();
    assert_eq!(out.documents[0].title, "Été 1950");
}

#[test]
fn utf16_little_endian_xml_decodes_detects_and_reads() {
    let d = decoded("utf16le-bom.xml");
    assert_eq!(d.encoding, "UTF-16LE");
    assert!(
        d.text
            .starts_with("<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<oai_dc:dc")
    );
    let format = detect("utf16le-bom.xml", &d.text);
    assert_eq!(format, Some(Format::Dc));
    let out = read(Format::Dc, &d.text, &ReadContext::new("utf16le-bom.xml")).unwrap();
    let doc = &out.documents[0];
    assert_eq!(doc.title, "Памятная записка (29 June 1950)");
    assert_eq!(doc.language.as_deref(), Some("ru"));
    assert_eq!(doc.text(), "Правительство СССР получило памятную записку.");
}

#[test]
fn utf16_big_endian() {
    let d = decoded("utf16be-bom.txt");
    assert_eq!(d.text, "Grüße aus Bonn 😀\n");
    assert_eq!(d.encoding, "UTF-16BE");
}

#[test]
fn malformed_utf16_is_placed() {
    let err = refused("utf16-malformed.txt");
    // "line one\nab" then a lone high surrogate: line 2, column 3, byte 2 + 11 * 2.
    assert_eq!((err.line, err.column), (Some(2), Some(3)));
    assert_eq!(
        err.message,
        "malformed UTF-16LE: unpaired surrogate 0xD800 at byte 24"
    );
}

#[test]
fn windows_1252_is_the_fallback_with_a_warning() {
    let d = decoded("windows-1252.txt");
    assert_eq!(
        d.text,
        "United States aide-memoire\n\nThe café “Flore” – Paris\n"
    );
    assert_eq!(d.encoding, "windows-1252");
    assert_eq!(
        d.warning.as_deref(),
        Some("not valid UTF-8 at 3:8; read as Windows-1252")
    );
}

#[test]
fn a_declared_encoding_is_honoured() {
    let d = decoded("latin1-declared.xml");
    assert_eq!(d.encoding, "windows-1252");
    assert_eq!(d.warning, None);
    assert!(
        d.text
            .contains("<title>Café</title><description>À Paris.</description>")
    );
    let out = read(
        Format::Dc,
        &d.text,
        &ReadContext::new("latin1-declared.xml"),
    )
    .unwrap();
    assert_eq!(out.documents[0].title, "Café");
}

#[test]
fn bytes_that_are_neither_utf8_nor_windows_1252_are_refused() {
    let err = refused("not-windows-1252.txt");
    assert_eq!((err.line, err.column), (Some(2), Some(5)));
    assert_eq!(
        err.message,
        "not valid UTF-8 at 2:5 (byte 10), nor Windows-1252 (byte 0x81 at 3:6); convert the \
         file to UTF-8"
    );
}

#[test]
fn binary_files_are_refused_naming_the_offset() {
    let err = refused("binary.png");
    assert_eq!((err.line, err.column), (None, None));
    assert_eq!(err.message, "binary file, not text (NUL byte at offset 8)");
}

#[test]
fn empty_files_are_refused() {
    for name in ["empty.txt", "bom-only.txt", "whitespace-only.txt"] {
        let err = refused(name);
        assert_eq!(err, FormatError::whole("empty file"), "{name}");
    }
}
