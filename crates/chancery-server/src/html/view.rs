//! What pages show of documents and counts, shaped for the templates, and the small
//! wordings they share (type labels, readable dates, collection and language names).

use chancery_index::Hit;
use chancery_model::{DocDate, DocType};

use super::url;

/// A link to a document in a list: title, date and type.
#[derive(Debug, Clone)]
pub struct DocLink {
    /// The document page's address.
    pub href: String,
    /// Its title.
    pub title: String,
    /// Its date, readable ("27 June 1950"), or empty.
    pub date: String,
    /// The date for `<time datetime>` (ISO day, month or year), or empty.
    pub datetime: String,
    /// Its type's label, or empty.
    pub doc_type: String,
}

impl DocLink {
    /// A link from a search hit.
    pub fn from_hit(hit: &Hit) -> Self {
        let (date, datetime) = dates(hit.date.as_deref());
        Self {
            href: url::document(&hit.id),
            title: hit.title.clone(),
            date,
            datetime,
            doc_type: type_label(hit.doc_type.as_deref()),
        }
    }

    /// A link from an identifier, a title and an EDTF date.
    pub fn new(id: &str, title: &str, date: Option<&str>) -> Self {
        let (date, datetime) = dates(date);
        Self {
            href: url::document(id),
            title: title.to_string(),
            date,
            datetime,
            doc_type: String::new(),
        }
    }
}

/// A readable date and its machine-readable form from an EDTF expression.
pub fn dates(edtf: Option<&str>) -> (String, String) {
    match edtf.and_then(|e| DocDate::parse_edtf(e).ok()) {
        Some(date) => (date.readable(), machine_date(&date)),
        None => (String::new(), String::new()),
    }
}

/// The date for `<time datetime>`: the EDTF expression when it is a plain day, month or
/// year (the forms HTML accepts), else empty.
pub fn machine_date(date: &DocDate) -> String {
    let edtf = date.edtf();
    let plain = edtf.chars().all(|c| c.is_ascii_digit() || c == '-')
        && !edtf.starts_with('-')
        && matches!(edtf.len(), 4 | 7 | 10);
    if plain {
        edtf.to_string()
    } else {
        String::new()
    }
}

/// The label of a type given by its slug ("aide-memoire" → "Aide-mémoire").
pub fn type_label(slug: Option<&str>) -> String {
    slug.and_then(DocType::from_name)
        .map(|t| t.label().to_string())
        .or_else(|| slug.map(str::to_string))
        .unwrap_or_default()
}

/// The plural label of a type, for counts ("Aide-mémoires", "Minutes").
pub fn type_label_plural(slug: &str) -> String {
    match DocType::from_name(slug) {
        Some(DocType::Minutes) => "Minutes".into(),
        Some(DocType::Memorandum) => "Memoranda".into(),
        Some(DocType::MemorandumOfConversation) => "Memoranda of conversation".into(),
        Some(DocType::Speech) => "Speeches".into(),
        Some(DocType::Despatch) => "Despatches".into(),
        Some(DocType::Chronology) => "Chronologies".into(),
        Some(DocType::Treaty) => "Treaties".into(),
        Some(DocType::NoteVerbale) => "Notes verbales".into(),
        Some(DocType::AideMemoire) => "Aide-mémoires".into(),
        Some(DocType::Transcript) => "Transcripts".into(),
        Some(t) => format!("{}s", t.label()),
        None => slug.to_string(),
    }
}

/// A collection's name from its identifier ("korean-war" → "Korean War"): collections have
/// no title record yet.
pub fn collection_name(id: &str) -> String {
    const SMALL: &[&str] = &[
        "a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "de", "du", "la",
        "le", "des", "et",
    ];
    let words: Vec<String> = id
        .split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .enumerate()
        .map(|(i, word)| {
            if (i > 0 && SMALL.contains(&word)) || word.chars().all(|c| c.is_ascii_digit()) {
                word.to_string()
            } else {
                let mut chars = word.chars();
                chars
                    .next()
                    .map(|first| first.to_uppercase().chain(chars).collect())
                    .unwrap_or_default()
            }
        })
        .collect();
    if words.is_empty() {
        id.to_string()
    } else {
        words.join(" ")
    }
}

/// The English name of a language code, or the code itself.
pub fn language_name(code: &str) -> String {
    let primary = code
        .split(['-', '_'])
        .next()
        .unwrap_or(code)
        .to_ascii_lowercase();
    let name = match primary.as_str() {
        "en" => "English",
        "fr" => "French",
        "de" => "German",
        "ru" => "Russian",
        "es" => "Spanish",
        "it" => "Italian",
        "pt" => "Portuguese",
        "nl" => "Dutch",
        "pl" => "Polish",
        "zh" => "Chinese",
        "ja" => "Japanese",
        "ko" => "Korean",
        "ar" => "Arabic",
        "sv" => "Swedish",
        "da" => "Danish",
        "no" | "nb" | "nn" => "Norwegian",
        "fi" => "Finnish",
        "el" => "Greek",
        "tr" => "Turkish",
        "hu" => "Hungarian",
        "ro" => "Romanian",
        "cs" => "Czech",
        "la" => "Latin",
        "he" => "Hebrew",
        "fa" => "Persian",
        "uk" => "Ukrainian",
        "lb" => "Luxembourgish",
        _ => return code.to_string(),
    };
    name.to_string()
}

/// A count with its noun ("1 document", "12 documents"), with thousands separated.
pub fn count_noun(count: u64, one: &str, many: &str) -> String {
    format!(
        "{} {}",
        thousands(count),
        if count == 1 { one } else { many }
    )
}

/// `1234567` → `1,234,567`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A timestamp as readers read it: `29 November 2026, 03:43 UTC`.
pub fn timestamp(at: jiff::Timestamp) -> String {
    at.strftime("%-d %B %Y, %H:%M UTC").to_string()
}

/// The month's name (1–12).
pub fn month_name(month: u8) -> &'static str {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    MONTHS
        .get(usize::from(month.saturating_sub(1)))
        .copied()
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wordings() {
        assert_eq!(collection_name("korean-war"), "Korean War");
        assert_eq!(
            collection_name("history-of-the-cold-war"),
            "History of the Cold War"
        );
        assert_eq!(type_label(Some("aide-memoire")), "Aide-mémoire");
        assert_eq!(type_label_plural("telegram"), "Telegrams");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(count_noun(1, "document", "documents"), "1 document");
        assert_eq!(dates(Some("1950-06-27")).1, "1950-06-27");
        assert_eq!(dates(Some("1950?")).1, "");
    }
}
