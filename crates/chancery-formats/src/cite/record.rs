//! What every citation writer needs from a document, worked out once: the kind of item,
//! cleaned text fields, names split, the date reduced, the printed source and the addresses.

use chancery_model::{DocType, Document};

use super::CiteContext;
use super::dates::{CiteDate, Parts};
use super::names::Name;

/// The kind of citable item, which fixes the CSL type, the BibTeX entry type and the RIS type
/// together so that every format and style agrees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Correspondence from a sender to a recipient: CSL `personal_communication`, RIS `PCOMM`.
    Correspondence,
    /// Any other archival document: CSL `manuscript`, RIS `MANSCPT`.
    Manuscript,
    /// An essay or article: CSL `article`, RIS `GEN`.
    Article,
}

impl Kind {
    fn of(doc: &Document) -> Kind {
        match doc.doc_type {
            Some(DocType::Article | DocType::EditorialNote | DocType::Chronology) => Kind::Article,
            Some(
                DocType::Letter
                | DocType::Telegram
                | DocType::Airgram
                | DocType::Despatch
                | DocType::Instruction
                | DocType::Note
                | DocType::NoteVerbale
                | DocType::AideMemoire,
            ) => Kind::Correspondence,
            _ if doc.recipients.iter().any(|r| !r.name.trim().is_empty()) => Kind::Correspondence,
            _ => Kind::Manuscript,
        }
    }

    /// The CSL item type.
    pub(crate) fn csl_type(self) -> &'static str {
        match self {
            Kind::Correspondence => "personal_communication",
            Kind::Manuscript => "manuscript",
            Kind::Article => "article",
        }
    }
}

/// The publication a document was printed in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Container {
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub place: Option<String>,
    pub year: Option<i32>,
    pub pages: Option<String>,
}

impl Container {
    /// The container as one line: "Title. Place: Publisher, 1950, p. 91".
    pub(crate) fn describe(&self) -> String {
        let mut out = self.title.clone().unwrap_or_default();
        let imprint = match (&self.place, &self.publisher) {
            (Some(place), Some(publisher)) => Some(format!("{place}: {publisher}")),
            (Some(one), None) | (None, Some(one)) => Some(one.clone()),
            (None, None) => None,
        };
        let mut facts: Vec<String> = imprint.into_iter().collect();
        facts.extend(self.year.map(|y| y.to_string()));
        if !facts.is_empty() {
            if !out.is_empty() {
                out.push_str(". ");
            }
            out.push_str(&facts.join(", "));
        }
        if let Some(pages) = &self.pages {
            if !out.is_empty() {
                out.push_str(", ");
            }
            let label = if pages.contains(['-', '–', ',']) {
                "pp."
            } else {
                "p."
            };
            out.push_str(&format!("{label} {pages}"));
        }
        out
    }

    /// The first and last page when the pages are one page or a simple range.
    pub(crate) fn page_range(&self) -> Option<(String, Option<String>)> {
        let pages = self.pages.as_deref()?;
        match pages.split_once(['-', '–']) {
            Some((a, b)) => {
                let (a, b) = (a.trim_matches('-').trim(), b.trim_matches('-').trim());
                (!a.is_empty() && !b.is_empty() && !b.contains(['-', '–', ',']))
                    .then(|| (a.to_string(), Some(b.to_string())))
            }
            None => (!pages.contains(',')).then(|| (pages.to_string(), None)),
        }
    }
}

/// A document digested for citing.
#[derive(Debug, Clone)]
pub(crate) struct Record {
    pub id: String,
    pub kind: Kind,
    pub title: Option<String>,
    /// The document type's label ("Aide-mémoire", "Article").
    pub genre: Option<String>,
    pub authors: Vec<Name>,
    pub recipients: Vec<Name>,
    /// The document's own date, when it gives a usable one.
    pub date: Option<CiteDate>,
    /// The date the citation is issued under: the document's, else its container's year.
    pub issued: Option<CiteDate>,
    /// The document's date as readers write it ("circa June 1950"), when it has one.
    pub date_text: Option<String>,
    pub container: Option<Container>,
    /// The printed source as the record gives it, when it has no structured title.
    pub source_text: Option<String>,
    pub language: Option<String>,
    pub summary: Option<String>,
    pub archive: Option<String>,
    /// The document's page in this archive (an http(s) address, or none).
    pub archive_url: Option<String>,
    /// The original's own address, when it has one other than the archive page.
    pub original_url: Option<String>,
    pub accessed: jiff::civil::Date,
}

/// Whitespace collapsed and trimmed; `None` when nothing is left.
pub(crate) fn clean(text: &str) -> Option<String> {
    let out = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!out.is_empty()).then_some(out)
}

fn clean_opt(text: Option<&String>) -> Option<String> {
    text.and_then(|t| clean(t))
}

/// Only http and https addresses are given out as links.
pub(crate) fn web_address(url: &str) -> Option<String> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    ((lower.starts_with("http://") || lower.starts_with("https://"))
        && !url.chars().any(|c| c.is_whitespace() || c.is_control()))
    .then(|| url.to_string())
}

impl Record {
    pub(crate) fn new(doc: &Document, ctx: &CiteContext) -> Record {
        let kind = Kind::of(doc);
        let names = |agents: &[chancery_model::AgentRef]| -> Vec<Name> {
            agents.iter().filter_map(|a| Name::parse(&a.name)).collect()
        };
        let (container, source_text) = match &doc.source {
            Some(source) => {
                let container = Container {
                    title: clean_opt(source.title.as_ref()),
                    publisher: clean_opt(source.publisher.as_ref()),
                    place: clean_opt(source.place.as_ref()),
                    year: source.year.filter(|y| (-9999..=9999).contains(y)),
                    pages: clean_opt(source.pages.as_ref()),
                };
                let has_parts = container.title.is_some()
                    || container.publisher.is_some()
                    || container.pages.is_some();
                let text = clean_opt(source.text.as_ref()).filter(|_| container.title.is_none());
                (has_parts.then_some(container), text)
            }
            None => (None, None),
        };
        let date = doc.date.as_ref().and_then(CiteDate::from_doc);
        let issued = date.clone().or_else(|| {
            container
                .as_ref()
                .and_then(|c| c.year)
                .and_then(CiteDate::year)
        });
        let archive_url = web_address(&ctx.archive_url);
        let original_url = doc
            .url
            .as_deref()
            .and_then(web_address)
            .filter(|u| Some(u) != archive_url.as_ref());
        Record {
            id: doc.id.to_string(),
            kind,
            title: clean(&doc.title),
            genre: doc.doc_type.map(|t| t.label().to_string()),
            authors: names(&doc.senders),
            recipients: names(&doc.recipients),
            date_text: date
                .as_ref()
                .and(doc.date.as_ref())
                .map(chancery_model::DocDate::readable),
            date,
            issued,
            container,
            source_text,
            language: clean_opt(doc.language.as_ref()),
            summary: clean_opt(doc.caption.as_ref()),
            archive: clean(&ctx.archive),
            archive_url,
            original_url,
            accessed: ctx.accessed,
        }
    }

    /// The access date as date parts.
    pub(crate) fn accessed_parts(&self) -> Parts {
        Parts {
            year: i32::from(self.accessed.year()),
            month: u8::try_from(self.accessed.month()).ok(),
            day: u8::try_from(self.accessed.day()).ok(),
            season: None,
        }
    }

    /// The year the citation is issued under, for keys and the RIS `PY` tag.
    pub(crate) fn year(&self) -> Option<i32> {
        self.issued.as_ref().map(|d| d.start.year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn container(pages: &str) -> Container {
        Container {
            pages: Some(pages.into()),
            ..Container::default()
        }
    }

    #[test]
    fn page_ranges() {
        assert_eq!(container("91").page_range(), Some(("91".into(), None)));
        assert_eq!(
            container("91-93").page_range(),
            Some(("91".into(), Some("93".into())))
        );
        assert_eq!(
            container("91–93").page_range(),
            Some(("91".into(), Some("93".into())))
        );
        assert_eq!(container("91, 95").page_range(), None);
        assert_eq!(container("-").page_range(), None);
    }

    #[test]
    fn containers_describe_themselves() {
        let c = Container {
            title: Some("Documents".into()),
            publisher: Some("Soviet News".into()),
            place: Some("London".into()),
            year: Some(1950),
            pages: Some("91".into()),
        };
        assert_eq!(c.describe(), "Documents. London: Soviet News, 1950, p. 91");
        assert_eq!(container("1-2").describe(), "pp. 1-2");
    }

    #[test]
    fn only_web_addresses_are_links() {
        assert_eq!(
            web_address(" https://a.example/x "),
            Some("https://a.example/x".into())
        );
        assert_eq!(web_address("javascript:alert(1)"), None);
        assert_eq!(web_address("http://a.example/x y"), None);
    }
}
