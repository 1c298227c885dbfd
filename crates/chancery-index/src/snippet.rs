//! The best passage of a document for a query, with the query's words and phrases marked.

use std::collections::HashSet;

use tantivy::tokenizer::TextAnalyzer;

use crate::analysis::{self, STEMMED_LANGUAGES, Word};
use crate::query::Node;

/// Words in a snippet's window.
const WINDOW_WORDS: usize = 36;

/// A passage of a document with marked ranges.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snippet {
    /// The passage, with "…" where it was cut.
    pub text: String,
    /// Byte ranges of `text` to mark, in order, not overlapping.
    pub highlights: Vec<(usize, usize)>,
}

impl Snippet {
    /// The passage as HTML: text escaped, marks as `<mark>…</mark>`.
    pub fn to_html(&self) -> String {
        let mut out = String::with_capacity(self.text.len() + 16 * self.highlights.len());
        let mut at = 0;
        for &(start, end) in &self.highlights {
            escape_into(&mut out, &self.text[at..start]);
            out.push_str("<mark>");
            escape_into(&mut out, &self.text[start..end]);
            out.push_str("</mark>");
            at = end;
        }
        escape_into(&mut out, &self.text[at..]);
        out
    }
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
}

/// What to mark: the positive words, prefixes, fuzzy words and phrases of a query.
pub(crate) struct Highlighter {
    exact: TextAnalyzer,
    words: Vec<String>,
    prefixes: Vec<String>,
    fuzzy: Vec<(String, u8)>,
    phrases: Vec<Vec<String>>,
}

impl Highlighter {
    pub(crate) fn new(positive: &[&Node]) -> Self {
        let mut exact = analysis::exact_analyzer();
        let mut h = Self {
            exact: analysis::exact_analyzer(),
            words: Vec::new(),
            prefixes: Vec::new(),
            fuzzy: Vec::new(),
            phrases: Vec::new(),
        };
        for node in positive {
            let terms = |text: &str, exact: &mut TextAnalyzer| -> Vec<String> {
                analysis::words(exact, text)
                    .into_iter()
                    .map(|w| w.term)
                    .collect()
            };
            match node {
                Node::Term { text, .. } => {
                    let t = terms(text, &mut exact);
                    if t.len() == 1 {
                        h.words.extend(t);
                    } else if !t.is_empty() {
                        h.phrases.push(t);
                    }
                }
                Node::Phrase { text, .. } => {
                    let t = terms(text, &mut exact);
                    if !t.is_empty() {
                        h.phrases.push(t);
                    }
                }
                Node::Prefix { text, .. } => h.prefixes.extend(terms(text, &mut exact)),
                Node::Fuzzy { text, distance, .. } => {
                    h.fuzzy
                        .extend(terms(text, &mut exact).into_iter().map(|t| (t, *distance)));
                }
                _ => {}
            }
        }
        h
    }

    /// The best passage of `text` (in language `lang`) of about [`WINDOW_WORDS`] words.
    pub(crate) fn snippet(&mut self, text: &str, lang: Option<&str>) -> Snippet {
        let words = analysis::words(&mut self.exact, text);
        if words.is_empty() {
            return Snippet::default();
        }
        // Which query clause (if any) each word matches; phrases mark every word they span.
        let mut matched: Vec<Option<usize>> = vec![None; words.len()];
        let stems = self.stems(lang, &words);
        for (i, w) in words.iter().enumerate() {
            let clause = self
                .words
                .iter()
                .position(|q| {
                    *q == w.term
                        || stems
                            .as_ref()
                            .is_some_and(|(s, qs)| qs.get(q).is_some_and(|qs| *qs == s[i]))
                })
                .or_else(|| {
                    self.prefixes
                        .iter()
                        .position(|p| w.term.starts_with(p.as_str()))
                        .map(|p| 1000 + p)
                })
                .or_else(|| {
                    self.fuzzy
                        .iter()
                        .position(|(f, d)| within(&w.term, f, usize::from(*d)))
                        .map(|p| 2000 + p)
                });
            matched[i] = clause;
        }
        for (p, phrase) in self.phrases.iter().enumerate() {
            if phrase.len() > words.len() {
                continue;
            }
            for start in 0..=words.len() - phrase.len() {
                if phrase
                    .iter()
                    .zip(&words[start..])
                    .all(|(q, w)| *q == w.term)
                {
                    for slot in &mut matched[start..start + phrase.len()] {
                        *slot = Some(3000 + p);
                    }
                }
            }
        }
        let (start, end) = best_window(&matched);
        render(text, &words, &matched, start, end)
    }

    /// Each word's stem and each query word's stem in the document's language, when it
    /// has a stemmer: stemmed matches are marked too.
    fn stems(
        &self,
        lang: Option<&str>,
        words: &[Word],
    ) -> Option<(Vec<String>, std::collections::HashMap<String, String>)> {
        let code = lang.and_then(analysis::stem_language)?;
        let language = STEMMED_LANGUAGES.iter().find(|(c, _)| *c == code)?.1;
        if self.words.is_empty() {
            return None;
        }
        let mut stemmer = analysis::stem_analyzer(language);
        let mut stem = |t: &str| {
            analysis::words(&mut stemmer, t)
                .into_iter()
                .next()
                .map_or_else(|| t.to_string(), |w| w.term)
        };
        let query = self.words.iter().map(|q| (q.clone(), stem(q))).collect();
        let wanted: HashSet<String> = self
            .words
            .iter()
            .map(|q| q.chars().take(3).collect())
            .collect();
        // Stemming every word is wasted on words sharing no opening with a query word.
        let doc = words
            .iter()
            .map(|w| {
                if wanted.contains(&w.term.chars().take(3).collect::<String>()) {
                    stem(&w.term)
                } else {
                    String::new()
                }
            })
            .collect();
        Some((doc, query))
    }
}

/// Whether `a` and `b` are within `max` edits (Levenshtein with transpositions).
fn within(a: &str, b: &str, max: usize) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return false;
    }
    let mut prev2: Vec<usize> = Vec::new();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut row = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            row[j] = (prev[j] + 1).min(row[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                row[j] = row[j].min(prev2[j - 2] + 1);
            }
        }
        prev2 = std::mem::replace(&mut prev, row);
    }
    prev[b.len()] <= max
}

/// The window of words with the most distinct matched clauses, then the most matches.
fn best_window(matched: &[Option<usize>]) -> (usize, usize) {
    let n = matched.len();
    let size = WINDOW_WORDS.min(n);
    let mut best = (0usize, 0usize, 0usize);
    for start in 0..=n - size {
        let window = &matched[start..start + size];
        let hits = window.iter().filter(|m| m.is_some()).count();
        if hits == 0 {
            continue;
        }
        let distinct = window.iter().flatten().collect::<HashSet<_>>().len();
        if (distinct, hits) > (best.0, best.1) {
            best = (distinct, hits, start);
        }
        // Distinctness cannot beat every clause matched; stop early on long texts.
    }
    let start = best.2;
    // Start a couple of words before the first match so it reads in context.
    let first = matched[start..start + size]
        .iter()
        .position(Option::is_some)
        .unwrap_or(0);
    let shift = first.saturating_sub(4);
    let start = (start + shift).min(n - size);
    (start, start + size)
}

fn render(
    text: &str,
    words: &[Word],
    matched: &[Option<usize>],
    start: usize,
    end: usize,
) -> Snippet {
    let from = if start == 0 { 0 } else { words[start].start };
    let to = if end == words.len() {
        text.len()
    } else {
        words[end - 1].end
    };
    let mut out = String::new();
    let mut highlights = Vec::new();
    if from > 0 {
        out.push_str("… ");
    }
    let base = out.len();
    // Newlines inside a passage read as spaces.
    let passage: String = text[from..to]
        .chars()
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    out.push_str(&passage);
    let mut i = start;
    while i < end {
        if let Some(clause) = matched[i] {
            let mut j = i;
            // A phrase is marked as one range.
            while clause >= 3000 && j + 1 < end && matched[j + 1] == Some(clause) {
                j += 1;
            }
            highlights.push((base + words[i].start - from, base + words[j].end - from));
            i = j + 1;
        } else {
            i += 1;
        }
    }
    if to < text.len() {
        out.push_str(" …");
    }
    Snippet {
        text: out,
        highlights,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query;

    fn snip(q: &str, text: &str, lang: Option<&str>) -> String {
        let parsed = query::parse(q).unwrap();
        let mut h = Highlighter::new(&parsed.positive_terms());
        h.snippet(text, lang).to_html()
    }

    #[test]
    fn marks_words_stems_and_phrases() {
        assert_eq!(
            snip("gromyko", "Kirk met Gromýko.", None),
            "Kirk met <mark>Gromýko</mark>."
        );
        assert_eq!(
            snip("treaty", "The treaties were signed.", Some("en")),
            "The <mark>treaties</mark> were signed."
        );
        assert_eq!(
            snip(
                "\"security council\"",
                "The Security Council met; the council rose.",
                None
            ),
            "The <mark>Security Council</mark> met; the council rose."
        );
        assert_eq!(
            snip("aide-memoire", "an aide-mémoire <b>", None),
            "an <mark>aide-mémoire</mark> &lt;b&gt;"
        );
        assert_eq!(
            snip("negot*", "after negotiations", None),
            "after <mark>negotiations</mark>"
        );
        assert_eq!(
            snip("Gromiko~", "with Gromyko", None),
            "with <mark>Gromyko</mark>"
        );
    }

    #[test]
    fn long_texts_are_cut_around_the_best_passage() {
        let filler = "word ".repeat(200);
        let text = format!("{filler}the aide memoire of Kirk {filler}");
        let html = snip("kirk \"aide memoire\"", &text, None);
        assert!(html.starts_with("… "), "{html}");
        assert!(html.ends_with(" …"), "{html}");
        assert!(
            html.contains("<mark>aide memoire</mark> of <mark>Kirk</mark>"),
            "{html}"
        );
    }

    #[test]
    fn edit_distance_counts_transpositions() {
        assert!(within("gromyko", "gromiko", 1));
        assert!(within("gromyko", "gormyko", 1));
        assert!(!within("gromyko", "kirk", 2));
    }
}
