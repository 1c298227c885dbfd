//! Which parts of a TEI file are documents, and what each document is: identity, title,
//! date, type, metadata from the header, and the body.

use std::collections::HashMap;

use chancery_model::{DocType, Document, DocumentId, Provenance, SourceCitation};
use roxmltree::Node;

use super::body::{self, RecordBody};
use super::dates::{self, Notices};
use super::header::Header;
use super::mentions;
use super::names::{self, LineIndex, TEI_NS, child, tei, xml_id, xml_lang};
use crate::{FormatError, ReadContext, ReadOutput, xml};

/// Reads a TEI file: see the [module documentation](super).
pub(crate) fn read(text: &str, ctx: &ReadContext) -> Result<ReadOutput, Vec<FormatError>> {
    let doc = xml::parse(text).map_err(|e| vec![e])?;
    let lines = LineIndex::new(text);
    let root = doc.root_element();
    if !(names::is(root, "TEI") || names::is(root, "teiCorpus")) {
        return Err(vec![lines.error(root.range().start, wrong_root(root))]);
    }
    let split = ctx
        .split_div
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or("document");
    let mut teis = Vec::new();
    collect_tei(root, &mut teis);
    let in_corpus = names::is(root, "teiCorpus");
    let mut file = FileReader {
        lines,
        ctx,
        split,
        out: ReadOutput::default(),
        errors: Vec::new(),
        seen: HashMap::new(),
    };
    if teis.is_empty() {
        let warning = file
            .lines
            .warning(root.range().start, "the teiCorpus holds no TEI documents");
        file.out.warnings.push(warning);
    }
    for (k, tei) in teis.into_iter().enumerate() {
        file.tei(tei, in_corpus.then_some(k + 1));
    }
    if file.errors.is_empty() {
        Ok(file.out)
    } else {
        Err(file.errors)
    }
}

fn wrong_root(root: Node<'_, '_>) -> String {
    let name = root.tag_name().name();
    let namespace = match root.tag_name().namespace() {
        Some(ns) => format!(" in the namespace {ns}"),
        None => " in no namespace".to_string(),
    };
    format!(
        "the root element is <{name}>{namespace}; expected <TEI> or <teiCorpus> in the TEI namespace ({TEI_NS})"
    )
}

/// The `TEI` elements of a file: the root, or the members of a (nested) `teiCorpus`.
fn collect_tei<'a, 'input>(node: Node<'a, 'input>, out: &mut Vec<Node<'a, 'input>>) {
    if names::is(node, "TEI") {
        out.push(node);
        return;
    }
    for child in node.children() {
        match tei(child) {
            Some("TEI") => out.push(child),
            Some("teiCorpus") => collect_tei(child, out),
            _ => {}
        }
    }
}

struct FileReader<'t, 'c> {
    lines: LineIndex<'t>,
    ctx: &'c ReadContext,
    split: &'c str,
    out: ReadOutput,
    errors: Vec<FormatError>,
    /// Ids given so far, with the record that got each and where it is.
    seen: HashMap<DocumentId, (String, usize)>,
}

/// What every record of one `TEI` element shares.
struct Shared<'h> {
    header: &'h Header,
    volume: String,
}

impl FileReader<'_, '_> {
    fn tei(&mut self, member: Node<'_, '_>, corpus_index: Option<usize>) {
        let mut notices = Notices::new();
        let header = child(member, "teiHeader")
            .map(|h| Header::read(h, &mut notices))
            .unwrap_or_default();
        let Some(text) = child(member, "text") else {
            self.errors.push(
                self.lines
                    .error(member.range().start, "this <TEI> has no <text> element"),
            );
            return;
        };
        let volume = match (xml_id(member), corpus_index) {
            (Some(id), _) => id.to_string(),
            (None, Some(k)) => format!("{}-{k}", self.ctx.stem),
            (None, None) => self.ctx.stem.clone(),
        };
        let shared = Shared {
            header: &header,
            volume,
        };

        // One pass over the text finds the records, the page breaks (for the page each
        // record starts on) and any text that falls outside every record.
        let mut records = Vec::new();
        let mut page_breaks: Vec<(usize, &str)> = Vec::new();
        let mut outside: Option<usize> = None;
        let mut record_end = 0;
        for node in text.descendants() {
            match tei(node) {
                Some("pb") => {
                    if let Some(n) = node.attribute("n") {
                        page_breaks.push((node.range().start, n));
                    }
                }
                Some(name) if names::is_div(name) && node.attribute("type") == Some(self.split) => {
                    if node.range().start >= record_end {
                        record_end = node.range().end;
                    }
                    records.push(node);
                }
                _ => {
                    if outside.is_none()
                        && node.is_text()
                        && node.range().start >= record_end
                        && !node
                            .text()
                            .unwrap_or_default()
                            .chars()
                            .all(names::is_xml_space)
                        && !node
                            .ancestors()
                            .any(|a| tei(a).is_some_and(names::is_dropped))
                    {
                        outside = Some(node.range().start);
                    }
                }
            }
        }

        let mut dropped: Vec<(&str, usize, usize)> = Vec::new();
        if records.is_empty() {
            let body = body::record(text, self.split, false, None);
            merge_dropped(&mut dropped, &body.dropped);
            self.whole_file(
                member,
                text,
                body,
                &shared,
                corpus_index.is_some(),
                &mut notices,
            );
        } else {
            let first_record = self.out.documents.len();
            for (i, div) in records.iter().enumerate() {
                let start = div.range().start;
                let before = page_breaks.partition_point(|(offset, _)| *offset < start);
                let page = before
                    .checked_sub(1)
                    .and_then(|i| page_breaks.get(i))
                    .map(|(_, n)| *n);
                let body = body::record(*div, self.split, true, page);
                merge_dropped(&mut dropped, &body.dropped);
                self.split_record(*div, i + 1, body, &shared, &mut notices);
            }
            // A paragraph beginning "Source:" outside the records (frus-history puts the
            // archival citation there) is the source of every record of the file.
            let source = archival_source(text, record_end_of(&records));
            if let Some(source) = &source {
                for doc in &mut self.out.documents[first_record..] {
                    doc.source.get_or_insert_with(Default::default).text = Some(source.clone());
                }
            }
            if let Some(offset) =
                outside.filter(|_| source.is_none() || has_other_outside_text(text, &records))
            {
                let message = format!(
                    "text outside the divs of type '{}' belongs to no record and is left out",
                    self.split
                );
                notices.push((offset, message));
            }
        }
        for (name, count, offset) in dropped {
            let what = if count == 1 {
                format!("a <{name}> element was")
            } else {
                format!("{count} <{name}> elements were")
            };
            notices.push((
                offset,
                format!("{what} dropped: embedded content is not part of the document's text"),
            ));
        }
        notices.sort_by_key(|(offset, _)| *offset);
        for (offset, message) in notices {
            let warning = self.lines.warning(offset, &message);
            self.out.warnings.push(warning);
        }
    }

    fn split_record(
        &mut self,
        div: Node<'_, '_>,
        ordinal: usize,
        body: RecordBody<'_>,
        shared: &Shared<'_>,
        notices: &mut Notices,
    ) {
        let header = shared.header;
        let locator = xml_id(div).map_or_else(|| format!("div{ordinal}"), str::to_string);
        let label = format!("{} div '{locator}'", self.split);
        let (title, title_from_head) = match body.head.as_deref().filter(|h| !h.is_empty()) {
            Some(head) => (head.to_string(), true),
            None => match &header.title {
                Some(title) => {
                    notices.push((
                        div.range().start,
                        format!("{label} has no head; its title is taken from the file header"),
                    ));
                    (title.clone(), false)
                }
                None => (String::new(), false),
            },
        };
        let id = DocumentId::from_key(&format!("tei:{}#{locator}", shared.volume));
        let mut doc = Document::new(id, title, "");
        doc.body = body.blocks;
        doc.mentions = body.mentions;

        let dateline = dates::find_dateline(div)
            .map(|d| dates::read_dateline(d, notices))
            .unwrap_or_default();
        doc.date = dates::frus_bounds(div, notices)
            .or(dateline.date)
            .or_else(|| {
                title_from_head
                    .then(|| dates::first_full_date(&doc.title, true))
                    .flatten()
                    .map(|(d, _)| d)
            })
            .or_else(|| header.created.clone());
        doc.place = dateline.place.or_else(|| header.place.clone());
        doc.doc_type = if div.attribute("subtype") == Some("editorial-note") {
            Some(DocType::EditorialNote)
        } else {
            DocType::from_title(&doc.title).or_else(|| {
                ["subtype", "type"]
                    .iter()
                    .find_map(|a| div.attribute(*a).and_then(DocType::from_name))
            })
        };
        doc.language = closest_language(div).or_else(|| header.language.clone());
        let pages = body.pages.and_then(|(first, last)| match (first, last) {
            (Some(a), Some(b)) if a != b => Some(format!("{a}-{b}")),
            (Some(a), _) | (None, Some(a)) => Some(a.to_string()),
            (None, None) => None,
        });
        let source = SourceCitation {
            // The file is the volume the record belongs to.
            title: header.title.clone().or_else(|| header.source_title.clone()),
            pages: pages.or_else(|| header.pages.clone()),
            ..source_citation(header)
        };
        doc.source = (source != SourceCitation::default() || header.has_bibl).then_some(source);
        apply_header(&mut doc, header);
        doc.provenance = Some(Provenance {
            format: Some("tei".into()),
            record: xml_id(div).map(str::to_string),
            ..Provenance::default()
        });
        self.finish(doc, div, label, notices);
    }

    fn whole_file(
        &mut self,
        member: Node<'_, '_>,
        text: Node<'_, '_>,
        body: RecordBody<'_>,
        shared: &Shared<'_>,
        in_corpus: bool,
        notices: &mut Notices,
    ) {
        let header = shared.header;
        let label = format!("the text of '{}'", shared.volume);
        // A file carrying Chancery's own identifier is Chancery's export: its header says
        // everything there is, so nothing is guessed from the title.
        let export = header.chancery_id.is_some();
        let first_heading = || {
            body.blocks
                .iter()
                .find(|b| b.kind == chancery_model::BlockKind::Heading && !b.text.is_empty())
                .map(|b| b.text.clone())
        };
        let title = match header.title.clone() {
            Some(title) => title,
            None => match first_heading() {
                Some(heading) => {
                    notices.push((
                        text.range().start,
                        "the header has no title; the first heading is the title".into(),
                    ));
                    heading
                }
                None => String::new(),
            },
        };
        let id = header
            .chancery_id
            .unwrap_or_else(|| DocumentId::from_key(&format!("tei:{}", shared.volume)));
        let mut doc = Document::new(id, title, "");
        doc.body = body.blocks;
        doc.mentions = body.mentions;
        doc.date = header.created.clone().or_else(|| {
            (!export)
                .then(|| dates::first_full_date(&doc.title, true))
                .flatten()
                .map(|(d, _)| d)
        });
        doc.place = header.place.clone();
        doc.doc_type = header.doc_type.or_else(|| {
            (!export).then(|| {
                DocType::from_title(&doc.title)
                    .or_else(|| {
                        ["subtype", "type"]
                            .iter()
                            .find_map(|a| text.attribute(*a).and_then(DocType::from_name))
                    })
                    .unwrap_or(DocType::Article)
            })
        });
        doc.language = closest_language(text).or_else(|| header.language.clone());
        let source = SourceCitation {
            title: header.source_title.clone(),
            pages: header.pages.clone(),
            ..source_citation(header)
        };
        doc.source = (source != SourceCitation::default() || header.has_bibl).then_some(source);
        apply_header(&mut doc, header);
        if let Some(written) = &header.mentions {
            if mentions::all_fit(&doc, written) {
                doc.mentions = written.clone();
            } else {
                notices.push((
                    text.range().start,
                    "the mentions in chancery:mentions do not fit the text; those marked up in the text are kept".into(),
                ));
            }
        }
        doc.provenance = Some(Provenance {
            format: Some("tei".into()),
            record: in_corpus
                .then(|| xml_id(member).map(str::to_string))
                .flatten(),
            ..Provenance::default()
        });
        self.finish(doc, text, label, notices);
    }

    /// Validates a record and keeps it, or reports why it cannot be kept. Metadata the
    /// store would refuse (a language that is no BCP 47 tag, a URL that is not http) is left
    /// out with a warning; a record without a title or text fails.
    fn finish(
        &mut self,
        mut doc: Document,
        node: Node<'_, '_>,
        label: String,
        notices: &mut Notices,
    ) {
        let at = node.range().start;
        if let Err(problems) = doc.validate() {
            let mut fatal = Vec::new();
            for problem in problems {
                match problem.field {
                    "language" => {
                        notices.push((at, format!("{label}: {problem}; the language is left out")));
                        doc.language = None;
                    }
                    "url" => {
                        notices.push((at, format!("{label}: {problem}; the URL is left out")));
                        doc.url = None;
                    }
                    _ => fatal.push(problem),
                }
            }
            if !fatal.is_empty() {
                for problem in fatal {
                    self.errors
                        .push(self.lines.error(at, format!("{label}: {problem}")));
                }
                return;
            }
        }
        if let Some((other, other_at)) = self.seen.get(&doc.id) {
            let (line, _) = self.lines.position(*other_at);
            let message = format!(
                "{label} has the same id {} as {other} (line {line})",
                doc.id
            );
            self.errors.push(self.lines.error(at, message));
            return;
        }
        self.seen.insert(doc.id, (label, at));
        self.out.documents.push(doc);
    }
}

/// The citation fields every record of a file shares.
fn source_citation(header: &Header) -> SourceCitation {
    SourceCitation {
        text: header.source_text.clone(),
        title: None,
        place: header.pub_place.clone(),
        publisher: header.publisher.clone(),
        year: header.year,
        pages: None,
        extent: header.extent.clone(),
    }
}

/// Metadata from the header that every record of the file takes as it is.
fn apply_header(doc: &mut Document, header: &Header) {
    doc.caption = header.caption.clone();
    doc.rights = header.rights.clone();
    doc.url = header.url.clone();
    doc.source_updated = header.source_updated;
    doc.senders = header.senders.clone();
    doc.recipients = header.recipients.clone();
    doc.collections = header.collections.clone();
    doc.subjects = header.subjects.clone();
    doc.relations = header.relations.clone();
}

/// The `xml:lang` nearest to `node` (itself, then its ancestors); an empty one means "not
/// stated".
fn closest_language(node: Node<'_, '_>) -> Option<String> {
    node.ancestors()
        .find_map(xml_lang)
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
}

fn merge_dropped<'a>(total: &mut Vec<(&'a str, usize, usize)>, found: &[(&'a str, usize, usize)]) {
    for &(name, count, offset) in found {
        match total.iter_mut().find(|(n, _, _)| *n == name) {
            Some((_, c, _)) => *c += count,
            None => total.push((name, count, offset)),
        }
    }
}

/// Where the records end: paragraphs inside any of these ranges belong to a record.
fn record_end_of<'a, 'i>(records: &[roxmltree::Node<'a, 'i>]) -> Vec<std::ops::Range<usize>> {
    records.iter().map(|r| r.range()).collect()
}

/// Paragraphs of the text that lie outside every record.
fn outside_paragraphs(
    text: roxmltree::Node<'_, '_>,
    records: &[std::ops::Range<usize>],
) -> Vec<String> {
    text.descendants()
        .filter(|n| tei(*n) == Some("p"))
        .filter(|n| !records.iter().any(|r| r.contains(&n.range().start)))
        .map(crate::xml::squeezed_text)
        .filter(|t| !t.is_empty())
        .collect()
}

/// The text of an outside paragraph beginning "Source:", without the label.
fn archival_source(
    text: roxmltree::Node<'_, '_>,
    records: Vec<std::ops::Range<usize>>,
) -> Option<String> {
    outside_paragraphs(text, &records)
        .into_iter()
        .find_map(|p| {
            p.strip_prefix("Source:")
                .map(|rest| rest.trim().to_string())
                .filter(|rest| !rest.is_empty())
        })
}

/// Whether outside text other than the "Source:" paragraph exists.
fn has_other_outside_text(
    text: roxmltree::Node<'_, '_>,
    records: &[roxmltree::Node<'_, '_>],
) -> bool {
    let ranges = record_end_of(records);
    outside_paragraphs(text, &ranges)
        .iter()
        .any(|p| !p.starts_with("Source:"))
}
