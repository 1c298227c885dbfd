//! Formatted citations: the CSL-JSON item run through hayagriva's CSL processor with the
//! Chicago, APA and MLA styles it bundles, then written as plain text and as safe HTML.
//!
//! Two things hayagriva cannot do are done around it:
//!
//! - **Date spans.** hayagriva's CSL-JSON reader takes one date per variable (it panics on a
//!   span). A span is rendered twice, once with each end; the two renderings differ only in
//!   the date, which is then written as one span in the style's own date form, sharing what
//!   the ends share ("June 25–27, 1950", "25 June–2 July 1950", "1945–1952").
//! - **HTML.** hayagriva's HTML uses inline styles; ours escapes every text and uses `<i>`,
//!   `<b>`, `<sup>`, `<sub>`, `<u>` and links only to http(s) addresses.
//!
//! Any panic inside the processor is caught and reported as a [`CiteError`].

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::OnceLock;

use hayagriva::archive::ArchivedStyle;
use hayagriva::citationberg::json as csl_json;
use hayagriva::citationberg::taxonomy::Locator;
use hayagriva::citationberg::{
    FontStyle, FontVariant, FontWeight, IndependentStyle, Locale, Style as CslStyle,
    TextDecoration, VerticalAlign,
};
use hayagriva::{
    BibliographyDriver, BibliographyRequest, CitationItem, CitationRequest, ElemChild,
    ElemChildren, ElemMeta, LocatorPayload, SpecificLocator,
};
use serde_json::{Value, json};

use super::dates::Parts;
use super::record::{Record, web_address};
use super::{CiteError, Formatted, Style};

/// Formats a digested document and its CSL-JSON item in one style.
pub(crate) fn render(record: &Record, item: &Value, style: Style) -> Result<Formatted, CiteError> {
    catch_unwind(AssertUnwindSafe(|| render_unguarded(record, item, style))).unwrap_or_else(|_| {
        Err(CiteError::new(format!(
            "the citation processor failed to format document {} in the {} style",
            record.id,
            style.label()
        )))
    })
}

fn render_unguarded(record: &Record, item: &Value, style: Style) -> Result<Formatted, CiteError> {
    let nodes = match &record.issued {
        Some(date) => {
            let circa = date.circa();
            match date.end {
                Some(end) => {
                    let first = render_once(record, item, style, Some((date.start, circa)))?;
                    let last = render_once(record, item, style, Some((end, circa)))?;
                    let same_precision = date.start.precision() == end.precision();
                    match merge(&first, &last, same_precision) {
                        Some(nodes) => nodes,
                        // The two renderings should differ only in the date; if they do not,
                        // no date is better than a wrong one.
                        None => render_once(record, item, style, None)?,
                    }
                }
                None => render_once(record, item, style, Some((date.start, circa)))?,
            }
        }
        None => render_once(record, item, style, None)?,
    };
    let runs = trim_runs(joined_runs(nodes));
    Ok(Formatted {
        text: runs.iter().map(|r| r.text.as_str()).collect(),
        html: html(&runs),
    })
}

fn locales() -> &'static [Locale] {
    static LOCALES: OnceLock<Vec<Locale>> = OnceLock::new();
    LOCALES.get_or_init(hayagriva::archive::locales)
}

fn csl_style(style: Style) -> Result<&'static IndependentStyle, CiteError> {
    static CHICAGO: OnceLock<Option<IndependentStyle>> = OnceLock::new();
    static APA: OnceLock<Option<IndependentStyle>> = OnceLock::new();
    static MLA: OnceLock<Option<IndependentStyle>> = OnceLock::new();
    let (cell, archived) = match style {
        Style::ChicagoNote | Style::ChicagoBibliography => (&CHICAGO, ArchivedStyle::ChicagoNotes),
        Style::Apa => (&APA, ArchivedStyle::AmericanPsychologicalAssociation),
        Style::Mla => (&MLA, ArchivedStyle::ModernLanguageAssociation),
    };
    cell.get_or_init(|| match archived.get() {
        CslStyle::Independent(style) => Some(style),
        CslStyle::Dependent(_) => None,
    })
    .as_ref()
    .ok_or_else(|| {
        CiteError::new(format!(
            "the bundled CSL style for {} is not an independent style",
            style.label()
        ))
    })
}

/// The item as hayagriva reads it: the same CSL-JSON with the issued date replaced by one
/// day, month, season or year (its year astronomical, as hayagriva counts years).
fn entry(item: &Value, issued: Option<(Parts, bool)>) -> Result<csl_json::Item, CiteError> {
    let mut item = item.clone();
    if let Value::Object(map) = &mut item {
        match issued {
            Some((parts, circa)) => {
                let mut date = vec![json!(parts.year)];
                if let Some(m) = parts.month {
                    date.push(json!(m));
                    date.extend(parts.day.map(|d| json!(d)));
                }
                let mut value = json!({ "date-parts": [date] });
                if let Some(season) = parts.season {
                    value["season"] = json!(season);
                }
                if circa {
                    value["circa"] = json!(true);
                }
                map.insert("issued".into(), value);
            }
            None => {
                map.remove("issued");
            }
        }
    }
    serde_json::from_value(item)
        .map_err(|e| CiteError::new(format!("the CSL-JSON item could not be read back: {e}")))
}

fn render_once(
    record: &Record,
    item: &Value,
    style: Style,
    issued: Option<(Parts, bool)>,
) -> Result<Vec<Node>, CiteError> {
    let csl = csl_style(style)?;
    let entry = entry(item, issued)?;
    // A note cites the page the document is on; bibliographies and reference lists give
    // the page as part of the source.
    let pages = record
        .container
        .as_ref()
        .and_then(|c| c.pages.as_deref())
        .filter(|_| style == Style::ChicagoNote);
    let locator = pages.map(|p| SpecificLocator(Locator::Page, LocatorPayload::Str(p)));
    let mut driver = BibliographyDriver::new();
    driver.citation(CitationRequest::from_items(
        vec![CitationItem::with_locator(&entry, locator)],
        csl,
        locales(),
    ));
    let rendered = driver.finish(BibliographyRequest::new(csl, None, locales()));
    let children = match style {
        Style::ChicagoNote => rendered.citations.into_iter().next().map(|c| c.citation),
        _ => rendered
            .bibliography
            .and_then(|b| b.items.into_iter().next())
            .map(|i| i.content),
    }
    .ok_or_else(|| {
        CiteError::new(format!(
            "the {} style produced no citation for document {}",
            style.label(),
            record.id
        ))
    })?;
    let mut nodes = Vec::new();
    flatten(&children, &mut nodes);
    Ok(nodes)
}

/// Text formatting that survives into our HTML.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Format {
    italic: bool,
    bold: bool,
    small_caps: bool,
    underline: bool,
    sup: bool,
    sub: bool,
}

impl From<&hayagriva::Formatting> for Format {
    fn from(f: &hayagriva::Formatting) -> Self {
        Format {
            italic: f.font_style == FontStyle::Italic,
            bold: f.font_weight == FontWeight::Bold,
            small_caps: f.font_variant == FontVariant::SmallCaps,
            underline: f.text_decoration == TextDecoration::Underline,
            sup: f.vertical_align == VerticalAlign::Sup,
            sub: f.vertical_align == VerticalAlign::Sub,
        }
    }
}

/// A piece of text with one formatting, and the address it links to.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Run {
    text: String,
    format: Format,
    link: Option<String>,
}

/// Rendered output: plain runs, and the runs of each rendered date kept together.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Node {
    Run(Run),
    Date(Vec<Run>),
}

fn flatten(children: &ElemChildren, out: &mut Vec<Node>) {
    for child in &children.0 {
        match child {
            ElemChild::Elem(elem) if elem.meta == Some(ElemMeta::Date) => {
                let mut runs = Vec::new();
                collect_runs(&elem.children, &mut runs);
                out.push(Node::Date(runs));
            }
            ElemChild::Elem(elem) => flatten(&elem.children, out),
            other => {
                let mut runs = Vec::new();
                collect_run(other, &mut runs);
                out.extend(runs.into_iter().map(Node::Run));
            }
        }
    }
}

fn collect_runs(children: &ElemChildren, out: &mut Vec<Run>) {
    for child in &children.0 {
        collect_run(child, out);
    }
}

fn collect_run(child: &ElemChild, out: &mut Vec<Run>) {
    match child {
        ElemChild::Text(t) => out.push(Run {
            text: t.text.clone(),
            format: Format::from(&t.formatting),
            link: None,
        }),
        ElemChild::Link { text, url } => out.push(Run {
            text: text.text.clone(),
            format: Format::from(&text.formatting),
            link: web_address(url),
        }),
        // Markup is meant for Typst; here it is only text.
        ElemChild::Markup(text) => out.push(Run {
            text: text.clone(),
            format: Format::default(),
            link: None,
        }),
        ElemChild::Elem(elem) => collect_runs(&elem.children, out),
        ElemChild::Transparent { .. } => {}
    }
}

fn plain(runs: &[Run]) -> String {
    runs.iter().map(|r| r.text.as_str()).collect()
}

/// Joins the renderings of a span's two ends into one, writing the span where the dates
/// differ; `None` when the renderings differ anywhere else.
fn merge(first: &[Node], last: &[Node], same_precision: bool) -> Option<Vec<Node>> {
    if first.len() != last.len() {
        return None;
    }
    first
        .iter()
        .zip(last)
        .map(|pair| match pair {
            (Node::Run(a), Node::Run(b)) => (a == b).then(|| Node::Run(a.clone())),
            (Node::Date(a), Node::Date(b)) => {
                let (ta, tb) = (plain(a), plain(b));
                if ta == tb {
                    return Some(Node::Date(a.clone()));
                }
                Some(Node::Run(Run {
                    text: span_text(&ta, &tb, same_precision),
                    format: a.first().map(|r| r.format).unwrap_or_default(),
                    link: None,
                }))
            }
            _ => None,
        })
        .collect()
}

/// Splits text into words and numbers (runs of letters and digits, an abbreviating period
/// kept with its word: "Feb.") and single other characters, so that two dates can be
/// compared part by part.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    let mut previous = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if c == '.' && previous.is_some_and(char::is_alphabetic) {
            if let Some(s) = start.take() {
                out.push(&text[s..i + 1]);
            }
        } else {
            if let Some(s) = start.take() {
                out.push(&text[s..i]);
            }
            out.push(&text[i..i + c.len_utf8()]);
        }
        previous = Some(c);
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// Two rendered dates as one span. Ends of the same precision share their common start and
/// end ("June 25–27, 1950"); others are written in full with a spaced dash.
fn span_text(first: &str, last: &str, same_precision: bool) -> String {
    let full = || format!("{first} – {last}");
    if !same_precision {
        return full();
    }
    let (a, b) = (tokens(first), tokens(last));
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let room = a.len().min(b.len()) - prefix;
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(room)
        .take_while(|(x, y)| x == y)
        .count();
    let mid_a = a[prefix..a.len() - suffix].concat();
    let mid_b = b[prefix..b.len() - suffix].concat();
    if mid_a.trim().is_empty() || mid_b.trim().is_empty() {
        return full();
    }
    format!(
        "{}{}–{}{}",
        a[..prefix].concat(),
        mid_a.trim(),
        mid_b.trim(),
        a[a.len() - suffix..].concat()
    )
}

/// All runs in order, neighbours with the same formatting and link joined.
fn joined_runs(nodes: Vec<Node>) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    let all = nodes.into_iter().flat_map(|n| match n {
        Node::Run(r) => vec![r],
        Node::Date(rs) => rs,
    });
    for run in all.filter(|r| !r.text.is_empty()) {
        match out.last_mut() {
            Some(last) if last.format == run.format && last.link == run.link => {
                last.text.push_str(&run.text);
            }
            _ => out.push(run),
        }
    }
    out
}

/// Leading and trailing whitespace removed from the whole.
fn trim_runs(mut runs: Vec<Run>) -> Vec<Run> {
    while let Some(first) = runs.first_mut() {
        let trimmed = first.text.trim_start().to_string();
        if trimmed.is_empty() {
            runs.remove(0);
        } else {
            first.text = trimmed;
            break;
        }
    }
    while let Some(last) = runs.last_mut() {
        let trimmed = last.text.trim_end().to_string();
        if trimmed.is_empty() {
            runs.pop();
        } else {
            last.text = trimmed;
            break;
        }
    }
    runs
}

/// Escapes text for HTML element content and attribute values.
pub(crate) fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn html(runs: &[Run]) -> String {
    let mut out = String::new();
    for run in runs {
        let tags: [(bool, &str, &str); 6] = [
            (run.format.italic, "<i>", "</i>"),
            (run.format.bold, "<b>", "</b>"),
            (
                run.format.small_caps,
                "<span style=\"font-variant:small-caps\">",
                "</span>",
            ),
            (run.format.underline, "<u>", "</u>"),
            (run.format.sup, "<sup>", "</sup>"),
            (run.format.sub, "<sub>", "</sub>"),
        ];
        if let Some(url) = &run.link {
            out.push_str(&format!("<a href=\"{}\">", escape_html(url)));
        }
        for (on, open, _) in &tags {
            if *on {
                out.push_str(open);
            }
        }
        out.push_str(&escape_html(&run.text));
        for (on, _, close) in tags.iter().rev() {
            if *on {
                out.push_str(close);
            }
        }
        if run.link.is_some() {
            out.push_str("</a>");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_share_what_their_ends_share() {
        let cases = [
            ("June 25, 1950", "June 27, 1950", "June 25–27, 1950"),
            ("June 25, 1950", "July 2, 1950", "June 25–July 2, 1950"),
            ("25 June 1950", "2 July 1950", "25 June–2 July 1950"),
            ("1950, June 25", "1950, June 27", "1950, June 25–27"),
            ("1945", "1952", "1945–1952"),
            ("Feb. 1957", "Mar. 1957", "Feb.–Mar. 1957"),
            (
                "December 30, 1950",
                "January 2, 1951",
                "December 30, 1950–January 2, 1951",
            ),
        ];
        for (a, b, expected) in cases {
            assert_eq!(span_text(a, b, true), expected, "{a} / {b}");
        }
        assert_eq!(
            span_text("June 1950", "July 15, 1950", false),
            "June 1950 – July 15, 1950"
        );
    }

    #[test]
    fn html_escapes_and_formats() {
        let runs = vec![
            Run {
                text: "<script>&\"'".into(),
                format: Format::default(),
                link: None,
            },
            Run {
                text: "Title".into(),
                format: Format {
                    italic: true,
                    ..Format::default()
                },
                link: None,
            },
            Run {
                text: "https://a.example/?a=1&b=2".into(),
                format: Format::default(),
                link: Some("https://a.example/?a=1&b=2".into()),
            },
        ];
        assert_eq!(
            html(&runs),
            "&lt;script&gt;&amp;&quot;&#39;<i>Title</i>\
             <a href=\"https://a.example/?a=1&amp;b=2\">https://a.example/?a=1&amp;b=2</a>"
        );
    }

    #[test]
    fn tokens_keep_words_whole() {
        assert_eq!(
            tokens("June 25, 1950"),
            ["June", " ", "25", ",", " ", "1950"]
        );
        assert_eq!(tokens("27 июня"), ["27", " ", "июня"]);
        assert_eq!(tokens("15 Mar. 44"), ["15", " ", "Mar.", " ", "44"]);
    }
}
