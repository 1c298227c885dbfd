//! CVCE-style text records, as published by CVCE.eu.
//!
//! A record is a title line, then labelled header paragraphs — `Caption:`, `Source:`,
//! `Copyright:` (which may run over several paragraphs, up to `URL:`), `URL:` and
//! `Last updated:` (DD/MM/YYYY) — then the document itself: its own heading and its text.
//! Paragraphs are separated by blank lines.
//!
//! The record's identifier is the UUID at the end of its CVCE URL and its language the code
//! before it (`…-en-5118690c-….html`); its date comes from the title ("(27 June 1950)"),
//! else the caption, else the document's heading.

use chancery_model::date::written;
use chancery_model::{
    Block, BlockKind, DocDate, DocType, Document, DocumentId, Provenance, SourceCitation,
};

use crate::{FormatError, ReadContext, ReadOutput};

/// The labels of the header, in the order CVCE writes them.
const LABELS: &[&str] = &["Caption:", "Source:", "Copyright:", "URL:", "Last updated:"];

/// A paragraph of the file: its lines and the line number where it starts.
struct Paragraph<'t> {
    lines: Vec<&'t str>,
    line: usize,
}

impl Paragraph<'_> {
    fn joined(&self) -> String {
        self.lines
            .iter()
            .map(|l| l.trim())
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn label(&self) -> Option<&'static str> {
        let first = self.lines.first()?.trim_start();
        LABELS.iter().copied().find(|l| {
            first
                .get(..l.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(l))
        })
    }

    /// The text after the label, with the label removed.
    fn value(&self, label: &str) -> String {
        self.joined()
            .get(label.len()..)
            .unwrap_or_default()
            .trim()
            .to_string()
    }
}

fn paragraphs(text: &str) -> Vec<Paragraph<'_>> {
    let mut out: Vec<Paragraph<'_>> = Vec::new();
    let mut current: Option<Paragraph<'_>> = None;
    for (index, line) in text.split('\n').enumerate() {
        let line_text = line.strip_suffix('\r').unwrap_or(line);
        if line_text.trim().is_empty() {
            out.extend(current.take());
        } else {
            let p = current.get_or_insert_with(|| Paragraph {
                lines: Vec::new(),
                line: index + 1,
            });
            p.lines.push(line_text);
        }
    }
    out.extend(current);
    out
}

/// Reads one CVCE record.
pub fn read(text: &str, ctx: &ReadContext) -> Result<ReadOutput, Vec<FormatError>> {
    let paras = paragraphs(text);
    let mut warnings = Vec::new();
    let mut errors = Vec::new();

    let Some(title_para) = paras.first() else {
        return Err(vec![FormatError::whole(
            "empty record: expected a title line",
        )]);
    };
    if let Some(label) = title_para.label() {
        return Err(vec![FormatError::at(
            title_para.line,
            1,
            format!("expected the record's title on the first line, found the '{label}' field"),
        )]);
    }
    let title = title_para.joined();

    let mut caption = None;
    let mut source_text = None;
    let mut copyright: Vec<String> = Vec::new();
    let mut url = None;
    let mut updated = None;
    let mut in_copyright = false;
    let mut body_start = None;
    let mut seen_label = false;

    for (i, p) in paras.iter().enumerate().skip(1) {
        match p.label() {
            Some(label) => {
                seen_label = true;
                in_copyright = label == "Copyright:";
                let value = p.value(label);
                if value.is_empty() && label != "Copyright:" {
                    warnings.push(format!("line {}: the '{label}' field is empty", p.line));
                }
                match label {
                    "Caption:" => caption = Some(value).filter(|v| !v.is_empty()),
                    "Source:" => source_text = Some(value).filter(|v| !v.is_empty()),
                    "Copyright:" => copyright.extend(Some(value).filter(|v| !v.is_empty())),
                    "URL:" => url = Some((value, p)),
                    _ => {
                        updated = Some((value, p));
                        body_start = Some(i + 1);
                        break;
                    }
                }
            }
            None if in_copyright => copyright.push(p.joined()),
            None => {
                // The first unlabelled paragraph after the header fields starts the document.
                body_start = Some(i);
                break;
            }
        }
    }
    if !seen_label {
        return Err(vec![FormatError::at(
            paras.get(1).map_or(title_para.line + 1, |p| p.line),
            1,
            "not a CVCE record: expected header fields such as 'Caption:', 'Source:', \
             'Copyright:', 'URL:' and 'Last updated:' after the title",
        )]);
    }

    let (id, language, url) = match url {
        Some((value, p)) => match parse_cvce_url(&value) {
            Some((id, lang)) => (id, lang, Some(value)),
            None if value.starts_with("http://") || value.starts_with("https://") => {
                warnings.push(format!(
                    "line {}: the URL carries no CVCE identifier; the record's identity comes from its file name",
                    p.line
                ));
                (
                    DocumentId::from_key(&format!("cvce:{}", ctx.stem)),
                    None,
                    Some(value),
                )
            }
            None => {
                errors.push(FormatError::at(
                    p.line,
                    1,
                    format!("URL: '{value}' is not an http(s) address"),
                ));
                (DocumentId::nil(), None, None)
            }
        },
        None => (
            DocumentId::from_key(&format!("cvce:{}", ctx.stem)),
            None,
            None,
        ),
    };

    let source_updated = match updated {
        Some((value, p)) => match parse_dmy(&value) {
            Some(date) => Some(date),
            None => {
                let column = p.lines.first().map_or(1, |l| {
                    l.find(value.as_str())
                        .map_or(1, |c| l[..c].chars().count() + 1)
                });
                errors.push(FormatError::at(
                    p.line,
                    column,
                    format!("Last updated: '{value}' is not a date in the form DD/MM/YYYY"),
                ));
                None
            }
        },
        None => None,
    };

    let body_paras = body_start.map_or(&paras[paras.len()..], |s| &paras[s.min(paras.len())..]);
    if body_paras.is_empty() {
        let line = paras.last().map_or(1, |p| p.line);
        errors.push(FormatError::at(
            line,
            1,
            "no document text after the header",
        ));
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    let mut body: Vec<Block> = body_paras
        .iter()
        .map(|p| Block::paragraph(p.joined()))
        .collect();
    if let Some(first) = body.first_mut()
        && looks_like_heading(&first.text)
        && body_paras.len() > 1
    {
        first.kind = BlockKind::Heading;
        first.level = 1;
    }

    let heading = body
        .first()
        .filter(|b| b.kind == BlockKind::Heading)
        .map(|b| b.text.clone());
    let date = title_date(&title)
        .or_else(|| caption.as_deref().and_then(first_full_date))
        .or_else(|| heading.as_deref().and_then(first_full_date));
    let doc_type =
        DocType::from_title(&title).or_else(|| heading.as_deref().and_then(DocType::from_title));

    let mut doc = Document::new(id, title, "");
    doc.body = body;
    doc.doc_type = doc_type;
    doc.date = date;
    doc.language = language;
    doc.caption = caption;
    doc.source = source_text.map(|t| split_source(&t));
    doc.rights.statement = (!copyright.is_empty()).then(|| copyright.join("\n\n"));
    doc.url = url;
    doc.source_updated = source_updated;
    doc.provenance = Some(Provenance {
        format: Some("cvce".into()),
        ..Provenance::default()
    });

    if let Err(problems) = doc.validate() {
        let at = body_paras.first().or(paras.first()).map_or(1, |p| p.line);
        return Err(problems
            .into_iter()
            .map(|e| FormatError::at(at, 1, e.to_string()))
            .collect());
    }
    Ok(ReadOutput {
        documents: vec![doc],
        warnings,
    })
}

/// The identifier and language of a CVCE object URL such as
/// `http://www.cvce.eu/obj/united_states_aide_memoire_27_june_1950-en-5118690c-57ed-4ad7-a473-188be44d8d2e.html`.
fn parse_cvce_url(url: &str) -> Option<(DocumentId, Option<String>)> {
    let path = url.split(['?', '#']).next()?;
    let last = path.rsplit('/').next()?;
    let stem = last
        .strip_suffix(".html")
        .or_else(|| last.strip_suffix(".htm"))
        .unwrap_or(last);
    if stem.len() < 36 || !stem.is_char_boundary(stem.len() - 36) {
        return None;
    }
    let (rest, uuid) = stem.split_at(stem.len() - 36);
    let id: DocumentId = uuid.parse().ok()?;
    let language = rest
        .strip_suffix('-')
        .and_then(|r| r.rsplit('-').next())
        .filter(|l| (2..=3).contains(&l.len()) && l.chars().all(|c| c.is_ascii_lowercase()))
        .map(str::to_string);
    Some((id, language))
}

/// A DD/MM/YYYY date.
fn parse_dmy(value: &str) -> Option<jiff::civil::Date> {
    let mut parts = value.trim().split('/');
    let day: i8 = parts.next()?.trim().parse().ok()?;
    let month: i8 = parts.next()?.trim().parse().ok()?;
    let year: i16 = parts.next()?.trim().parse().ok()?;
    if parts.next().is_some() {
        return None;
    }
    jiff::civil::Date::new(year, month, day).ok()
}

/// The date a CVCE title gives in parentheses at its end, "… (27 June 1950)", or else the
/// last complete date written anywhere in it.
fn title_date(title: &str) -> Option<DocDate> {
    let trimmed = title.trim_end();
    if let Some(inner) = trimmed
        .strip_suffix(')')
        .and_then(|t| t.rfind('(').map(|i| &t[i + 1..]))
        && let Ok(date) = DocDate::from_written(inner)
    {
        return Some(date);
    }
    written::find_all(title, None)
        .into_iter()
        .rev()
        .find_map(|f| {
            f.edtf.and_then(|e| {
                DocDate::parse_edtf(&e)
                    .ok()
                    .map(|d| d.with_text(&title[f.start..f.end]))
            })
        })
}

/// The first date in `text` precise to the day.
fn first_full_date(text: &str) -> Option<DocDate> {
    written::find_all(text, None).into_iter().find_map(|f| {
        let edtf = f.edtf?;
        (edtf.len() == 10).then(|| {
            DocDate::parse_edtf(&edtf)
                .ok()
                .map(|d| d.with_text(&text[f.start..f.end]))
        })?
    })
}

/// A short single-sentence line without closing punctuation reads as a heading.
fn looks_like_heading(text: &str) -> bool {
    let t = text.trim_end_matches(['”', '"', '’', '\'', ')']);
    text.chars().count() <= 200 && !t.ends_with(['.', '!', '?', ':', ';', ','])
}

/// Splits a citation like `The Soviet Union and the Korean Question: Documents. London:
/// Soviet News, 1950. 99 p. p. 91.` into title, place, publisher, year, extent and pages,
/// keeping the original text. Parts that cannot be found are left out.
fn split_source(text: &str) -> SourceCitation {
    let mut source = SourceCitation {
        text: Some(text.to_string()),
        ..SourceCitation::default()
    };
    // The imprint "Place: Publisher, YYYY." is the anchor; the title comes before it.
    let imprint = find_imprint(text);
    let after = match imprint {
        Some(Imprint {
            title_end,
            place,
            publisher,
            year,
            end,
        }) => {
            let title = text[..title_end].trim().trim_end_matches('.').trim();
            source.title = (!title.is_empty()).then(|| title.to_string());
            source.place = Some(place.to_string());
            source.publisher = Some(publisher.to_string());
            source.year = Some(year);
            &text[end..]
        }
        None => {
            // Without an imprint, the first sentence is taken as the title.
            if let Some(stop) = text.find(". ") {
                source.title = Some(text[..stop].trim().to_string());
                &text[stop + 1..]
            } else {
                ""
            }
        }
    };
    // What follows the imprint: an extent ("99 p."), the pages cited ("p. 91", "pp. 3-5").
    let words: Vec<&str> = after.split_whitespace().collect();
    let mut i = 0;
    while i < words.len() {
        let word = words[i];
        let next = words.get(i + 1).copied();
        if matches!(word, "p." | "pp." | "S." | "s.")
            && let Some(pages) = next
        {
            let pages = pages.trim_end_matches(['.', ',', ';']);
            if pages.starts_with(|c: char| c.is_ascii_alphanumeric()) {
                source.pages = Some(pages.to_string());
            }
            i += 2;
        } else if !word.is_empty()
            && word.chars().all(|c| c.is_ascii_digit())
            && matches!(next, Some("p." | "pp." | "p"))
        {
            source.extent = Some(format!("{word} p."));
            i += 2;
        } else {
            if source.year.is_none()
                && let Some(year) = word
                    .split(|c: char| !c.is_ascii_digit())
                    .find(|w| w.len() == 4)
                    .and_then(|w| w.parse::<i32>().ok())
                    .filter(|y| (1000..=2100).contains(y))
            {
                source.year = Some(year);
            }
            i += 1;
        }
    }
    source
}

struct Imprint<'t> {
    title_end: usize,
    place: &'t str,
    publisher: &'t str,
    year: i32,
    end: usize,
}

/// Finds `. Place: Publisher, YYYY.` in a citation.
fn find_imprint(text: &str) -> Option<Imprint<'_>> {
    let bytes = text.as_bytes();
    let mut search = 0;
    while let Some(found) = text[search..].find(", ") {
        let comma = search + found;
        search = comma + 2;
        let year_str = text.get(comma + 2..comma + 6)?;
        let Ok(year) = year_str.parse::<i32>() else {
            continue;
        };
        let end = comma + 6;
        if bytes.get(end).is_some_and(|b| *b != b'.') {
            continue;
        }
        // Place and publisher: "… . Place: Publisher" just before the comma.
        let before = &text[..comma];
        let Some(colon) = before.rfind(": ") else {
            continue;
        };
        let Some(stop) = before[..colon].rfind(". ") else {
            continue;
        };
        let place = before[stop + 2..colon].trim();
        let publisher = before[colon + 2..].trim();
        if place.is_empty() || publisher.is_empty() || place.contains(". ") {
            continue;
        }
        return Some(Imprint {
            title_end: stop + 1,
            place,
            publisher,
            year,
            end: (end + 1).min(text.len()),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_a_book_citation() {
        let s = split_source(
            "The Soviet Union and the Korean Question: Documents. London: Soviet News, 1950. 99 p. p. 91.",
        );
        assert_eq!(
            s.title.as_deref(),
            Some("The Soviet Union and the Korean Question: Documents")
        );
        assert_eq!(s.place.as_deref(), Some("London"));
        assert_eq!(s.publisher.as_deref(), Some("Soviet News"));
        assert_eq!(s.year, Some(1950));
        assert_eq!(s.extent.as_deref(), Some("99 p."));
        assert_eq!(s.pages.as_deref(), Some("91"));
    }

    #[test]
    fn splits_a_citation_without_imprint() {
        let s = split_source("Le Monde. 28.06.1950, n° 1657. p. 1.");
        assert_eq!(s.title.as_deref(), Some("Le Monde"));
        assert_eq!(s.year, Some(1950));
        assert_eq!(s.pages.as_deref(), Some("1"));
    }

    #[test]
    fn reads_cvce_urls() {
        let (id, lang) = parse_cvce_url(
            "http://www.cvce.eu/obj/united_states_aide_memoire_27_june_1950-en-5118690c-57ed-4ad7-a473-188be44d8d2e.html",
        )
        .unwrap();
        assert_eq!(id.to_string(), "5118690c-57ed-4ad7-a473-188be44d8d2e");
        assert_eq!(lang.as_deref(), Some("en"));
        assert!(parse_cvce_url("http://example.org/page.html").is_none());
        assert!(parse_cvce_url("http://x/é").is_none());
    }

    #[test]
    fn reads_day_month_year() {
        assert_eq!(parse_dmy("03/07/2015"), Some(jiff::civil::date(2015, 7, 3)));
        assert_eq!(parse_dmy("31/02/2015"), None);
        assert_eq!(parse_dmy("2015-07-03"), None);
    }

    #[test]
    fn headings_are_short_and_unpunctuated() {
        assert!(looks_like_heading("U.S. “aide-memoire” of June 27, 1950"));
        assert!(!looks_like_heading(
            "My Government has instructed me to call your attention."
        ));
    }
}
