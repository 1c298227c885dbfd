//! The best passage of a document for a query, with the query's words and phrases marked.

use tantivy::tokenizer::TextAnalyzer;

use crate::analysis;
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
///
/// Marking runs in one pass over the text's words without keeping them: each word is
/// matched against the query's few terms and only its offsets and the clause it matches are
/// kept; the best window is then found with running counts.
pub(crate) struct Highlighter {
    exact: TextAnalyzer,
    words: Vec<String>,
    prefixes: Vec<String>,
    fuzzy: Vec<(String, u8)>,
    /// Each phrase as indexes into `phrase_words`.
    phrases: Vec<Vec<u32>>,
    phrase_words: Vec<String>,
    /// The query words' stems, by language code, computed when a document of that language
    /// is first marked.
    stems: Vec<(&'static str, Vec<String>)>,
}

/// No clause.
const NONE: u32 = u32::MAX;

impl Highlighter {
    pub(crate) fn new(positive: &[&Node]) -> Self {
        let mut exact = analysis::exact_analyzer();
        let mut h = Self {
            exact: analysis::exact_analyzer(),
            words: Vec::new(),
            prefixes: Vec::new(),
            fuzzy: Vec::new(),
            phrases: Vec::new(),
            phrase_words: Vec::new(),
            stems: Vec::new(),
        };
        for node in positive {
            let mut terms = |text: &str| -> Vec<String> {
                analysis::words(&mut exact, text)
                    .into_iter()
                    .map(|w| w.term)
                    .collect()
            };
            match node {
                Node::Term { text, .. } => {
                    let t = terms(text);
                    if t.len() == 1 {
                        h.words.extend(t);
                    } else if !t.is_empty() {
                        h.add_phrase(t);
                    }
                }
                Node::Phrase { text, .. } => {
                    let t = terms(text);
                    if !t.is_empty() {
                        h.add_phrase(t);
                    }
                }
                Node::Prefix { text, .. } => h.prefixes.extend(terms(text)),
                Node::Fuzzy { text, distance, .. } => {
                    h.fuzzy
                        .extend(terms(text).into_iter().map(|t| (t, *distance)));
                }
                _ => {}
            }
        }
        h
    }

    fn add_phrase(&mut self, words: Vec<String>) {
        let ids = words
            .into_iter()
            .map(|w| match self.phrase_words.iter().position(|p| *p == w) {
                Some(i) => i as u32,
                None => {
                    self.phrase_words.push(w);
                    (self.phrase_words.len() - 1) as u32
                }
            })
            .collect();
        self.phrases.push(ids);
    }

    fn clauses(&self) -> usize {
        self.words.len() + self.prefixes.len() + self.fuzzy.len() + self.phrases.len()
    }

    /// The clause a word matches: a query word (also by stem), a prefix or a fuzzy word.
    fn clause_of(
        words: &[String],
        prefixes: &[String],
        fuzzy: &[(String, u8)],
        term: &str,
        stems: Option<(&str, &[String])>,
    ) -> u32 {
        if let Some(i) = words.iter().position(|w| w == term) {
            return i as u32;
        }
        if let Some((code, query_stems)) = stems {
            // Stemming is costly; only words sharing their first letters with a query word
            // can share its stem.
            let opening = |w: &str| w.get(..3).unwrap_or(w).len();
            if words
                .iter()
                .any(|w| term.starts_with(&w[..opening(w)]) || w.starts_with(term))
            {
                let stem = analysis::stem(code, term);
                if let Some(i) = query_stems.iter().position(|s| *s == stem) {
                    return i as u32;
                }
            }
        }
        let base = words.len();
        if let Some(i) = prefixes.iter().position(|p| term.starts_with(p.as_str())) {
            return (base + i) as u32;
        }
        let base = base + prefixes.len();
        if let Some(i) = fuzzy
            .iter()
            .position(|(f, d)| within(term, f, usize::from(*d)))
        {
            return (base + i) as u32;
        }
        NONE
    }

    /// The best passage of `text` (in language `lang`) of about [`WINDOW_WORDS`] words.
    pub(crate) fn snippet(&mut self, text: &str, lang: Option<&str>) -> Snippet {
        let code = lang.and_then(analysis::stem_language);
        if let Some(code) = code
            && !self.words.is_empty()
            && !self.stems.iter().any(|(c, _)| *c == code)
        {
            let stems = self.words.iter().map(|w| analysis::stem(code, w)).collect();
            self.stems.push((code, stems));
        }
        let Self {
            exact,
            words,
            prefixes,
            fuzzy,
            phrases,
            phrase_words,
            stems,
        } = self;
        let stems = code
            .and_then(|c| stems.iter().find(|(s, _)| *s == c))
            .map(|(c, s)| (*c, s.as_slice()));
        let mut offsets: Vec<(usize, usize)> = Vec::new();
        let mut matched: Vec<u32> = Vec::new();
        let mut phrase_ids: Vec<u32> = Vec::new();
        {
            let mut stream = exact.token_stream(text);
            while let Some(token) = stream.next() {
                offsets.push((token.offset_from, token.offset_to));
                let term = token.text.as_str();
                matched.push(Self::clause_of(words, prefixes, fuzzy, term, stems));
                if !phrases.is_empty() {
                    let id = phrase_words
                        .iter()
                        .position(|w| w == term)
                        .map_or(NONE, |i| i as u32);
                    phrase_ids.push(id);
                }
            }
        }
        if offsets.is_empty() {
            return Snippet::default();
        }
        // Phrases mark every word they span, as one clause.
        let phrase_base = (self.clauses() - self.phrases.len()) as u32;
        for (p, phrase) in self.phrases.iter().enumerate() {
            if phrase.len() > phrase_ids.len() {
                continue;
            }
            for start in 0..=phrase_ids.len() - phrase.len() {
                if phrase_ids[start..start + phrase.len()] == phrase[..] {
                    matched[start..start + phrase.len()].fill(phrase_base + p as u32);
                }
            }
        }
        let (start, end) = best_window(&matched, self.clauses());
        render(text, &offsets, &matched, start, end, phrase_base)
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

/// The window of words with the most distinct matched clauses, then the most matches,
/// found with running counts in one pass.
fn best_window(matched: &[u32], clauses: usize) -> (usize, usize) {
    let n = matched.len();
    let size = WINDOW_WORDS.min(n);
    let mut counts = vec![0u32; clauses.max(1)];
    let (mut distinct, mut hits) = (0usize, 0usize);
    let add =
        |clause: u32, delta: i32, counts: &mut Vec<u32>, distinct: &mut usize, hits: &mut usize| {
            if let Some(c) = counts.get_mut(clause as usize) {
                if delta > 0 {
                    *c += 1;
                    *hits += 1;
                    if *c == 1 {
                        *distinct += 1;
                    }
                } else {
                    *c -= 1;
                    *hits -= 1;
                    if *c == 0 {
                        *distinct -= 1;
                    }
                }
            }
        };
    for &m in &matched[..size] {
        add(m, 1, &mut counts, &mut distinct, &mut hits);
    }
    let mut best = (distinct, hits, 0usize);
    for start in 1..=n - size {
        add(
            matched[start - 1],
            -1,
            &mut counts,
            &mut distinct,
            &mut hits,
        );
        add(
            matched[start + size - 1],
            1,
            &mut counts,
            &mut distinct,
            &mut hits,
        );
        if (distinct, hits) > (best.0, best.1) {
            best = (distinct, hits, start);
        }
    }
    let start = best.2;
    // Start a few words before the first match so that it reads in context.
    let first = matched[start..start + size]
        .iter()
        .position(|m| *m != NONE)
        .unwrap_or(0);
    let start = (start + first.saturating_sub(4)).min(n - size);
    (start, start + size)
}

fn render(
    text: &str,
    offsets: &[(usize, usize)],
    matched: &[u32],
    start: usize,
    end: usize,
    phrase_base: u32,
) -> Snippet {
    let from = if start == 0 { 0 } else { offsets[start].0 };
    let to = if end == offsets.len() {
        text.len()
    } else {
        offsets[end - 1].1
    };
    let mut out = String::with_capacity(to - from + 8);
    let mut highlights = Vec::new();
    if from > 0 {
        out.push_str("… ");
    }
    let base = out.len();
    // Newlines inside a passage read as spaces (same length, so offsets hold).
    out.extend(
        text[from..to]
            .chars()
            .map(|c| if c == '\n' { ' ' } else { c }),
    );
    let mut i = start;
    while i < end {
        let clause = matched[i];
        if clause == NONE {
            i += 1;
            continue;
        }
        let mut j = i;
        // A phrase is marked as one range.
        while clause >= phrase_base && j + 1 < end && matched[j + 1] == clause {
            j += 1;
        }
        highlights.push((base + offsets[i].0 - from, base + offsets[j].1 - from));
        i = j + 1;
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
