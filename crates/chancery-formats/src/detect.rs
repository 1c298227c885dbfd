//! Picking the reader for a file: by its extension first, then by what its first few
//! kilobytes look like.
//!
//! ```
//! use chancery_formats::{detect, Format};
//!
//! assert_eq!(detect("frus1950v07.xml", "<?xml version=\"1.0\"?>\n<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">"), Some(Format::Tei));
//! assert_eq!(detect("harvest.xml", "<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\">"), Some(Format::Dc));
//! assert_eq!(detect("export.ndjson", ""), Some(Format::Jsonl));
//! assert_eq!(detect("notes", "{\"title\":\"A note\",\"text\":\"Hello.\"}\n"), Some(Format::Jsonl));
//! ```

use std::path::Path;

use crate::Format;

/// Extensions of files worth reading, with the format each stands for (`None`: decided by
/// the root element).
const EXTENSIONS: &[(&str, Option<Format>)] = &[
    ("jsonl", Some(Format::Jsonl)),
    ("ndjson", Some(Format::Jsonl)),
    ("json", Some(Format::Jsonl)),
    ("csv", Some(Format::Csv)),
    ("txt", Some(Format::Cvce)),
    ("xml", None),
    ("tei", None),
];

/// Names of the files that describe a folder rather than hold records (compared in upper
/// case, ignoring the extension and any `-suffix`: `README`, `LICENSE-APACHE.txt`).
const FOLDER_NOTES: &[&str] = &[
    "README",
    "READ_ME",
    "LICENSE",
    "LICENCE",
    "COPYING",
    "NOTICE",
    "AUTHORS",
    "CONTRIBUTORS",
    "CONTRIBUTING",
    "CHANGELOG",
    "CHANGES",
    "HISTORY",
    "NEWS",
    "INSTALL",
    "CODE_OF_CONDUCT",
    "SECURITY",
];

/// How many lines of a text file are searched for a CVCE record's `Caption:` or `Source:`
/// line after its title.
const CVCE_LABEL_WITHIN_LINES: usize = 12;

/// Picks the reader for the file at `path`, whose decoded text begins with `head` (a few
/// kilobytes are enough). Returns `None` when neither the name nor the content says.
///
/// `.jsonl`, `.ndjson` and `.json` are JSON Lines; `.csv` is CSV; `.txt` is a CVCE record;
/// `.xml` and `.tei` are read by their root element (`TEI`, `teiCorpus`: TEI; `dc`,
/// `simpledc`, `OAI-PMH`, `records`, `record`, `metadata`: Dublin Core). Any other name is
/// judged by its content: an XML root as above, a first line starting with `{` (or `[{`)
/// for JSON, a header naming `title` and `text` columns for CSV, or a title followed by
/// `Caption:` or `Source:` for a CVCE record.
pub fn detect(path: &str, head: &str) -> Option<Format> {
    match extension(path).and_then(|ext| EXTENSIONS.iter().find(|(e, _)| *e == ext)) {
        Some((_, Some(format))) => Some(*format),
        Some((_, None)) => xml_format(head),
        None => sniff(head),
    }
}

/// Whether a file met while walking a folder should be read at all: it has one of the
/// extensions [`detect`] knows, is not hidden, and is not a folder's README, LICENSE or
/// similar note.
///
/// Only the file's own name is judged; the walker decides about hidden folders.
pub fn is_candidate(path: &Path) -> bool {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy()) else {
        return false;
    };
    if name.starts_with('.') {
        return false;
    }
    let Some((stem, ext)) = name.rsplit_once('.') else {
        return false;
    };
    let ext = ext.to_ascii_lowercase();
    if !EXTENSIONS.iter().any(|(e, _)| *e == ext) {
        return false;
    }
    let stem = stem.to_ascii_uppercase();
    let base = stem.split(['-', '.', ' ']).next().unwrap_or_default();
    !FOLDER_NOTES.contains(&base)
}

/// The lowercased extension of the file name at the end of `path`.
fn extension(path: &str) -> Option<String> {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && !ext.is_empty() => Some(ext.to_ascii_lowercase()),
        _ => None,
    }
}

/// The format an XML file is in, by the local name of its root element.
fn xml_format(head: &str) -> Option<Format> {
    let root = root_element(head)?;
    let is = |name: &str| root.eq_ignore_ascii_case(name);
    if is("TEI") || is("teiCorpus") {
        Some(Format::Tei)
    } else if ["dc", "simpledc", "OAI-PMH", "records", "record", "metadata"]
        .iter()
        .any(|n| is(n))
    {
        Some(Format::Dc)
    } else {
        None
    }
}

/// The local name (without prefix) of the first element in `head`, skipping the XML
/// declaration, processing instructions, comments, a document type declaration and
/// whitespace. `None` when something else comes first or the head ends too soon.
fn root_element(head: &str) -> Option<&str> {
    let mut rest = head.trim_start_matches('\u{FEFF}');
    loop {
        rest = rest.trim_start();
        if rest.starts_with("<?") {
            rest = &rest[rest.find("?>")? + 2..];
        } else if rest.starts_with("<!--") {
            rest = &rest[rest.find("-->")? + 3..];
        } else if rest.len() >= 9
            && rest.is_char_boundary(9)
            && rest[..9].eq_ignore_ascii_case("<!DOCTYPE")
        {
            rest = &rest[doctype_length(rest)?..];
        } else if let Some(tag) = rest.strip_prefix('<') {
            let end = tag
                .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .unwrap_or(tag.len());
            let name = &tag[..end];
            let local = name.rsplit(':').next().unwrap_or(name);
            let starts_well = local
                .chars()
                .next()
                .is_some_and(|c| c.is_alphabetic() || c == '_');
            return starts_well.then_some(local);
        } else {
            return None;
        }
    }
}

/// The length of the document type declaration at the start of `text`, internal subset
/// and quoted strings included.
fn doctype_length(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote = None;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[') => depth += 1,
            (None, ']') => depth = depth.saturating_sub(1),
            (None, '>') if depth == 0 => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// The format of a file whose name says nothing, judged by its first lines.
fn sniff(head: &str) -> Option<Format> {
    let text = head.trim_start_matches('\u{FEFF}');
    if text.trim_start().starts_with('<') {
        return xml_format(text);
    }
    let json_array = text
        .trim_start()
        .strip_prefix('[')
        .is_some_and(|rest| rest.trim_start().starts_with(['{', ']']));
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next()?;
    if first.starts_with('{') || json_array {
        return Some(Format::Jsonl);
    }
    if is_csv_header(first) {
        return Some(Format::Csv);
    }
    let is_label = |l: &str| l.starts_with("Caption:") || l.starts_with("Source:");
    if !is_label(first) && lines.take(CVCE_LABEL_WITHIN_LINES).any(is_label) {
        return Some(Format::Cvce);
    }
    None
}

/// Whether a line is a CSV header naming both required columns.
fn is_csv_header(line: &str) -> bool {
    [',', ';', '\t'].iter().any(|&delimiter| {
        let names: Vec<String> = line
            .split(delimiter)
            .map(|n| n.trim().trim_matches('"').trim().to_ascii_lowercase())
            .collect();
        names.len() > 1 && names.iter().any(|n| n == "title") && names.iter().any(|n| n == "text")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_decide_first() {
        assert_eq!(detect("a/b/export.JSONL", "<TEI/>"), Some(Format::Jsonl));
        assert_eq!(detect("x.ndjson", ""), Some(Format::Jsonl));
        assert_eq!(detect("x.json", "[]"), Some(Format::Jsonl));
        assert_eq!(detect("C:\\data\\sheet.csv", ""), Some(Format::Csv));
        assert_eq!(detect("000_9d6c6296c74d2c8c.txt", ""), Some(Format::Cvce));
    }

    #[test]
    fn xml_is_read_by_its_root() {
        let tei = "\u{FEFF}<?xml version=\"1.0\"?>\n<?xml-model href=\"tei.rng\"?>\n<!-- a <comment> -->\n<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">";
        assert_eq!(detect("v.xml", tei), Some(Format::Tei));
        assert_eq!(
            detect("v.tei", "<tei:teiCorpus xmlns:tei=\"x\">"),
            Some(Format::Tei)
        );
        for root in [
            "oai_dc:dc",
            "dc",
            "srw_dc:dc",
            "simpledc",
            "OAI-PMH",
            "records",
            "record",
            "metadata",
        ] {
            assert_eq!(
                detect("r.xml", &format!("<{root} xmlns=\"x\">")),
                Some(Format::Dc),
                "{root}"
            );
        }
        assert_eq!(detect("r.xml", "<html><body/></html>"), None);
        assert_eq!(detect("r.xml", "not xml"), None);
        assert_eq!(
            detect("r.xml", "<?xml version=\"1.0\"?><!-- unfinished"),
            None
        );
    }

    #[test]
    fn a_doctype_is_skipped_so_the_reader_can_refuse_it() {
        let head =
            "<?xml version=\"1.0\"?>\n<!DOCTYPE dc [<!ENTITY x \"a>b\"> <!ELEMENT dc ANY>]>\n<dc/>";
        assert_eq!(detect("d.xml", head), Some(Format::Dc));
        assert_eq!(
            detect("d.xml", "<!DOCTYPE TEI SYSTEM \"tei.dtd\"><TEI>"),
            Some(Format::Tei)
        );
    }

    #[test]
    fn content_decides_without_a_known_extension() {
        assert_eq!(detect("dump", "\n{\"title\":\"x\"}\n"), Some(Format::Jsonl));
        assert_eq!(
            detect("dump.data", "[\n  {\"title\":\"x\"}"),
            Some(Format::Jsonl)
        );
        assert_eq!(detect("dump", "<TEI>"), Some(Format::Tei));
        assert_eq!(detect("sheet.tsv", "id\ttitle\ttext\n"), Some(Format::Csv));
        assert_eq!(
            detect("sheet", "\"title\",\"text\",date\n"),
            Some(Format::Csv)
        );
        let cvce = "United States aide-memoire (27 June 1950)\n\nCaption: On 27 June 1950…\n";
        assert_eq!(detect("record", cvce), Some(Format::Cvce));
        assert_eq!(
            detect("record.md", "Title\n\nSource: x\n"),
            Some(Format::Cvce)
        );
        assert_eq!(detect("notes.md", "# Notes\n\nNothing here.\n"), None);
        assert_eq!(detect("notes", "Caption: no title first\n"), None);
        assert_eq!(detect("empty", ""), None);
        assert_eq!(detect("odd", "[1, 2]"), None);
    }

    #[test]
    fn candidates_are_known_visible_record_files() {
        for yes in [
            "a/b.xml",
            "b.TEI",
            "c.jsonl",
            "d.ndjson",
            "e.json",
            "f.csv",
            "000_9d6c.txt",
            "readme-notes/x.xml",
            "Reader's notes.txt",
        ] {
            assert!(is_candidate(Path::new(yes)), "{yes}");
        }
        for no in [
            ".hidden.xml",
            "x/.DS_Store",
            "README.md",
            "README.txt",
            "LICENSE.md",
            "LICENSE-APACHE.txt",
            "licence.xml",
            "notes.md",
            "image.png",
            "noext",
            "x.xml~",
            "data/",
        ] {
            assert!(!is_candidate(Path::new(no)), "{no}");
        }
    }

    #[test]
    fn odd_heads_do_not_panic() {
        for head in [
            "<",
            "<!",
            "<!DOCTYPE",
            "<!DOCTYPÉ x>",
            "<:",
            "< a>",
            "<?",
            "<!-",
            "[",
            "{",
            "é<é",
        ] {
            let _ = detect("x.xml", head);
            let _ = detect("x", head);
        }
    }
}
