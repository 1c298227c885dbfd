//! Dates: every written date in a text as EDTF (through the model's
//! [`written::find_all`]), and a document's own date from its title, dateline, caption or
//! heading.
//!
//! `find_all` tries its whole grammar at every word, which is thorough but costs about 75 ns
//! a byte; enrichment must stay near 10 ns a byte. So dates are looked for only in small
//! windows around numbers: every date form has digits, and a window reaches far enough to
//! either side ("from 1 May to 3 June 1950", "the 27th of June") for the grammar to see it
//! whole.

use chancery_model::date::written;
use chancery_model::document::Document;
use chancery_model::{BlockKind, DocDate};

use crate::tokens::{Kind, Tokens};

/// A date found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FoundDate {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) edtf: Option<String>,
    /// The year taken from the context rather than the text.
    pub(crate) year_from_context: bool,
}

/// Words that may belong to a date: months (as `written` knows them), seasons, weekdays,
/// range and approximation words, eras.
const DATE_WORDS: &[&str] = &[
    "january",
    "jan",
    "february",
    "feb",
    "febr",
    "march",
    "mar",
    "april",
    "apr",
    "may",
    "june",
    "jun",
    "july",
    "jul",
    "august",
    "aug",
    "september",
    "sep",
    "sept",
    "october",
    "oct",
    "november",
    "nov",
    "december",
    "dec",
    "janvier",
    "janv",
    "fevrier",
    "fevr",
    "fev",
    "mars",
    "avril",
    "avr",
    "mai",
    "juin",
    "juillet",
    "juil",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "decembre",
    "januar",
    "janner",
    "februar",
    "marz",
    "maerz",
    "juni",
    "juli",
    "oktober",
    "okt",
    "dezember",
    "dez",
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "setiembre",
    "octubre",
    "noviembre",
    "diciembre",
    "gennaio",
    "febbraio",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "settembre",
    "ottobre",
    "dicembre",
    "januari",
    "februari",
    "maart",
    "mei",
    "augustus",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "printemps",
    "ete",
    "automne",
    "hiver",
    "fruhling",
    "fruhjahr",
    "sommer",
    "herbst",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonnabend",
    "sonntag",
    "circa",
    "c",
    "ca",
    "about",
    "around",
    "approximately",
    "approx",
    "vers",
    "environ",
    "um",
    "etwa",
    "gegen",
    "bc",
    "bce",
    "ad",
    "ce",
    "of",
    "the",
    "de",
    "del",
    "le",
    "er",
    "to",
    "until",
    "till",
    "through",
    "thru",
    "and",
    "from",
    "between",
    "au",
    "bis",
    "a",
    "al",
    "du",
    "von",
    "et",
    "und",
    "y",
    "den",
    "am",
    "el",
    "il",
];

/// Date words that only join the parts of a date ("of", "to", "and").
fn is_connector(key: &str) -> bool {
    matches!(
        key,
        "of" | "the"
            | "de"
            | "del"
            | "le"
            | "er"
            | "to"
            | "until"
            | "till"
            | "through"
            | "thru"
            | "and"
            | "au"
            | "bis"
            | "a"
            | "al"
            | "du"
            | "von"
            | "et"
            | "und"
            | "y"
            | "den"
            | "am"
            | "el"
            | "il"
            | "from"
            | "between"
    )
}

/// Date words that qualify a date ("circa").
fn is_approximation(key: &str) -> bool {
    matches!(
        key,
        "circa"
            | "c"
            | "ca"
            | "about"
            | "around"
            | "approximately"
            | "approx"
            | "vers"
            | "environ"
            | "um"
            | "etwa"
            | "gegen"
    )
}

fn is_era(key: &str) -> bool {
    matches!(key, "bc" | "bce" | "ad" | "ce")
}

/// Words that may start a date's window: months, seasons, weekdays, range openers ("from",
/// "between") and approximations.
fn anchors_left(key: &str) -> bool {
    !is_era(key) && (!is_connector(key) || matches!(key, "from" | "between"))
}

/// Words that may end a date's window: months, seasons, weekdays and eras.
fn anchors_right(key: &str) -> bool {
    is_era(key) || !(is_connector(key) || is_approximation(key))
}

fn is_date_word(key: &str) -> bool {
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| DATE_WORDS.iter().copied().collect())
        .contains(key)
}

fn is_number_label(key: &str) -> bool {
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| NUMBER_LABELS.iter().copied().collect())
        .contains(key)
}

/// Words before a number that make it a reference number, not a year: "Room 1105",
/// "telegram 1234", "No. 1950".
const NUMBER_LABELS: &[&str] = &[
    "room",
    "no",
    "nos",
    "number",
    "telegram",
    "tel",
    "deptel",
    "embtel",
    "urtel",
    "reurtel",
    "mytel",
    "despatch",
    "dispatch",
    "airgram",
    "circular",
    "page",
    "pages",
    "p",
    "pp",
    "section",
    "paragraph",
    "para",
    "tab",
    "doc",
    "document",
    "file",
    "box",
    "folder",
    "resolution",
    "memo",
    "instruction",
    "message",
    "note",
    "nr",
    "vol",
    "volume",
    "item",
    "code",
    "law",
    "route",
    "flight",
    "serial",
];

/// Finds every date in `text`. Dates without a year take `context_year` when given, else the
/// year of the closest full date before them.
pub(crate) fn find(toks: &Tokens<'_>, context_year: Option<i64>) -> Vec<FoundDate> {
    let (text, tokens) = (toks.text, &toks.list);
    let mut out: Vec<FoundDate> = Vec::new();
    let mut last_year: Option<i64> = None;
    let mut i = 0;
    let mut window_end_token = 0;
    while i < tokens.len() {
        if tokens[i].kind != Kind::Number || i < window_end_token {
            i += 1;
            continue;
        }
        // Reach left over date words and punctuation (at most four tokens).
        let mut first = i;
        while first > window_end_token && i - first < 4 {
            let prev = &tokens[first - 1];
            let ok = match prev.kind {
                Kind::Number => true,
                // A full stop after a number ends a sentence; after a word it ends an
                // abbreviation ("Sept. 3").
                Kind::Punct('.') => first >= 2 && tokens[first - 2].kind == Kind::Word,
                Kind::Punct(c) => matches!(c, ',' | '/' | '-' | '(' | '~'),
                Kind::Word => is_date_word(toks.key(first - 1)),
                Kind::Break => false,
            };
            if !ok {
                break;
            }
            first -= 1;
        }
        while first < i {
            let t = &tokens[first];
            let keep = t.kind == Kind::Word && anchors_left(toks.key(first));
            if keep {
                break;
            }
            first += 1;
        }
        // Reach right (at most seven tokens past the number, and on over further numbers).
        let mut last = i;
        let mut k = i + 1;
        while k < tokens.len() && k - last <= 4 && k - i <= 9 {
            let t = &tokens[k];
            let ok = match t.kind {
                Kind::Number => {
                    last = k;
                    true
                }
                Kind::Punct('.') => tokens[k - 1].kind == Kind::Word,
                Kind::Punct(c) => matches!(c, ',' | '/' | '-' | '?' | '~' | ')' | '\''),
                Kind::Word => {
                    let key = toks.key(k);
                    // "from" and "between" open the next date.
                    if matches!(key, "from" | "between") {
                        break;
                    }
                    let date_word = is_date_word(key);
                    if date_word && anchors_right(key) {
                        last = k;
                    }
                    date_word
                }
                Kind::Break => false,
            };
            if !ok {
                break;
            }
            k += 1;
        }
        // Include a closing mark of uncertainty right after the last anchor.
        if tokens
            .get(last + 1)
            .is_some_and(|t| (t.is_punct('?') || t.is_punct('~')) && !t.spaced)
        {
            last += 1;
        }
        window_end_token = last + 1;
        let (from, to) = (tokens[first].start, tokens[last].end);
        let Some(window) = text.get(from..to) else {
            i = last + 1;
            continue;
        };
        let labelled = first
            .checked_sub(1)
            .and_then(|p| tokens.get(p))
            .filter(|t| t.kind == Kind::Word || t.is_punct('#') || t.is_punct('$'))
            .is_some_and(|t| {
                t.is_punct('#') || t.is_punct('$') || is_number_label(toks.key(first - 1))
            });
        let label_dot =
            first >= 2 && tokens[first - 1].is_punct('.') && is_number_label(toks.key(first - 2));
        let year = context_year.or(last_year);
        // The commonest date, a year alone ("in 1950"), needs no grammar: it is what
        // `find_all` reads from a window of four digits 1000–2199.
        if first == last
            && let Some(y) = bare_year(window)
        {
            if !(labelled || label_dot) {
                last_year = Some(y);
                out.push(FoundDate {
                    start: from,
                    end: to,
                    edtf: Some(window.to_string()),
                    year_from_context: false,
                });
            }
            i = last + 1;
            continue;
        }
        for f in written::find_all(window, year) {
            let edtf = f.edtf.clone();
            // A bare number after a label ("telegram 1950", "No. 1234") is no year.
            if (labelled || label_dot) && edtf.as_deref().is_some_and(|e| e.len() == 4) {
                continue;
            }
            if !f.year_from_context
                && let Some(y) = edtf.as_deref().and_then(first_year)
            {
                last_year = Some(y);
            }
            out.push(FoundDate {
                start: from + f.start,
                end: from + f.end,
                edtf,
                year_from_context: f.year_from_context,
            });
        }
        i = last + 1;
    }
    out
}

/// A year written alone as four digits in running text (1000–2199), as `find_all` reads it.
fn bare_year(window: &str) -> Option<i64> {
    (window.len() == 4 && window.bytes().all(|b| b.is_ascii_digit()))
        .then(|| window.parse::<i64>().ok())
        .flatten()
        .filter(|y| (1000..=2199).contains(y))
}

/// The first year an EDTF expression names.
pub(crate) fn first_year(edtf: &str) -> Option<i64> {
    DocDate::parse_edtf(edtf).ok()?.year()
}

/// Where a document's date was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateSource {
    /// The title ("… (27 June 1950)").
    Title,
    /// The dateline ("Moscow, June 27, 1950").
    Dateline,
    /// The caption ("On 27 June 1950, …").
    Caption,
    /// The document's heading ("U.S. aide-memoire of June 27, 1950").
    Heading,
}

/// A document's own date and where it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentDate {
    /// The date.
    pub date: DocDate,
    /// Where it was read.
    pub source: DateSource,
}

/// The document's own date, read from its title, dateline, caption and heading in that order
/// of trust: the first that gives a date wins, and a later one refines it when it falls
/// within it and is more precise ("Transcript of 1958 Meeting" + "November 7-8, 1958").
/// Returns `None` when none of them holds a date.
pub fn document_date(doc: &Document) -> Option<DocumentDate> {
    let caption = doc.caption.as_deref().map(Tokens::new);
    document_date_from(doc, &Tokens::new(&doc.title), caption.as_ref())
}

/// [`document_date`] with the title's and caption's tokens already made.
pub(crate) fn document_date_from(
    doc: &Document,
    title: &Tokens<'_>,
    caption: Option<&Tokens<'_>>,
) -> Option<DocumentDate> {
    let dateline = doc
        .body
        .iter()
        .find(|b| b.kind == BlockKind::Dateline)
        .map(|b| Tokens::new(&b.text));
    let heading = doc
        .body
        .iter()
        .find(|b| b.kind == BlockKind::Heading)
        .map(|b| Tokens::new(&b.text));
    let sources = [
        (DateSource::Title, Some(title), Pick::Finest),
        (DateSource::Dateline, dateline.as_ref(), Pick::First),
        (DateSource::Caption, caption, Pick::FirstDay),
        (DateSource::Heading, heading.as_ref(), Pick::FirstDay),
    ];
    let mut best: Option<DocumentDate> = None;
    for (source, toks, pick) in sources {
        let Some(date) = toks.and_then(|t| date_in(t, pick)) else {
            continue;
        };
        best = match best {
            None => Some(DocumentDate { date, source }),
            Some(current) if refines(&date, &current.date) => Some(DocumentDate { date, source }),
            keep => keep,
        };
    }
    best
}

#[derive(Clone, Copy)]
enum Pick {
    /// The most precise date, the last among equals (titles end with their date).
    Finest,
    /// The first date.
    First,
    /// The first date precise to the day, else none.
    FirstDay,
}

fn date_in(toks: &Tokens<'_>, pick: Pick) -> Option<DocDate> {
    let text = toks.text;
    // Without a number there is no date to read.
    if !toks.list.iter().any(|t| t.kind == Kind::Number) {
        return None;
    }
    let dates: Vec<DocDate> = find(toks, None)
        .into_iter()
        .filter(|f| !f.year_from_context)
        .filter_map(|f| {
            let edtf = f.edtf?;
            DocDate::parse_edtf(&edtf)
                .ok()
                .map(|d| d.with_text(text.get(f.start..f.end).unwrap_or("")))
        })
        .collect();
    match pick {
        Pick::First => dates.into_iter().next(),
        Pick::FirstDay => dates.into_iter().find(|d| width(d) == Some(0)),
        Pick::Finest => {
            let mut best: Option<DocDate> = None;
            for d in dates {
                let better = match (&best, width(&d)) {
                    (None, _) => true,
                    (Some(b), Some(w)) => width(b).is_none_or(|bw| w <= bw),
                    (Some(_), None) => false,
                };
                if better {
                    best = Some(d);
                }
            }
            best
        }
    }
}

fn width(d: &DocDate) -> Option<i64> {
    Some(d.latest()? - d.earliest()?)
}

/// Whether `new` lies within `current` and is narrower.
fn refines(new: &DocDate, current: &DocDate) -> bool {
    match (
        new.earliest(),
        new.latest(),
        current.earliest(),
        current.latest(),
    ) {
        (Some(ne), Some(nl), Some(ce), Some(cl)) => ce <= ne && nl <= cl && nl - ne < cl - ce,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chancery_model::{Block, DocumentId};

    fn dates(text: &str, year: Option<i64>) -> Vec<(String, Option<String>)> {
        find(&Tokens::new(text), year)
            .into_iter()
            .map(|d| (text[d.start..d.end].to_string(), d.edtf))
            .collect()
    }

    #[test]
    fn finds_dates_in_windows_as_find_all_would() {
        let text = "On June 25, the Council met; the note of June 27, 1950 answered that of \
                    3 May 1949. From 1 May to 3 June 1950 and between 1950 and 1952, in the \
                    1950s, in Room 1105 and telegram 1234; the 27th of June.";
        let got = dates(text, Some(1950));
        let want: Vec<(String, Option<String>)> = vec![
            ("June 25".into(), Some("1950-06-25".into())),
            ("June 27, 1950".into(), Some("1950-06-27".into())),
            ("3 May 1949".into(), Some("1949-05-03".into())),
            (
                "From 1 May to 3 June 1950".into(),
                Some("1950-05-01/1950-06-03".into()),
            ),
            ("between 1950 and 1952".into(), Some("1950/1952".into())),
            ("1950s".into(), Some("195X".into())),
            ("27th of June".into(), Some("1950-06-27".into())),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn a_year_alone_is_read_as_find_all_reads_it() {
        for y in 0..10_000 {
            let window = format!("{y:04}");
            let grammar = written::find_all(&window, None);
            let fast = bare_year(&window).map(|y| format!("{y:04}"));
            let slow = grammar
                .first()
                .filter(|f| f.start == 0 && f.end == window.len())
                .and_then(|f| f.edtf.clone());
            assert_eq!(fast, slow, "{window}");
        }
    }

    #[test]
    fn without_a_document_year_the_last_full_date_lends_its_year() {
        let got = dates(
            "In August 1968 the troops came; on August 20 they took Prague.",
            None,
        );
        assert_eq!(got[1].1.as_deref(), Some("1968-08-20"));
    }

    #[test]
    fn the_document_date_comes_from_the_most_trusted_source_and_is_refined() {
        let mut doc = Document::new(
            DocumentId::from_key("t"),
            "Transcript of 1958 Meeting of the Advisory Committee",
            "",
        );
        doc.body = vec![
            Block::heading(1, "Transcript"),
            Block::new(BlockKind::Dateline, "November 7-8, 1958"),
            Block::paragraph("Text."),
        ];
        let d = document_date(&doc).unwrap();
        assert_eq!(d.date.edtf(), "1958-11-07/1958-11-08");
        assert_eq!(d.source, DateSource::Dateline);

        let mut cvce = Document::new(
            DocumentId::from_key("c"),
            "United States aide-memoire (27 June 1950)",
            "",
        );
        cvce.caption = Some("On 27 June 1950, the US Ambassador …".into());
        let d = document_date(&cvce).unwrap();
        assert_eq!((d.date.edtf(), d.source), ("1950-06-27", DateSource::Title));
    }
}
