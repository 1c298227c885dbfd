//! Measuring enrichment against TEI markup: `persName`, `placeName`, `orgName` and `date`
//! (`when`, or `from`/`to`) in TEI files are an answer key. [`answer_key`] strips the markup
//! and keeps the spans; [`evaluate`] enriches the plain text and reports, per kind, how much
//! of the markup was found (a marked span counts as found when a found mention of that kind
//! overlaps it), and for dates how many were normalized to the markup's value.
//!
//! The markup is not exhaustive (many true names are left untagged), so precision cannot be
//! read from it: [`sample`] draws a fixed random sample of found mentions, with their
//! context, for checking by hand.

use chancery_model::body::{self, Block, BlockKind};
use chancery_model::date::written;
use chancery_model::{Document, DocumentId, MentionKind};

use crate::error::EnrichError;
use crate::gazetteer::Gazetteer;

/// A span of the answer key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeySpan {
    /// What the markup says it is.
    pub kind: MentionKind,
    /// Byte offsets in the document's text.
    pub start: usize,
    /// Byte offset just past it.
    pub end: usize,
    /// For dates: `when`, or `from/to` as an EDTF interval.
    pub value: Option<String>,
}

/// A text with its answer key.
#[derive(Debug, Clone)]
pub struct Keyed {
    /// The file it comes from.
    pub file: String,
    /// The section's `xml:id` (or its number in the file).
    pub section: String,
    /// The text as a document (heading and paragraphs), without markup.
    pub document: Document,
    /// The marked spans.
    pub key: Vec<KeySpan>,
}

/// Reads the sections (`div type="section"`, else the whole `text`) of a TEI file with their
/// marked names and dates.
pub fn answer_key(file: &str, xml: &str) -> Result<Vec<Keyed>, EnrichError> {
    let failed = |message: String| EnrichError::Authority {
        path: file.to_string(),
        message,
    };
    if xml.contains("<!DOCTYPE") {
        return Err(failed(
            "XML with a document type declaration is refused".into(),
        ));
    }
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: 10_000_000,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = roxmltree::Document::parse_with_options(xml, options).map_err(|e| {
        let p = e.pos();
        failed(format!(
            "line {}, column {}: malformed XML: {e}",
            p.row, p.col
        ))
    })?;
    let mut sections: Vec<roxmltree::Node<'_, '_>> = doc
        .descendants()
        .filter(|n| n.has_tag_name("div") && n.attribute("type") == Some("section"))
        .filter(|n| {
            !n.ancestors()
                .skip(1)
                .any(|a| a.has_tag_name("div") && a.attribute("type") == Some("section"))
        })
        .collect();
    if sections.is_empty() {
        sections.extend(doc.descendants().find(|n| n.has_tag_name("text")));
    }
    let mut out = Vec::new();
    for (i, section) in sections.into_iter().enumerate() {
        let id = section
            .attribute(("http://www.w3.org/XML/1998/namespace", "id"))
            .map_or_else(|| format!("{}", i + 1), str::to_string);
        let mut blocks: Vec<Block> = Vec::new();
        let mut spans: Vec<(usize, KeySpan)> = Vec::new();
        for node in section.descendants().filter(|n| is_block(*n)) {
            if node
                .ancestors()
                .skip(1)
                .take_while(|a| *a != section)
                .any(is_block)
            {
                continue;
            }
            let (text, found) = flatten(node);
            if text.is_empty() {
                continue;
            }
            let kind = match node.tag_name().name() {
                "head" if node.parent().is_some_and(|p| p == section) && blocks.is_empty() => {
                    BlockKind::Heading
                }
                "head" => BlockKind::Caption,
                "item" => BlockKind::ListItem,
                _ => BlockKind::Paragraph,
            };
            let mut block = Block::new(kind, text);
            if kind == BlockKind::Heading {
                block.level = 1;
            }
            for s in found {
                spans.push((blocks.len(), s));
            }
            blocks.push(block);
        }
        if blocks.is_empty() {
            continue;
        }
        let offsets = body::block_offsets(&blocks);
        let key = spans
            .into_iter()
            .filter_map(|(b, mut s)| {
                let at = offsets.get(b).copied().flatten()?;
                s.start += at;
                s.end += at;
                Some(s)
            })
            .collect();
        let title = blocks
            .iter()
            .find(|b| b.kind == BlockKind::Heading)
            .map_or_else(|| id.clone(), |b| b.text.clone());
        let mut document = Document::new(
            DocumentId::from_key(&format!("eval:{file}#{id}")),
            title,
            "",
        );
        document.body = blocks;
        out.push(Keyed {
            file: file.to_string(),
            section: id,
            document,
            key,
        });
    }
    Ok(out)
}

fn is_block(n: roxmltree::Node<'_, '_>) -> bool {
    n.is_element() && matches!(n.tag_name().name(), "head" | "p" | "item" | "l")
}

enum Edge<'a, 'i> {
    Open(roxmltree::Node<'a, 'i>),
    Close(roxmltree::Node<'a, 'i>),
}

/// The text of a block with white space collapsed, and the marked spans inside it.
fn flatten(block: roxmltree::Node<'_, '_>) -> (String, Vec<KeySpan>) {
    let mut out = String::new();
    let mut pending_space = false;
    // Marked elements open, with the start of their first character once written.
    let mut open: Vec<(
        roxmltree::NodeId,
        MentionKind,
        Option<String>,
        Option<usize>,
    )> = Vec::new();
    let mut spans = Vec::new();
    // Depth first, without recursion: (node, whether its children were visited).
    let mut stack: Vec<(roxmltree::Node<'_, '_>, bool)> = vec![(block, false)];
    while let Some((n, visited)) = stack.pop() {
        let edge = if visited {
            Edge::Close(n)
        } else {
            stack.push((n, true));
            let children: Vec<roxmltree::Node<'_, '_>> = n.children().collect();
            stack.extend(children.into_iter().rev().map(|c| (c, false)));
            Edge::Open(n)
        };
        match edge {
            Edge::Open(n) if n.is_element() && n != block => {
                let kind = match n.tag_name().name() {
                    "persName" => Some(MentionKind::Person),
                    "placeName" => Some(MentionKind::Place),
                    "orgName" => Some(MentionKind::Organization),
                    "date" => Some(MentionKind::Date),
                    _ => None,
                };
                if let Some(kind) = kind {
                    let value = match (n.attribute("when"), n.attribute("from"), n.attribute("to"))
                    {
                        (Some(w), _, _) => Some(w.trim().to_string()),
                        (None, Some(f), Some(t)) => Some(format!("{}/{}", f.trim(), t.trim())),
                        _ => None,
                    };
                    open.push((n.id(), kind, value, None));
                }
            }
            Edge::Open(n) if n.is_text() => {
                if n.ancestors()
                    .take_while(|a| *a != block)
                    .any(|a| a.has_tag_name("note") || a.has_tag_name("figure"))
                {
                    continue;
                }
                for c in n.text().unwrap_or("").chars() {
                    if c.is_whitespace() {
                        pending_space = true;
                        continue;
                    }
                    if pending_space && !out.is_empty() {
                        out.push(' ');
                    }
                    pending_space = false;
                    let at = out.len();
                    for entry in open.iter_mut() {
                        entry.3.get_or_insert(at);
                    }
                    out.push(c);
                }
            }
            Edge::Close(n) if n.is_element() => {
                if let Some(pos) = open.iter().rposition(|o| o.0 == n.id()) {
                    let (_, kind, value, start) = open.remove(pos);
                    if let Some(start) = start {
                        spans.push(KeySpan {
                            kind,
                            start,
                            end: out.len(),
                            value,
                        });
                    }
                }
            }
            _ => {}
        }
    }
    (out, spans)
}

/// Recall of one kind: how many marked spans a found mention overlaps.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Recall {
    /// Marked spans.
    pub marked: usize,
    /// Marked spans a found mention of the same kind overlaps.
    pub found: usize,
}

impl Recall {
    /// found / marked (1 when nothing is marked).
    pub fn rate(&self) -> f64 {
        if self.marked == 0 {
            1.0
        } else {
            self.found as f64 / self.marked as f64
        }
    }
}

/// A marked date compared with what was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateCheck {
    /// File and section.
    pub place: String,
    /// The marked text.
    pub text: String,
    /// The markup's value.
    pub marked: String,
    /// The EDTF found (over the marked span), if any.
    pub found: Option<String>,
    /// When the markup contradicts its own text: why (a different year, a decade or a range
    /// marked as one year).
    pub markup_problem: Option<String>,
}

/// A marked name that was not found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Miss {
    /// What it is.
    pub kind: MentionKind,
    /// The marked text.
    pub text: String,
    /// Some text around it.
    pub context: String,
    /// File and section.
    pub place: String,
}

/// A found mention with its context, for checking by hand.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundMention {
    /// What it was found as.
    pub kind: MentionKind,
    /// The text.
    pub text: String,
    /// The linked entity.
    pub entity_id: Option<String>,
    /// How sure.
    pub confidence: f32,
    /// Some text around it, the mention in [brackets].
    pub context: String,
    /// File and section.
    pub place: String,
}

/// The figures of an evaluation.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Texts (sections) read.
    pub texts: usize,
    /// Recall of persons.
    pub persons: Recall,
    /// Recall of places.
    pub places: Recall,
    /// Recall of organizations.
    pub organizations: Recall,
    /// Recall of dates (found at all).
    pub dates: Recall,
    /// Every marked date with a value, and what was found for it.
    pub date_checks: Vec<DateCheck>,
    /// Marked names not found.
    pub misses: Vec<Miss>,
    /// Every mention found, for sampling.
    pub found: Vec<FoundMention>,
}

impl Report {
    /// Marked dates whose value was found exactly (EDTF equal), over all marked dates with a
    /// value.
    pub fn dates_correct(&self) -> (usize, usize) {
        let ok = self
            .date_checks
            .iter()
            .filter(|c| c.found.as_deref() == Some(c.marked.as_str()))
            .count();
        (ok, self.date_checks.len())
    }

    /// The same leaving out dates whose markup contradicts its own text.
    pub fn dates_correct_adjusted(&self) -> (usize, usize) {
        let sound: Vec<&DateCheck> = self
            .date_checks
            .iter()
            .filter(|c| c.markup_problem.is_none())
            .collect();
        let ok = sound
            .iter()
            .filter(|c| c.found.as_deref() == Some(c.marked.as_str()))
            .count();
        (ok, sound.len())
    }
}

/// Enriches each keyed text against `gazetteer` and compares with its key.
pub fn evaluate(texts: &[Keyed], gazetteer: &Gazetteer) -> Report {
    let mut report = Report {
        texts: texts.len(),
        ..Report::default()
    };
    for keyed in texts {
        let text = keyed.document.text();
        let found = crate::enrich(&keyed.document, gazetteer).mentions;
        let place = format!("{}#{}", keyed.file, keyed.section);
        for k in &keyed.key {
            let overlapping: Vec<&chancery_model::Mention> = found
                .iter()
                .filter(|m| {
                    m.kind == k.kind && (m.start as usize) < k.end && k.start < m.end as usize
                })
                .collect();
            let recall = match k.kind {
                MentionKind::Person => &mut report.persons,
                MentionKind::Place => &mut report.places,
                MentionKind::Organization => &mut report.organizations,
                MentionKind::Date => &mut report.dates,
            };
            recall.marked += 1;
            if !overlapping.is_empty() {
                recall.found += 1;
            }
            let marked_text = text.get(k.start..k.end).unwrap_or("").to_string();
            if k.kind == MentionKind::Date {
                if let Some(value) = &k.value {
                    report.date_checks.push(DateCheck {
                        place: place.clone(),
                        markup_problem: markup_problem(&marked_text, value),
                        text: marked_text,
                        marked: value.clone(),
                        found: overlapping.first().and_then(|m| m.normalized.clone()),
                    });
                }
            } else if overlapping.is_empty() {
                report.misses.push(Miss {
                    kind: k.kind,
                    text: marked_text,
                    context: context(&text, k.start, k.end),
                    place: place.clone(),
                });
            }
        }
        for m in &found {
            report.found.push(FoundMention {
                kind: m.kind,
                text: m.text.clone(),
                entity_id: m.entity_id.clone(),
                confidence: m.confidence,
                context: context(&text, m.start as usize, m.end as usize),
                place: place.clone(),
            });
        }
    }
    report
}

/// Why a marked date's value contradicts its own text, judged from the text alone: it names
/// another year, or it is a decade or a range that the markup gives as one year or day.
pub fn markup_problem(text: &str, value: &str) -> Option<String> {
    let read = written::parse(text)?;
    if read == value {
        return None;
    }
    let year = |s: &str| s.get(..4).map(str::to_string);
    let marked_years: Vec<String> = value.split('/').filter_map(year).collect();
    let read_years: Vec<String> = read
        .split('/')
        .filter_map(|p| year(&p.replace('X', "0")))
        .collect();
    if read.ends_with('X') && !value.contains('/') && read_years == marked_years {
        return Some(format!("a decade (\"{text}\") marked as the year {value}"));
    }
    if read.contains('/') && !value.contains('/') {
        return Some(format!(
            "a range (\"{text}\", {read}) marked as a single date {value}"
        ));
    }
    if read_years.iter().all(|y| !marked_years.contains(y)) {
        return Some(format!("the text says {read}, the markup {value}"));
    }
    if read.len() == value.len() && read != value {
        return Some(format!("the text says {read}, the markup {value}"));
    }
    None
}

/// Up to 60 bytes either side of a span, the span in [brackets], on one line.
fn context(text: &str, start: usize, end: usize) -> String {
    let mut from = start.saturating_sub(60);
    while from > 0 && !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (end + 60).min(text.len());
    while to < text.len() && !text.is_char_boundary(to) {
        to += 1;
    }
    let (Some(before), Some(span), Some(after)) = (
        text.get(from..start),
        text.get(start..end),
        text.get(end..to),
    ) else {
        return String::new();
    };
    format!("…{before}[{span}]{after}…")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A fixed random sample of `n` found mentions of `kind` (the same `seed` always draws the
/// same sample), in the order they were found.
pub fn sample(
    found: &[FoundMention],
    kind: MentionKind,
    n: usize,
    seed: u64,
) -> Vec<&FoundMention> {
    let pool: Vec<&FoundMention> = found.iter().filter(|m| m.kind == kind).collect();
    let mut index: Vec<usize> = (0..pool.len()).collect();
    let mut state = seed;
    let take = n.min(index.len());
    // A partial Fisher–Yates shuffle driven by SplitMix64.
    for i in 0..take {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        let j = i + (z % (index.len() - i) as u64) as usize;
        index.swap(i, j);
    }
    let mut chosen: Vec<usize> = index[..take].to_vec();
    chosen.sort_unstable();
    chosen.into_iter().map(|i| pool[i]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEI: &str = r#"<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>
<div type="section" xml:id="s1"><head>War of <date when="1812">1812</date></head>
<p>In <date when="1814">1814</date>, Major General <persName>Andrew
   Jackson</persName> met envoys from <placeName>Great Britain</placeName>.</p>
<figure><head>A picture</head></figure>
<p>Later, <date from="1815" to="1816">1815–1816</date>, and <date when="1798">1789,</date>.</p>
</div></body></text></TEI>"#;

    #[test]
    fn the_answer_key_follows_the_plain_text() {
        let keyed = answer_key("t.xml", TEI).unwrap();
        assert_eq!(keyed.len(), 1);
        let text = keyed[0].document.text();
        let spans: Vec<(&str, MentionKind, Option<&str>)> = keyed[0]
            .key
            .iter()
            .map(|k| (&text[k.start..k.end], k.kind, k.value.as_deref()))
            .collect();
        assert_eq!(
            spans,
            [
                ("1812", MentionKind::Date, Some("1812")),
                ("1814", MentionKind::Date, Some("1814")),
                ("Andrew Jackson", MentionKind::Person, None),
                ("Great Britain", MentionKind::Place, None),
                ("1815–1816", MentionKind::Date, Some("1815/1816")),
                ("1789,", MentionKind::Date, Some("1798")),
            ]
        );
    }

    #[test]
    fn evaluation_counts_overlaps_and_values() {
        let g = Gazetteer::baseline().unwrap();
        let keyed = answer_key("t.xml", TEI).unwrap();
        let report = evaluate(&keyed, &g);
        assert_eq!(
            report.persons,
            Recall {
                marked: 1,
                found: 1
            }
        );
        assert_eq!(
            report.places,
            Recall {
                marked: 1,
                found: 1
            }
        );
        assert_eq!(report.dates_correct(), (3, 4));
        assert_eq!(report.dates_correct_adjusted(), (3, 3));
        assert!(report.date_checks[3].markup_problem.is_some());
    }

    #[test]
    fn samples_are_fixed_by_their_seed() {
        let found: Vec<FoundMention> = (0..50)
            .map(|i| FoundMention {
                kind: MentionKind::Place,
                text: i.to_string(),
                entity_id: None,
                confidence: 1.0,
                context: String::new(),
                place: String::new(),
            })
            .collect();
        let a: Vec<&str> = sample(&found, MentionKind::Place, 10, 7)
            .iter()
            .map(|m| m.text.as_str())
            .collect();
        let b: Vec<&str> = sample(&found, MentionKind::Place, 10, 7)
            .iter()
            .map(|m| m.text.as_str())
            .collect();
        assert_eq!(a, b);
        assert_eq!(a.len(), 10);
        assert_eq!(sample(&found, MentionKind::Person, 10, 7).len(), 0);
    }
}
