//! Splits a query into tokens: words, phrases, field names, operators and parentheses.
//!
//! Words are kept raw: whether `kirk~2` is a fuzzy word or `1950~` an approximate date
//! depends on where the word stands, so the parser interprets suffixes, not the lexer.

use super::ast::Span;
use super::error::{Error, Result};

/// A token and where it was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token<'a> {
    pub(crate) kind: Kind<'a>,
    pub(crate) span: Span,
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind<'a> {
    /// A run of characters up to whitespace, a parenthesis or a quote.
    Word(&'a str),
    /// The text between quotes; the token's span includes the quotes.
    Phrase(&'a str),
    /// `name:`: the name as written, without the colon; the span includes the colon.
    Field(&'a str),
    /// A `-` directly before a word, phrase, field or group.
    Minus,
    /// The keyword `AND` (uppercase only).
    And,
    /// The keyword `OR` (uppercase only).
    Or,
    /// The keyword `NOT` (uppercase only).
    Not,
    /// `(`.
    Open,
    /// `)`.
    Close,
}

impl Kind<'_> {
    /// Whether this token can begin an operand: a word, phrase, field, `-`, `NOT` or `(`.
    pub(crate) fn starts_operand(self) -> bool {
        matches!(
            self,
            Kind::Word(_) | Kind::Phrase(_) | Kind::Field(_) | Kind::Minus | Kind::Not | Kind::Open
        )
    }
}

/// Splits `input` into tokens. Fails only on an unclosed quote or a `-` with nothing
/// directly after it.
pub(crate) fn lex(input: &str) -> Result<Vec<Token<'_>>> {
    let mut tokens = Vec::new();
    let mut pos = 0;
    // Right after `name:` (no space), the next word is the field's value: it may start with
    // `-` (a year before the common era) or hold colons and keywords, all taken literally.
    let mut value_follows = false;
    // Right after `-`, an uppercase `AND`/`OR`/`NOT` is a word to exclude, not an operator.
    let mut after_minus = false;
    while let Some(c) = input[pos..].chars().next() {
        let start = pos;
        let token = |kind, end| Token {
            kind,
            span: Span::new(start, end),
        };
        if is_separator(c) {
            pos += c.len_utf8();
            value_follows = false;
            after_minus = false;
            continue;
        }
        let (kind, end) = match c {
            '(' => (Kind::Open, pos + 1),
            ')' => (Kind::Close, pos + 1),
            _ if closing_quotes(c).is_some() => {
                let (content, end) = phrase(input, pos, c)?;
                (Kind::Phrase(content), end)
            }
            '-' if !value_follows => {
                match input[pos + 1..].chars().next() {
                    Some(next) if !is_separator(next) && next != ')' => {}
                    _ => {
                        return Err(Error::new(
                            Span::new(pos, pos + 1),
                            "a '-' must be directly followed by what to exclude, as in \
                             -telegram or -\"note verbale\"",
                        ));
                    }
                }
                tokens.push(token(Kind::Minus, pos + 1));
                pos += 1;
                value_follows = false;
                after_minus = true;
                continue;
            }
            _ => {
                let end = word_end(input, pos);
                let word = &input[pos..end];
                if !value_follows
                    && let Some(colon) = word.find(':')
                    && is_field_name(&word[..colon])
                {
                    let end = pos + colon + 1;
                    tokens.push(token(Kind::Field(&word[..colon]), end));
                    pos = end;
                    value_follows = input[end..]
                        .chars()
                        .next()
                        .is_some_and(|c| !is_separator(c));
                    after_minus = false;
                    continue;
                }
                let kind = match word {
                    "AND" if !value_follows && !after_minus => Kind::And,
                    "OR" if !value_follows && !after_minus => Kind::Or,
                    "NOT" if !value_follows && !after_minus => Kind::Not,
                    _ => Kind::Word(word),
                };
                (kind, end)
            }
        };
        tokens.push(token(kind, end));
        pos = end;
        value_follows = false;
        after_minus = false;
    }
    Ok(tokens)
}

/// Whitespace and control characters separate tokens and are otherwise ignored.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || c.is_control()
}

/// The quotes that close a phrase opened with `open`, or `None` when `open` is not a quote.
///
/// Besides straight quotes, the typographic pairs that word processors substitute are
/// accepted (“…”, ”…”, „…“), since users paste phrases from documents; a straight quote
/// closes any of them.
fn closing_quotes(open: char) -> Option<&'static [char]> {
    match open {
        '"' => Some(&['"']),
        '“' => Some(&['”', '"']),
        '”' => Some(&['”', '"']),
        '„' => Some(&['“', '”', '"']),
        _ => None,
    }
}

/// Reads the phrase whose opening quote `open` is at `start`: its content and the offset
/// just past its closing quote.
fn phrase(input: &str, start: usize, open: char) -> Result<(&str, usize)> {
    let content_start = start + open.len_utf8();
    let closers = closing_quotes(open).unwrap_or(&['"']);
    match input[content_start..].find(closers) {
        Some(offset) => {
            let content_end = content_start + offset;
            let close_len = input[content_end..]
                .chars()
                .next()
                .map_or(1, char::len_utf8);
            Ok((&input[content_start..content_end], content_end + close_len))
        }
        None => Err(Error::new(
            Span::new(start, content_start),
            format!("this quote is never closed: add a closing {}", closers[0]),
        )),
    }
}

/// The end of the word starting at `start`: the next separator, parenthesis or quote.
fn word_end(input: &str, start: usize) -> usize {
    input[start..]
        .char_indices()
        .find(|&(_, c)| is_separator(c) || c == '(' || c == ')' || closing_quotes(c).is_some())
        .map_or(input.len(), |(offset, _)| start + offset)
}

/// Whether `name` (the text before a colon) looks like a field name: a letter, then letters,
/// digits, `-` or `_`. `10:30` is a word; `http:` and `re:` are (unknown) field names.
fn is_field_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(char::is_alphabetic)
        && chars.all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use super::*;

    fn check(input: &str, expect: Expect) {
        let actual = match lex(input) {
            Ok(tokens) => tokens
                .iter()
                .map(|t| format!("{:?}@{}", t.kind, t.span))
                .collect::<Vec<_>>()
                .join("\n"),
            Err(e) => format!("error @{}: {}", e.span, e.message),
        };
        expect.assert_eq(&actual);
    }

    #[test]
    fn words_operators_and_parentheses() {
        check(
            "aide (memoire OR note) AND NOT x or",
            expect![[r#"
                Word("aide")@0..4
                Open@5..6
                Word("memoire")@6..13
                Or@14..16
                Word("note")@17..21
                Close@21..22
                And@23..26
                Not@27..30
                Word("x")@31..32
                Word("or")@33..35"#]],
        );
    }

    #[test]
    fn minus_only_at_the_start_of_a_token() {
        check(
            "-aide-memoire -(a) -\"b\" -type:x -OR",
            expect![[r#"
                Minus@0..1
                Word("aide-memoire")@1..13
                Minus@14..15
                Open@15..16
                Word("a")@16..17
                Close@17..18
                Minus@19..20
                Phrase("b")@20..23
                Minus@24..25
                Field("type")@25..30
                Word("x")@30..31
                Minus@32..33
                Word("OR")@33..35"#]],
        );
    }

    #[test]
    fn a_dangling_minus_is_an_error() {
        check(
            "a - b",
            expect![[
                r#"error @2..3: a '-' must be directly followed by what to exclude, as in -telegram or -"note verbale""#
            ]],
        );
        check(
            "(a -)",
            expect![[
                r#"error @3..4: a '-' must be directly followed by what to exclude, as in -telegram or -"note verbale""#
            ]],
        );
        check(
            "a -",
            expect![[
                r#"error @2..3: a '-' must be directly followed by what to exclude, as in -telegram or -"note verbale""#
            ]],
        );
    }

    #[test]
    fn fields_and_their_values() {
        check(
            "title:re:treaty date:-0044 Type:AND lang: en (year:1950) collection:\"a b\" 10:30",
            expect![[r#"
                Field("title")@0..6
                Word("re:treaty")@6..15
                Field("date")@16..21
                Word("-0044")@21..26
                Field("Type")@27..32
                Word("AND")@32..35
                Field("lang")@36..41
                Word("en")@42..44
                Open@45..46
                Field("year")@46..51
                Word("1950")@51..55
                Close@55..56
                Field("collection")@57..68
                Phrase("a b")@68..73
                Word("10:30")@74..79"#]],
        );
    }

    #[test]
    fn phrases_straight_and_typographic() {
        check(
            "\"a: b\"x “c d” „e f“ ”g h\"",
            expect![[r#"
                Phrase("a: b")@0..6
                Word("x")@6..7
                Phrase("c d")@8..17
                Phrase("e f")@18..27
                Phrase("g h")@28..35"#]],
        );
    }

    #[test]
    fn an_unclosed_quote_points_at_the_opening_quote() {
        check(
            "a \"b c",
            expect![[r#"error @2..3: this quote is never closed: add a closing ""#]],
        );
        check(
            "a “b c",
            expect!["error @2..5: this quote is never closed: add a closing ”"],
        );
    }

    #[test]
    fn control_characters_separate_words() {
        check(
            "a\u{0}b\tc\u{7f}",
            expect![[r#"
                Word("a")@0..1
                Word("b")@2..3
                Word("c")@4..5"#]],
        );
    }
}
