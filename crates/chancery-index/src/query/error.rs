//! Parse errors that point at the part of the query at fault.

use super::ast::Span;

/// Why a query could not be parsed, and where.
///
/// `start..end` are byte offsets into the query (always on character boundaries; `start ==
/// end` when something is missing at that point, such as at the end of the query).
/// `column` is the same position counted in characters from 1, for people.
///
/// Displays as `column 7: expected a value after 'date:'`; [`QueryError::render`] draws the
/// query with a caret line under the fault for terminals.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("column {column}: {message}")]
pub struct QueryError {
    /// Byte offset where the fault starts.
    pub start: usize,
    /// Byte offset just past the fault.
    pub end: usize,
    /// The character column of `start`, counting from 1.
    pub column: usize,
    /// What was wrong or expected, as a sentence fragment without the position.
    pub message: String,
}

impl QueryError {
    /// Builds the public error from an internal one, computing the column from `input`.
    pub(crate) fn new(input: &str, error: Error) -> Self {
        let start = error.span.start.min(input.len());
        let end = error.span.end.clamp(start, input.len());
        let column = input
            .get(..start)
            .map_or(1, |before| before.chars().count() + 1);
        // Messages quote the user's text, which may hold line breaks or other control
        // characters; the message must stay one line, under the query it points into.
        let message = error
            .message
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        Self {
            start,
            end,
            column,
            message,
        }
    }

    /// The byte range at fault.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }

    /// Renders `query` (the text this error came from) on one line with carets under the
    /// fault and the message after them, for a terminal:
    ///
    /// ```text
    /// date: AND x
    ///       ^^^ expected a value after 'date:'
    /// ```
    ///
    /// Control characters show as spaces so the caret line stays aligned; long queries are
    /// cut to a window around the fault, marked with `…`.
    pub fn render(&self, query: &str) -> String {
        // Work in characters: byte offsets from another string must not split one.
        let chars: Vec<(usize, char)> = query.char_indices().collect();
        let at = chars.partition_point(|&(i, _)| i < self.start);
        let until = chars.partition_point(|&(i, _)| i < self.end).max(at);

        let first = at.saturating_sub(WINDOW_BEFORE);
        let last = (first + WINDOW).min(chars.len());
        let mut line = String::new();
        let mut carets = String::new();
        if first > 0 {
            line.push('…');
            carets.push(' ');
        }
        for (index, &(_, c)) in chars.iter().enumerate().take(last).skip(first) {
            let shown = if c.is_control() { ' ' } else { c };
            line.push(shown);
            let width = display_width(shown);
            let fill = if (at..until).contains(&index) {
                '^'
            } else {
                ' '
            };
            if index < until {
                carets.extend(std::iter::repeat_n(fill, width));
            }
        }
        if last < chars.len() {
            line.push('…');
        }
        // A missing thing (an empty span) or a span of invisible characters still gets one
        // caret, at the place where something was expected.
        if !carets.ends_with('^') {
            carets.push('^');
        }
        format!("{line}\n{carets} {}", self.message)
    }
}

/// How many characters of a long query to show before the fault.
const WINDOW_BEFORE: usize = 40;
/// How many characters of a long query to show at most.
const WINDOW: usize = 100;

/// The number of terminal columns a character takes: 0 for combining and zero-width
/// characters, 2 for East Asian wide characters and emoji, 1 otherwise. An approximation of
/// Unicode's East Asian Width that is right for the scripts archives hold, without a table
/// crate.
fn display_width(c: char) -> usize {
    match u32::from(c) {
        0x0300..=0x036F
        | 0x0483..=0x0489
        | 0x0591..=0x05BD
        | 0x0610..=0x061A
        | 0x064B..=0x065F
        | 0x0E31
        | 0x0E34..=0x0E3A
        | 0x1AB0..=0x1AFF
        | 0x1DC0..=0x1DFF
        | 0x200B..=0x200F
        | 0x20D0..=0x20FF
        | 0xFE00..=0xFE0F
        | 0xFE20..=0xFE2F
        | 0xFEFF => 0,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1F64F
        | 0x1F900..=0x1F9FF
        | 0x20000..=0x3FFFD => 2,
        _ => 1,
    }
}

/// An error inside the parser, before the column is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Error {
    pub(crate) span: Span,
    pub(crate) message: String,
}

impl Error {
    pub(crate) fn new(span: Span, message: impl Into<String>) -> Self {
        Self {
            span,
            message: message.into(),
        }
    }
}

/// The parser's result type.
pub(crate) type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use super::*;

    fn check(input: &str, start: usize, end: usize, expect: Expect) {
        let error = QueryError::new(input, Error::new(Span { start, end }, "message"));
        expect.assert_eq(&format!("{error}\n{}", error.render(input)));
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        check(
            "é date: x",
            3,
            8,
            expect![[r#"
                column 3: message
                é date: x
                  ^^^^^ message"#]],
        );
    }

    #[test]
    fn a_missing_value_at_the_end_gets_one_caret() {
        check(
            "title:",
            6,
            6,
            expect![[r#"
                column 7: message
                title:
                      ^ message"#]],
        );
    }

    #[test]
    fn control_characters_wide_and_combining_marks_keep_the_carets_aligned() {
        check(
            "a\tb\u{301} 北京 x",
            13,
            14,
            expect![[r#"
                column 9: message
                a b́ 北京 x
                         ^ message"#]],
        );
    }

    #[test]
    fn long_queries_show_a_window_around_the_fault() {
        let input = format!("{} bad {}", "a".repeat(200), "b".repeat(200));
        check(
            &input,
            201,
            204,
            expect![[r#"
                column 202: message
                …aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa bad bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb…
                                                         ^^^ message"#]],
        );
    }

    #[test]
    fn offsets_out_of_range_are_clamped() {
        check(
            "ab",
            5,
            9,
            expect![[r#"
                column 3: message
                ab
                  ^ message"#]],
        );
    }
}
