//! The query tree, turned into tantivy queries.
//!
//! A word matches the exact title (boosted), caption and text fields, and the stemmed
//! field of every language present in the index; a phrase matches the exact fields only
//! (phrases stay exact); filters score nothing, so they never distort relevance.
//!
//! `person:`, `org:` and `place:` match a linked authority identifier (see
//! [`entities::candidate_ids`]) or the value as a phrase among the names the document
//! writes, so that names find unlinked mentions too.

use std::ops::Bound;

use chancery_model::AccessLevel;
use tantivy::Term;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, FuzzyTermQuery, Occur, PhraseQuery, Query,
    RangeQuery, RegexQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;

use crate::analysis::{self, STEMMED_LANGUAGES};
use crate::entities::{self, EntityKind};
use crate::error::IndexError;
use crate::query::{DateRange, Node};
use crate::schema::Fields;

/// How title, caption and text matches weigh against each other.
const TITLE_BOOST: f32 = 3.0;
const CAPTION_BOOST: f32 = 1.5;
const STEM_BOOST: f32 = 0.5;
/// Extra weight for the query's words standing together, in order.
const PHRASE_BOOST: f32 = 2.0;

/// How a date filter compares a document's date interval with the one asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateMode {
    /// The document's interval touches the one asked for ("June 1950" matches 1950-06-25).
    #[default]
    Overlap,
    /// The document's interval lies wholly inside the one asked for.
    Contain,
}

/// Which documents a caller may see: decided by the access gate, applied here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visibility {
    /// Levels visible whatever the date.
    pub levels: Vec<AccessLevel>,
    /// Embargoed documents whose embargo ended on or before this day number are visible.
    pub today: Option<i64>,
}

impl Visibility {
    /// Everything, embargoed or not (the archive's own command line).
    pub fn everything() -> Self {
        Self {
            levels: vec![
                AccessLevel::Public,
                AccessLevel::Registered,
                AccessLevel::Staff,
                AccessLevel::Embargoed,
            ],
            today: None,
        }
    }
}

/// Builds tantivy queries for one search.
pub(crate) struct Compiler<'a> {
    fields: &'a Fields,
    exact: TextAnalyzer,
    /// The stemmed languages present in the index.
    languages: Vec<&'static str>,
    date_mode: DateMode,
}

/// Which fields a text clause searches.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    All,
    Title,
}

impl<'a> Compiler<'a> {
    pub(crate) fn new(fields: &'a Fields, languages: &[String], date_mode: DateMode) -> Self {
        let languages = STEMMED_LANGUAGES
            .iter()
            .map(|(code, _)| *code)
            .filter(|code| languages.iter().any(|l| l == code))
            .collect();
        Self {
            fields,
            exact: analysis::exact_analyzer(),
            languages,
            date_mode,
        }
    }

    pub(crate) fn compile(&mut self, node: &Node) -> Result<Box<dyn Query>, IndexError> {
        let main = self.node(node, Scope::All)?;
        // Words typed in a row rank higher where they stand in that order: the title
        // "Leopold to Kennan" before "Kennan to Leopold" for a query "Leopold to Kennan".
        let run = self.word_run(node);
        if run.len() < 2 {
            return Ok(main);
        }
        let phrase = |field| -> Box<dyn Query> {
            Box::new(PhraseQuery::new(
                run.iter()
                    .map(|t| Term::from_field_text(field, t))
                    .collect(),
            ))
        };
        Ok(Box::new(BooleanQuery::new(vec![
            (Occur::Must, main),
            (
                Occur::Should,
                boosted(phrase(self.fields.title), PHRASE_BOOST * TITLE_BOOST),
            ),
            (
                Occur::Should,
                boosted(phrase(self.fields.text), PHRASE_BOOST),
            ),
        ])))
    }

    /// The analyzed words of the plain words (not phrases, filters or operators) at the top
    /// of the query, in order.
    fn word_run(&mut self, node: &Node) -> Vec<String> {
        let children: &[Node] = match node {
            Node::And(children) => children,
            Node::Term { .. } => std::slice::from_ref(node),
            _ => return Vec::new(),
        };
        let mut run = Vec::new();
        for child in children {
            if let Node::Term { text, .. } = child {
                run.extend(self.analyze(text));
            }
        }
        run
    }

    fn node(&mut self, node: &Node, scope: Scope) -> Result<Box<dyn Query>, IndexError> {
        Ok(match node {
            Node::MatchAll => Box::new(AllQuery),
            Node::Term { text, .. } => self.word(text, scope)?,
            Node::Phrase { text, .. } => self.phrase(text, scope)?,
            Node::Prefix { text, .. } => self.prefix(text, scope)?,
            Node::Fuzzy { text, distance, .. } => self.fuzzy(text, *distance, scope)?,
            Node::Title(inner) => self.node(inner, Scope::Title)?,
            Node::Type(t) => filter(term_query(self.fields.doc_type, t.slug())),
            Node::Lang(lang) => filter(term_query(self.fields.language, lang)),
            Node::Collection(c) => filter(term_query(self.fields.collection, c)),
            Node::Date(range) => filter(self.date(range)),
            Node::Person(value) => filter(self.entity(EntityKind::Person, value)),
            Node::Org(value) => filter(self.entity(EntityKind::Org, value)),
            Node::Place(value) => filter(self.entity(EntityKind::Place, value)),
            Node::And(children) => {
                let mut clauses = Vec::with_capacity(children.len());
                for child in children {
                    match child {
                        Node::Not(inner) => {
                            clauses.push((Occur::MustNot, self.node(inner, scope)?))
                        }
                        other => clauses.push((Occur::Must, self.node(other, scope)?)),
                    }
                }
                if clauses.iter().all(|(occur, _)| *occur == Occur::MustNot) {
                    clauses.push((Occur::Must, Box::new(AllQuery)));
                }
                Box::new(BooleanQuery::new(clauses))
            }
            Node::Or(children) => {
                let mut clauses = Vec::with_capacity(children.len());
                for child in children {
                    clauses.push((Occur::Should, self.node(child, scope)?));
                }
                Box::new(BooleanQuery::new(clauses))
            }
            Node::Not(inner) => Box::new(BooleanQuery::new(vec![
                (Occur::Must, Box::new(AllQuery)),
                (Occur::MustNot, self.node(inner, scope)?),
            ])),
        })
    }

    fn exact_fields(&self, scope: Scope) -> Vec<(Field, f32)> {
        match scope {
            Scope::Title => vec![(self.fields.title, 1.0)],
            Scope::All => vec![
                (self.fields.title, TITLE_BOOST),
                (self.fields.caption, CAPTION_BOOST),
                (self.fields.text, 1.0),
            ],
        }
    }

    fn analyze(&mut self, text: &str) -> Vec<String> {
        analysis::words(&mut self.exact, text)
            .into_iter()
            .map(|w| w.term)
            .collect()
    }

    fn word(&mut self, text: &str, scope: Scope) -> Result<Box<dyn Query>, IndexError> {
        let terms = self.analyze(text);
        match terms.as_slice() {
            [] => Err(no_words(text)),
            // "aide-memoire" is two words in a row: a phrase.
            [_, _, ..] => Ok(self.phrase_of(&terms, scope)),
            [term] => {
                // The word itself, and for each language present its stem: indexed as
                // `en:treati` where the stem differs from a word, and as the plain word where
                // it does not ("treat" is its own stem).
                let mut terms = vec![(term.clone(), 1.0)];
                if scope == Scope::All {
                    for code in &self.languages {
                        let stem = analysis::stem(code, term);
                        if stem != *term {
                            terms.push((analysis::stem_term(code, &stem), STEM_BOOST));
                            if !terms.iter().any(|(t, _)| *t == stem) {
                                terms.push((stem, STEM_BOOST));
                            }
                        }
                    }
                }
                let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                for (field, field_boost) in self.exact_fields(scope) {
                    for (t, boost) in &terms {
                        clauses.push((
                            Occur::Should,
                            boosted(term_query_scored(field, t), field_boost * boost),
                        ));
                    }
                }
                Ok(Box::new(BooleanQuery::new(clauses)))
            }
        }
    }

    fn phrase(&mut self, text: &str, scope: Scope) -> Result<Box<dyn Query>, IndexError> {
        let terms = self.analyze(text);
        if terms.is_empty() {
            return Err(no_words(text));
        }
        Ok(self.phrase_of(&terms, scope))
    }

    fn phrase_of(&self, terms: &[String], scope: Scope) -> Box<dyn Query> {
        let clauses = self
            .exact_fields(scope)
            .into_iter()
            .map(|(field, boost)| {
                let query: Box<dyn Query> = if terms.len() == 1 {
                    term_query_scored(field, &terms[0])
                } else {
                    Box::new(PhraseQuery::new(
                        terms
                            .iter()
                            .map(|t| Term::from_field_text(field, t))
                            .collect(),
                    ))
                };
                (Occur::Should, boosted(query, boost))
            })
            .collect();
        Box::new(BooleanQuery::new(clauses))
    }

    fn single_term(&mut self, text: &str, what: &str) -> Result<String, IndexError> {
        let terms = self.analyze(text);
        match terms.as_slice() {
            [term] => Ok(term.clone()),
            [] => Err(no_words(text)),
            _ => Err(IndexError::Unsupported(format!(
                "'{text}' is several words; {what} applies to one word (search the words, or a phrase)"
            ))),
        }
    }

    fn prefix(&mut self, text: &str, scope: Scope) -> Result<Box<dyn Query>, IndexError> {
        let term = self.single_term(text, "a prefix search (*)")?;
        let pattern = format!("{}.*", regex_escape(&term));
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (field, boost) in self.exact_fields(scope) {
            clauses.push((
                Occur::Should,
                boosted(Box::new(RegexQuery::from_pattern(&pattern, field)?), boost),
            ));
        }
        Ok(Box::new(BooleanQuery::new(clauses)))
    }

    fn fuzzy(
        &mut self,
        text: &str,
        distance: u8,
        scope: Scope,
    ) -> Result<Box<dyn Query>, IndexError> {
        let term = self.single_term(text, "a fuzzy search (~)")?;
        let clauses = self
            .exact_fields(scope)
            .into_iter()
            .map(|(field, boost)| {
                let query =
                    FuzzyTermQuery::new(Term::from_field_text(field, &term), distance, true);
                (Occur::Should, boosted(Box::new(query), boost))
            })
            .collect();
        Ok(Box::new(BooleanQuery::new(clauses)))
    }

    /// Documents linked to an identifier `value` stands for, or naming `value` (a phrase
    /// within one name).
    fn entity(&mut self, kind: EntityKind, value: &str) -> Box<dyn Query> {
        let field = match kind {
            EntityKind::Person => self.fields.person,
            EntityKind::Org => self.fields.org,
            EntityKind::Place => self.fields.place,
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = entities::candidate_ids(kind, value)
            .iter()
            .map(|id| (Occur::Should, term_query(field, id)))
            .collect();
        let words = self.analyze(value);
        let by_name: Option<Box<dyn Query>> = match words.as_slice() {
            [] => None,
            [word] => Some(term_query(self.fields.names, word)),
            _ => Some(Box::new(PhraseQuery::new(
                words
                    .iter()
                    .map(|w| Term::from_field_text(self.fields.names, w))
                    .collect(),
            ))),
        };
        clauses.extend(by_name.map(|q| (Occur::Should, q)));
        Box::new(BooleanQuery::new(clauses))
    }

    fn date(&self, range: &DateRange) -> Box<dyn Query> {
        let (earliest, latest) = (self.fields.earliest, self.fields.latest);
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        match self.date_mode {
            DateMode::Overlap => {
                if let Some(l) = range.latest {
                    clauses.push((Occur::Must, at_most(earliest, l)));
                }
                if let Some(e) = range.earliest {
                    clauses.push((Occur::Must, at_least(latest, e)));
                }
            }
            DateMode::Contain => {
                if let Some(e) = range.earliest {
                    clauses.push((Occur::Must, at_least(earliest, e)));
                }
                if let Some(l) = range.latest {
                    clauses.push((Occur::Must, at_most(latest, l)));
                }
            }
        }
        if clauses.is_empty() {
            // An open range on both sides still asks for a dated document.
            clauses.push((Occur::Must, at_least(earliest, i64::MIN)));
        }
        Box::new(BooleanQuery::new(clauses))
    }

    /// The clause that keeps only what `visibility` allows.
    pub(crate) fn visibility(&self, visibility: &Visibility) -> Option<Box<dyn Query>> {
        let all = [
            AccessLevel::Public,
            AccessLevel::Registered,
            AccessLevel::Staff,
            AccessLevel::Embargoed,
        ];
        if all.iter().all(|l| visibility.levels.contains(l)) {
            return None;
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = visibility
            .levels
            .iter()
            .map(|level| {
                (
                    Occur::Should,
                    term_query(self.fields.access, level.as_str()),
                )
            })
            .collect();
        if let Some(today) = visibility.today
            && !visibility.levels.contains(&AccessLevel::Embargoed)
        {
            let ended = BooleanQuery::new(vec![
                (
                    Occur::Must,
                    term_query(self.fields.access, AccessLevel::Embargoed.as_str()),
                ),
                (Occur::Must, at_most(self.fields.embargo_until, today)),
            ]);
            clauses.push((Occur::Should, Box::new(ended)));
        }
        if clauses.is_empty() {
            // Nothing is visible: a clause no document satisfies.
            return Some(Box::new(BooleanQuery::new(vec![(
                Occur::MustNot,
                Box::new(AllQuery),
            )])));
        }
        Some(filter(Box::new(BooleanQuery::new(clauses))))
    }
}

fn no_words(text: &str) -> IndexError {
    IndexError::Unsupported(format!("'{text}' holds no searchable word"))
}

fn term_query(field: Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}

fn term_query_scored(field: Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::WithFreqs,
    ))
}

fn boosted(query: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    if (boost - 1.0).abs() < f32::EPSILON {
        query
    } else {
        Box::new(BoostQuery::new(query, boost))
    }
}

/// A filter: it selects documents but adds nothing to their score.
fn filter(query: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(query, 0.0))
}

fn at_most(field: Field, value: i64) -> Box<dyn Query> {
    Box::new(RangeQuery::new(
        Bound::Unbounded,
        Bound::Included(Term::from_field_i64(field, value)),
    ))
}

fn at_least(field: Field, value: i64) -> Box<dyn Query> {
    Box::new(RangeQuery::new(
        Bound::Included(Term::from_field_i64(field, value)),
        Bound::Unbounded,
    ))
}

/// Escapes a term for tantivy's regular expressions.
fn regex_escape(term: &str) -> String {
    let mut out = String::with_capacity(term.len());
    for c in term.chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else {
            out.push('\\');
            out.push(c);
        }
    }
    out
}
