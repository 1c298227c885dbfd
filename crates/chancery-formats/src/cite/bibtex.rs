//! BibTeX, written for biblatex (UTF-8 kept as it is, an EDTF `date`) and still read by
//! classic BibTeX (`year`, `howpublished`, `note`).

use super::dates::Parts;
use super::names::Name;
use super::record::{Kind, Record};

/// One `@misc` entry, ending in a newline.
pub(crate) fn entry(record: &Record) -> String {
    let mut fields: Vec<(&str, String)> = Vec::new();
    if !record.authors.is_empty() {
        let authors: Vec<String> = record.authors.iter().map(name).collect();
        fields.push(("author", authors.join(" and ")));
    }
    if let Some(title) = &record.title {
        fields.push(("title", escape(title)));
    }
    if let Some(genre) = &record.genre {
        fields.push(("type", escape(genre)));
    }
    if let Some(issued) = &record.issued {
        fields.push(("date", issued.edtf()));
        fields.push(("year", year(&issued.start)));
    }
    let printed = record
        .container
        .as_ref()
        .map(|c| c.describe())
        .or_else(|| record.source_text.clone())
        .filter(|s| !s.is_empty());
    if let Some(printed) = printed {
        fields.push(("howpublished", escape(&printed)));
    }
    let note = note(record);
    if !note.is_empty() {
        fields.push(("note", escape(&note)));
    }
    if let Some(language) = &record.language {
        fields.push(("language", escape(language)));
    }
    if let Some(summary) = &record.summary {
        fields.push(("abstract", escape(summary)));
    }
    if let Some(url) = &record.archive_url {
        fields.push(("url", url_field(url)));
    }
    fields.push(("urldate", record.accessed.to_string()));

    let mut out = format!("@misc{{{},\n", key(record));
    for (name, value) in fields {
        out.push_str(&format!("  {name} = {{{value}}},\n"));
    }
    out.push_str("}\n");
    out
}

/// What @misc has no field for, as sentences: the recipients, the archive, and the
/// original's own address.
fn note(record: &Record) -> String {
    let mut parts = Vec::new();
    if !record.recipients.is_empty() {
        let names: Vec<String> = record.recipients.iter().map(Name::display).collect();
        let verb = if record.kind == Kind::Correspondence {
            "Addressed to"
        } else {
            "Recipients:"
        };
        parts.push(format!("{verb} {}", names.join(", ")));
    }
    if let Some(archive) = &record.archive {
        parts.push(archive.clone());
    }
    let mut note = parts.join(". ");
    if !note.is_empty() && !note.ends_with(['.', '!', '?']) {
        note.push('.');
    }
    // The address comes last, with no period after it that could be taken for part of it.
    if let Some(url) = &record.original_url {
        if !note.is_empty() {
            note.push(' ');
        }
        note.push_str(&format!("Original online at {url}"));
    }
    note
}

fn year(parts: &Parts) -> String {
    parts.year.to_string()
}

/// A name as BibTeX splits names: "von Last, Jr, First", or a literal braced whole so that
/// BibTeX never splits or abbreviates it.
fn name(name: &Name) -> String {
    match name {
        Name::Person {
            family,
            given,
            particle,
            suffix,
        } => {
            let last = match particle {
                Some(p) => format!("{} {}", escape(p), escape(family)),
                None => escape(family),
            };
            match suffix {
                Some(s) => format!("{last}, {}, {}", escape(s), escape(given)),
                None => format!("{last}, {}", escape(given)),
            }
        }
        Name::Literal(literal) => format!("{{{}}}", escape(literal)),
    }
}

/// The stable key: first author's family name (or the first word of a literal name), the
/// year, the first significant title word, and the first characters of the identifier, all
/// folded to lowercase ASCII: `kirk1950united-5118`.
pub(crate) fn key(record: &Record) -> String {
    let author = record
        .authors
        .first()
        .and_then(|n| folded_words(n.key_word()).next())
        .unwrap_or_else(|| "anon".into());
    let year = match record.year() {
        Some(y) if y > 0 => y.to_string(),
        Some(y) => format!("{}bce", 1 - i64::from(y)),
        None => "nd".into(),
    };
    let word = folded_words(record.title.as_deref().unwrap_or_default())
        .find(|w| !STOP_WORDS.contains(&w.as_str()))
        .unwrap_or_default();
    let id: String = record
        .id
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(4)
        .collect::<String>()
        .to_ascii_lowercase();
    format!("{author}{year}{word}-{id}")
}

/// Words a key skips at the start of a title.
const STOP_WORDS: &[&str] = &[
    "the", "a", "an", "of", "on", "to", "le", "la", "les", "l", "un", "une", "der", "die", "das",
    "ein", "eine", "el", "los", "il", "lo",
];

/// The words of a text transliterated to ASCII (which also splits Chinese and Japanese into
/// syllables: "周恩来" gives "zhou", "en", "lai"), lowercased, keeping letters and digits only.
fn folded_words(text: &str) -> impl Iterator<Item = String> {
    deunicode::deunicode(text)
        .split_whitespace()
        .map(|w| {
            w.chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .into_iter()
}

/// Escapes the characters (La)TeX gives meaning to; other characters, accented or not, stay
/// as they are (biblatex reads UTF-8). Line breaks and control characters become spaces.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '{' | '}' | '%' | '&' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '\\' => out.push_str("\\textbackslash{}"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A URL for biblatex's verbatim `url` field: left as it is, except for the characters that
/// would unbalance or end the field, which are percent-encoded.
fn url_field(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            '{' => out.push_str("%7B"),
            '}' => out.push_str("%7D"),
            '\\' => out.push_str("%5C"),
            c if c.is_whitespace() || c.is_control() => out.push_str("%20"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_tex_reads() {
        assert_eq!(
            escape(r"{a} 50% & $x$ #1 a_b ~ ^ \ é"),
            r"\{a\} 50\% \& \$x\$ \#1 a\_b \textasciitilde{} \textasciicircum{} \textbackslash{} é"
        );
        assert_eq!(escape("a\nb"), "a b");
    }

    #[test]
    fn names_as_bibtex_splits_them() {
        let p = Name::parse("Charles de Gaulle").unwrap();
        assert_eq!(name(&p), "de Gaulle, Charles");
        let p = Name::parse("Alan G. Kirk Jr.").unwrap();
        assert_eq!(name(&p), "Kirk, Jr., Alan G.");
        let o = Name::parse("Department of State & Co {x}").unwrap();
        assert_eq!(name(&o), r"{Department of State \& Co \{x\}}");
    }

    #[test]
    fn urls_stay_verbatim_but_balanced() {
        assert_eq!(
            url_field("http://a.example/x_y%20{z}"),
            "http://a.example/x_y%20%7Bz%7D"
        );
    }
}
