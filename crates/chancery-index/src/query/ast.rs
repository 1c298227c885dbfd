//! The parsed form of a query: a tree of [`Node`]s that the index turns into its own queries.

use std::fmt;

use chancery_model::DocType;
use chancery_model::date::days;

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// The tree to search for.
    ///
    /// Every [`Node::Not`] in it is a direct child of a [`Node::And`] that also has a
    /// positive child ([`Node::MatchAll`] is added when the user wrote none, as in
    /// `-telegram`), so a backend that maps `And` to must / must-not clauses never builds a
    /// purely negative boolean query, which would match nothing.
    pub root: Node,
    /// Bare words with no letters or digits (such as `&` or `—`), left out of the tree
    /// because no indexed word can match them. A user interface may mention them.
    pub ignored: Vec<Span>,
}

impl Query {
    /// Whether the query matches every document (it was empty or only whitespace).
    pub fn is_match_all(&self) -> bool {
        self.root == Node::MatchAll
    }

    /// The words, prefixes, fuzzy words and phrases that a matching document may contain,
    /// in query order: every text leaf that is not excluded (under an even number of
    /// `Not`s), including those restricted to the title. These are what to highlight.
    pub fn positive_terms(&self) -> Vec<&Node> {
        let mut out = Vec::new();
        collect_positive(&self.root, false, &mut out);
        out
    }
}

fn collect_positive<'a>(node: &'a Node, negated: bool, out: &mut Vec<&'a Node>) {
    match node {
        Node::Term { .. } | Node::Prefix { .. } | Node::Fuzzy { .. } | Node::Phrase { .. } => {
            if !negated {
                out.push(node);
            }
        }
        Node::Title(inner) => collect_positive(inner, negated, out),
        Node::Not(inner) => collect_positive(inner, !negated, out),
        Node::And(children) | Node::Or(children) => {
            for child in children {
                collect_positive(child, negated, out);
            }
        }
        Node::MatchAll
        | Node::Type(_)
        | Node::Lang(_)
        | Node::Collection(_)
        | Node::Date(_)
        | Node::Person(_)
        | Node::Place(_)
        | Node::Org(_) => {}
    }
}

/// A part of a query.
///
/// Text leaves keep the user's spelling: analysis (case, accents, stemming) is the index's
/// business. `And` and `Or` always have at least two children and never a child of their
/// own kind (nested groups are flattened).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// Every document: the empty query, or the positive side of a purely negative one.
    MatchAll,
    /// A word, as written (`Gromyko`, `aide-memoire`).
    Term {
        /// The word.
        text: String,
        /// Where it was written.
        span: Span,
    },
    /// Words starting with `text` (written `text*`; at least 2 letters or digits).
    Prefix {
        /// The beginning, without the star.
        text: String,
        /// Where it was written, star included.
        span: Span,
    },
    /// Words within `distance` edits of `text` (written `text~` or `text~2`).
    Fuzzy {
        /// The word, without the tilde.
        text: String,
        /// The edit distance: 1 or 2.
        distance: u8,
        /// Where it was written, tilde and digit included.
        span: Span,
    },
    /// An exact phrase.
    Phrase {
        /// The text between the quotes, as written.
        text: String,
        /// Where it was written, quotes included.
        span: Span,
    },
    /// The subtree must match in the title. It holds only text leaves, `And`, `Or`, `Not`,
    /// and `MatchAll` as the positive side of a purely negative group (`title:(-draft)`).
    Title(Box<Node>),
    /// Documents of this type.
    Type(DocType),
    /// Documents in this language: a lowercase BCP 47 primary language subtag (`en`, `fr`).
    Lang(String),
    /// Documents in this collection: the collection's slug (`korean-war-1950-1953`).
    Collection(String),
    /// Documents dated within these days.
    Date(DateRange),
    /// Documents naming, sent by or sent to this person: an authority identifier
    /// (`kirk-alan-goodrich`) or a name (`Andrei Gromyko`), as written.
    Person(String),
    /// Documents naming, or sent from or to, this place: an identifier (`place:moscow`, or
    /// without its prefix, `moscow`) or a name, as written.
    Place(String),
    /// Documents naming, sent by or sent to this organization: an identifier (`org:nato`,
    /// or `nato`) or a name, as written.
    Org(String),
    /// Every child must match.
    And(Vec<Node>),
    /// At least one child must match.
    Or(Vec<Node>),
    /// The child must not match.
    Not(Box<Node>),
}

/// A byte range of the query text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
}

impl Span {
    /// The span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    /// The empty span at `offset`, for something missing there.
    pub fn at(offset: usize) -> Self {
        Self {
            start: offset,
            end: offset,
        }
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// An inclusive interval of [day numbers](chancery_model::date::days); `None` is open.
///
/// The parser never produces a range open at both ends, nor one whose start is after its
/// end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateRange {
    /// The first day, or `None` for no lower limit.
    pub earliest: Option<i64>,
    /// The last day, or `None` for no upper limit.
    pub latest: Option<i64>,
}

impl fmt::Display for DateRange {
    /// `1950-06-01..1950-07-31`, `..1900-12-31`, `1950-01-01..`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(day) = self.earliest {
            f.write_str(&days::format(day))?;
        }
        f.write_str("..")?;
        if let Some(day) = self.latest {
            f.write_str(&days::format(day))?;
        }
        Ok(())
    }
}

impl fmt::Display for Query {
    /// The tree as a compact S-expression (see [`Node`]'s `Display`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.root.fmt(f)
    }
}

impl fmt::Display for Node {
    /// A compact, unambiguous rendering for logs, `--explain` output and tests, e.g.
    /// `(and aide memoire (not "note verbale") (title treaty) type:telegram
    /// date:1950-06-01..1950-06-30)`. It is not query syntax.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_node(f, self, false)
    }
}

/// Writes `node` as an S-expression; with `spans`, text leaves carry `@start..end`.
pub(crate) fn write_node(f: &mut impl fmt::Write, node: &Node, spans: bool) -> fmt::Result {
    let span_of = |span: &Span| {
        if spans {
            format!("@{span}")
        } else {
            String::new()
        }
    };
    match node {
        Node::MatchAll => f.write_str("(all)"),
        Node::Term { text, span } => write!(f, "{text}{}", span_of(span)),
        Node::Prefix { text, span } => write!(f, "{text}*{}", span_of(span)),
        Node::Fuzzy {
            text,
            distance,
            span,
        } => write!(f, "{text}~{distance}{}", span_of(span)),
        Node::Phrase { text, span } => write!(f, "\"{text}\"{}", span_of(span)),
        Node::Title(inner) => {
            f.write_str("(title ")?;
            write_node(f, inner, spans)?;
            f.write_str(")")
        }
        Node::Type(doc_type) => write!(f, "type:{}", doc_type.slug()),
        Node::Lang(lang) => write!(f, "lang:{lang}"),
        Node::Collection(slug) => write!(f, "collection:{slug}"),
        Node::Date(range) => write!(f, "date:{range}"),
        Node::Person(name) => write!(f, "person:\"{name}\""),
        Node::Place(name) => write!(f, "place:\"{name}\""),
        Node::Org(name) => write!(f, "org:\"{name}\""),
        Node::And(children) => write_list(f, "and", children, spans),
        Node::Or(children) => write_list(f, "or", children, spans),
        Node::Not(inner) => {
            f.write_str("(not ")?;
            write_node(f, inner, spans)?;
            f.write_str(")")
        }
    }
}

fn write_list(f: &mut impl fmt::Write, name: &str, children: &[Node], spans: bool) -> fmt::Result {
    write!(f, "({name}")?;
    for child in children {
        f.write_char(' ')?;
        write_node(f, child, spans)?;
    }
    f.write_char(')')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(text: &str) -> Node {
        Node::Term {
            text: text.into(),
            span: Span::default(),
        }
    }

    #[test]
    fn positive_terms_skip_excluded_ones_and_include_titles() {
        let query = Query {
            root: Node::And(vec![
                term("a"),
                Node::Not(Box::new(term("b"))),
                Node::Title(Box::new(Node::Or(vec![
                    term("c"),
                    Node::Not(Box::new(term("d"))),
                ]))),
                Node::Not(Box::new(Node::And(vec![
                    Node::MatchAll,
                    Node::Not(Box::new(term("e"))),
                ]))),
                Node::Type(DocType::Letter),
            ]),
            ignored: vec![],
        };
        let texts: Vec<String> = query
            .positive_terms()
            .iter()
            .map(|n| n.to_string())
            .collect();
        assert_eq!(texts, ["a", "c", "e"]);
        assert!(!query.is_match_all());
    }

    #[test]
    fn date_ranges_display_open_ends() {
        let range = DateRange {
            earliest: None,
            latest: Some(days::from_civil(1900, 12, 31)),
        };
        assert_eq!(range.to_string(), "..1900-12-31");
        let range = DateRange {
            earliest: Some(days::from_civil(-44, 3, 15)),
            latest: None,
        };
        assert_eq!(range.to_string(), "-0044-03-15..");
    }
}
