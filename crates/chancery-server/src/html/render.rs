//! A document's body as HTML: headings, paragraphs, lists with their labels, quotations,
//! datelines, salutations and signatures, tables as real tables, notes as footnotes linked
//! both ways with their references, page breaks as marginal page numbers and withheld text as
//! "[text withheld]".
//!
//! Mentions of persons, organizations and places can be given as [`TextLink`]s (byte ranges
//! of the plain text, [`chancery_model::Document::text`]): each becomes a link around exactly
//! its text, unless it would cross a span's boundary, a table cell or a note reference, in
//! which case it is left out rather than break the markup.
//!
//! Everything taken from the document is escaped on the way in ([`Markup`]); spans that
//! overlap without nesting are closed and reopened so the output is always well formed.

use std::collections::HashMap;
use std::ops::Range;

use chancery_model::{Block, BlockKind, Span, SpanStyle};

use super::markup::Markup;

/// A rendered body: the text, and the notes to show as footnotes after it.
#[derive(Debug, Clone, Default)]
pub struct RenderedBody {
    /// The text with its structure.
    pub text: Markup,
    /// The footnotes as an ordered list (empty when the document has none).
    pub notes: Markup,
    /// How many notes there are.
    pub note_count: usize,
}

/// A link to put around a range of the plain text.
#[derive(Debug, Clone)]
pub struct TextLink {
    /// Byte offset of the range's start in the plain text.
    pub start: usize,
    /// Byte offset just past the range.
    pub end: usize,
    /// Where it leads.
    pub href: String,
}

/// Renders a document's body.
pub fn body(blocks: &[Block]) -> RenderedBody {
    body_linked(blocks, &[])
}

/// Renders a document's body with `links` around ranges of its plain text.
pub fn body_linked(blocks: &[Block], links: &[TextLink]) -> RenderedBody {
    let links = Links::new(blocks, links);
    let links = &links;
    let mut notes = Notes::new(blocks);
    let mut out = Markup::new();
    let mut pages = 0usize;
    let mut i = 0;
    while i < blocks.len() {
        let block = &blocks[i];
        match block.kind {
            BlockKind::Note => {
                i += 1;
            }
            BlockKind::ListItem => {
                let end = run_end(blocks, i, |k| k == BlockKind::ListItem);
                list(&mut out, &blocks[i..end], &mut notes, &mut pages, links);
                i = end;
            }
            BlockKind::Quote => {
                let end = run_end(blocks, i, |k| k == BlockKind::Quote);
                out.push_raw("<blockquote class=\"doc-quote\">");
                for quote in &blocks[i..end] {
                    out.push_raw("<p>");
                    inline(
                        &mut out,
                        quote,
                        0..quote.text.len(),
                        &mut notes,
                        &mut pages,
                        links,
                    );
                    out.push_raw("</p>");
                }
                out.push_raw("</blockquote>\n");
                i = end;
            }
            BlockKind::Caption
                if blocks.get(i + 1).map(|b| b.kind) == Some(BlockKind::TableRow) =>
            {
                let end = run_end(blocks, i + 1, |k| k == BlockKind::TableRow);
                table(
                    &mut out,
                    Some(block),
                    &blocks[i + 1..end],
                    &mut notes,
                    &mut pages,
                    links,
                );
                i = end;
            }
            BlockKind::TableRow => {
                let end = run_end(blocks, i, |k| k == BlockKind::TableRow);
                table(
                    &mut out,
                    None,
                    &blocks[i..end],
                    &mut notes,
                    &mut pages,
                    links,
                );
                i = end;
            }
            kind => {
                let (tag, class) = match kind {
                    BlockKind::Heading => (heading_tag(block.level), "doc-heading"),
                    BlockKind::Dateline => ("p", "dateline"),
                    BlockKind::Salute => ("p", "salute"),
                    BlockKind::Signed => ("p", "signed"),
                    BlockKind::Caption => ("p", "doc-caption"),
                    _ => ("p", ""),
                };
                if class.is_empty() {
                    out.open(tag, &[]);
                } else {
                    out.open(tag, &[("class", class)]);
                }
                inline(
                    &mut out,
                    block,
                    0..block.text.len(),
                    &mut notes,
                    &mut pages,
                    links,
                );
                out.close(tag);
                out.push_raw("\n");
                i += 1;
            }
        }
    }
    let note_count = notes.blocks.len();
    RenderedBody {
        text: out,
        notes: notes.render(&mut pages, links),
        note_count,
    }
}

/// The index just past the run of blocks from `start` whose kinds satisfy `same`.
fn run_end(blocks: &[Block], start: usize, same: impl Fn(BlockKind) -> bool) -> usize {
    blocks[start..]
        .iter()
        .position(|b| !same(b.kind))
        .map_or(blocks.len(), |p| start + p)
}

/// The page title is the `h1`; the document's own headings start at `h2`.
fn heading_tag(level: u8) -> &'static str {
    match level {
        0 | 1 => "h2",
        2 => "h3",
        3 => "h4",
        4 => "h5",
        _ => "h6",
    }
}

/// A run of list items, nested by their level, with their labels.
fn list(
    out: &mut Markup,
    items: &[Block],
    notes: &mut Notes<'_>,
    pages: &mut usize,
    links: &Links,
) {
    let base = items.iter().map(|b| b.level).min().unwrap_or(0);
    let labelled = items.iter().any(|b| b.n.is_some());
    let open_list = |out: &mut Markup| {
        if labelled {
            out.push_raw("<ul class=\"doc-list labelled\">");
        } else {
            out.push_raw("<ul class=\"doc-list\">");
        }
    };
    // The depth of open lists (each with an open item once the first is written).
    let mut depth = 0usize;
    for item in items {
        let level = usize::from(item.level - base) + 1;
        if depth == 0 {
            open_list(out);
            depth = 1;
        } else if level > depth {
            // Deeper: a new list inside the open item (one level at a time).
            for _ in depth..level {
                open_list(out);
                out.push_raw("<li>");
            }
            // The item opened for intermediate levels holds only the nested list.
            out.push_raw("</li>");
            depth = level;
        } else {
            out.push_raw("</li>");
            while depth > level {
                out.push_raw("</ul></li>");
                depth -= 1;
            }
        }
        out.push_raw("<li>");
        if let Some(label) = &item.n {
            out.open("span", &[("class", "label")]);
            out.push_text(label);
            out.close("span");
            out.push_raw(" ");
        }
        inline(out, item, 0..item.text.len(), notes, pages, links);
    }
    if depth > 0 {
        out.push_raw("</li>");
        while depth > 1 {
            out.push_raw("</ul></li>");
            depth -= 1;
        }
        out.push_raw("</ul>\n");
    }
}

/// A run of table rows (cells separated by tabs) as a table, in a region that scrolls
/// sideways on narrow screens instead of the page.
fn table(
    out: &mut Markup,
    caption: Option<&Block>,
    rows: &[Block],
    notes: &mut Notes<'_>,
    pages: &mut usize,
    links: &Links,
) {
    let label = caption.map_or_else(|| "Table".to_string(), |c| c.text.clone());
    out.open(
        "div",
        &[
            ("class", "table-wrap"),
            ("role", "region"),
            ("aria-label", &label),
            ("tabindex", "0"),
        ],
    );
    out.push_raw("<table class=\"doc-table\">");
    if let Some(caption) = caption {
        out.push_raw("<caption>");
        inline(out, caption, 0..caption.text.len(), notes, pages, links);
        out.push_raw("</caption>");
    }
    out.push_raw("<tbody>");
    for row in rows {
        out.push_raw("<tr>");
        let mut start = 0;
        for (at, _) in row.text.match_indices('\t').chain([(row.text.len(), "")]) {
            out.push_raw("<td>");
            inline(out, row, start..at, notes, pages, links);
            out.push_raw("</td>");
            start = at + 1;
        }
        out.push_raw("</tr>");
    }
    out.push_raw("</tbody></table></div>\n");
}

/// The notes of a body and the references to them.
struct Notes<'a> {
    /// The note blocks, in order.
    blocks: Vec<&'a Block>,
    /// Note label → index in `blocks` (the first note with that label).
    by_label: HashMap<&'a str, usize>,
    /// How many references each note has had so far.
    references: Vec<usize>,
}

impl<'a> Notes<'a> {
    fn new(body: &'a [Block]) -> Self {
        let blocks: Vec<&Block> = body.iter().filter(|b| b.kind == BlockKind::Note).collect();
        let mut by_label = HashMap::new();
        for (i, note) in blocks.iter().enumerate() {
            if let Some(n) = note.n.as_deref() {
                by_label.entry(n).or_insert(i);
            }
        }
        let references = vec![0; blocks.len()];
        Self {
            blocks,
            by_label,
            references,
        }
    }

    /// A reference to the note labelled `n`: a superscript link to the note (the first
    /// reference also being the note's way back).
    fn reference(&mut self, out: &mut Markup, n: &str, shown: &str) {
        let Some(&k) = self.by_label.get(n) else {
            out.push_raw("<sup class=\"note-ref\">");
            out.push_text(shown);
            out.push_raw("</sup>");
            return;
        };
        self.references[k] += 1;
        let id = if self.references[k] == 1 {
            format!("ref-{}", k + 1)
        } else {
            format!("ref-{}-{}", k + 1, self.references[k])
        };
        let href = format!("#note-{}", k + 1);
        let label = format!("Note {n}");
        out.push_raw("<sup class=\"note-ref\">");
        out.open("a", &[("id", &id), ("href", &href), ("aria-label", &label)]);
        out.push_text(shown);
        out.push_raw("</a></sup>");
    }

    /// The footnotes, each with a link back to its first reference.
    fn render(&mut self, pages: &mut usize, links: &Links) -> Markup {
        let mut out = Markup::new();
        if self.blocks.is_empty() {
            return out;
        }
        out.push_raw("<ol class=\"footnotes\">\n");
        let blocks = self.blocks.clone();
        for (k, note) in blocks.iter().enumerate() {
            let id = format!("note-{}", k + 1);
            out.open("li", &[("id", &id)]);
            let label = note.n.clone().unwrap_or_else(|| (k + 1).to_string());
            out.push_raw("<span class=\"note-label\">");
            out.push_text(&label);
            out.push_raw("</span> <span class=\"note-text\">");
            // A note's own text may refer to other notes; those references are counted too.
            inline(&mut out, note, 0..note.text.len(), self, pages, links);
            out.push_raw("</span>");
            if self.references[k] > 0 {
                let href = format!("#ref-{}", k + 1);
                let aria = format!("Back to the reference to note {label}");
                out.push_raw(" ");
                out.open(
                    "a",
                    &[
                        ("class", "note-back"),
                        ("href", &href),
                        ("aria-label", &aria),
                    ],
                );
                out.push_raw("↩\u{fe0e}</a>");
            }
            out.push_raw("</li>\n");
        }
        out.push_raw("</ol>");
        out
    }
}

/// The links of a body, by block, in block-local byte ranges.
struct Links {
    /// Block address → (start, end, href), ranges within the block's text.
    by_block: HashMap<usize, Vec<(usize, usize, String)>>,
}

impl Links {
    /// Places each link in the block holding its whole range, leaving out those that cross
    /// a block, a table cell, a span's boundary or a point of the text (a note reference, a
    /// page break), or whose range is not on character boundaries.
    fn new(blocks: &[Block], links: &[TextLink]) -> Self {
        let mut by_block: HashMap<usize, Vec<(usize, usize, String)>> = HashMap::new();
        if links.is_empty() {
            return Self { by_block };
        }
        let placed: Vec<(usize, &Block)> = chancery_model::body::block_offsets(blocks)
            .into_iter()
            .zip(blocks)
            .filter_map(|(offset, block)| Some((offset?, block)))
            .collect();
        for link in links {
            // The last block starting at or before the link.
            let at = placed.partition_point(|(offset, _)| *offset <= link.start);
            let Some(&(offset, block)) = at.checked_sub(1).and_then(|i| placed.get(i)) else {
                continue;
            };
            let (a, b) = (link.start - offset, link.end.saturating_sub(offset));
            let text = block.text.as_str();
            let fits = a < b
                && b <= text.len()
                && text.is_char_boundary(a)
                && text.is_char_boundary(b)
                && !text[a..b].contains('\t');
            if !fits || block.spans.iter().any(|s| conflicts(s, a, b)) {
                continue;
            }
            let list = by_block
                .entry(std::ptr::from_ref(block) as usize)
                .or_default();
            if list.iter().any(|&(x, y, _)| x < b && a < y) {
                continue;
            }
            list.push((a, b, link.href.clone()));
        }
        Self { by_block }
    }

    /// The links inside `block`.
    fn of(&self, block: &Block) -> &[(usize, usize, String)] {
        self.by_block
            .get(&(std::ptr::from_ref(block) as usize))
            .map_or(&[], Vec::as_slice)
    }
}

/// Whether a link around `a..b` would break `span`: a range that overlaps it without one
/// holding the other, a point inside it or at its ends, or any overlap with a replacement or
/// an outside link (links do not nest).
fn conflicts(span: &Span, a: usize, b: usize) -> bool {
    let (s, e) = (span.start as usize, span.end as usize);
    if s == e {
        return a <= s && s <= b;
    }
    let overlaps = s < b && a < e;
    let nested = (s <= a && b <= e) || (a <= s && e <= b);
    match span.style {
        SpanStyle::NoteRef { .. } | SpanStyle::Gap { .. } | SpanStyle::Link { .. } => overlaps,
        _ => overlaps && !nested,
    }
}

/// What marks a range of a block's text: one of its spans, or a link to an entity's page.
#[derive(Debug, Clone, Copy)]
enum Mark<'a> {
    /// A span of the document.
    Style(&'a SpanStyle),
    /// A link to a person's, organization's or place's page.
    Entity(&'a str),
}

/// A mark that wraps a range of text (as opposed to a point or a replacement).
fn wraps(mark: Mark<'_>) -> bool {
    match mark {
        Mark::Entity(_) => true,
        Mark::Style(style) => matches!(
            style,
            SpanStyle::Italic
                | SpanStyle::Bold
                | SpanStyle::Underline
                | SpanStyle::SmallCaps
                | SpanStyle::Superscript
                | SpanStyle::Link { .. }
        ),
    }
}

fn open_tag(out: &mut Markup, mark: Mark<'_>) {
    let style = match mark {
        Mark::Entity(href) => {
            out.open("a", &[("class", "mention"), ("href", href)]);
            return;
        }
        Mark::Style(style) => style,
    };
    match style {
        SpanStyle::Italic => out.push_raw("<i>"),
        SpanStyle::Bold => out.push_raw("<b>"),
        SpanStyle::Underline => out.push_raw("<u>"),
        SpanStyle::SmallCaps => out.push_raw("<span class=\"sc\">"),
        SpanStyle::Superscript => out.push_raw("<sup>"),
        SpanStyle::Link { target } if is_web_address(target) => {
            out.open("a", &[("href", target), ("rel", "nofollow")]);
        }
        SpanStyle::Link { target } => out.open("span", &[("class", "xref"), ("title", target)]),
        _ => {}
    }
}

fn close_tag(out: &mut Markup, mark: Mark<'_>) {
    let style = match mark {
        Mark::Entity(_) => {
            out.push_raw("</a>");
            return;
        }
        Mark::Style(style) => style,
    };
    match style {
        SpanStyle::Italic => out.push_raw("</i>"),
        SpanStyle::Bold => out.push_raw("</b>"),
        SpanStyle::Underline => out.push_raw("</u>"),
        SpanStyle::Superscript => out.push_raw("</sup>"),
        SpanStyle::Link { target } if is_web_address(target) => out.push_raw("</a>"),
        SpanStyle::SmallCaps | SpanStyle::Link { .. } => out.push_raw("</span>"),
        _ => {}
    }
}

/// Only http(s) and mail addresses become links; anything else (a `javascript:` address, a
/// pointer into the source file) stays text.
pub fn is_web_address(target: &str) -> bool {
    let lower = target.trim_start().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:")
}

/// A page-break marker: the page number in the margin (inline on narrow screens).
fn page_marker(out: &mut Markup, n: &str, pages: &mut usize) {
    *pages += 1;
    let id = format!("page-{}", *pages);
    out.open("span", &[("class", "pb"), ("id", &id)]);
    out.push_raw("p.&#160;");
    out.push_text(n);
    out.push_raw("</span>");
}

/// Withheld or illegible text: "[text withheld]", with the source's description.
fn gap(out: &mut Markup, description: &str, reason: Option<&str>) {
    let description = description.trim();
    let described = !description.is_empty()
        && description != "[…]"
        && description != "[...]"
        && description != "…";
    let word = match reason {
        Some(r) if r.eq_ignore_ascii_case("illegible") => "text illegible",
        _ => "text withheld",
    };
    match reason {
        Some(reason) => out.open("span", &[("class", "gap"), ("title", reason)]),
        None => out.open("span", &[("class", "gap")]),
    }
    out.push_raw("[");
    out.push_text(word);
    if described {
        let inner = description.trim_start_matches('[').trim_end_matches(']');
        out.push_raw(": ");
        out.push_text(inner);
    }
    out.push_raw("]</span>");
}

/// The text of `block` within `range`, with its spans.
fn inline(
    out: &mut Markup,
    block: &Block,
    range: Range<usize>,
    notes: &mut Notes<'_>,
    pages: &mut usize,
    links: &Links,
) {
    let text = block.text.as_str();
    let within = |s: &Span| {
        let (a, b) = (s.start as usize, s.end as usize);
        a <= b && b <= text.len() && text.is_char_boundary(a) && text.is_char_boundary(b)
    };
    // Spans clipped to the range, in opening order: by start, longer first.
    let marks = block
        .spans
        .iter()
        .filter(|s| within(s))
        .map(|s| (s.start as usize, s.end as usize, Mark::Style(&s.style)))
        .chain(
            links
                .of(block)
                .iter()
                .map(|(a, b, href)| (*a, *b, Mark::Entity(href))),
        );
    let mut spans: Vec<(usize, usize, Mark<'_>)> = marks
        .filter_map(|(a, b, mark)| {
            let point = a == b;
            let inside = if point {
                range.start <= a && (a < range.end || (a == range.end && range.end == text.len()))
            } else {
                a < range.end && b > range.start
            };
            inside.then(|| (a.max(range.start), b.min(range.end), mark))
        })
        .collect();
    spans.sort_by(|x, y| x.0.cmp(&y.0).then(y.1.cmp(&x.1)));

    let mut boundaries: Vec<usize> = vec![range.start, range.end];
    for (a, b, _) in &spans {
        boundaries.push(*a);
        boundaries.push(*b);
    }
    boundaries.sort_unstable();
    boundaries.dedup();

    // Open wrapping spans, outermost first, as indexes into `spans`.
    let mut stack: Vec<usize> = Vec::new();
    let mut at = range.start;
    let mut skip_until: Option<usize> = None;
    for &position in &boundaries {
        if position < at {
            continue;
        }
        if position > at && skip_until.is_none_or(|end| position > end) {
            out.push_text(&text[at..position]);
        }
        if skip_until.is_some_and(|end| position >= end) {
            skip_until = None;
        }
        at = position;
        // Close the spans ending here, reopening those above them that go on (the spans
        // below the outermost one ending stay open).
        if let Some(lowest) = stack.iter().position(|&i| spans[i].1 <= position) {
            let mut reopen = Vec::new();
            while stack.len() > lowest {
                let Some(i) = stack.pop() else { break };
                close_tag(out, spans[i].2);
                if spans[i].1 > position {
                    reopen.push(i);
                }
            }
            for &i in reopen.iter().rev() {
                open_tag(out, spans[i].2);
                stack.push(i);
            }
        }
        if skip_until.is_some() {
            continue;
        }
        for (i, &(a, b, mark)) in spans.iter().enumerate() {
            if a != position {
                continue;
            }
            match mark {
                Mark::Style(SpanStyle::Page { n }) => page_marker(out, n, pages),
                Mark::Style(SpanStyle::NoteRef { n }) if a == b => notes.reference(out, n, n),
                Mark::Style(SpanStyle::NoteRef { n }) => {
                    // The reference's own text (usually the number) is the link.
                    notes.reference(out, n, &text[a..b]);
                    skip_until = Some(b);
                    at = b;
                }
                Mark::Style(SpanStyle::Gap { reason }) => {
                    gap(out, &text[a..b], reason.as_deref());
                    skip_until = Some(b);
                    at = b;
                }
                other if wraps(other) && b > a => {
                    open_tag(out, other);
                    stack.push(i);
                }
                _ => {}
            }
            if skip_until.is_some() {
                break;
            }
        }
    }
    while let Some(i) = stack.pop() {
        close_tag(out, spans[i].2);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: u32, end: u32, style: SpanStyle) -> Span {
        Span { start, end, style }
    }

    #[test]
    fn overlapping_spans_stay_well_formed() {
        let mut b = Block::paragraph("abcdef");
        b.spans.push(span(0, 4, SpanStyle::Italic));
        b.spans.push(span(2, 6, SpanStyle::Bold));
        let r = body(&[b]);
        assert_eq!(r.text.as_str(), "<p><i>ab<b>cd</b></i><b>ef</b></p>\n");
    }

    #[test]
    fn notes_link_both_ways() {
        let mut p = Block::paragraph("Text.");
        p.spans
            .push(span(5, 5, SpanStyle::NoteRef { n: "1".into() }));
        let mut note = Block::new(BlockKind::Note, "A <note> & more.");
        note.n = Some("1".into());
        let r = body(&[p, note]);
        assert!(r.text.as_str().contains("id=\"ref-1\" href=\"#note-1\""));
        assert!(r.notes.as_str().contains("<li id=\"note-1\">"));
        assert!(r.notes.as_str().contains("href=\"#ref-1\""));
        assert!(r.notes.as_str().contains("A &lt;note&gt; &amp; more."));
        assert_eq!(r.note_count, 1);
    }

    #[test]
    fn gaps_pages_lists_and_tables() {
        let mut p = Block::paragraph("Before […] after.");
        p.spans.push(span(7, 12, SpanStyle::Gap { reason: None }));
        p.spans.push(span(0, 0, SpanStyle::Page { n: "91".into() }));
        let mut item = Block::new(BlockKind::ListItem, "first");
        item.n = Some("(a)".into());
        let mut nested = Block::new(BlockKind::ListItem, "inner");
        nested.level = 1;
        let row = Block::new(BlockKind::TableRow, "x\ty<z");
        let r = body(&[p, item, nested, row]);
        let html = r.text.as_str();
        assert!(html.contains("[text withheld]"), "{html}");
        assert!(html.contains("class=\"pb\""), "{html}");
        assert!(
            html.contains("<span class=\"label\">(a)</span> first<ul"),
            "{html}"
        );
        assert!(html.contains("<td>x</td><td>y&lt;z</td>"), "{html}");
        assert!(!html.contains("[…]"), "{html}");
    }

    #[test]
    fn mentions_wrap_their_text_or_are_left_out() {
        let mut p = Block::paragraph("Ask Kirk & Gromyko now.");
        p.spans.push(span(4, 18, SpanStyle::Italic));
        p.spans
            .push(span(20, 20, SpanStyle::NoteRef { n: "9".into() }));
        let link = |start, end, href: &str| TextLink {
            start,
            end,
            href: href.into(),
        };
        let links = [
            link(4, 8, "/people/kirk"),
            link(11, 18, "/people/gromyko"),
            // Crosses the italic span's start; holds a note reference; out of range.
            link(0, 8, "/x"),
            link(19, 23, "/y"),
            link(40, 50, "/z"),
        ];
        let html = body_linked(&[p], &links).text.into_string();
        assert!(
            html.contains(
                "<i><a class=\"mention\" href=\"/people/kirk\">Kirk</a> &amp; \
                 <a class=\"mention\" href=\"/people/gromyko\">Gromyko</a></i>"
            ),
            "{html}"
        );
        for left_out in ["/x", "/y", "/z"] {
            assert!(!html.contains(left_out), "{html}");
        }
    }

    #[test]
    fn only_web_links_become_links() {
        let mut p = Block::paragraph("one two");
        p.spans.push(span(
            0,
            3,
            SpanStyle::Link {
                target: "javascript:alert(1)".into(),
            },
        ));
        p.spans.push(span(
            4,
            7,
            SpanStyle::Link {
                target: "https://example.org/?a=1&b=2".into(),
            },
        ));
        let html = body(&[p]).text.into_string();
        assert!(!html.contains("href=\"javascript"), "{html}");
        assert!(
            html.contains("href=\"https://example.org/?a=1&amp;b=2\""),
            "{html}"
        );
    }
}
