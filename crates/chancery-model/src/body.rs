//! The structure of a document's text: headings, paragraphs, lists, quotations, notes.
//!
//! A body is a flat list of [`Block`]s. Inline features (emphasis, note references, page
//! breaks, withheld text) are [`Span`]s over a block's text, so the plain text stays clean for
//! search while the reading room can still render the structure.

use serde::{Deserialize, Serialize};

/// What a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// A heading; `level` 1 is the document's own heading.
    Heading,
    /// A paragraph of running text.
    Paragraph,
    /// The place and date line of a letter or telegram.
    Dateline,
    /// An opening salutation ("Dear Kennan:").
    Salute,
    /// A closing and signature.
    Signed,
    /// A quoted block.
    Quote,
    /// One item of a list; `level` is the nesting depth, `n` the label when there is one.
    ListItem,
    /// One row of a table; cells are separated by tab characters.
    TableRow,
    /// The caption of a figure or table.
    Caption,
    /// A footnote or endnote; `n` is its number, referenced by a [`SpanStyle::NoteRef`].
    Note,
}

/// One block of a document's body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// The block's plain text, with no markup.
    pub text: String,
    /// Heading level or list depth (0 when it does not apply).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub level: u8,
    /// A note's number or a list item's label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub n: Option<String>,
    /// Inline features over `text`, by byte offsets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub spans: Vec<Span>,
}

fn is_zero(v: &u8) -> bool {
    *v == 0
}

/// An inline feature of a block's text, from byte `start` to byte `end`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// Byte offset where the feature starts.
    pub start: u32,
    /// Byte offset where it ends (equal to `start` for point features such as page breaks).
    pub end: u32,
    /// What the feature is.
    #[serde(flatten)]
    pub style: SpanStyle,
}

/// Inline features.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "style", rename_all = "snake_case")]
pub enum SpanStyle {
    /// Italic type (titles of works, foreign words).
    Italic,
    /// Bold type.
    Bold,
    /// Underlined.
    Underline,
    /// Small capitals.
    SmallCaps,
    /// Superscript.
    Superscript,
    /// A reference to the note numbered `n`.
    NoteRef {
        /// The note's number.
        n: String,
    },
    /// The start of page `n` of the printed source.
    Page {
        /// The page number as printed.
        n: String,
    },
    /// Text withheld or illegible in the source; `reason` when stated.
    Gap {
        /// Why the text is missing ("declassification", "illegible").
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// A link to `target`.
    Link {
        /// Where the link points.
        target: String,
    },
}

impl Block {
    /// A block of `kind` holding `text`, with no spans.
    pub fn new(kind: BlockKind, text: impl Into<String>) -> Self {
        Self {
            kind,
            text: text.into(),
            level: 0,
            n: None,
            spans: Vec::new(),
        }
    }

    /// A paragraph.
    pub fn paragraph(text: impl Into<String>) -> Self {
        Self::new(BlockKind::Paragraph, text)
    }

    /// A heading of `level`.
    pub fn heading(level: u8, text: impl Into<String>) -> Self {
        Self {
            level,
            ..Self::new(BlockKind::Heading, text)
        }
    }
}

/// The plain text of a body: blocks in order, separated by blank lines; notes come last
/// (they are stored last), each starting with its number in brackets.
pub fn plain_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        if block.text.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        match (&block.kind, &block.n) {
            (BlockKind::Note, Some(n)) => {
                out.push('[');
                out.push_str(n);
                out.push_str("] ");
            }
            (BlockKind::ListItem, Some(label)) => {
                out.push_str(label);
                out.push(' ');
            }
            _ => {}
        }
        out.push_str(&block.text);
    }
    out
}

/// Where each block's text starts in [`plain_text`] (after a note's "[n] " or a list item's
/// label), by byte offset; `None` for empty blocks, which the plain text leaves out.
pub fn block_offsets(blocks: &[Block]) -> Vec<Option<usize>> {
    let mut offsets = Vec::with_capacity(blocks.len());
    let mut at = 0usize;
    let mut first = true;
    for block in blocks {
        if block.text.is_empty() {
            offsets.push(None);
            continue;
        }
        if !first {
            at += 2;
        }
        first = false;
        match (&block.kind, &block.n) {
            (BlockKind::Note, Some(n)) => at += n.len() + 3,
            (BlockKind::ListItem, Some(label)) => at += label.len() + 1,
            _ => {}
        }
        offsets.push(Some(at));
        at += block.text.len();
    }
    offsets
}

/// Splits plain text into paragraph blocks at blank lines; single line breaks inside a
/// paragraph become spaces, and runs of spaces collapse.
pub fn paragraphs(text: &str) -> Vec<Block> {
    let normalized = text.replace("\r\n", "\n").replace('\r', "\n");
    normalized
        .split("\n\n")
        .map(|chunk| chunk.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .map(Block::paragraph)
        .collect()
}

/// Checks that every span lies inside its block's text on character boundaries.
pub fn check_spans(blocks: &[Block]) -> Result<(), String> {
    for (i, block) in blocks.iter().enumerate() {
        for span in &block.spans {
            let (s, e) = (span.start as usize, span.end as usize);
            if s > e
                || e > block.text.len()
                || !block.text.is_char_boundary(s)
                || !block.text.is_char_boundary(e)
            {
                return Err(format!(
                    "block {i}: span {s}..{e} does not fit its text of {} bytes",
                    block.text.len()
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_joins_blocks_and_numbers_notes() {
        let mut note = Block::new(BlockKind::Note, "Source: Department of State files.");
        note.n = Some("1".into());
        let body = vec![
            Block::heading(1, "A Heading"),
            Block::paragraph("First."),
            note,
        ];
        assert_eq!(
            plain_text(&body),
            "A Heading\n\nFirst.\n\n[1] Source: Department of State files."
        );
    }

    #[test]
    fn block_offsets_point_into_the_plain_text() {
        let mut note = Block::new(BlockKind::Note, "A note.");
        note.n = Some("12".into());
        let mut item = Block::new(BlockKind::ListItem, "An item.");
        item.n = Some("(a)".into());
        let body = vec![Block::heading(1, "Head"), Block::paragraph(""), item, note];
        let text = plain_text(&body);
        let offsets = block_offsets(&body);
        assert_eq!(offsets[1], None);
        for (block, offset) in body.iter().zip(&offsets) {
            if let Some(at) = offset {
                assert_eq!(&text[*at..*at + block.text.len()], block.text);
            }
        }
    }

    #[test]
    fn paragraphs_split_at_blank_lines() {
        let blocks = paragraphs("One\nline.\r\n\r\nTwo  words.\n\n\n\nThree.");
        let texts: Vec<_> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["One line.", "Two words.", "Three."]);
    }

    #[test]
    fn spans_serialize_flat() {
        let span = Span {
            start: 0,
            end: 4,
            style: SpanStyle::NoteRef { n: "2".into() },
        };
        assert_eq!(
            serde_json::to_string(&span).unwrap(),
            r#"{"start":0,"end":4,"style":"note_ref","n":"2"}"#
        );
        let back: Span =
            serde_json::from_str(r#"{"start":1,"end":1,"style":"page","n":"547"}"#).unwrap();
        assert_eq!(back.style, SpanStyle::Page { n: "547".into() });
    }

    #[test]
    fn bad_spans_are_reported() {
        let mut b = Block::paragraph("abc");
        b.spans.push(Span {
            start: 2,
            end: 9,
            style: SpanStyle::Italic,
        });
        assert!(check_spans(&[b]).is_err());
    }
}
