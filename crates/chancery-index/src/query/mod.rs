//! The search query language: what people type in the search box and after
//! `chancery search`, parsed into a [`Query`] tree that the index turns into its own queries.
//!
//! ```
//! use chancery_index::query::{self, Node};
//! use chancery_model::DocType;
//!
//! let q = query::parse(r#"Gromyko "aide memoire" -type:telegram date:1950-06..1950-07"#).unwrap();
//! assert_eq!(
//!     q.to_string(),
//!     r#"(and Gromyko "aide memoire" (not type:telegram) date:1950-06-01..1950-07-31)"#
//! );
//! let Node::And(clauses) = &q.root else { unreachable!() };
//! assert_eq!(clauses[2], Node::Not(Box::new(Node::Type(DocType::Telegram))));
//!
//! let err = query::parse("date: AND x").unwrap_err();
//! assert_eq!(err.to_string(), "column 7: expected a value after 'date:'");
//! assert_eq!(
//!     err.render("date: AND x"),
//!     "date: AND x\n      ^^^ expected a value after 'date:'"
//! );
//! ```
//!
//! The language is described for users in [`HELP`]. Decisions a user does not see there:
//!
//! - Text is kept as written (`Term { text: "Gromyko" }`); case folding, accents and
//!   stemming belong to the index's analyzers, which must treat query and documents alike.
//! - Errors are never turned into a search that silently finds nothing: anything malformed
//!   is a [`QueryError`] with the byte range at fault. The one thing dropped quietly is a bare
//!   word with no letters or digits (`&`, `—`), which no index word could match; such words
//!   are listed in [`Query::ignored`].
//! - Every `Not` in the tree stands in an `And` beside something positive; a purely negative
//!   query or group gets a [`Node::MatchAll`] to subtract from (see [`Query::root`]).
//! - Hostile input is bounded: at most [`MAX_CHARS`] characters (checked before any other
//!   work), [`MAX_CLAUSES`] words, phrases and filters, and [`MAX_DEPTH`] levels of
//!   parentheses. Parsing is linear in the length of the query.
//!
//! Architecture invariant: this module knows nothing of tantivy; the tree is the whole
//! contract between the query language and the index.

mod ast;
mod dates;
mod error;
mod fields;
mod lexer;
mod parser;

pub use ast::{DateRange, Node, Query, Span};
pub use error::QueryError;
pub use parser::{MAX_CHARS, MAX_CLAUSES, MAX_DEPTH};

/// Parses a search query.
///
/// An empty or whitespace-only query is [`Node::MatchAll`]. Any malformed part is an error
/// pointing at it; see [`QueryError`].
pub fn parse(input: &str) -> Result<Query, QueryError> {
    parser::parse(input).map_err(|error| QueryError::new(input, error))
}

/// How to write a search, for users: the text of `chancery search --help` and of the
/// README's search section.
pub const HELP: &str = "\
Searching

  aide memoire Gromyko      documents with all of these words
  \"aide memoire\"            this exact phrase
  Korea -telegram           leave out documents with a word (also: NOT telegram)
  Kirk OR Gromyko           either word (OR in capitals; 'or' is a word)
  Korea AND ceasefire       AND may be written; all words are required anyway
  (Kirk OR Acheson) Korea   parentheses group; NOT binds tightest, then AND, OR
  negotiat*                 words beginning with 'negotiat' (at least 2 letters)
  Gromiko~  Gromiko~2       words within 1 (or 2) letters of 'Gromiko'

  A '-' must touch what it leaves out: -telegram, -\"note verbale\",
  -type:letter, -(a OR b). A query of only exclusions finds everything else;
  an empty query finds everything.

Fields

  title:treaty  title:\"aide memoire\"  title:(treaty -draft)
                            words in the title (prefix* and fuzzy~ work too)
  type:aide-memoire  type:\"note verbale\"  type:cable
                            the document type, by name or synonym
  lang:fr                   the language, as a 2- or 3-letter code (en, fr, ru)
  collection:cvce           a collection, by its identifier
  date:1950-06-27  date:1950-06  date:1950  date:195X  date:1950?
                            dates, in EDTF: a date matches the whole day,
                            month or year it names
  date:1950-06..1950-07  date:..1900  date:1950..
                            from the start of one date to the end of another;
                            either end may be left open
  year:1950  year:1950..1955  decade:1950s
                            whole years and decades
  person:Kirk  place:Moscow  org:\"United Nations\"
                            people, places and organizations a document
                            names, or its senders and recipients; a name
                            matches as a phrase, linked or not
  person:kirk-alan-goodrich  place:moscow  org:nato
                            the same by authority identifier (an identifier's
                            own place: or org: may be left out); org: may
                            also be written organization:

  Field names may be written in any case. Values with spaces go in quotes.
  Several values of one field go in parentheses: type:(letter OR telegram).
  A word followed by a colon is taken as a field name; to search for such
  text, quote it: \"re: treaty\".

Limits

  A query may have up to 1000 characters and 64 words, phrases and filters,
  with parentheses nested up to 16 deep.
";

#[cfg(test)]
mod tests {

    use proptest::prelude::*;

    use super::*;

    /// Every `Not` must sit in an `And` that also has a positive child.
    fn check_shape(node: &Node, parent_and_has_positive: bool) {
        match node {
            Node::Not(inner) => {
                assert!(parent_and_has_positive, "bare Not: {node}");
                check_shape(inner, false);
            }
            Node::And(children) => {
                assert!(children.len() >= 2, "short And: {node}");
                let positive = children.iter().any(|c| !matches!(c, Node::Not(_)));
                for child in children {
                    assert!(!matches!(child, Node::And(_)), "nested And: {node}");
                    check_shape(child, positive);
                }
            }
            Node::Or(children) => {
                assert!(children.len() >= 2, "short Or: {node}");
                for child in children {
                    assert!(!matches!(child, Node::Or(_)), "nested Or: {node}");
                    check_shape(child, false);
                }
            }
            Node::Title(inner) => check_shape(inner, false),
            _ => {}
        }
    }

    fn check_spans(node: &Node, input: &str) {
        match node {
            Node::Term { span, .. }
            | Node::Prefix { span, .. }
            | Node::Fuzzy { span, .. }
            | Node::Phrase { span, .. } => {
                assert!(span.start < span.end && span.end <= input.len(), "{span}");
                assert!(input.is_char_boundary(span.start) && input.is_char_boundary(span.end));
            }
            Node::Title(inner) | Node::Not(inner) => check_spans(inner, input),
            Node::And(children) | Node::Or(children) => {
                children.iter().for_each(|c| check_spans(c, input));
            }
            _ => {}
        }
    }

    /// Parses `input` and checks what must hold for any input whatsoever.
    fn check_any(input: &str) {
        match parse(input) {
            Ok(query) => {
                check_shape(&query.root, false);
                check_spans(&query.root, input);
                let _ = query.positive_terms();
                let _ = query.to_string();
            }
            Err(err) => {
                assert!(err.start <= err.end && err.end <= input.len(), "{err:?}");
                assert!(input.is_char_boundary(err.start) && input.is_char_boundary(err.end));
                assert_eq!(err.column, input[..err.start].chars().count() + 1);
                assert!(!err.message.is_empty());
                let rendered = err.render(input);
                assert_eq!(rendered.lines().count(), 2, "{rendered}");
            }
        }
    }

    /// Pieces of query syntax, so that generated queries reach deep into the grammar.
    fn syntax_piece() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("aide".to_string()),
            Just("Gromyko".to_string()),
            Just("é\u{301}".to_string()),
            Just("北京".to_string()),
            Just(" ".to_string()),
            Just("(".to_string()),
            Just(")".to_string()),
            Just("\"".to_string()),
            Just("“".to_string()),
            Just("”".to_string()),
            Just("-".to_string()),
            Just("*".to_string()),
            Just("~".to_string()),
            Just("~2".to_string()),
            Just(":".to_string()),
            Just("..".to_string()),
            Just("/".to_string()),
            Just("&".to_string()),
            Just("OR".to_string()),
            Just("AND".to_string()),
            Just("NOT".to_string()),
            Just("title:".to_string()),
            Just("type:".to_string()),
            Just("lang:".to_string()),
            Just("collection:".to_string()),
            Just("date:".to_string()),
            Just("year:".to_string()),
            Just("decade:".to_string()),
            Just("person:".to_string()),
            Just("re:".to_string()),
            Just("1950".to_string()),
            Just("-06".to_string()),
            Just("195X".to_string()),
            Just("?".to_string()),
            Just("Y".to_string()),
            Just("E".to_string()),
            Just("[".to_string()),
            Just("]".to_string()),
            Just("{".to_string()),
            Just(",".to_string()),
            Just("0".to_string()),
            Just("9999999999".to_string()),
            Just("\u{0}".to_string()),
            Just("\n".to_string()),
            "\\PC{1,3}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn arbitrary_strings_never_panic(input in any::<String>()) {
            check_any(&input);
        }

        #[test]
        fn arbitrary_syntax_never_panics(pieces in prop::collection::vec(syntax_piece(), 0..40)) {
            check_any(&pieces.concat());
        }
    }

    #[test]
    fn a_huge_query_is_refused_at_the_limit_and_renders_briefly() {
        let input = "(a OR \"b ".repeat(100_000 / 9);
        let err = parse(&input).unwrap_err();
        assert_eq!(err.column, MAX_CHARS + 1);
        assert!(
            err.message.starts_with("this query is too long"),
            "{}",
            err.message
        );
        assert!(err.render(&input).len() < 1000);
    }

    #[test]
    fn limits_at_their_edges() {
        let at_limit = "a".repeat(MAX_CHARS);
        assert!(parse(&at_limit).is_ok());
        let wide = "é".repeat(MAX_CHARS);
        assert!(
            parse(&wide).is_ok(),
            "the limit counts characters, not bytes"
        );
        assert!(parse(&format!("{at_limit} ")).is_err());
        // Nesting past the limit inside a query of allowed length is refused, not recursed.
        let deep = format!("{}a{}", "(".repeat(400), ")".repeat(400));
        assert!(
            parse(&deep)
                .unwrap_err()
                .message
                .contains("nest too deeply")
        );
        let negations = "NOT ".repeat(200) + "a";
        assert!(parse(&negations).is_err());
    }

    #[test]
    fn the_help_fits_a_terminal() {
        for line in HELP.lines() {
            assert!(line.chars().count() <= 80, "too wide: {line}");
        }
    }

    #[test]
    fn the_help_examples_parse() {
        let examples = [
            "aide memoire Gromyko",
            "\"aide memoire\"",
            "Korea -telegram",
            "NOT telegram",
            "Kirk OR Gromyko",
            "Korea AND ceasefire",
            "(Kirk OR Acheson) Korea",
            "negotiat*",
            "Gromiko~",
            "Gromiko~2",
            "-\"note verbale\"",
            "-type:letter",
            "-(a OR b)",
            "title:treaty",
            "title:\"aide memoire\"",
            "title:(treaty -draft)",
            "type:aide-memoire",
            "type:\"note verbale\"",
            "type:cable",
            "lang:fr",
            "collection:cvce",
            "date:1950-06-27",
            "date:1950-06",
            "date:1950",
            "date:195X",
            "date:1950?",
            "date:1950-06..1950-07",
            "date:..1900",
            "date:1950..",
            "year:1950",
            "year:1950..1955",
            "decade:1950s",
            "person:Kirk",
            "place:Moscow",
            "org:\"United Nations\"",
            "person:kirk-alan-goodrich",
            "place:moscow",
            "org:nato",
            "type:(letter OR telegram)",
            "\"re: treaty\"",
        ];
        for example in examples {
            assert!(HELP.contains(example), "not in the help: {example}");
            assert!(parse(example).is_ok(), "{example}: {:?}", parse(example));
        }
    }
}
