//! The error every reader gives: what is wrong, and where.

use std::fmt;

/// A problem in a file, with the line and column (both from 1) where it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError {
    /// Line, from 1, when known.
    pub line: Option<usize>,
    /// Column in characters, from 1, when known.
    pub column: Option<usize>,
    /// What is wrong and, where it helps, what was expected.
    pub message: String,
}

impl FormatError {
    /// A problem with no position (it concerns the whole file).
    pub fn whole(message: impl Into<String>) -> Self {
        Self {
            line: None,
            column: None,
            message: message.into(),
        }
    }

    /// A problem at `line` and `column`.
    pub fn at(line: usize, column: usize, message: impl Into<String>) -> Self {
        Self {
            line: Some(line),
            column: Some(column),
            message: message.into(),
        }
    }

    /// A problem at byte `offset` of `text`, turned into line and column.
    pub fn at_offset(text: &str, offset: usize, message: impl Into<String>) -> Self {
        let (line, column) = line_column(text, offset);
        Self::at(line, column, message)
    }
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "{l}:{c}: {}", self.message),
            (Some(l), None) => write!(f, "{l}: {}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for FormatError {}

/// The line and column (from 1; the column counts characters) of byte `offset` in `text`.
/// Offsets past the end or inside a character are clamped to the nearest earlier boundary.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = memchr::memchr_iter(b'\n', before.as_bytes()).count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_columns() {
        let text = "ab\ncdé\nf";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 1));
        assert_eq!(line_column(text, 7), (2, 4));
        assert_eq!(line_column(text, 8), (3, 1));
        assert_eq!(line_column(text, 99), (3, 2));
        assert_eq!(
            FormatError::at_offset(text, 4, "bad").to_string(),
            "2:2: bad"
        );
    }
}
