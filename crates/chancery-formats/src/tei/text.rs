//! The text of one block as it is read: XML whitespace collapsed, spans kept at byte offsets
//! into the collapsed text.
//!
//! Whitespace collapses lazily: a run of spaces becomes one pending space that is written
//! only when more text follows, so blocks never start or end with a space and an element
//! boundary never doubles one. Offsets taken at element boundaries are exact in the final
//! text: the pending space is written first (see [`TextBuilder::position`]), except for note
//! anchors, which stay on the word before the space (see [`TextBuilder::anchor_position`]).

use chancery_model::{Span, SpanStyle};

use super::names::is_xml_space;

/// The end given to a span while its element is still open.
const OPEN: u32 = u32::MAX;

/// Builds the text and spans of one block.
#[derive(Debug, Default)]
pub(crate) struct TextBuilder {
    text: String,
    spans: Vec<Span>,
    /// A run of whitespace was read and not yet written.
    pending_space: bool,
    /// Nothing but a cell separator has been written in this segment yet: leading
    /// whitespace is dropped.
    at_segment_start: bool,
    /// The last character is a space written only because an element boundary followed it;
    /// it is dropped if the segment ends there.
    trailing_soft_space: bool,
    /// A note was anchored while a space was pending: if punctuation follows, the space was
    /// only the layout of the file (`word</hi>⏎<note/>.`) and is dropped.
    space_at_anchor: bool,
}

impl TextBuilder {
    /// An empty builder.
    pub(crate) fn new() -> Self {
        Self {
            at_segment_start: true,
            ..Self::default()
        }
    }

    /// Adds text from the document; whitespace collapses unless `preserve`.
    pub(crate) fn push_text(&mut self, text: &str, preserve: bool) {
        if preserve {
            if text.is_empty() {
                return;
            }
            self.flush_space();
            self.text.push_str(text);
            self.at_segment_start = false;
            self.trailing_soft_space = false;
            return;
        }
        for c in text.chars() {
            if is_xml_space(c) {
                self.pending_space = true;
            } else {
                if self.pending_space {
                    self.pending_space = false;
                    if self.wants_space() && !(self.space_at_anchor && is_closing_punctuation(c)) {
                        self.text.push(' ');
                    }
                }
                self.space_at_anchor = false;
                self.text.push(c);
                self.at_segment_start = false;
                self.trailing_soft_space = false;
            }
        }
    }

    /// A line break or any other separator that reads as a space.
    pub(crate) fn push_space(&mut self) {
        self.pending_space = true;
    }

    fn wants_space(&self) -> bool {
        !self.at_segment_start && !self.text.is_empty() && !self.text.ends_with(' ')
    }

    /// Writes a pending space, so that what comes next starts after it.
    fn flush_space(&mut self) {
        self.space_at_anchor = false;
        if self.pending_space {
            self.pending_space = false;
            if self.wants_space() {
                self.text.push(' ');
                self.trailing_soft_space = true;
            }
        }
    }

    /// The offset at an element boundary: a pending space belongs before the element.
    pub(crate) fn position(&mut self) -> u32 {
        self.flush_space();
        offset(self.text.len())
    }

    /// The offset just past the last character written, a pending space left pending: where
    /// an element ends without taking the space after it.
    pub(crate) fn written(&self) -> u32 {
        offset(self.text.len())
    }

    /// The offset for a note anchor: right after the last character written, so that
    /// `word <note/>` anchors the note on the word, not after the space.
    pub(crate) fn anchor_position(&mut self) -> u32 {
        self.space_at_anchor = self.pending_space;
        offset(self.text.len())
    }

    /// Opens a span at the current position; returns its index for [`Self::close`].
    pub(crate) fn open(&mut self, style: SpanStyle) -> usize {
        let start = self.position();
        self.spans.push(Span {
            start,
            end: OPEN,
            style,
        });
        self.spans.len() - 1
    }

    /// Closes the span at `index` at the current position.
    pub(crate) fn close(&mut self, index: usize) {
        let end = self.position();
        if let Some(span) = self.spans.get_mut(index) {
            span.end = end;
        }
    }

    /// Adds a zero-width span at `at`.
    pub(crate) fn point(&mut self, at: u32, style: SpanStyle) {
        self.span(at, at, style);
    }

    /// Adds a span from `start` to `end`.
    pub(crate) fn span(&mut self, start: u32, end: u32, style: SpanStyle) {
        self.spans.push(Span { start, end, style });
    }

    /// The style of the span at `index`.
    pub(crate) fn style(&self, index: usize) -> Option<&SpanStyle> {
        self.spans.get(index).map(|s| &s.style)
    }

    /// Ends a table cell and starts the next: the separator is a tab.
    pub(crate) fn cell_break(&mut self) {
        self.pending_space = false;
        self.drop_soft_space();
        self.text.push('\t');
        self.at_segment_start = true;
    }

    fn drop_soft_space(&mut self) {
        if self.trailing_soft_space {
            self.trailing_soft_space = false;
            self.text.pop();
            let len = offset(self.text.len());
            for span in &mut self.spans {
                span.start = span.start.min(len);
                if span.end != OPEN {
                    span.end = span.end.min(len);
                }
            }
        }
    }

    /// The text and spans; spans still open end at the end of the text.
    pub(crate) fn finish(mut self) -> (String, Vec<Span>) {
        self.pending_space = false;
        self.drop_soft_space();
        let len = offset(self.text.len());
        for span in &mut self.spans {
            if span.end == OPEN {
                span.end = len;
            }
            span.end = span.end.min(len);
            span.start = span.start.min(span.end);
        }
        (self.text, self.spans)
    }
}

fn is_closing_punctuation(c: char) -> bool {
    matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']')
}

/// A byte offset as the model stores it; texts past 4 GiB cannot come out of the XML parser.
fn offset(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(u32::MAX - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(b: TextBuilder) -> (String, Vec<(u32, u32)>) {
        let (text, spans) = b.finish();
        (text, spans.into_iter().map(|s| (s.start, s.end)).collect())
    }

    #[test]
    fn whitespace_collapses_and_trims() {
        let mut b = TextBuilder::new();
        b.push_text("\n   Foreign \n Relations  ", false);
        b.push_text("  series ", false);
        assert_eq!(spans(b).0, "Foreign Relations series");
    }

    #[test]
    fn a_space_before_an_element_belongs_before_its_span() {
        let mut b = TextBuilder::new();
        b.push_text("the ", false);
        let i = b.open(SpanStyle::Italic);
        b.push_text("Foreign Relations", false);
        b.close(i);
        b.push_text(" series", false);
        assert_eq!(
            spans(b),
            ("the Foreign Relations series".into(), vec![(4, 21)])
        );
    }

    #[test]
    fn note_anchors_stay_on_the_word() {
        let mut b = TextBuilder::new();
        b.push_text("word ", false);
        let at = b.anchor_position();
        b.point(at, SpanStyle::NoteRef { n: "1".into() });
        b.push_text(" next", false);
        assert_eq!(spans(b), ("word next".into(), vec![(4, 4)]));
    }

    #[test]
    fn layout_space_between_a_note_and_punctuation_goes() {
        let mut b = TextBuilder::new();
        b.push_text("PA\n   ", false);
        let at = b.anchor_position();
        b.point(at, SpanStyle::NoteRef { n: "11".into() });
        b.push_text(". The", false);
        assert_eq!(spans(b), ("PA. The".into(), vec![(2, 2)]));
    }

    #[test]
    fn trailing_points_are_clamped_to_the_trimmed_text() {
        let mut b = TextBuilder::new();
        b.push_text("end ", false);
        let at = b.position();
        b.point(at, SpanStyle::Page { n: "2".into() });
        assert_eq!(spans(b), ("end".into(), vec![(3, 3)]));
    }

    #[test]
    fn cells_are_trimmed_and_joined_by_tabs() {
        let mut b = TextBuilder::new();
        b.push_text(" a ", false);
        b.cell_break();
        b.push_text(" ", false);
        b.cell_break();
        b.push_text("b c ", false);
        assert_eq!(spans(b).0, "a\t\tb c");
    }

    #[test]
    fn preserved_text_is_kept_as_is() {
        let mut b = TextBuilder::new();
        b.push_text("  two  spaces\n", true);
        assert_eq!(spans(b).0, "  two  spaces\n");
    }
}
