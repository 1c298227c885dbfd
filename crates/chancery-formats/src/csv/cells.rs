//! Splitting CSV text into rows and cells (RFC 4180), keeping where each cell starts so
//! that errors can name its line and column.
//!
//! Lenient where spreadsheets and hand editing differ harmlessly (spaces before an opening
//! quote, a quote inside an unquoted cell, a lone carriage return ending a row), strict
//! where the text is ambiguous (a quoted cell never closed, text after a closing quote).

use std::borrow::Cow;

use crate::FormatError;
use crate::records::RecordAt;

/// One cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Cell<'t> {
    /// The cell's text: unquoted, with doubled quotes undoubled.
    pub raw: Cow<'t, str>,
    /// Whether it was written in quotes.
    pub quoted: bool,
    /// Byte offset of its first character (the opening quote when quoted).
    pub start: usize,
}

impl Cell<'_> {
    /// The value, or `None` when the cell is empty. Unquoted cells lose the spaces around
    /// them (spreadsheets and hand editing add them freely); quoted cells are kept as
    /// written, since quoting is how a writer says every character counts.
    pub(super) fn value(&self) -> Option<&str> {
        let value = if self.quoted {
            &*self.raw
        } else {
            self.raw.trim()
        };
        (!value.trim().is_empty()).then_some(value)
    }
}

/// One row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Row<'t> {
    /// The cells, in order.
    pub cells: Vec<Cell<'t>>,
    /// Byte offset where the row starts (always the start of a line).
    pub start: usize,
    /// The line the row starts on, from 1.
    pub line: usize,
}

impl Row<'_> {
    /// Whether every cell is empty (an empty line, or a line of delimiters).
    pub(super) fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.value().is_none())
    }

    /// The position of byte `offset` of `text`, which lies in this row.
    pub(super) fn at(&self, text: &str, offset: usize) -> RecordAt {
        let start = self.start.min(text.len());
        let mut offset = offset.max(start).min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let between = text.get(start..offset).unwrap_or_default();
        match memchr::memrchr(b'\n', between.as_bytes()) {
            Some(last) => RecordAt {
                line: self.line + memchr::memchr_iter(b'\n', between.as_bytes()).count(),
                column: between[last + 1..].chars().count() + 1,
            },
            None => RecordAt {
                line: self.line,
                column: between.chars().count() + 1,
            },
        }
    }

    /// The position where the row starts.
    pub(super) fn start_at(&self) -> RecordAt {
        RecordAt {
            line: self.line,
            column: 1,
        }
    }
}

/// The rows of a CSV text, in order; after an error, nothing more.
pub(super) struct Rows<'t> {
    text: &'t str,
    delimiter: u8,
    pos: usize,
    line: usize,
}

impl<'t> Rows<'t> {
    /// The rows of `text`, whose cells are separated by `delimiter` (an ASCII character).
    pub(super) fn new(text: &'t str, delimiter: u8) -> Self {
        Self {
            text,
            delimiter,
            pos: 0,
            line: 1,
        }
    }

    fn fail(&mut self, offset: usize, message: &str) -> Option<Result<Row<'t>, FormatError>> {
        self.pos = self.text.len();
        Some(Err(FormatError::at_offset(self.text, offset, message)))
    }

    /// Reads a quoted cell whose opening quote is at `open`; returns the cell and the
    /// offset just past its closing quote, or the offset of the problem.
    fn quoted(&mut self, open: usize) -> Result<(Cell<'t>, usize), (usize, &'static str)> {
        let bytes = self.text.as_bytes();
        let mut p = open + 1;
        let mut owned: Option<String> = None;
        loop {
            let Some(q) = memchr::memchr(b'"', &bytes[p..]).map(|i| p + i) else {
                return Err((
                    open,
                    "this quoted cell is never closed (a closing \" is missing)",
                ));
            };
            if bytes.get(q + 1) == Some(&b'"') {
                // A doubled quote stands for one quote character.
                owned
                    .get_or_insert_with(String::new)
                    .push_str(&self.text[p..=q]);
                p = q + 2;
                continue;
            }
            let raw = match owned {
                Some(mut s) => {
                    s.push_str(&self.text[p..q]);
                    Cow::Owned(s)
                }
                None => Cow::Borrowed(&self.text[open + 1..q]),
            };
            self.line += memchr::memchr_iter(b'\n', &bytes[open..q]).count();
            let cell = Cell {
                raw,
                quoted: true,
                start: open,
            };
            return Ok((cell, q + 1));
        }
    }
}

impl<'t> Iterator for Rows<'t> {
    type Item = Result<Row<'t>, FormatError>;

    fn next(&mut self) -> Option<Self::Item> {
        let text = self.text;
        let bytes = text.as_bytes();
        if self.pos >= bytes.len() {
            return None;
        }
        let row_start = self.pos;
        let row_line = self.line;
        let mut cells = Vec::new();
        loop {
            let cell_start = self.pos;
            let mut p = cell_start;
            while bytes
                .get(p)
                .is_some_and(|&b| (b == b' ' || b == b'\t') && b != self.delimiter)
            {
                p += 1;
            }
            if bytes.get(p) == Some(&b'"') {
                let (cell, after) = match self.quoted(p) {
                    Ok(found) => found,
                    Err((offset, message)) => return self.fail(offset, message),
                };
                p = after;
                while bytes
                    .get(p)
                    .is_some_and(|&b| (b == b' ' || b == b'\t') && b != self.delimiter)
                {
                    p += 1;
                }
                if bytes
                    .get(p)
                    .is_some_and(|&b| b != self.delimiter && b != b'\n' && b != b'\r')
                {
                    return self.fail(
                        p,
                        "text after the closing quote of a cell (a quote inside a quoted cell \
                         is written twice: \"\")",
                    );
                }
                cells.push(cell);
            } else {
                let end = memchr::memchr3(self.delimiter, b'\n', b'\r', &bytes[cell_start..])
                    .map_or(bytes.len(), |i| cell_start + i);
                cells.push(Cell {
                    raw: Cow::Borrowed(&text[cell_start..end]),
                    quoted: false,
                    start: cell_start,
                });
                p = end;
            }
            match bytes.get(p) {
                None => {
                    self.pos = bytes.len();
                    break;
                }
                Some(&b) if b == self.delimiter => self.pos = p + 1,
                Some(b'\r') => {
                    self.pos = p + 1;
                    if bytes.get(self.pos) == Some(&b'\n') {
                        self.pos += 1;
                        self.line += 1;
                    }
                    break;
                }
                Some(_) => {
                    self.pos = p + 1;
                    self.line += 1;
                    break;
                }
            }
        }
        Some(Ok(Row {
            cells,
            start: row_start,
            line: row_line,
        }))
    }
}

/// The delimiter a file uses, judged from its header line: a comma when the line has one
/// outside quotes, else a semicolon (spreadsheets in many European locales write these),
/// else a tab; a comma when the header is a single column.
pub(super) fn sniff_delimiter(text: &str) -> u8 {
    let first_line = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    let mut in_quotes = false;
    let (mut commas, mut semicolons, mut tabs) = (0, 0, 0);
    for b in first_line.bytes() {
        match b {
            b'"' => in_quotes = !in_quotes,
            b',' if !in_quotes => commas += 1,
            b';' if !in_quotes => semicolons += 1,
            b'\t' if !in_quotes => tabs += 1,
            _ => {}
        }
    }
    if commas > 0 {
        b','
    } else if semicolons > 0 {
        b';'
    } else if tabs > 0 {
        b'\t'
    } else {
        b','
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<Vec<(String, bool, usize)>> {
        Rows::new(text, b',')
            .map(|r| {
                r.unwrap()
                    .cells
                    .into_iter()
                    .map(|c| (c.raw.into_owned(), c.quoted, c.start))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn plain_and_quoted_cells() {
        let text = "a,b\n\"x, y\",\"say \"\"hi\"\"\"\r\n";
        assert_eq!(
            rows(text),
            [
                vec![("a".into(), false, 0), ("b".into(), false, 2)],
                vec![("x, y".into(), true, 4), ("say \"hi\"".into(), true, 11)],
            ]
        );
    }

    #[test]
    fn quoted_cells_span_lines_and_rows_keep_their_line() {
        let text = "t,x\n\"one\n\ntwo\",z\nlast,row";
        let all: Vec<_> = Rows::new(text, b',').map(Result::unwrap).collect();
        assert_eq!(all.iter().map(|r| r.line).collect::<Vec<_>>(), [1, 2, 5]);
        assert_eq!(all[1].cells[0].raw, "one\n\ntwo");
        assert_eq!(all[1].at(text, all[1].cells[1].start).line, 4);
        assert_eq!(all[1].at(text, all[1].cells[1].start).column, 6);
    }

    #[test]
    fn empty_cells_and_trailing_delimiters() {
        assert_eq!(
            rows(",,\n"),
            [vec![
                ("".into(), false, 0),
                ("".into(), false, 1),
                ("".into(), false, 2)
            ]]
        );
        assert_eq!(
            rows("a\n\nb"),
            [
                vec![("a".into(), false, 0)],
                vec![("".into(), false, 2)],
                vec![("b".into(), false, 3)]
            ]
        );
        assert_eq!(
            rows("a\rb"),
            [vec![("a".into(), false, 0)], vec![("b".into(), false, 2)]]
        );
    }

    #[test]
    fn spaces_around_quotes_are_allowed_and_quotes_in_plain_cells_kept() {
        assert_eq!(
            rows("a,  \"b\"  ,c\"d"),
            [vec![
                ("a".into(), false, 0),
                ("b".into(), true, 4),
                ("c\"d".into(), false, 10)
            ]]
        );
    }

    #[test]
    fn unclosed_quote_is_reported_where_it_opens() {
        let mut r = Rows::new("a,b\nx,\"never\nclosed\n", b',');
        assert!(r.next().unwrap().is_ok());
        let err = r.next().unwrap().unwrap_err();
        assert_eq!((err.line, err.column), (Some(2), Some(3)));
        assert!(err.message.contains("never closed"));
        assert!(r.next().is_none());
    }

    #[test]
    fn text_after_a_closing_quote_is_an_error() {
        let err = Rows::new("\"a\"b,c", b',').next().unwrap().unwrap_err();
        assert_eq!((err.line, err.column), (Some(1), Some(4)));
    }

    #[test]
    fn values_trim_unquoted_cells_only() {
        let cell = |raw: &'static str, quoted| Cell {
            raw: Cow::Borrowed(raw),
            quoted,
            start: 0,
        };
        assert_eq!(cell("  a ", false).value(), Some("a"));
        assert_eq!(cell("  a ", true).value(), Some("  a "));
        assert_eq!(cell("   ", true).value(), None);
        assert_eq!(cell("", false).value(), None);
    }

    #[test]
    fn delimiters_are_sniffed_from_the_header() {
        assert_eq!(sniff_delimiter("title,text\n"), b',');
        assert_eq!(sniff_delimiter("\n\"a,b\";title;text\n"), b';');
        assert_eq!(sniff_delimiter("title\ttext"), b'\t');
        assert_eq!(sniff_delimiter("title"), b',');
    }

    #[test]
    fn tab_delimited_rows() {
        let r: Vec<_> = Rows::new("a\t\"b\"\tc", b'\t')
            .map(Result::unwrap)
            .collect();
        let values: Vec<_> = r[0].cells.iter().map(|c| c.raw.to_string()).collect();
        assert_eq!(values, ["a", "b", "c"]);
    }
}
