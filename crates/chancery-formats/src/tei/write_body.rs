//! Blocks and spans as TEI elements.
//!
//! Headings open divisions nested to their level; list items nest lists to theirs;
//! consecutive rows make one table. Spans become elements over their text (`hi`, `ref`,
//! `gap`, `seg`), zero-width ones empty elements (`pb`, `note`, …). Spans that overlap
//! without nesting, or that cross a table cell, are cut into fragments linked by
//! `xml:id`/`prev`, which the reader joins again. A note is written at its first anchor, in
//! the order of the note blocks; anchors that cannot hold the note are `ref type="noteref"`.
//!
//! Mentions the writer marks up (see [`mentions::is_marked_up`]) become `persName`,
//! `orgName`, `placeName` and `date` elements over their text, when they lie in one block and
//! nest with its spans; a mention that would have to be cut is left out of the markup.

use chancery_model::body::block_offsets;
use chancery_model::{Block, BlockKind, Mention, Span, SpanStyle};

use super::body::MAX_NESTING;
use super::escape;
use super::mentions;
use super::names::{is_xml_space, squeeze};

/// Writes the content of `body` (the blocks), indented by `depth`, with the `mentions` the
/// writer marks up; returns how many of them it wrote.
pub(crate) fn write_body(
    out: &mut String,
    blocks: &[Block],
    mentions: &[Mention],
    fragments: &mut u64,
    depth: usize,
) -> usize {
    // Notes after the last other block are the document's notes proper: they are written at
    // their anchors. A note standing among other blocks is written where it stands.
    let main_len = blocks.len()
        - blocks
            .iter()
            .rev()
            .take_while(|b| b.kind == BlockKind::Note)
            .count();
    let (main, notes) = blocks.split_at(main_len);
    let mut w = BodyWriter {
        out,
        notes,
        notes_at: main_len,
        next_note: 0,
        tags: tags(blocks, mentions),
        written: 0,
        fragments,
        base: depth,
        divs: 0,
        lists: Vec::new(),
        table: false,
    };
    let before = w.out.len();
    for (index, block) in main.iter().enumerate() {
        w.block(index, block);
    }
    w.close_all();
    while let Some(note) = w.notes.get(w.next_note) {
        let index = w.notes_at + w.next_note;
        w.next_note += 1;
        w.nl(w.base);
        w.note(index, note, false, false);
    }
    if w.out.len() == before {
        // TEI wants something in a body.
        w.nl(w.base);
        w.out.push_str("<p/>");
    }
    w.written
}

/// A mention to mark up, by byte offsets into its block's text.
#[derive(Debug, Clone)]
struct Tag {
    start: u32,
    end: u32,
    name: &'static str,
    attrs: Vec<(&'static str, String)>,
}

/// The mentions to mark up in each block (indexed like `blocks`): those the writer marks up
/// whose text lies inside one block (in a table row, inside one cell), enclosing mentions
/// first.
fn tags(blocks: &[Block], mentions: &[Mention]) -> Vec<Vec<Tag>> {
    let mut tags = vec![Vec::new(); blocks.len()];
    // Where each non-empty block starts in the plain text, in order.
    let starts: Vec<(usize, usize)> = block_offsets(blocks)
        .into_iter()
        .enumerate()
        .filter_map(|(i, at)| at.map(|at| (at, i)))
        .collect();
    let mut ordered: Vec<&Mention> = mentions
        .iter()
        .filter(|m| mentions::is_marked_up(m))
        .collect();
    ordered.sort_by_key(|m| mentions::order_key(m));
    for m in ordered {
        let (start, end) = (m.start as usize, m.end as usize);
        if end < start {
            continue;
        }
        let Some(&(at, i)) = starts
            .partition_point(|(at, _)| *at <= start)
            .checked_sub(1)
            .and_then(|k| starts.get(k))
        else {
            continue;
        };
        let (Some(block), Some(slot)) = (blocks.get(i), tags.get_mut(i)) else {
            continue;
        };
        let Some(text) = block
            .text
            .get(start - at..)
            .and_then(|t| t.get(..end - start))
        else {
            continue;
        };
        let fits = !text.is_empty()
            && text == m.text
            && text.trim_matches(is_xml_space) == text
            && !(block.kind == BlockKind::TableRow && text.contains('\t'));
        if fits {
            slot.push(Tag {
                start: (start - at) as u32,
                end: (end - at) as u32,
                name: mentions::element(m.kind),
                attrs: mentions::attributes(
                    m.kind,
                    m.entity_id.as_deref(),
                    m.normalized.as_deref(),
                ),
            });
        }
    }
    tags
}

struct BodyWriter<'b, 'o> {
    out: &'o mut String,
    notes: &'b [Block],
    /// The index of the first note among all blocks.
    notes_at: usize,
    next_note: usize,
    /// The mentions to mark up in each block; taken when the block is written.
    tags: Vec<Vec<Tag>>,
    /// How many mentions were marked up.
    written: usize,
    fragments: &'o mut u64,
    base: usize,
    divs: usize,
    /// Open lists, innermost last, each with whether an item is open in it.
    lists: Vec<bool>,
    table: bool,
}

impl BodyWriter<'_, '_> {
    fn nl(&mut self, depth: usize) {
        self.out.push('\n');
        for _ in 0..depth {
            self.out.push_str("  ");
        }
    }

    fn depth(&self) -> usize {
        self.base + self.divs + self.lists.len() + usize::from(self.table)
    }

    fn close_table(&mut self) {
        if self.table {
            self.table = false;
            let depth = self.depth();
            self.nl(depth);
            self.out.push_str("</table>");
        }
    }

    fn close_list(&mut self) {
        if let Some(item_open) = self.lists.pop() {
            if item_open {
                self.out.push_str("</item>");
            }
            let depth = self.depth();
            self.nl(depth);
            self.out.push_str("</list>");
        }
    }

    fn close_lists(&mut self) {
        while !self.lists.is_empty() {
            self.close_list();
        }
    }

    fn close_all(&mut self) {
        self.close_lists();
        self.close_table();
        while self.divs > 0 {
            self.divs -= 1;
            let depth = self.depth();
            self.nl(depth);
            self.out.push_str("</div>");
        }
    }

    fn block(&mut self, index: usize, block: &Block) {
        match block.kind {
            BlockKind::Heading => self.heading(index, block),
            BlockKind::ListItem => self.item(index, block),
            BlockKind::TableRow => self.row(index, block),
            kind => {
                self.close_lists();
                self.close_table();
                let depth = self.depth();
                self.nl(depth);
                match kind {
                    BlockKind::Caption => {
                        self.out.push_str("<figure>");
                        self.element(index, "head", block, 0, &[]);
                        self.out.push_str("</figure>");
                    }
                    BlockKind::Note => self.note(index, block, true, false),
                    BlockKind::Paragraph => self.element(index, "p", block, 0, &[]),
                    BlockKind::Dateline => self.element(index, "dateline", block, 0, &[]),
                    BlockKind::Salute => self.element(index, "salute", block, 0, &[]),
                    BlockKind::Signed => self.element(index, "signed", block, 0, &[]),
                    BlockKind::Quote => self.element(index, "quote", block, 0, &[]),
                    BlockKind::Heading | BlockKind::ListItem | BlockKind::TableRow => {}
                }
            }
        }
    }

    fn heading(&mut self, index: usize, block: &Block) {
        self.close_lists();
        self.close_table();
        let level = usize::from(block.level.clamp(1, MAX_NESTING));
        while self.divs >= level {
            self.divs -= 1;
            let depth = self.depth();
            self.nl(depth);
            self.out.push_str("</div>");
        }
        while self.divs < level {
            let depth = self.depth();
            self.nl(depth);
            self.out.push_str("<div>");
            self.divs += 1;
        }
        let depth = self.depth();
        self.nl(depth);
        self.element(index, "head", block, level as u8, &[]);
    }

    fn item(&mut self, index: usize, block: &Block) {
        self.close_table();
        let level = usize::from(block.level.clamp(1, MAX_NESTING));
        while self.lists.len() > level {
            self.close_list();
        }
        while self.lists.len() < level {
            if let Some(item_open) = self.lists.last_mut()
                && !*item_open
            {
                // A list nested deeper than the one before it hangs from an empty item.
                *item_open = true;
                let depth = self.depth();
                self.nl(depth);
                self.out.push_str("<item>");
            }
            if self.lists.is_empty() {
                let depth = self.depth();
                self.nl(depth);
            }
            self.out.push_str("<list>");
            self.lists.push(false);
        }
        if let Some(item_open) = self.lists.last_mut()
            && *item_open
        {
            *item_open = false;
            self.out.push_str("</item>");
        }
        let depth = self.depth();
        if let Some(label) = &block.n {
            self.nl(depth);
            self.out.push_str("<label");
            push_text_attrs(self.out, label);
            if label.is_empty() {
                self.out.push_str("/>");
            } else {
                self.out.push('>');
                escape::text(self.out, label);
                self.out.push_str("</label>");
            }
        }
        self.nl(depth);
        self.open_tag("item", block, level as u8, false, &[]);
        self.content(index, block);
        if let Some(item_open) = self.lists.last_mut() {
            *item_open = true;
        }
    }

    fn row(&mut self, index: usize, block: &Block) {
        self.close_lists();
        if !self.table {
            let depth = self.depth();
            self.nl(depth);
            self.out.push_str("<table>");
            self.table = true;
        }
        let depth = self.depth();
        self.nl(depth);
        self.open_tag("row", block, 0, true, &[]);
        self.out.push_str("<cell>");
        let preserve = needs_preserve(block);
        self.inline(index, block, true, preserve);
        self.out.push_str("</cell></row>");
    }

    /// A note element: at its anchor (`anchored`), in place among the blocks (`in_place`), or
    /// after all blocks.
    fn note(&mut self, index: usize, note: &Block, in_place: bool, inherited_preserve: bool) {
        let mut extra: Vec<(&str, &str)> = Vec::new();
        if in_place {
            extra.push(("chancery:in-place", "true"));
        }
        if note.n.is_none() {
            extra.push(("chancery:unnumbered", "true"));
        }
        let preserve = needs_preserve(note);
        self.out.push_str("<note");
        if let Some(n) = &note.n {
            push_attr(self.out, "n", n);
        }
        if preserve && !inherited_preserve {
            self.out.push_str(" xml:space=\"preserve\"");
        }
        self.override_attrs(note, 0, &extra);
        self.out.push('>');
        self.inline(index, note, false, preserve || inherited_preserve);
        self.out.push_str("</note>");
    }

    /// A whole block as one element (with its number).
    fn element(
        &mut self,
        index: usize,
        name: &str,
        block: &Block,
        structural_level: u8,
        extra: &[(&str, &str)],
    ) {
        self.open_tag(name, block, structural_level, true, extra);
        self.content(index, block);
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
    }

    fn content(&mut self, index: usize, block: &Block) {
        let preserve = needs_preserve(block);
        self.inline(index, block, false, preserve);
    }

    fn open_tag(
        &mut self,
        name: &str,
        block: &Block,
        structural_level: u8,
        with_n: bool,
        extra: &[(&str, &str)],
    ) {
        self.out.push('<');
        self.out.push_str(name);
        if with_n && let Some(n) = &block.n {
            push_attr(self.out, "n", n);
        }
        if needs_preserve(block) {
            self.out.push_str(" xml:space=\"preserve\"");
        }
        self.override_attrs(block, structural_level, extra);
        self.out.push('>');
    }

    /// Chancery's attributes for what the structure does not say.
    fn override_attrs(&mut self, block: &Block, structural_level: u8, extra: &[(&str, &str)]) {
        if block.level != structural_level {
            push_attr(self.out, "chancery:level", &block.level.to_string());
        }
        if block.text.is_empty() {
            self.out.push_str(" chancery:keep=\"true\"");
        }
        let order = write_order(&block.spans);
        if order.iter().enumerate().any(|(k, &i)| k != i) {
            let value = order
                .iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(" ");
            push_attr(self.out, "chancery:span-order", &value);
        }
        for (name, value) in extra {
            push_attr(self.out, name, value);
        }
    }

    /// The text of the block at `index` with its spans and mentions; in a row, tabs separate
    /// cells.
    fn inline(&mut self, index: usize, block: &Block, cells: bool, preserve: bool) {
        let text = block.text.as_str();
        let spans: Vec<Span> = write_order(&block.spans)
            .into_iter()
            .filter_map(|i| block.spans.get(i))
            .map(|s| clamp(s, text))
            .collect();
        let tags = self
            .tags
            .get_mut(index)
            .map(std::mem::take)
            .unwrap_or_default();
        let (items, events) = lay_out(text, spans, &tags, cells);
        self.written += items.iter().filter(|i| matches!(i, Item::Tag(_))).count();
        let pieces = pieces(&events, items.len());
        let mut bases: Vec<Option<u64>> = vec![None; items.len()];
        for (s, &count) in pieces.iter().enumerate() {
            if count > 1 {
                *self.fragments += 1;
                bases[s] = Some(*self.fragments);
            }
        }
        let mut written = vec![0usize; items.len()];
        let mut i = 0;
        while let Some(event) = events.get(i) {
            match *event {
                Event::Text(a, b) => escape::text(self.out, text.get(a..b).unwrap_or_default()),
                Event::Cell => self.out.push_str("</cell><cell>"),
                Event::Open(s) => {
                    let span = match items.get(s) {
                        Some(Item::Span(span)) => span,
                        Some(Item::Tag(tag)) => {
                            self.start_mention(tag);
                            i += 1;
                            continue;
                        }
                        None => {
                            i += 1;
                            continue;
                        }
                    };
                    // A withheld passage shown as the reader shows it needs no description.
                    if let SpanStyle::Gap { reason } = &span.style
                        && pieces[s] == 1
                        && let (Some(Event::Text(a, b)), Some(Event::Close(c))) =
                            (events.get(i + 1), events.get(i + 2))
                        && *c == s
                        && text.get(*a..*b) == Some("[…]")
                    {
                        self.out.push_str("<gap");
                        if let Some(reason) = reason {
                            push_attr(self.out, "reason", reason);
                        }
                        self.out.push_str("/>");
                        i += 3;
                        continue;
                    }
                    self.start_tag(&span.style, false, bases[s], written[s]);
                    written[s] += 1;
                }
                Event::Close(s) => match items.get(s) {
                    Some(Item::Span(span)) => self.end_tag(&span.style),
                    Some(Item::Tag(tag)) => {
                        self.out.push_str("</");
                        self.out.push_str(tag.name);
                        self.out.push('>');
                    }
                    None => {}
                },
                Event::Empty(s) => {
                    if let Some(Item::Span(span)) = items.get(s) {
                        self.point(&span.style, bases[s], written[s], preserve);
                        written[s] += 1;
                    }
                }
            }
            i += 1;
        }
    }

    fn start_mention(&mut self, tag: &Tag) {
        self.out.push('<');
        self.out.push_str(tag.name);
        for (k, v) in &tag.attrs {
            push_attr(self.out, k, v);
        }
        self.out.push('>');
    }

    fn fragment_attrs(&mut self, base: Option<u64>, piece: usize) {
        if let Some(base) = base {
            self.out
                .push_str(&format!(" xml:id=\"chancery-f{base}-{piece}\""));
            if piece > 0 {
                self.out
                    .push_str(&format!(" prev=\"#chancery-f{base}-{}\"", piece - 1));
            }
        }
    }

    fn start_tag(&mut self, style: &SpanStyle, empty: bool, base: Option<u64>, piece: usize) {
        let (name, attrs) = tag(style);
        self.out.push('<');
        self.out.push_str(name);
        for (k, v) in &attrs {
            push_attr(self.out, k, v);
        }
        self.fragment_attrs(base, piece);
        match (style, empty) {
            (SpanStyle::Gap { .. }, true) => self.out.push_str("><desc/></gap>"),
            (SpanStyle::Gap { .. }, false) => self.out.push_str("><desc>"),
            (_, true) => self.out.push_str("/>"),
            (_, false) => self.out.push('>'),
        }
    }

    fn end_tag(&mut self, style: &SpanStyle) {
        let (name, _) = tag(style);
        if matches!(style, SpanStyle::Gap { .. }) {
            self.out.push_str("</desc>");
        }
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
    }

    /// A zero-width feature.
    fn point(&mut self, style: &SpanStyle, base: Option<u64>, piece: usize, preserve: bool) {
        match style {
            SpanStyle::Page { n } if base.is_none() => {
                self.out.push_str("<pb");
                push_attr(self.out, "n", n);
                self.out.push_str("/>");
            }
            SpanStyle::NoteRef { n } if base.is_none() => match self.notes.get(self.next_note) {
                Some(note) if note.n.as_deref() == Some(n.as_str()) => {
                    let index = self.notes_at + self.next_note;
                    self.next_note += 1;
                    self.note(index, note, false, preserve);
                }
                _ => self.start_tag(style, true, None, 0),
            },
            _ => self.start_tag(style, true, base, piece),
        }
    }
}

/// The element and attributes for a span of `style` (zero-width notes and pages are written
/// by [`BodyWriter::point`]).
fn tag(style: &SpanStyle) -> (&'static str, Vec<(&'static str, &str)>) {
    match style {
        SpanStyle::Italic => ("hi", vec![("rend", "italic")]),
        SpanStyle::Bold => ("hi", vec![("rend", "bold")]),
        SpanStyle::Underline => ("hi", vec![("rend", "underline")]),
        SpanStyle::SmallCaps => ("hi", vec![("rend", "smallcaps")]),
        SpanStyle::Superscript => ("hi", vec![("rend", "sup")]),
        SpanStyle::NoteRef { n } => ("ref", vec![("type", "noteref"), ("n", n)]),
        SpanStyle::Page { n } => ("seg", vec![("type", "page"), ("n", n)]),
        SpanStyle::Gap {
            reason: Some(reason),
        } => ("gap", vec![("reason", reason)]),
        SpanStyle::Gap { reason: None } => ("gap", vec![]),
        SpanStyle::Link { target } => ("ref", vec![("target", target)]),
    }
}

/// A span or a mention, as the writer lays them over a block's text.
#[derive(Debug, Clone)]
enum Item<'t> {
    Span(Span),
    Tag(&'t Tag),
}

impl Item<'_> {
    fn bounds(&self) -> (u32, u32) {
        match self {
            Item::Span(s) => (s.start, s.end),
            Item::Tag(t) => (t.start, t.end),
        }
    }
}

/// The spans (in write order) and the mentions of a block as one list, with the events that
/// write them. Each mention goes where it nests (before the spans it encloses); a mention
/// that would have to be cut, or that would cut a span the spans alone leave whole, is left
/// out.
fn lay_out<'t>(
    text: &str,
    spans: Vec<Span>,
    tags: &'t [Tag],
    cells: bool,
) -> (Vec<Item<'t>>, Vec<Event>) {
    let bounds = |items: &[Item<'_>]| items.iter().map(Item::bounds).collect::<Vec<_>>();
    let mut items: Vec<Item<'t>> = spans.into_iter().map(Item::Span).collect();
    let mut laid = events(text, &bounds(&items), cells);
    let whole = pieces(&laid, items.len());
    for tag in tags {
        let at = items
            .iter()
            .position(|item| {
                let (start, end) = item.bounds();
                start > tag.start || (start == tag.start && start < end && end < tag.end)
            })
            .unwrap_or(items.len());
        let mut trial = items.clone();
        trial.insert(at, Item::Tag(tag));
        let trial_events = events(text, &bounds(&trial), cells);
        let counts = pieces(&trial_events, trial.len());
        let tags_whole = trial
            .iter()
            .zip(&counts)
            .all(|(item, &n)| matches!(item, Item::Span(_)) || n == 1);
        let spans_as_before = trial
            .iter()
            .zip(&counts)
            .filter(|(item, _)| matches!(item, Item::Span(_)))
            .map(|(_, &n)| n)
            .eq(whole.iter().copied());
        if tags_whole && spans_as_before {
            items = trial;
            laid = trial_events;
        }
    }
    (items, laid)
}

/// How many pieces (open or empty elements) `events` writes for each of `len` items.
fn pieces(events: &[Event], len: usize) -> Vec<usize> {
    let mut pieces = vec![0usize; len];
    for event in events {
        if let Event::Open(s) | Event::Empty(s) = event
            && let Some(p) = pieces.get_mut(*s)
        {
            *p += 1;
        }
    }
    pieces
}

/// What the writer emits, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Event {
    /// Text between two byte offsets.
    Text(usize, usize),
    /// A cell ends and the next begins (the tab between them is not written).
    Cell,
    /// A span (or a further fragment of it) opens.
    Open(usize),
    /// A span's fragment closes.
    Close(usize),
    /// A zero-width span.
    Empty(usize),
}

/// The order spans are written in: by start, ties in model order. The reader meets them in
/// this order; `chancery:span-order` tells it the model's order when they differ.
fn write_order(spans: &[Span]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by_key(|&i| spans.get(i).map_or(0, |s| s.start));
    order
}

/// A span fitted into `text` on character boundaries (a valid document needs no fitting).
fn clamp(span: &Span, text: &str) -> Span {
    let fit = |offset: u32| {
        let mut at = (offset as usize).min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at as u32
    };
    let start = fit(span.start);
    let end = fit(span.end.max(span.start));
    Span {
        start,
        end,
        style: span.style.clone(),
    }
}

/// Lays spans (their bounds, sorted by start) over `text` as properly nested open and close
/// events, cutting a span where it must close early (another span it overlaps ends first,
/// or a cell ends) and opening it again after.
fn events(text: &str, spans: &[(u32, u32)], cells: bool) -> Vec<Event> {
    let len = text.len();
    let mut points: Vec<usize> = vec![0, len];
    for &(start, end) in spans {
        points.push(start as usize);
        points.push(end as usize);
    }
    if cells {
        for (t, _) in text.match_indices('\t') {
            points.push(t);
            points.push(t + 1);
        }
    }
    points.sort_unstable();
    points.dedup();

    let mut events = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut next = 0;
    let mut pos = 0;
    for p in points {
        if p > pos {
            events.push(Event::Text(pos, p));
            pos = p;
        }
        if let Some(j) = stack
            .iter()
            .position(|&s| spans.get(s).is_some_and(|x| x.1 as usize == p))
        {
            let above: Vec<usize> = stack.drain(j..).collect();
            events.extend(above.iter().rev().map(|&s| Event::Close(s)));
            for s in above {
                if spans.get(s).is_some_and(|x| x.1 as usize > p) {
                    events.push(Event::Open(s));
                    stack.push(s);
                }
            }
        }
        while let Some(&(start, end)) = spans.get(next).filter(|s| s.0 as usize == p) {
            if end == start {
                events.push(Event::Empty(next));
            } else {
                events.push(Event::Open(next));
                stack.push(next);
            }
            next += 1;
        }
        if cells && text.as_bytes().get(p) == Some(&b'\t') {
            events.extend(stack.iter().rev().map(|&s| Event::Close(s)));
            events.push(Event::Cell);
            events.extend(stack.iter().map(|&s| Event::Open(s)));
            pos = p + 1;
        }
    }
    events.extend(stack.iter().rev().map(|&s| Event::Close(s)));
    events
}

/// Whether a block's text must be read with `xml:space="preserve"` to come back as it is:
/// whitespace that would collapse, or a note anchor just after a space (the reader anchors
/// notes on the word before a space).
fn needs_preserve(block: &Block) -> bool {
    let collapses = if block.kind == BlockKind::TableRow {
        block.text.split('\t').any(|cell| cell != squeeze(cell))
    } else {
        block.text != squeeze(&block.text)
    };
    collapses
        || block.spans.iter().any(|s| {
            s.start == s.end
                && matches!(s.style, SpanStyle::NoteRef { .. })
                && s.start > 0
                && block.text.as_bytes().get(s.start as usize - 1) == Some(&b' ')
        })
}

/// ` xml:space="preserve"` and `chancery:keep` as a text-only element holding `text` needs.
pub(crate) fn push_text_attrs(out: &mut String, text: &str) {
    if text != squeeze(text) {
        out.push_str(" xml:space=\"preserve\"");
    }
    if text.is_empty() {
        out.push_str(" chancery:keep=\"true\"");
    }
}

/// ` name="value"`, escaped.
pub(crate) fn push_attr(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    escape::attr(out, value);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: u32, end: u32, style: SpanStyle) -> Span {
        Span { start, end, style }
    }

    #[test]
    fn overlapping_spans_are_cut_and_reopened() {
        let got = events("abcdefgh", &[(0, 4), (2, 6)], false);
        use Event::*;
        assert_eq!(
            got,
            vec![
                Open(0),
                Text(0, 2),
                Open(1),
                Text(2, 4),
                Close(1),
                Close(0),
                Open(1),
                Text(4, 6),
                Close(1),
                Text(6, 8)
            ]
        );
    }

    #[test]
    fn cells_close_and_reopen_spans() {
        use Event::*;
        assert_eq!(
            events("a\tbc", &[(0, 3)], true),
            vec![
                Open(0),
                Text(0, 1),
                Close(0),
                Cell,
                Open(0),
                Text(2, 3),
                Close(0),
                Text(3, 4)
            ]
        );
    }

    #[test]
    fn anchors_after_spaces_need_preserve() {
        let mut b = Block::paragraph("word next");
        assert!(!needs_preserve(&b));
        b.spans
            .push(span(5, 5, SpanStyle::NoteRef { n: "1".into() }));
        assert!(needs_preserve(&b));
        assert!(needs_preserve(&Block::paragraph("two  spaces")));
    }
}
