//! The body of one record, turned into blocks with spans, in one pass over its elements.
//!
//! The walk has two modes. In a *container* (a `div`, `body`, `opener`, `list`, `figure`, …)
//! elements make blocks of their own and stray text becomes a loose paragraph. In a *block*
//! (`p`, `head`, `item`, `note`, …) text and phrase elements fill the block; a structure
//! inside running text (a list inside a paragraph) ends the block and the text after it
//! starts a new one, except in headings, notes, cells and datelines, which are flattened into
//! one block. Notes become blocks of their own, appended after all others, with a zero-width
//! anchor where they stood.

use chancery_model::{Block, BlockKind, Mention, MentionKind, Span, SpanStyle};
use roxmltree::Node;

use super::mentions::{self, Mark};
use super::names::{self, is_xml_space, tei};
use super::text::TextBuilder;

/// Divisions and lists nested deeper than this keep their level in a `chancery:level`
/// attribute rather than in structure (the XML parser bounds the depth of any file).
pub(crate) const MAX_NESTING: u8 = 12;

/// What the walk of one record found.
#[derive(Debug, Default)]
pub(crate) struct RecordBody<'a> {
    /// The blocks, notes last.
    pub blocks: Vec<Block>,
    /// The names and dates marked in the blocks, by offsets into their plain text.
    pub mentions: Vec<Mention>,
    /// The text of the record's own `head`, when it has one.
    pub head: Option<String>,
    /// The page in force at the first and the last text of the record.
    pub pages: Option<(Option<&'a str>, Option<&'a str>)>,
    /// Embedded content dropped: element name, count, offset of the first.
    pub dropped: Vec<(&'a str, usize, usize)>,
}

/// Walks the record rooted at `root`: a split `div` (whose own `head` is level 1), or the
/// `text` element of a file read as one record. Divisions of type `split` inside it are
/// records of their own and are skipped. `page` is the page in force where the record starts.
pub(crate) fn record<'a>(
    root: Node<'a, '_>,
    split: &str,
    split_record: bool,
    page: Option<&'a str>,
) -> RecordBody<'a> {
    let mut walker = Walker::new(root, split, true);
    walker.page = page;
    let ctx = Ctx {
        div_depth: u8::from(split_record),
        preserve: names::preserve_at(root),
        ..Ctx::default()
    };
    walker.container(root, ctx);
    walker.into_body()
}

/// The text of `node` as a title or label: notes removed, whitespace collapsed (unless
/// `xml:space="preserve"` says otherwise), gaps shown as `[…]`.
pub(crate) fn inline_text(node: Node<'_, '_>) -> String {
    let mut walker = Walker::new(node, "", false);
    let mut open = walker.new_open(BlockKind::Paragraph, 0, None, true);
    let ctx = Ctx {
        preserve: names::preserve_at(node),
        ..Ctx::default()
    };
    walker.inline(node, &mut open, ctx);
    open.tb.finish().0
}

/// Like [`inline_text`], but `None` when empty, unless Chancery marked the element to keep
/// an empty value.
pub(crate) fn opt_text(node: Node<'_, '_>) -> Option<String> {
    let text = inline_text(node);
    (!text.is_empty() || names::keep(node)).then_some(text)
}

/// What a `head` becomes where it stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum HeadKind {
    #[default]
    Heading,
    Caption,
}

/// Where the walk is.
#[derive(Debug, Clone, Copy)]
struct Ctx {
    /// Divisions entered inside the record (the split div itself counts).
    div_depth: u8,
    /// Lists entered.
    list_depth: u8,
    /// `xml:space="preserve"` in force.
    preserve: bool,
    /// What a `head` makes here.
    head: HeadKind,
    /// What loose text and `p` make here (paragraphs; quotes inside a block quotation;
    /// signatures inside a closer).
    loose: BlockKind,
}

impl Default for Ctx {
    fn default() -> Self {
        Self {
            div_depth: 0,
            list_depth: 0,
            preserve: false,
            head: HeadKind::Heading,
            loose: BlockKind::Paragraph,
        }
    }
}

/// A block being filled.
struct Open<'a> {
    /// Tells builders apart, so a span opened before a split is not closed in the next one.
    id: u64,
    kind: BlockKind,
    level: u8,
    n: Option<String>,
    tb: TextBuilder,
    /// Structures inside are flattened into this block instead of ending it.
    flatten: bool,
    keep: bool,
    span_order: Option<&'a str>,
    /// `xml:id`s of span elements, so a fragment naming its predecessor with `prev`
    /// continues the same span.
    fragment_ids: Vec<(&'a str, usize)>,
    /// Names and dates marked in the block.
    marks: Vec<Mark>,
}

/// A finished block with what the walk knows beside it.
struct Finished {
    block: Block,
    /// Chancery marked it to be kept even when empty.
    keep: bool,
    marks: Vec<Mark>,
}

impl Open<'_> {
    fn into_block(self) -> Finished {
        let (text, mut spans) = self.tb.finish();
        if let Some(order) = self.span_order.and_then(|o| permutation(o, spans.len())) {
            let mut slots: Vec<Option<Span>> = vec![None; spans.len()];
            for (span, target) in spans.into_iter().zip(order) {
                if let Some(slot) = slots.get_mut(target) {
                    *slot = Some(span);
                }
            }
            spans = slots.into_iter().flatten().collect();
        }
        let marks = self
            .marks
            .into_iter()
            .filter_map(|m| m.fit(&text))
            .collect();
        let block = Block {
            kind: self.kind,
            text,
            level: self.level,
            n: self.n,
            spans,
        };
        Finished {
            block,
            keep: self.keep,
            marks,
        }
    }
}

/// Reads a `chancery:span-order` value: for each span in document order, its index in the
/// model. Anything but a permutation of `0..len` is ignored.
fn permutation(value: &str, len: usize) -> Option<Vec<usize>> {
    let order: Vec<usize> = value
        .split_ascii_whitespace()
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    let mut seen = vec![false; len];
    if order.len() != len {
        return None;
    }
    for &i in &order {
        match seen.get_mut(i) {
            Some(s) if !*s => *s = true,
            _ => return None,
        }
    }
    Some(order)
}

struct Walker<'a, 'input, 's> {
    root: Node<'a, 'input>,
    split: &'s str,
    collect_notes: bool,
    blocks: Vec<Block>,
    /// The marks of each block, beside `blocks`.
    marks: Vec<Vec<Mark>>,
    /// Notes (with their marks) in order of their anchors; a slot stays empty when the note
    /// had no text.
    notes: Vec<Option<(Block, Vec<Mark>)>>,
    note_count: usize,
    /// Zero-width features (page breaks between paragraphs, anchors in list labels, those of
    /// dropped empty blocks) waiting for the next block.
    carry: Vec<SpanStyle>,
    /// A list label waiting for its item.
    label: Option<String>,
    head: Option<String>,
    page: Option<&'a str>,
    pages: Option<(Option<&'a str>, Option<&'a str>)>,
    dropped: Vec<(&'a str, usize, usize)>,
    next_id: u64,
}

impl<'a, 'input, 's> Walker<'a, 'input, 's> {
    fn new(root: Node<'a, 'input>, split: &'s str, collect_notes: bool) -> Self {
        Self {
            root,
            split,
            collect_notes,
            blocks: Vec::new(),
            marks: Vec::new(),
            notes: Vec::new(),
            note_count: 0,
            carry: Vec::new(),
            label: None,
            head: None,
            page: None,
            pages: None,
            dropped: Vec::new(),
            next_id: 0,
        }
    }

    fn into_body(mut self) -> RecordBody<'a> {
        self.emit_dangling_label(0);
        // Page breaks after the last text stay with the last block.
        if !self.carry.is_empty()
            && let Some(last) = self.blocks.last_mut()
        {
            let end = u32::try_from(last.text.len()).unwrap_or(u32::MAX);
            last.spans.extend(self.carry.drain(..).map(|style| Span {
                start: end,
                end,
                style,
            }));
        }
        let (mut blocks, mut marks) = (self.blocks, self.marks);
        for (note, note_marks) in self.notes.into_iter().flatten() {
            blocks.push(note);
            marks.push(note_marks);
        }
        RecordBody {
            mentions: mentions::from_marks(&blocks, marks),
            blocks,
            head: self.head,
            pages: self.pages,
            dropped: self.dropped,
        }
    }

    /// A builder with nothing carried into it.
    fn new_open(
        &mut self,
        kind: BlockKind,
        level: u8,
        n: Option<String>,
        flatten: bool,
    ) -> Open<'a> {
        self.next_id += 1;
        Open {
            id: self.next_id,
            kind,
            level,
            n,
            tb: TextBuilder::new(),
            flatten,
            keep: false,
            span_order: None,
            fragment_ids: Vec::new(),
            marks: Vec::new(),
        }
    }

    /// A builder for a block of the body: takes the features carried from before and the
    /// overrides Chancery wrote on `element`.
    fn open_block(
        &mut self,
        kind: BlockKind,
        level: u8,
        n: Option<String>,
        element: Option<Node<'a, 'input>>,
    ) -> Open<'a> {
        let flatten = !matches!(
            kind,
            BlockKind::Paragraph | BlockKind::Quote | BlockKind::ListItem
        );
        let mut open = self.new_open(kind, level, n, flatten);
        if let Some(element) = element {
            apply_overrides(&mut open, element);
        }
        for style in self.carry.drain(..) {
            open.tb.point(0, style);
        }
        open
    }

    /// Ends a block; returns its index, or `None` when it was empty and dropped.
    fn finish(&mut self, open: Open<'a>) -> Option<usize> {
        let Finished { block, keep, marks } = open.into_block();
        if block.text.is_empty() && !keep {
            self.carry.extend(
                block
                    .spans
                    .into_iter()
                    .filter(|s| s.start == s.end)
                    .map(|s| s.style),
            );
            return None;
        }
        self.blocks.push(block);
        self.marks.push(marks);
        Some(self.blocks.len() - 1)
    }

    fn text(&mut self, open: &mut Open<'a>, text: &str, preserve: bool) {
        open.tb.push_text(text, preserve);
        if !text.chars().all(is_xml_space) {
            // The page in force at the first and the last text gives the record's pages.
            self.pages = Some(match self.pages {
                None => (self.page, self.page),
                Some((first, _)) => (first, self.page),
            });
        }
    }

    fn drop_element(&mut self, node: Node<'a, 'input>, name: &'a str) {
        if !names::is_embedded_content(name) {
            return;
        }
        match self.dropped.iter_mut().find(|(n, _, _)| *n == name) {
            Some((_, count, _)) => *count += 1,
            None => self.dropped.push((name, 1, node.range().start)),
        }
    }

    fn is_split_div(&self, node: Node<'_, '_>, name: &str) -> bool {
        !self.split.is_empty()
            && names::is_div(name)
            && node.attribute("type") == Some(self.split)
            && node != self.root
    }

    /// Walks the children of a container.
    fn container(&mut self, node: Node<'a, 'input>, ctx: Ctx) {
        let mut loose: Option<Open<'a>> = None;
        for child in node.children() {
            if child.is_text() {
                let text = child.text().unwrap_or_default();
                if loose.is_none() && text.chars().all(is_xml_space) {
                    continue;
                }
                let open = match loose.as_mut() {
                    Some(open) => open,
                    None => loose.insert(self.open_block(ctx.loose, 0, None, None)),
                };
                self.text(open, text, ctx.preserve);
                continue;
            }
            if !child.is_element() {
                continue;
            }
            let Some(name) = tei(child) else {
                // Foreign elements (XHTML players and the like): dropped when they are
                // embedded content, otherwise their text is kept.
                let local = child.tag_name().name();
                if names::is_dropped(local) {
                    self.drop_element(child, local);
                } else {
                    let open = match loose.as_mut() {
                        Some(open) => open,
                        None => loose.insert(self.open_block(ctx.loose, 0, None, None)),
                    };
                    self.inline(child, open, ctx);
                }
                continue;
            };
            if names::is_dropped(name) {
                self.drop_element(child, name);
            } else if names::is_silent(name) || self.is_split_div(child, name) {
                // Nothing to read, or a record of its own.
            } else if matches!(name, "pb" | "note" | "lb") {
                match loose.as_mut() {
                    Some(open) => self.inline_element(child, open, ctx),
                    None => self.point(child, name, ctx),
                }
            } else if names::is_phrase(name) {
                let open = match loose.as_mut() {
                    Some(open) => open,
                    None => loose.insert(self.open_block(ctx.loose, 0, None, None)),
                };
                self.inline_element(child, open, ctx);
            } else {
                if let Some(open) = loose.take() {
                    self.finish(open);
                }
                self.block(child, name, ctx);
            }
        }
        if let Some(open) = loose {
            self.finish(open);
        }
    }

    /// A page break, note or line break standing between blocks.
    fn point(&mut self, node: Node<'a, 'input>, name: &str, ctx: Ctx) {
        match name {
            "pb" => self.page_break(node, None),
            "note" => self.note(node, None, ctx),
            _ => {}
        }
    }

    /// An element that makes blocks, met in a container.
    fn block(&mut self, node: Node<'a, 'input>, name: &'a str, ctx: Ctx) {
        let ctx = Ctx {
            preserve: names::preserve(node, ctx.preserve),
            ..ctx
        };
        match name {
            "text" | "body" | "front" | "back" | "group" => self.container(node, ctx),
            d if names::is_div(d) => {
                self.emit_dangling_label(ctx.list_depth);
                let inner = Ctx {
                    div_depth: ctx.div_depth.saturating_add(1),
                    head: HeadKind::Heading,
                    ..ctx
                };
                self.container(node, inner);
            }
            "head" => self.head(node, ctx),
            "p" | "ab" => {
                self.simple(
                    node,
                    ctx.loose,
                    0,
                    node.attribute("n").map(String::from),
                    ctx,
                );
            }
            "dateline" => {
                self.simple(
                    node,
                    BlockKind::Dateline,
                    0,
                    node.attribute("n").map(String::from),
                    ctx,
                );
            }
            "salute" => {
                self.simple(
                    node,
                    BlockKind::Salute,
                    0,
                    node.attribute("n").map(String::from),
                    ctx,
                );
            }
            "signed" => {
                self.simple(
                    node,
                    BlockKind::Signed,
                    0,
                    node.attribute("n").map(String::from),
                    ctx,
                );
            }
            "list" | "listBibl" => {
                self.emit_dangling_label(ctx.list_depth);
                let inner = Ctx {
                    list_depth: ctx.list_depth.saturating_add(1),
                    head: HeadKind::Caption,
                    ..ctx
                };
                self.container(node, inner);
                self.emit_dangling_label(inner.list_depth);
            }
            "label" => self.label(node, ctx),
            "item" => {
                // Some files put the label inside the item, before its text.
                let inner_label = node
                    .children()
                    .find(|c| !is_blank(*c))
                    .filter(|c| names::is(*c, "label"));
                if let Some(label) = inner_label
                    && self.label.is_none()
                {
                    self.label(label, ctx);
                }
                let n = self
                    .label
                    .take()
                    .or_else(|| node.attribute("n").map(String::from));
                let mut open = self.open_block(BlockKind::ListItem, ctx.list_depth, n, Some(node));
                for child in node.children().filter(|c| Some(*c) != inner_label) {
                    self.inline_child(child, &mut open, ctx);
                }
                self.finish(open);
            }
            "table" | "figure" => self.container(
                node,
                Ctx {
                    head: HeadKind::Caption,
                    ..ctx
                },
            ),
            "row" => self.row(node, ctx),
            "quote" | "q" => {
                if names::has_block_children(node) {
                    self.container(
                        node,
                        Ctx {
                            loose: BlockKind::Quote,
                            ..ctx
                        },
                    );
                } else {
                    self.simple(
                        node,
                        BlockKind::Quote,
                        0,
                        node.attribute("n").map(String::from),
                        ctx,
                    );
                }
            }
            "opener" => self.container(
                node,
                Ctx {
                    loose: BlockKind::Paragraph,
                    ..ctx
                },
            ),
            "closer" => self.container(
                node,
                Ctx {
                    loose: BlockKind::Signed,
                    ..ctx
                },
            ),
            _ => {
                if names::has_structure(node) {
                    self.container(node, ctx);
                } else {
                    self.simple(node, ctx.loose, 0, None, ctx);
                }
            }
        }
    }

    /// A block made of one element's content.
    fn simple(
        &mut self,
        node: Node<'a, 'input>,
        kind: BlockKind,
        level: u8,
        n: Option<String>,
        ctx: Ctx,
    ) -> Option<usize> {
        let mut open = self.open_block(kind, level, n, Some(node));
        self.inline(node, &mut open, ctx);
        self.finish(open)
    }

    fn head(&mut self, node: Node<'a, 'input>, ctx: Ctx) {
        let n = node.attribute("n").map(String::from);
        match ctx.head {
            HeadKind::Caption => {
                self.simple(node, BlockKind::Caption, 0, n, ctx);
            }
            HeadKind::Heading => {
                let own = self.head.is_none() && node.parent() == Some(self.root);
                let index = self.simple(node, BlockKind::Heading, ctx.div_depth.max(1), n, ctx);
                if own && let Some(block) = index.and_then(|i| self.blocks.get(i)) {
                    self.head = Some(block.text.clone());
                }
            }
        }
    }

    /// A list label: its text becomes the `n` of the item after it; note anchors and page
    /// breaks in it move to the start of that item.
    fn label(&mut self, node: Node<'a, 'input>, ctx: Ctx) {
        self.emit_dangling_label(ctx.list_depth);
        let mut open = self.new_open(BlockKind::ListItem, ctx.list_depth, None, true);
        self.inline(node, &mut open, ctx);
        let block = open.into_block().block;
        self.carry.extend(
            block
                .spans
                .into_iter()
                .filter(|s| s.start == s.end)
                .map(|s| s.style),
        );
        if !block.text.is_empty() || names::keep(node) {
            self.label = Some(block.text);
        }
    }

    /// A label with no item after it is an item of its own.
    fn emit_dangling_label(&mut self, level: u8) {
        if let Some(text) = self.label.take() {
            let mut open = self.open_block(BlockKind::ListItem, level, None, None);
            open.tb.push_text(&text, true);
            self.finish(open);
        }
    }

    /// A table row: cells joined by tabs.
    fn row(&mut self, node: Node<'a, 'input>, ctx: Ctx) {
        let mut open = self.open_block(
            BlockKind::TableRow,
            0,
            node.attribute("n").map(String::from),
            Some(node),
        );
        let mut first = true;
        for child in node.children() {
            if names::is(child, "cell") {
                if !first {
                    open.tb.cell_break();
                }
                first = false;
                let cell_ctx = Ctx {
                    preserve: names::preserve(child, ctx.preserve),
                    ..ctx
                };
                self.inline(child, &mut open, cell_ctx);
            } else if child.is_text() {
                self.text(&mut open, child.text().unwrap_or_default(), ctx.preserve);
            } else if child.is_element() {
                self.inline_element(child, &mut open, ctx);
            }
        }
        self.finish(open);
    }

    /// Walks the content of `node` into `open`.
    fn inline(&mut self, node: Node<'a, 'input>, open: &mut Open<'a>, ctx: Ctx) {
        for child in node.children() {
            self.inline_child(child, open, ctx);
        }
    }

    fn inline_child(&mut self, child: Node<'a, 'input>, open: &mut Open<'a>, ctx: Ctx) {
        if child.is_text() {
            self.text(open, child.text().unwrap_or_default(), ctx.preserve);
        } else if child.is_element() {
            self.inline_element(child, open, ctx);
        }
    }

    fn inline_element(&mut self, node: Node<'a, 'input>, open: &mut Open<'a>, ctx: Ctx) {
        let ctx = Ctx {
            preserve: names::preserve(node, ctx.preserve),
            ..ctx
        };
        let Some(name) = tei(node) else {
            let local = node.tag_name().name();
            if names::is_dropped(local) {
                self.drop_element(node, local);
            } else {
                self.inline(node, open, ctx);
            }
            return;
        };
        if names::is_dropped(name) {
            self.drop_element(node, name);
            return;
        }
        if names::is_silent(name) || self.is_split_div(node, name) {
            return;
        }
        if let Some(kind) = mentions::kind(node, name) {
            self.mention(node, kind, open, ctx);
            return;
        }
        match name {
            "note" => self.note(node, Some(open), ctx),
            "pb" => self.page_break(node, Some(open)),
            "lb" => open.tb.push_space(),
            "gap" => {
                let style = SpanStyle::Gap {
                    reason: node.attribute("reason").map(String::from),
                };
                match names::child(node, "desc") {
                    Some(desc) => self.styled(node, desc, open, vec![style], ctx),
                    None => {
                        let index = open.tb.open(style);
                        open.tb.push_text("[…]", false);
                        open.tb.close(index);
                    }
                }
            }
            "hi" => {
                let styles = rend_styles(node.attribute("rend").unwrap_or_default());
                self.styled(node, node, open, styles, ctx);
            }
            "title" | "emph" => self.styled(node, node, open, vec![SpanStyle::Italic], ctx),
            "ref" => match (node.attribute("type"), node.attribute("target")) {
                (Some("noteref"), _) => {
                    let n = node.attribute("n").unwrap_or_default().to_string();
                    self.styled(node, node, open, vec![SpanStyle::NoteRef { n }], ctx);
                }
                (_, Some(target)) => {
                    self.styled(
                        node,
                        node,
                        open,
                        vec![SpanStyle::Link {
                            target: target.to_string(),
                        }],
                        ctx,
                    );
                }
                _ => self.inline(node, open, ctx),
            },
            "seg" if node.attribute("type") == Some("page") => {
                let n = node.attribute("n").unwrap_or_default().to_string();
                self.styled(node, node, open, vec![SpanStyle::Page { n }], ctx);
            }
            "choice" => {
                if let Some(chosen) = choose(node) {
                    self.inline(chosen, open, ctx);
                }
            }
            _ if open.flatten
                && (names::is_blockish(name) || names::is_lineish(name) || name == "quote") =>
            {
                open.tb.push_space();
                self.inline(node, open, ctx);
                open.tb.push_space();
            }
            _ if names::is_lineish(name) => {
                open.tb.push_space();
                self.inline(node, open, ctx);
                open.tb.push_space();
            }
            _ if names::is_blockish(name)
                || (matches!(name, "quote" | "q") && names::has_block_children(node)) =>
            {
                self.split(node, name, open, ctx);
            }
            _ => self.inline(node, open, ctx),
        }
    }

    /// A name or date: its text, marked as a mention of `kind` unless the block was split
    /// inside it.
    fn mention(
        &mut self,
        node: Node<'a, 'input>,
        kind: MentionKind,
        open: &mut Open<'a>,
        ctx: Ctx,
    ) {
        let builder = open.id;
        let start = open.tb.position();
        let index = open.marks.len();
        open.marks.push(Mark::open(node, kind, start));
        self.inline(node, open, ctx);
        if open.id == builder {
            let end = open.tb.written();
            if let Some(mark) = open.marks.get_mut(index) {
                mark.end = Some(end);
            }
        }
    }

    /// A structure inside running text: the block so far ends, the structure makes its own
    /// blocks, and the text after it continues in a new block of the same kind.
    fn split(&mut self, node: Node<'a, 'input>, name: &'a str, open: &mut Open<'a>, ctx: Ctx) {
        let (kind, level) = (open.kind, open.level);
        let placeholder = self.new_open(kind, level, None, false);
        let before = std::mem::replace(open, placeholder);
        self.finish(before);
        self.block(node, name, ctx);
        *open = self.open_block(kind, level, None, None);
    }

    /// An element that puts `styles` over the text of `content` (usually the element itself;
    /// the `desc` of a gap).
    fn styled(
        &mut self,
        node: Node<'a, 'input>,
        content: Node<'a, 'input>,
        open: &mut Open<'a>,
        styles: Vec<SpanStyle>,
        ctx: Ctx,
    ) {
        let builder = open.id;
        let previous = node
            .attribute("prev")
            .map(|p| p.strip_prefix('#').unwrap_or(p))
            .and_then(|p| {
                open.fragment_ids
                    .iter()
                    .rev()
                    .find(|(id, _)| *id == p)
                    .map(|(_, i)| *i)
            });
        let single = styles.len() == 1;
        let mut indices = Vec::with_capacity(styles.len());
        open.tb.position();
        for style in &styles {
            match previous {
                // A fragment of a span already begun: it only moves the span's end.
                Some(i) if single && open.tb.style(i) == Some(style) => indices.push(i),
                _ => indices.push(open.tb.open(style.clone())),
            }
        }
        if single && let (Some(id), Some(&index)) = (names::xml_id(node), indices.first()) {
            open.fragment_ids.push((id, index));
        }
        self.inline(content, open, ctx);
        if open.id == builder {
            for index in indices {
                open.tb.close(index);
            }
        } else {
            // The block was split inside the element: the style goes on in the new block.
            let end = open.tb.position();
            if end > 0 {
                for style in styles {
                    open.tb.span(0, end, style);
                }
            }
        }
    }

    fn page_break(&mut self, node: Node<'a, 'input>, host: Option<&mut Open<'a>>) {
        let Some(n) = node.attribute("n") else {
            return;
        };
        self.page = Some(n);
        let style = SpanStyle::Page { n: n.to_string() };
        match host {
            Some(open) => {
                let at = open.tb.position();
                open.tb.point(at, style);
            }
            None => self.carry.push(style),
        }
    }

    /// A note: an anchor in the block around it (when there is one) and a note block of its
    /// own, in order of anchors.
    fn note(&mut self, node: Node<'a, 'input>, host: Option<&mut Open<'a>>, ctx: Ctx) {
        self.note_count += 1;
        if !self.collect_notes {
            return;
        }
        let ctx = Ctx {
            preserve: names::preserve(node, ctx.preserve),
            ..ctx
        };
        let n = if names::chancery(node, "unnumbered") == Some("true") {
            None
        } else {
            Some(
                node.attribute("n")
                    .map_or_else(|| self.note_count.to_string(), String::from),
            )
        };
        // Chancery writes notes that stood among the blocks (not at the end) in place.
        let in_place = host.is_none() && names::chancery(node, "in-place") == Some("true");
        if let (Some(open), Some(n)) = (host, &n) {
            let at = open.tb.anchor_position();
            open.tb.point(at, SpanStyle::NoteRef { n: n.clone() });
        }
        let slot = if in_place {
            None
        } else {
            self.notes.push(None);
            Some(self.notes.len() - 1)
        };
        let mut open = self.new_open(BlockKind::Note, 0, n, true);
        apply_overrides(&mut open, node);
        self.inline(node, &mut open, ctx);
        let Finished { block, keep, marks } = open.into_block();
        if block.text.is_empty() && !keep {
            return;
        }
        match slot.and_then(|i| self.notes.get_mut(i)) {
            Some(slot) => *slot = Some((block, marks)),
            None => {
                self.blocks.push(block);
                self.marks.push(marks);
            }
        }
    }
}

/// Whether `node` is layout: whitespace between elements, a comment, a processing
/// instruction.
fn is_blank(node: Node<'_, '_>) -> bool {
    match node.text() {
        Some(text) if node.is_text() => text.chars().all(is_xml_space),
        _ => !node.is_element() && !node.is_text(),
    }
}

/// Chancery's attributes for what TEI structure cannot say (see the module doc of `tei`).
fn apply_overrides<'a>(open: &mut Open<'a>, element: Node<'a, '_>) {
    if let Some(level) = names::chancery(element, "level").and_then(|l| l.parse().ok()) {
        open.level = level;
    }
    open.keep = names::keep(element);
    open.span_order = names::chancery(element, "span-order");
}

/// The styles a `rend` value asks for; unknown renditions give none (the text is kept).
fn rend_styles(rend: &str) -> Vec<SpanStyle> {
    let mut styles = Vec::new();
    for token in rend.split_ascii_whitespace() {
        let style = match token.to_ascii_lowercase().as_str() {
            "italic" | "italics" | "i" => SpanStyle::Italic,
            "bold" | "b" | "strong" => SpanStyle::Bold,
            "underline" | "u" | "underlined" => SpanStyle::Underline,
            "smallcaps" | "small-caps" | "sc" => SpanStyle::SmallCaps,
            "sup" | "superscript" => SpanStyle::Superscript,
            _ => continue,
        };
        if !styles.contains(&style) {
            styles.push(style);
        }
    }
    styles
}

/// The reading a `choice` shows: the correction over the error, the regularized form over
/// the original spelling, and the abbreviation as the source wrote it over its expansion.
fn choose<'a, 'input>(choice: Node<'a, 'input>) -> Option<Node<'a, 'input>> {
    ["corr", "reg", "abbr", "expan", "orig", "sic"]
        .iter()
        .find_map(|name| names::child(choice, name))
        .or_else(|| choice.first_element_child())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permutations_are_checked() {
        assert_eq!(permutation("2 0 1", 3), Some(vec![2, 0, 1]));
        assert_eq!(permutation("0 0 1", 3), None);
        assert_eq!(permutation("0 1", 3), None);
        assert_eq!(permutation("0 1 5", 3), None);
    }

    #[test]
    fn rend_tokens_map_to_styles() {
        assert_eq!(
            rend_styles("italic strong"),
            vec![SpanStyle::Italic, SpanStyle::Bold]
        );
        assert_eq!(rend_styles("center"), vec![]);
        assert_eq!(rend_styles("sup"), vec![SpanStyle::Superscript]);
    }
}
