//! Turning a file's bytes into text.
//!
//! Archives hand over UTF-8 (with or without a byte order mark), UTF-16 with a byte order
//! mark, XML that declares its encoding, and older files in Windows-1252. [`decode`] reads
//! each of these, says which encoding it used, and refuses what is not text at all (empty
//! files, binary files) with the position of the problem.
//!
//! ```
//! use chancery_formats::encoding::decode;
//!
//! let latin = decode(b"Caf\xe9 au lait").unwrap();
//! assert_eq!(latin.text, "Café au lait");
//! assert_eq!(latin.encoding, "windows-1252");
//! assert_eq!(latin.warning.as_deref(), Some("not valid UTF-8 at 1:4; read as Windows-1252"));
//! ```

use encoding_rs::{Encoding, REPLACEMENT, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

use crate::FormatError;
use crate::error::line_column;

/// The text of a file and how it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without any byte order mark.
    pub text: String,
    /// The encoding it was read in, by its WHATWG name (`UTF-8`, `UTF-16LE`,
    /// `windows-1252`, …).
    pub encoding: &'static str,
    /// Something the user should know about how the file was read (e.g. that it was not
    /// valid UTF-8 and was read as Windows-1252).
    pub warning: Option<String>,
}

/// Decodes a file's bytes.
///
/// In order: a byte order mark decides (UTF-8, UTF-16LE, UTF-16BE); UTF-16 XML without one
/// is recognised by its `<?` (XML 1.0, appendix F); an XML declaration's `encoding` is
/// honoured; everything else is UTF-8, and when it is not valid UTF-8 it is read as
/// Windows-1252 with a warning, provided the bytes are plausible Windows-1252.
///
/// # Errors
///
/// An empty file (no bytes, only a byte order mark, or only whitespace); a binary file (a
/// NUL byte, or many control characters); malformed UTF-16 or malformed text in a declared
/// encoding; bytes that are neither UTF-8 nor Windows-1252; an encoding this archive does
/// not read.
pub fn decode(bytes: &[u8]) -> Result<Decoded, FormatError> {
    if bytes.is_empty() {
        return Err(empty_file());
    }
    let decoded = if let Some((encoding, bom_length)) = Encoding::for_bom(bytes) {
        if encoding == UTF_8 {
            utf8_or_windows_1252(&bytes[bom_length..], bom_length)?
        } else {
            utf16(encoding, &bytes[bom_length..], bom_length)?
        }
    } else if let Some(encoding) = utf16_xml_without_bom(bytes) {
        utf16(encoding, bytes, 0)?
    } else {
        declared_or_utf8(bytes)?
    };
    if decoded.text.trim().is_empty() {
        return Err(empty_file());
    }
    Ok(decoded)
}

fn empty_file() -> FormatError {
    FormatError::whole("empty file")
}

/// Reads bytes with no byte order mark: in the encoding their XML declaration names, or as
/// UTF-8.
fn declared_or_utf8(bytes: &[u8]) -> Result<Decoded, FormatError> {
    let Some(label) = declared_encoding(bytes) else {
        return utf8_or_windows_1252(bytes, 0);
    };
    match Encoding::for_label(label.as_bytes()) {
        // A UTF-16 label on bytes whose declaration reads as ASCII is wrong: the bytes are
        // ASCII-compatible, so read them as UTF-8.
        Some(encoding) if encoding == UTF_8 || encoding == UTF_16LE || encoding == UTF_16BE => {
            utf8_or_windows_1252(bytes, 0)
        }
        Some(encoding) if encoding == REPLACEMENT => Err(FormatError::at(
            1,
            1,
            format!(
                "the XML declaration names the encoding '{label}', which this archive does \
                 not read; convert the file to UTF-8"
            ),
        )),
        Some(encoding) => declared(encoding, &label, bytes),
        None => {
            let mut decoded = utf8_or_windows_1252(bytes, 0)?;
            let note = format!(
                "the XML declaration names an unknown encoding '{label}'; read as {}",
                if decoded.encoding == UTF_8.name() {
                    "UTF-8"
                } else {
                    "Windows-1252"
                }
            );
            decoded.warning = Some(match decoded.warning {
                Some(earlier) => format!("{note}; {earlier}"),
                None => note,
            });
            Ok(decoded)
        }
    }
}

/// Decodes bytes in the encoding their XML declaration names.
fn declared(
    encoding: &'static Encoding,
    label: &str,
    bytes: &[u8],
) -> Result<Decoded, FormatError> {
    refuse_binary(bytes.iter().map(|&b| u32::from(b)), 1, 0)?;
    // Files are often re-saved as UTF-8 by editors that leave the declaration alone. Text in
    // a legacy encoding that happens to be valid UTF-8 with non-ASCII bytes is vanishingly
    // rare, so valid UTF-8 wins over the declaration (and the user is told).
    if !bytes.is_ascii()
        && let Ok(text) = std::str::from_utf8(bytes)
    {
        return Ok(Decoded {
            text: text.to_string(),
            encoding: UTF_8.name(),
            warning: Some(format!(
                "the XML declaration names {label}, but the file is valid UTF-8; read as UTF-8"
            )),
        });
    }
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let Some(capacity) = decoder.max_utf8_buffer_length_without_replacement(bytes.len()) else {
        return Err(FormatError::whole("file too large to decode"));
    };
    let mut text = String::with_capacity(capacity);
    let (result, _read) = decoder.decode_to_string_without_replacement(bytes, &mut text, true);
    match result {
        encoding_rs::DecoderResult::InputEmpty => Ok(Decoded {
            text,
            encoding: encoding.name(),
            warning: None,
        }),
        encoding_rs::DecoderResult::Malformed(_, _) | encoding_rs::DecoderResult::OutputFull => {
            // The text decoded so far ends where the malformed bytes begin.
            let (line, column) = line_column(&text, text.len());
            Err(FormatError::at(
                line,
                column,
                format!(
                    "not valid {} (the encoding the XML declaration names)",
                    encoding.name()
                ),
            ))
        }
    }
}

/// The `encoding` pseudo-attribute of an XML declaration at the very start of `bytes`.
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let rest = bytes.strip_prefix(b"<?xml")?;
    if !rest.first().is_some_and(u8::is_ascii_whitespace) {
        return None;
    }
    // A declaration is short; looking further would only find text that is not one.
    let window = &rest[..rest.len().min(512)];
    let end = window.windows(2).position(|w| w == b"?>")?;
    let declaration = std::str::from_utf8(&window[..end]).ok()?;
    let after = &declaration[declaration.find("encoding")? + "encoding".len()..];
    let after = after.trim_start().strip_prefix('=')?.trim_start();
    let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &after[1..];
    let value = &value[..value.find(quote)?];
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_string())
}

/// UTF-16 XML without a byte order mark starts with `<?` in two-byte units.
fn utf16_xml_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    match bytes {
        [0x3C, 0x00, 0x3F, 0x00, ..] => Some(UTF_16LE),
        [0x00, 0x3C, 0x00, 0x3F, ..] => Some(UTF_16BE),
        _ => None,
    }
}

/// Decodes UTF-16 (`body` follows `skipped` bytes of byte order mark).
fn utf16(encoding: &'static Encoding, body: &[u8], skipped: usize) -> Result<Decoded, FormatError> {
    let big_endian = encoding == UTF_16BE;
    let units = body.chunks_exact(2).map(|pair| {
        let pair = [pair[0], pair[1]];
        if big_endian {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        }
    });
    let mut text = String::with_capacity(body.len());
    let mut offset = skipped;
    for unit in char::decode_utf16(units) {
        match unit {
            Ok(c) => {
                text.push(c);
                offset += c.len_utf16() * 2;
            }
            Err(e) => {
                let (line, column) = line_column(&text, text.len());
                return Err(FormatError::at(
                    line,
                    column,
                    format!(
                        "malformed {}: unpaired surrogate 0x{:04X} at byte {offset}",
                        encoding.name(),
                        e.unpaired_surrogate()
                    ),
                ));
            }
        }
    }
    if body.len() % 2 == 1 {
        let (line, column) = line_column(&text, text.len());
        return Err(FormatError::at(
            line,
            column,
            format!(
                "malformed {}: the file ends in half a character (an odd number of bytes; \
                 the last is byte {})",
                encoding.name(),
                skipped + body.len() - 1
            ),
        ));
    }
    refuse_binary(text.encode_utf16().map(u32::from), 2, skipped)?;
    Ok(Decoded {
        text,
        encoding: encoding.name(),
        warning: None,
    })
}

/// Decodes UTF-8, falling back to Windows-1252 for text that is not UTF-8 but plausibly
/// Windows-1252 (`body` follows `skipped` bytes of byte order mark).
fn utf8_or_windows_1252(body: &[u8], skipped: usize) -> Result<Decoded, FormatError> {
    refuse_binary(body.iter().map(|&b| u32::from(b)), 1, skipped)?;
    let invalid_at = match std::str::from_utf8(body) {
        Ok(text) => {
            return Ok(Decoded {
                text: text.to_string(),
                encoding: UTF_8.name(),
                warning: None,
            });
        }
        Err(e) => e.valid_up_to(),
    };
    let valid = std::str::from_utf8(&body[..invalid_at]).unwrap_or_default();
    let (line, column) = line_column(valid, valid.len());
    if let Some(bad) = body.iter().position(|&b| !plausible_windows_1252(b)) {
        let (bad_line, bad_column) = single_byte_line_column(body, bad);
        return Err(FormatError::at(
            line,
            column,
            format!(
                "not valid UTF-8 at {line}:{column} (byte {}), nor Windows-1252 (byte 0x{:02X} \
                 at {bad_line}:{bad_column}); convert the file to UTF-8",
                skipped + invalid_at,
                body[bad]
            ),
        ));
    }
    let (text, _) = WINDOWS_1252.decode_without_bom_handling(body);
    Ok(Decoded {
        text: text.into_owned(),
        encoding: WINDOWS_1252.name(),
        warning: Some(format!(
            "not valid UTF-8 at {line}:{column}; read as Windows-1252"
        )),
    })
}

/// Whether a byte can occur in a text written in Windows-1252: not one of its five unused
/// codes, and not a C0 control other than tab, line feed and carriage return.
fn plausible_windows_1252(byte: u8) -> bool {
    !matches!(byte, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D)
        && (byte >= 0x20 || matches!(byte, b'\t' | b'\n' | b'\r'))
}

/// Line and column of byte `offset` in a single-byte encoding (one byte, one character).
fn single_byte_line_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = memchr::memchr_iter(b'\n', before).count() + 1;
    let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    (line, before.len() - line_start + 1)
}

const BINARY: &str = "binary file, not text";

/// Refuses content that is not text: a NUL, or control characters making up more than
/// one in fifty code units (and at least four of them). Tab, line feed, carriage return and
/// form feed are ordinary in text files. `width` is the size of a code unit in bytes and
/// `skipped` the length of the byte order mark before the first, to name byte offsets.
fn refuse_binary(
    units: impl Iterator<Item = u32>,
    width: usize,
    skipped: usize,
) -> Result<(), FormatError> {
    let mut total = 0usize;
    let mut controls = 0usize;
    let mut first_control = None;
    for (i, unit) in units.enumerate() {
        total += 1;
        if unit == 0 {
            return Err(FormatError::whole(format!(
                "{BINARY} (NUL byte at offset {})",
                skipped + i * width
            )));
        }
        if unit < 0x20 && !matches!(unit, 0x09 | 0x0A | 0x0C | 0x0D) {
            controls += 1;
            first_control.get_or_insert(i);
        }
    }
    match first_control {
        Some(first) if controls >= 4 && controls * 50 > total => Err(FormatError::whole(format!(
            "{BINARY} ({controls} control characters, the first at offset {})",
            skipped + first * width
        ))),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(text: &str, bom: bool) -> Vec<u8> {
        let mut out = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
        out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        out
    }

    fn utf16be(text: &str) -> Vec<u8> {
        let mut out = vec![0xFE, 0xFF];
        out.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        out
    }

    #[test]
    fn plain_utf8() {
        let d = decode("Aide-mémoire\n".as_bytes()).unwrap();
        assert_eq!(d.text, "Aide-mémoire\n");
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.warning, None);
    }

    #[test]
    fn utf8_bom_is_stripped() {
        let d = decode(b"\xEF\xBB\xBFtitle,text\n").unwrap();
        assert_eq!(d.text, "title,text\n");
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn utf16_with_bom_both_orders() {
        let d = decode(&utf16le("Grüße 😀\n", true)).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("Grüße 😀\n", "UTF-16LE"));
        let d = decode(&utf16be("Grüße 😀\n")).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("Grüße 😀\n", "UTF-16BE"));
    }

    #[test]
    fn utf16_xml_without_bom() {
        let d = decode(&utf16le("<?xml version=\"1.0\"?><a/>", false)).unwrap();
        assert_eq!(d.text, "<?xml version=\"1.0\"?><a/>");
        assert_eq!(d.encoding, "UTF-16LE");
    }

    #[test]
    fn malformed_utf16_names_line_column_and_byte() {
        // "ab\ncd" then a lone high surrogate.
        let mut bytes = utf16le("ab\ncd", true);
        bytes.extend([0x00, 0xD8, 0x41, 0x00]);
        let err = decode(&bytes).unwrap_err();
        assert_eq!((err.line, err.column), (Some(2), Some(3)));
        assert_eq!(
            err.message,
            "malformed UTF-16LE: unpaired surrogate 0xD800 at byte 12"
        );
    }

    #[test]
    fn odd_length_utf16_is_malformed() {
        let mut bytes = utf16le("ab", true);
        bytes.push(0x41);
        let err = decode(&bytes).unwrap_err();
        assert_eq!((err.line, err.column), (Some(1), Some(3)));
        assert!(err.message.contains("half a character"), "{err}");
        assert!(err.message.contains("byte 6"), "{err}");
    }

    #[test]
    fn nul_in_utf16_is_binary() {
        let err = decode(&utf16le("ab\0", true)).unwrap_err();
        assert_eq!(err.message, "binary file, not text (NUL byte at offset 6)");
    }

    #[test]
    fn declared_latin1_is_honoured() {
        let d = decode(b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<t>Caf\xe9</t>").unwrap();
        assert_eq!(
            d.text,
            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<t>Café</t>"
        );
        assert_eq!(d.encoding, "windows-1252");
        assert_eq!(d.warning, None);
    }

    #[test]
    fn declared_windows_1252_with_single_quotes() {
        let d =
            decode(b"<?xml version='1.0' encoding = 'windows-1252' ?><t>\x93q\x94</t>").unwrap();
        assert!(d.text.ends_with("<t>\u{201C}q\u{201D}</t>"), "{}", d.text);
    }

    #[test]
    fn declared_multibyte_encoding_reports_malformed_position() {
        let d = decode("<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><t>日本</t>".as_bytes());
        // Valid UTF-8 wins over the declaration.
        assert_eq!(d.unwrap().encoding, "UTF-8");
        let (sjis, _, _) = encoding_rs::SHIFT_JIS
            .encode("<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>\n<t>日本</t>");
        let d = decode(&sjis).unwrap();
        assert_eq!(d.encoding, "Shift_JIS");
        assert!(d.text.ends_with("<t>日本</t>"));
        let mut broken = sjis.into_owned();
        let at = broken.len() - 4;
        broken.insert(at, 0x81);
        broken.insert(at + 1, 0x20);
        let err = decode(&broken).unwrap_err();
        assert_eq!((err.line, err.column), (Some(2), Some(6)));
        assert!(err.message.contains("Shift_JIS"), "{err}");
    }

    #[test]
    fn declared_but_valid_utf8_is_read_as_utf8() {
        let d = decode("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><t>Café</t>".as_bytes())
            .unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.contains("Café"));
        assert!(d.warning.unwrap().contains("valid UTF-8"));
    }

    #[test]
    fn declared_utf16_on_ascii_bytes_is_utf8() {
        let d = decode(b"<?xml version=\"1.0\" encoding=\"UTF-16\"?><t/>").unwrap();
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn unknown_declared_encoding_warns() {
        let d = decode(b"<?xml version=\"1.0\" encoding=\"x-klingon\"?><t/>").unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(
            d.warning.as_deref(),
            Some("the XML declaration names an unknown encoding 'x-klingon'; read as UTF-8")
        );
    }

    #[test]
    fn replacement_encodings_are_refused() {
        let err = decode(b"<?xml version=\"1.0\" encoding=\"ISO-2022-KR\"?><t/>").unwrap_err();
        assert!(err.message.contains("ISO-2022-KR"), "{err}");
    }

    #[test]
    fn empty_files() {
        for bytes in [
            &b""[..],
            b"\xEF\xBB\xBF",
            b"\xFF\xFE",
            b" \n\t\r\n",
            b"\xFE\xFF\x00 ",
        ] {
            assert_eq!(
                decode(bytes).unwrap_err().message,
                "empty file",
                "{bytes:?}"
            );
        }
    }

    #[test]
    fn nul_byte_is_binary_with_offset() {
        let err = decode(b"PK\x03\x04\x14\x00\x00").unwrap_err();
        assert_eq!(err.message, "binary file, not text (NUL byte at offset 5)");
        assert_eq!(err.line, None);
        let err = decode(b"\xEF\xBB\xBFab\0").unwrap_err();
        assert_eq!(err.message, "binary file, not text (NUL byte at offset 5)");
    }

    #[test]
    fn many_control_characters_are_binary() {
        let err = decode(b"ab\x01\x02\x03\x04cd").unwrap_err();
        assert_eq!(
            err.message,
            "binary file, not text (4 control characters, the first at offset 2)"
        );
        // A stray escape in a long text is not binary.
        let mut text = "word ".repeat(100).into_bytes();
        text.push(0x1B);
        assert!(decode(&text).is_ok());
    }

    #[test]
    fn invalid_utf8_falls_back_to_windows_1252_with_position() {
        let d = decode(b"Title\nThe caf\xe9 \x93Flore\x94\n").unwrap();
        assert_eq!(d.text, "Title\nThe café \u{201C}Flore\u{201D}\n");
        assert_eq!(d.encoding, "windows-1252");
        assert_eq!(
            d.warning.as_deref(),
            Some("not valid UTF-8 at 2:8; read as Windows-1252")
        );
    }

    #[test]
    fn invalid_utf8_counts_columns_in_characters() {
        let d = decode(b"\xc3\xa9t\xc3\xa9 \xe9").unwrap();
        assert_eq!(
            d.warning.as_deref(),
            Some("not valid UTF-8 at 1:5; read as Windows-1252")
        );
    }

    #[test]
    fn neither_utf8_nor_windows_1252_is_an_error() {
        let err = decode(b"ab\ncd\xe9f\n\x81x").unwrap_err();
        assert_eq!((err.line, err.column), (Some(2), Some(3)));
        assert_eq!(
            err.message,
            "not valid UTF-8 at 2:3 (byte 5), nor Windows-1252 (byte 0x81 at 3:1); convert the \
             file to UTF-8"
        );
        let err = decode(b"a\x0bb\xe9").unwrap_err();
        assert!(err.message.contains("byte 0x0B at 1:2"), "{err}");
    }

    #[test]
    fn declaration_parsing() {
        assert_eq!(
            declared_encoding(b"<?xml version=\"1.0\" encoding=\"latin1\"?>").as_deref(),
            Some("latin1")
        );
        assert_eq!(declared_encoding(b"<?xml version=\"1.0\"?>"), None);
        assert_eq!(declared_encoding(b"<?xmlfoo encoding=\"latin1\"?>"), None);
        assert_eq!(declared_encoding(b"<?xml encoding=\"latin1"), None);
        assert_eq!(declared_encoding(b"<?xml encoding=\"\"?>"), None);
        assert_eq!(declared_encoding(b"<?xml encoding=latin1?>"), None);
    }
}
