//! The grammar, by recursive descent over the tokens:
//!
//! ```text
//! query   = or? EOF
//! or      = and ("OR" and)*
//! and     = unary ("AND"? unary)*
//! unary   = ("-" | "NOT") primary | primary
//! primary = WORD | PHRASE | FIELD value | "(" or ")"
//! value   = WORD | PHRASE | "(" or ")"      (words inside are values of that field)
//! ```
//!
//! Recursion happens only through parentheses, whose depth is capped, so hostile input
//! cannot overflow the stack; every token is looked at a bounded number of times.

use super::ast::{Node, Query, Span};
use super::error::{Error, Result};
use super::fields::{self, Field, Value};
use super::lexer::{self, Kind, Token};

/// The longest query accepted, in characters.
pub const MAX_CHARS: usize = 1000;
/// The most words, phrases and field filters a query may hold.
pub const MAX_CLAUSES: usize = 64;
/// The deepest parentheses may nest.
pub const MAX_DEPTH: usize = 16;

/// Parses `input` into a query (see the [module documentation](super)).
pub(crate) fn parse(input: &str) -> Result<Query> {
    // Checked before anything else so that a huge input costs no more than this scan.
    if let Some((offset, _)) = input.char_indices().nth(MAX_CHARS) {
        let count = input.chars().count();
        return Err(Error::new(
            Span::new(offset, input.len()),
            format!(
                "this query is too long: {count} characters, where at most {MAX_CHARS} are allowed"
            ),
        ));
    }
    let (tokens, ignored) = drop_punctuation(lexer::lex(input)?);
    if tokens.is_empty() {
        if let Some(&first) = ignored.first() {
            return Err(no_letters(input, first));
        }
        return Ok(Query {
            root: Node::MatchAll,
            ignored,
        });
    }
    let mut parser = Parser {
        input,
        tokens,
        pos: 0,
        depth: 0,
        clauses: 0,
    };
    let root = parser.or(Scope::Text)?;
    if let Some(extra) = parser.peek() {
        // `or` stops only at the end, or at a `)` that no `(` opened.
        return Err(Error::new(extra.span, "this ')' has no matching '('"));
    }
    let root = root.map_or(Node::MatchAll, standalone);
    Ok(Query { root, ignored })
}

/// Leaves out bare words made only of punctuation or symbols (`&`, `—`, `§`): the index
/// keeps no such words, so they could only make a query fail to match. Where such a word
/// is an operand (after `-`, `NOT` or a field) it stays, to be reported as an error; `*`
/// and `~` stay too, to be reported as malformed searches.
fn drop_punctuation(tokens: Vec<Token<'_>>) -> (Vec<Token<'_>>, Vec<Span>) {
    let mut kept: Vec<Token<'_>> = Vec::with_capacity(tokens.len());
    let mut ignored = Vec::new();
    for token in tokens {
        let operand = kept
            .last()
            .is_some_and(|t| matches!(t.kind, Kind::Minus | Kind::Not | Kind::Field(_)));
        if let Kind::Word(word) = token.kind
            && !operand
            && !word.contains(['*', '~'])
            && !has_letters(word)
        {
            ignored.push(token.span);
        } else {
            kept.push(token);
        }
    }
    (kept, ignored)
}

fn has_letters(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

fn no_letters(input: &str, span: Span) -> Error {
    let text = input.get(span.start..span.end).unwrap_or_default();
    Error::new(
        span,
        format!("'{text}' has no letters or digits to search for"),
    )
}

/// What the words of a stretch of query stand for.
#[derive(Debug, Clone, Copy)]
enum Scope {
    /// Free text, where field filters may appear.
    Text,
    /// Inside `field:( … )`, where every word or phrase is a value of that field.
    Field(Field),
}

struct Parser<'a> {
    input: &'a str,
    tokens: Vec<Token<'a>>,
    pos: usize,
    /// How many parentheses are open.
    depth: usize,
    /// How many words, phrases and filters have been read.
    clauses: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<Token<'a>> {
        self.tokens.get(self.pos).copied()
    }

    /// `and ("OR" and)*`; `None` when no operand starts here.
    fn or(&mut self, scope: Scope) -> Result<Option<Node>> {
        let Some(first) = self.and(scope)? else {
            if let Some(or) = self.peek().filter(|t| t.kind == Kind::Or) {
                return Err(Error::new(or.span, "expected a search term before 'OR'"));
            }
            return Ok(None);
        };
        let mut items = vec![first];
        while let Some(or) = self.peek().filter(|t| t.kind == Kind::Or) {
            self.pos += 1;
            match self.and(scope)? {
                Some(node) => items.push(node),
                None => return Err(Error::new(or.span, "expected a search term after 'OR'")),
            }
        }
        Ok(Some(collapse(items, Node::Or)))
    }

    /// `unary ("AND"? unary)*`; `None` when no operand starts here.
    fn and(&mut self, scope: Scope) -> Result<Option<Node>> {
        let mut items = Vec::new();
        while let Some(token) = self.peek() {
            if token.kind == Kind::And {
                if items.is_empty() {
                    return Err(Error::new(
                        token.span,
                        "expected a search term before 'AND'",
                    ));
                }
                self.pos += 1;
                if !self.peek().is_some_and(|t| t.kind.starts_operand()) {
                    return Err(Error::new(token.span, "expected a search term after 'AND'"));
                }
            } else if token.kind.starts_operand() {
                items.push(self.unary(scope)?);
            } else {
                break;
            }
        }
        Ok((!items.is_empty()).then(|| collapse(items, Node::And)))
    }

    /// `("-" | "NOT") primary | primary`. The caller has checked that an operand starts here.
    fn unary(&mut self, scope: Scope) -> Result<Node> {
        let Some(token) = self.peek() else {
            return Err(Error::new(
                Span::at(self.input.len()),
                "expected a search term",
            ));
        };
        let operator = match token.kind {
            Kind::Minus => "'-'",
            Kind::Not => "'NOT'",
            _ => return self.primary(scope),
        };
        self.pos += 1;
        // One negation takes one primary: `--x` and `NOT NOT x` are more likely slips than
        // intended double negatives, so they are refused rather than guessed at.
        match self.peek().map(|t| t.kind) {
            Some(Kind::Word(_) | Kind::Phrase(_) | Kind::Field(_) | Kind::Open) => {
                Ok(Node::Not(Box::new(self.primary(scope)?)))
            }
            _ => Err(Error::new(
                token.span,
                format!("expected a word, phrase, field filter or group after {operator}"),
            )),
        }
    }

    /// A word, phrase, field filter or parenthesized group.
    fn primary(&mut self, scope: Scope) -> Result<Node> {
        let Some(token) = self.peek() else {
            return Err(Error::new(
                Span::at(self.input.len()),
                "expected a search term",
            ));
        };
        self.pos += 1;
        match (token.kind, scope) {
            (Kind::Word(_) | Kind::Phrase(_), Scope::Text) => {
                self.count(token.span)?;
                text_leaf(self.input, token)
            }
            (Kind::Word(_) | Kind::Phrase(_), Scope::Field(field)) => self.value(field, token),
            (Kind::Field(name), Scope::Text) => self.field(name, token),
            (Kind::Field(name), Scope::Field(outer)) => match Field::from_name(name) {
                None => Err(self.unknown_field(name, token)),
                Some(_) => Err(Error::new(
                    token.span,
                    format!("a field cannot stand inside '{}:( … )'", outer.name()),
                )),
            },
            (Kind::Open, _) => self.group(token, scope),
            _ => Err(Error::new(
                token.span,
                "expected a word, phrase, field filter or group",
            )),
        }
    }

    /// `"(" or ")"`, after the `(`.
    fn group(&mut self, open: Token<'a>, scope: Scope) -> Result<Node> {
        if self.depth == MAX_DEPTH {
            return Err(Error::new(
                open.span,
                format!("parentheses nest too deeply here: at most {MAX_DEPTH} levels"),
            ));
        }
        self.depth += 1;
        let inner = self.or(scope)?;
        let Some(close) = self.peek().filter(|t| t.kind == Kind::Close) else {
            return Err(Error::new(open.span, "this '(' is never closed: add a ')'"));
        };
        self.pos += 1;
        self.depth -= 1;
        inner.ok_or_else(|| {
            Error::new(
                Span::new(open.span.start, close.span.end),
                "these parentheses are empty: put a search inside or remove them",
            )
        })
    }

    /// `name:` and its value, after the `name:`.
    fn field(&mut self, name: &str, token: Token<'a>) -> Result<Node> {
        let Some(field) = Field::from_name(name) else {
            // "Question: Documents" in a pasted title: a colon followed by a space after a
            // word that names no field is punctuation. Attached ("re:treaty") it is an error.
            let detached = self.input[token.span.end..]
                .chars()
                .next()
                .is_none_or(char::is_whitespace);
            if detached {
                let span = Span::new(token.span.start, token.span.end.saturating_sub(1));
                self.count(span)?;
                return Ok(Node::Term {
                    text: name.to_string(),
                    span,
                });
            }
            return Err(self.unknown_field(name, token));
        };
        let missing =
            |span| Error::new(span, format!("expected a value after '{}:'", field.name()));
        let Some(next) = self.peek() else {
            return Err(missing(Span::at(self.input.len())));
        };
        let node = match next.kind {
            Kind::Word(_) | Kind::Phrase(_) => {
                self.pos += 1;
                self.value(field, next)?
            }
            Kind::Open => {
                self.pos += 1;
                self.group(next, Scope::Field(field))?
            }
            _ => return Err(missing(next.span)),
        };
        Ok(match field {
            Field::Title => Node::Title(Box::new(node)),
            Field::Filter(_) => node,
        })
    }

    /// The error for `name:` (the current token is the one after it) when no field has
    /// that name.
    fn unknown_field(&self, name: &str, token: Token<'a>) -> Error {
        // The hint quotes the field with the word after it, which is what the user
        // probably meant to search for (`"re: treaty"`).
        let end = match self.peek() {
            Some(Token {
                kind: Kind::Word(_),
                span,
            }) => span.end,
            _ => token.span.end,
        };
        let literal = self.input.get(token.span.start..end).unwrap_or(name);
        fields::unknown_field(name, token.span, literal)
    }

    /// One value of `field`: text for `title:`, a filter node for the others.
    fn value(&mut self, field: Field, token: Token<'a>) -> Result<Node> {
        self.count(token.span)?;
        let span = token.span;
        match (field, token.kind) {
            (Field::Title, Kind::Word(word)) if word.starts_with('-') => {
                Err(fields::misplaced_minus(field, span))
            }
            (Field::Title, Kind::Phrase(text)) if text.trim().is_empty() => {
                Err(Error::new(span, "the value after 'title:' is empty"))
            }
            (Field::Title, _) => text_leaf(self.input, token),
            (Field::Filter(filter), Kind::Word(text)) => fields::filter(
                filter,
                Value {
                    text,
                    text_start: span.start,
                    span,
                    quoted: false,
                },
            ),
            (Field::Filter(filter), Kind::Phrase(text)) => {
                let text_start = span.end - closing_quote_len(self.input, span) - text.len();
                fields::filter(
                    filter,
                    Value {
                        text,
                        text_start,
                        span,
                        quoted: true,
                    },
                )
            }
            (Field::Filter(_), _) => Err(Error::new(span, "expected a value")),
        }
    }

    /// Counts one more word, phrase or filter against [`MAX_CLAUSES`].
    fn count(&mut self, span: Span) -> Result<()> {
        self.clauses += 1;
        if self.clauses > MAX_CLAUSES {
            return Err(Error::new(
                span,
                format!(
                    "this query has too many parts: at most {MAX_CLAUSES} words, phrases and \
                     filters are allowed"
                ),
            ));
        }
        Ok(())
    }
}

/// The length in bytes of the quote that ends the phrase at `span`.
fn closing_quote_len(input: &str, span: Span) -> usize {
    input
        .get(..span.end)
        .and_then(|s| s.chars().next_back())
        .map_or(1, char::len_utf8)
}

/// `items` as one node: the item itself when alone.
fn collapse(mut items: Vec<Node>, group: fn(Vec<Node>) -> Node) -> Node {
    if items.len() == 1 {
        items.pop().unwrap_or(Node::MatchAll)
    } else {
        group(items)
    }
}

/// A free-text word or phrase: a term, prefix, fuzzy word or phrase.
fn text_leaf(input: &str, token: Token<'_>) -> Result<Node> {
    let span = token.span;
    match token.kind {
        Kind::Phrase(text) if text.trim().is_empty() => Err(Error::new(
            span,
            "this phrase is empty: put words between the quotes",
        )),
        Kind::Phrase(text) if !has_letters(text) => Err(Error::new(
            span,
            "this phrase has no letters or digits to search for",
        )),
        Kind::Phrase(text) => Ok(Node::Phrase {
            text: text.to_string(),
            span,
        }),
        Kind::Word(word) => word_leaf(input, word, span),
        _ => Err(Error::new(span, "expected a word or phrase")),
    }
}

/// A word, by its ending: `word*` a prefix, `word~` / `word~2` a fuzzy word, else a term.
fn word_leaf(input: &str, word: &str, span: Span) -> Result<Node> {
    let char_span = |at: usize, len: usize| Span::new(span.start + at, span.start + at + len);
    if let Some(star) = word.find('*') {
        if star + 1 != word.len() {
            return Err(Error::new(
                char_span(star, 1),
                "a '*' can only end a word, for a prefix search such as gromy*",
            ));
        }
        let stem = &word[..star];
        if let Some(tilde) = stem.find('~') {
            return Err(Error::new(
                char_span(tilde, 1),
                "a word can take '*' or '~', not both",
            ));
        }
        if stem.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
            return Err(Error::new(
                span,
                "a prefix search needs at least 2 letters or digits before the '*'",
            ));
        }
        return Ok(Node::Prefix {
            text: stem.to_string(),
            span,
        });
    }
    if let Some(tilde) = word.find('~') {
        let (stem, distance) = (&word[..tilde], &word[tilde + 1..]);
        let distance = match distance {
            "" | "1" => 1,
            "2" => 2,
            digits if digits.chars().all(|c| c.is_ascii_digit()) => {
                return Err(Error::new(
                    char_span(tilde, word.len() - tilde),
                    "the fuzzy distance can be 1 or 2: write word~ or word~2",
                ));
            }
            _ => {
                return Err(Error::new(
                    char_span(tilde, 1),
                    "a '~' can only end a word, for a fuzzy search such as kirk~ or kirk~2",
                ));
            }
        };
        if !has_letters(stem) {
            return Err(Error::new(
                span,
                "a '~' needs a word before it, as in kirk~",
            ));
        }
        return Ok(Node::Fuzzy {
            text: stem.to_string(),
            distance,
            span,
        });
    }
    if !has_letters(word) {
        return Err(no_letters(input, span));
    }
    Ok(Node::Term {
        text: word.to_string(),
        span,
    })
}

/// Tidies `node` and makes sure it is not a bare `Not`, which would match nothing on its
/// own in a boolean backend: `-x` becomes "everything, except x".
fn standalone(node: Node) -> Node {
    match tidy(node) {
        not @ Node::Not(_) => Node::And(vec![Node::MatchAll, not]),
        node => node,
    }
}

/// Flattens nested `And`s and `Or`s, and gives every `And` of only negations a `MatchAll`
/// to subtract from; see [`Query::root`].
fn tidy(node: Node) -> Node {
    match node {
        Node::And(children) => {
            let mut flat = Vec::with_capacity(children.len());
            flatten(children, &mut flat, |n| match n {
                Node::And(c) => Ok(c),
                other => Err(other),
            });
            let mut children: Vec<Node> = flat.into_iter().map(tidy).collect();
            if children.iter().all(|c| matches!(c, Node::Not(_))) {
                children.insert(0, Node::MatchAll);
            }
            Node::And(children)
        }
        Node::Or(children) => {
            let mut flat = Vec::with_capacity(children.len());
            flatten(children, &mut flat, |n| match n {
                Node::Or(c) => Ok(c),
                other => Err(other),
            });
            Node::Or(flat.into_iter().map(standalone).collect())
        }
        Node::Not(inner) => Node::Not(Box::new(standalone(*inner))),
        Node::Title(inner) => Node::Title(Box::new(standalone(*inner))),
        leaf => leaf,
    }
}

/// Appends `children` to `out`, splicing in the children of those `split` opens.
fn flatten(children: Vec<Node>, out: &mut Vec<Node>, split: fn(Node) -> Result<Vec<Node>, Node>) {
    for child in children {
        match split(child) {
            Ok(grandchildren) => flatten(grandchildren, out, split),
            Err(child) => out.push(child),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use expect_test::{Expect, expect};

    use super::*;
    use crate::query::QueryError;
    use crate::query::ast::write_node;

    /// Renders the tree (or the error under the query, as a terminal would show it).
    fn check(input: &str, expect: Expect) {
        expect.assert_eq(&render(input, false));
    }

    /// Like [`check`], with the span of every text leaf.
    fn check_spans(input: &str, expect: Expect) {
        expect.assert_eq(&render(input, true));
    }

    fn render(input: &str, spans: bool) -> String {
        match parse(input) {
            Ok(query) => {
                let mut out = String::new();
                write_node(&mut out, &query.root, spans).unwrap();
                for span in &query.ignored {
                    write!(out, "\nignored {span} {:?}", &input[span.start..span.end]).unwrap();
                }
                out
            }
            Err(error) => QueryError::new(input, error).render(input),
        }
    }

    #[test]
    fn empty_queries_match_everything() {
        check("", expect!["(all)"]);
        check("  \t\n ", expect!["(all)"]);
    }

    #[test]
    fn words_are_all_required() {
        check(
            "aide memoire Gromyko",
            expect!["(and aide memoire Gromyko)"],
        );
        check("Gromyko", expect!["Gromyko"]);
        check_spans("aide  memoire", expect!["(and aide@0..4 memoire@6..13)"]);
    }

    #[test]
    fn phrases() {
        check_spans(
            r#""exact phrase" Kirk "re: treaty""#,
            expect![[r#"(and "exact phrase"@0..14 Kirk@15..19 "re: treaty"@20..32)"#]],
        );
        check("“aide memoire”", expect![[r#""aide memoire""#]]);
    }

    #[test]
    fn exclusions() {
        check("Korea -telegram", expect!["(and Korea (not telegram))"]);
        check("Korea NOT telegram", expect!["(and Korea (not telegram))"]);
        check(
            r#"Korea -"note verbale""#,
            expect![[r#"(and Korea (not "note verbale"))"#]],
        );
        check("Korea -(a OR b)", expect!["(and Korea (not (or a b)))"]);
        check(
            "Korea -type:telegram",
            expect!["(and Korea (not type:telegram))"],
        );
        check("aide-memoire", expect!["aide-memoire"]);
        check("-OR x", expect!["(and (not OR) x)"]);
    }

    #[test]
    fn only_negative_clauses_mean_everything_except_them() {
        check("-telegram", expect!["(and (all) (not telegram))"]);
        check(
            "-telegram -letter",
            expect!["(and (all) (not telegram) (not letter))"],
        );
        check("NOT telegram", expect!["(and (all) (not telegram))"]);
        check("a OR -b", expect!["(or a (and (all) (not b)))"]);
        check("(-a -b) c", expect!["(and (not a) (not b) c)"]);
        check("-(-a)", expect!["(and (all) (not (and (all) (not a))))"]);
        check("title:(-draft)", expect!["(title (and (all) (not draft)))"]);
    }

    #[test]
    fn or_and_and_precedence() {
        check("a b OR c", expect!["(or (and a b) c)"]);
        check("a OR b c", expect!["(or a (and b c))"]);
        check("a AND b OR c AND d", expect!["(or (and a b) (and c d))"]);
        check("a OR b OR c", expect!["(or a b c)"]);
        check("NOT a OR b", expect!["(or (and (all) (not a)) b)"]);
        check("-a b OR c", expect!["(or (and (not a) b) c)"]);
        check("a AND b", expect!["(and a b)"]);
        check("a or b and c not d", expect!["(and a or b and c not d)"]);
    }

    #[test]
    fn parentheses_group_and_flatten() {
        check("(a OR b) c", expect!["(and (or a b) c)"]);
        check("a (b c) ((d))", expect!["(and a b c d)"]);
        check("a OR (b OR c)", expect!["(or a b c)"]);
        check("(a OR b) AND (c OR d)", expect!["(and (or a b) (or c d))"]);
        check("a(b)c", expect!["(and a b c)"]);
    }

    #[test]
    fn prefixes_and_fuzzy_words() {
        check_spans(
            "gromy* kirk~ kirk~1 memorandum~2",
            expect!["(and gromy*@0..6 kirk~1@7..12 kirk~1@13..19 memorandum~2@20..32)"],
        );
        check(
            "1950* é*",
            expect![[r#"
            1950* é*
                  ^^ a prefix search needs at least 2 letters or digits before the '*'"#]],
        );
        check("éé*", expect!["éé*"]);
    }

    #[test]
    fn stars_and_tildes_out_of_place() {
        check(
            "*",
            expect![[r#"
            *
            ^ a prefix search needs at least 2 letters or digits before the '*'"#]],
        );
        check(
            "a a*",
            expect![[r#"
            a a*
              ^^ a prefix search needs at least 2 letters or digits before the '*'"#]],
        );
        check(
            "*kirk",
            expect![[r#"
            *kirk
            ^ a '*' can only end a word, for a prefix search such as gromy*"#]],
        );
        check(
            "gr*myko",
            expect![[r#"
            gr*myko
              ^ a '*' can only end a word, for a prefix search such as gromy*"#]],
        );
        check(
            "gromy**",
            expect![[r#"
            gromy**
                 ^ a '*' can only end a word, for a prefix search such as gromy*"#]],
        );
        check(
            "kirk~*",
            expect![[r#"
            kirk~*
                ^ a word can take '*' or '~', not both"#]],
        );
        check(
            "kirk~3",
            expect![[r#"
            kirk~3
                ^^ the fuzzy distance can be 1 or 2: write word~ or word~2"#]],
        );
        check(
            "kirk~0",
            expect![[r#"
            kirk~0
                ^^ the fuzzy distance can be 1 or 2: write word~ or word~2"#]],
        );
        check(
            "kirk~x",
            expect![[r#"
            kirk~x
                ^ a '~' can only end a word, for a fuzzy search such as kirk~ or kirk~2"#]],
        );
        check(
            "a~b~",
            expect![[r#"
            a~b~
             ^ a '~' can only end a word, for a fuzzy search such as kirk~ or kirk~2"#]],
        );
        check(
            "~2",
            expect![[r#"
            ~2
            ^^ a '~' needs a word before it, as in kirk~"#]],
        );
    }

    #[test]
    fn or_and_and_need_both_sides() {
        check(
            "OR a",
            expect![[r#"
            OR a
            ^^ expected a search term before 'OR'"#]],
        );
        check(
            "a OR",
            expect![[r#"
            a OR
              ^^ expected a search term after 'OR'"#]],
        );
        check(
            "a OR OR b",
            expect![[r#"
            a OR OR b
              ^^ expected a search term after 'OR'"#]],
        );
        check(
            "(a OR) b",
            expect![[r#"
            (a OR) b
               ^^ expected a search term after 'OR'"#]],
        );
        check(
            "AND a",
            expect![[r#"
            AND a
            ^^^ expected a search term before 'AND'"#]],
        );
        check(
            "a AND",
            expect![[r#"
            a AND
              ^^^ expected a search term after 'AND'"#]],
        );
        check(
            "a AND OR b",
            expect![[r#"
            a AND OR b
              ^^^ expected a search term after 'AND'"#]],
        );
        check(
            "a OR AND b",
            expect![[r#"
            a OR AND b
                 ^^^ expected a search term before 'AND'"#]],
        );
    }

    #[test]
    fn negations_need_an_operand() {
        check(
            "a NOT",
            expect![[r#"
            a NOT
              ^^^ expected a word, phrase, field filter or group after 'NOT'"#]],
        );
        check(
            "NOT NOT a",
            expect![[r#"
            NOT NOT a
            ^^^ expected a word, phrase, field filter or group after 'NOT'"#]],
        );
        check(
            "--a",
            expect![[r#"
            --a
            ^ expected a word, phrase, field filter or group after '-'"#]],
        );
        check(
            "a - b",
            expect![[r#"
            a - b
              ^ a '-' must be directly followed by what to exclude, as in -telegram or -"note verbale""#]],
        );
        check(
            "NOT )",
            expect![[r#"
            NOT )
            ^^^ expected a word, phrase, field filter or group after 'NOT'"#]],
        );
    }

    #[test]
    fn unbalanced_parentheses_point_at_the_unmatched_one() {
        check(
            "(a (b c)",
            expect![[r#"
            (a (b c)
            ^ this '(' is never closed: add a ')'"#]],
        );
        check(
            "a) b",
            expect![[r#"
            a) b
             ^ this ')' has no matching '('"#]],
        );
        check(
            ")",
            expect![[r#"
            )
            ^ this ')' has no matching '('"#]],
        );
        check(
            "a ( ) b",
            expect![[r#"
            a ( ) b
              ^^^ these parentheses are empty: put a search inside or remove them"#]],
        );
        check(
            "title:(a",
            expect![[r#"
            title:(a
                  ^ this '(' is never closed: add a ')'"#]],
        );
    }

    #[test]
    fn unclosed_quotes_point_at_the_opening_quote() {
        check(
            r#"Kirk "aide memoire"#,
            expect![[r#"
            Kirk "aide memoire
                 ^ this quote is never closed: add a closing ""#]],
        );
        check(
            r#""""#,
            expect![[r#"
            ""
            ^^ this phrase is empty: put words between the quotes"#]],
        );
        check(
            r#"" ,- ""#,
            expect![[r#"
            " ,- "
            ^^^^^^ this phrase has no letters or digits to search for"#]],
        );
    }

    #[test]
    fn punctuation_alone_is_left_out() {
        check(
            "Kirk & Gromyko — 1950",
            expect![[r#"
            (and Kirk Gromyko 1950)
            ignored 5..6 "&"
            ignored 15..18 "—""#]],
        );
        check(
            "a OR &",
            expect![[r#"
            a OR &
              ^^ expected a search term after 'OR'"#]],
        );
        check(
            "& …",
            expect![[r#"
            & …
            ^ '&' has no letters or digits to search for"#]],
        );
        check(
            "-&",
            expect![[r#"
            -&
             ^ '&' has no letters or digits to search for"#]],
        );
        check(
            "( & )",
            expect![[r#"
            ( & )
            ^^^^^ these parentheses are empty: put a search inside or remove them"#]],
        );
    }

    #[test]
    fn title_values() {
        check("title:treaty", expect!["(title treaty)"]);
        check_spans(
            r#"TITLE:"aide memoire" Title:gromy* title:kirk~2"#,
            expect![[
                r#"(and (title "aide memoire"@6..20) (title gromy*@27..33) (title kirk~2@40..46))"#
            ]],
        );
        check(
            "title:(treaty OR pact -draft)",
            expect!["(title (or treaty (and pact (not draft))))"],
        );
        check("title: treaty", expect!["(title treaty)"]);
        check("title:re:treaty", expect!["(title re:treaty)"]);
        check("-title:draft", expect!["(and (all) (not (title draft)))"]);
        check("title:AND", expect!["(title AND)"]);
    }

    #[test]
    fn title_errors() {
        check(
            "title:",
            expect![[r#"
            title:
                  ^ expected a value after 'title:'"#]],
        );
        check(
            r#"title:"""#,
            expect![[r#"
            title:""
                  ^^ the value after 'title:' is empty"#]],
        );
        check(
            "title:-draft",
            expect![[r#"
            title:-draft
                  ^^^^^^ to exclude, put the '-' before the field: -title:…"#]],
        );
        check(
            "title:(a type:letter)",
            expect![[r#"
            title:(a type:letter)
                     ^^^^^ a field cannot stand inside 'title:( … )'"#]],
        );
        check(
            "title:()",
            expect![[r#"
            title:()
                  ^^ these parentheses are empty: put a search inside or remove them"#]],
        );
        check(
            "title:*",
            expect![[r#"
            title:*
                  ^ a prefix search needs at least 2 letters or digits before the '*'"#]],
        );
    }

    #[test]
    fn types_from_the_vocabulary() {
        check(
            r#"type:aide-mémoire type:"note verbale" type:cable TYPE:Memcon"#,
            expect![
                "(and type:aide-memoire type:note-verbale type:telegram type:memorandum-of-conversation)"
            ],
        );
        check(
            "type:(letter OR telegram)",
            expect!["(or type:letter type:telegram)"],
        );
        check(
            "type:shopping-list",
            expect![[r#"
            type:shopping-list
                 ^^^^^^^^^^^^^ unknown document type 'shopping-list' (known types: aide-memoire, note-verbale, note, memorandum, memorandum-of-conversation, telegram, airgram, letter, despatch, instruction, minutes, transcript, speech, statement, communique, press-release, treaty, agreement, resolution, report, article, editorial-note, interview, chronology)"#]],
        );
        check(
            "type:tele*",
            expect![[r#"
            type:tele*
                     ^ 'type:' takes an exact value; '*' and '~' are for words (and titles) only"#]],
        );
        check(
            "type:-letter",
            expect![[r#"
            type:-letter
                 ^^^^^^^ to exclude, put the '-' before the field: -type:…"#]],
        );
    }

    #[test]
    fn languages() {
        check(
            "lang:en LANG:FR lang:\"de\" lang:ara",
            expect!["(and lang:en lang:fr lang:de lang:ara)"],
        );
        check(
            "lang:english",
            expect![[r#"
            lang:english
                 ^^^^^^^ 'english' is not a primary language tag; 'lang:' takes a two- or three-letter code such as en, fr, de or ru (for english, write lang:en)"#]],
        );
        check(
            "lang:en-GB",
            expect![[r#"
            lang:en-GB
                 ^^^^^ 'en-GB' is not a primary language tag; 'lang:' takes a two- or three-letter code such as en, fr, de or ru (for en-GB, write lang:en)"#]],
        );
        check(
            "lang:e1",
            expect![[r#"
            lang:e1
                 ^^ 'e1' is not a primary language tag; 'lang:' takes a two- or three-letter code such as en, fr, de or ru"#]],
        );
    }

    #[test]
    fn collections_people_places_organizations() {
        check(
            r#"collection:cvce collection:"Korean War, 1950–1953" person:Kirk person:"Alan  G. Kirk" place:Moscow org:"United Nations""#,
            expect![[
                r#"(and collection:cvce collection:korean-war-1950-1953 person:"Kirk" person:"Alan G. Kirk" place:"Moscow" org:"United Nations")"#
            ]],
        );
        check(
            "person:(Kirk OR Gromyko)",
            expect![[r#"(or person:"Kirk" person:"Gromyko")"#]],
        );
        check(
            "person:kirk-alan-goodrich place:place:moscow Organization:org:nato organisation:NATO",
            expect![[
                r#"(and person:"kirk-alan-goodrich" place:"place:moscow" org:"org:nato" org:"NATO")"#
            ]],
        );
        check(
            r#"collection:"—""#,
            expect![[r#"
            collection:"—"
                       ^^^ a collection is named by its identifier, which has letters or digits"#]],
        );
        check(
            "person:Kir*",
            expect![[r#"
            person:Kir*
                      ^ 'person:' takes an exact value; '*' and '~' are for words (and titles) only"#]],
        );
        check(
            "person:&",
            expect![[r#"
            person:&
                   ^ 'person:' needs a name with letters or digits"#]],
        );
        check(
            r#"org:"  ""#,
            expect![[r#"
            org:"  "
                ^^^^ the value after 'org:' is empty"#]],
        );
    }

    #[test]
    fn dates() {
        check("date:1950-06-27", expect!["date:1950-06-27..1950-06-27"]);
        check("date:1950-06", expect!["date:1950-06-01..1950-06-30"]);
        check("date:1950", expect!["date:1950-01-01..1950-12-31"]);
        check(
            "date:195X date:1950?",
            expect!["(and date:1950-01-01..1959-12-31 date:1950-01-01..1950-12-31)"],
        );
        check(
            "date:1950-06..1950-07",
            expect!["date:1950-06-01..1950-07-31"],
        );
        check(
            "date:..1900 date:1950..",
            expect!["(and date:..1900-12-31 date:1950-01-01..)"],
        );
        check("date:-0044-03-15", expect!["date:-0044-03-15..-0044-03-15"]);
        check(r#"date:"1950-06""#, expect!["date:1950-06-01..1950-06-30"]);
        check(
            "year:1950 year:1950..1955",
            expect!["(and date:1950-01-01..1950-12-31 date:1950-01-01..1955-12-31)"],
        );
        check(
            "decade:1950s decade:1950",
            expect!["(and date:1950-01-01..1959-12-31 date:1950-01-01..1959-12-31)"],
        );
        check(
            "date:(1950 OR 1960)",
            expect!["(or date:1950-01-01..1950-12-31 date:1960-01-01..1960-12-31)"],
        );
    }

    #[test]
    fn date_errors() {
        check(
            "date: AND x",
            expect![[r#"
            date: AND x
                  ^^^ expected a value after 'date:'"#]],
        );
        check(
            "date:1950-13",
            expect![[r#"
            date:1950-13
                      ^^ '1950-13' is not a valid date: month must be 01-12 or a sub-year code 21-41 (dates look like 1950-06-27, 1950-06, 1950, 195X or 1950?, ranges like 1950-06..1950-07, ..1900 or 1950..)"#]],
        );
        check(
            "date:1951..1950",
            expect![[r#"
            date:1951..1950
                 ^^^^^^^^^^ this range runs backwards: it starts on 1951-01-01 but ends on 1950-12-31"#]],
        );
        check(
            "date:1950..x",
            expect![[r#"
            date:1950..x
                       ^ 'x' is not a valid date: year must have exactly four digits (or X) (dates look like 1950-06-27, 1950-06, 1950, 195X or 1950?, ranges like 1950-06..1950-07, ..1900 or 1950..)"#]],
        );
        check(
            "date:..",
            expect![[r#"
            date:..
                 ^^ a range needs a start, an end or both, as in 1950..1955, ..1900 or 1950.."#]],
        );
        check(
            r#"date:" 1950 .. 19x ""#,
            expect![[r#"
            date:" 1950 .. 19x "
                             ^ '19x' is not a valid date: year must have exactly four digits (or X) (dates look like 1950-06-27, 1950-06, 1950, 195X or 1950?, ranges like 1950-06..1950-07, ..1900 or 1950..)"#]],
        );
        check(
            "decade:1955",
            expect![[r#"
            decade:1955
                   ^^^^ '1955' is not a decade: a decade ends in 0, as in 1950s"#]],
        );
        check(
            "year:1950s",
            expect![[r#"
            year:1950s
                 ^^^^^ '1950s' is not a year; write a year such as 1950, or a range such as 1950..1955"#]],
        );
        check(
            "date:19*",
            expect![[r#"
            date:19*
                   ^ '*' has no place in a date; for a span of years write 19XX or 1900..1999"#]],
        );
    }

    #[test]
    fn field_names_and_unknown_fields() {
        check("re: treaty", expect!["(and re treaty)"]);
        check(
            "The Korean Question: Documents",
            expect!["(and The Korean Question Documents)"],
        );
        check(
            "language:fr",
            expect![[r#"
                language:fr
                ^^^^^^^^^ unknown field 'language:' (did you mean 'lang:'?); to search for this text, quote it: "language:fr" (the fields are title, type, lang, collection, date, year, decade, person, place, org)"#]],
        );
        check("Gromyko:", expect!["Gromyko"]);
        check("10:30 :x", expect!["(and 10:30 :x)"]);
        check(
            "type:(letter OR title:x)",
            expect![[r#"
            type:(letter OR title:x)
                            ^^^^^^ a field cannot stand inside 'type:( … )'"#]],
        );
        check(
            "type: )",
            expect![[r#"
            type: )
                  ^ expected a value after 'type:'"#]],
        );
        check(
            "title:(re:treaty)",
            expect![[r#"
                title:(re:treaty)
                       ^^^ unknown field 're:'; to search for this text, quote it: "re:treaty" (the fields are title, type, lang, collection, date, year, decade, person, place, org)"#]],
        );
        check(
            "type: -letter",
            expect![[r#"
            type: -letter
                  ^ expected a value after 'type:'"#]],
        );
    }

    #[test]
    fn limits() {
        let long = "a ".repeat(600);
        check(
            &long,
            expect![[r#"
            …a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a …
                                                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ this query is too long: 1200 characters, where at most 1000 are allowed"#]],
        );
        let many = (0..65)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        check(
            &many,
            expect![[r#"
            …w54 w55 w56 w57 w58 w59 w60 w61 w62 w63 w64
                                                     ^^^ this query has too many parts: at most 64 words, phrases and filters are allowed"#]],
        );
        let just_enough = (0..64)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        assert!(parse(&just_enough).is_ok());
        let deep = format!("{}a{}", "(".repeat(17), ")".repeat(17));
        check(
            &deep,
            expect![[r#"
            (((((((((((((((((a)))))))))))))))))
                            ^ parentheses nest too deeply here: at most 16 levels"#]],
        );
        let deep_enough = format!("{}a{}", "(".repeat(16), ")".repeat(16));
        check(&deep_enough, expect!["a"]);
        let deep_title = format!("title:{}a{}", "(".repeat(17), ")".repeat(17));
        check(
            &deep_title,
            expect![[r#"
            title:(((((((((((((((((a)))))))))))))))))
                                  ^ parentheses nest too deeply here: at most 16 levels"#]],
        );
    }
}
