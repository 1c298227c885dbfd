//! Text analysis: how text becomes index terms, the same way for documents and queries.
//!
//! Words are runs of letters and digits. Hyphens and other punctuation separate words, so
//! "aide-memoire" and "aide memoire" give the same two terms in a row; an English possessive
//! ("Kirk's") and a French or Italian elision ("l'Europe") drop their clitic; other
//! apostrophes join ("O'Neill" is one word). Terms are lowercased and folded to ASCII
//! (aide-mémoire = aide-memoire, Gromýko = Gromyko). The stemmed analyzers add the
//! language's stemmer on top.

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, Stemmer, TextAnalyzer, Token,
    TokenStream, Tokenizer,
};

/// The analyzer of the exact (unstemmed) text fields.
pub const EXACT: &str = "chancery_exact";

/// Words longer than this many bytes are not indexed (they are noise: base64, URLs).
const MAX_WORD_BYTES: usize = 60;

/// The languages with a stemmer, by BCP 47 primary subtag.
pub const STEMMED_LANGUAGES: &[(&str, Language)] = &[
    ("ar", Language::Arabic),
    ("da", Language::Danish),
    ("de", Language::German),
    ("el", Language::Greek),
    ("en", Language::English),
    ("es", Language::Spanish),
    ("fi", Language::Finnish),
    ("fr", Language::French),
    ("hu", Language::Hungarian),
    ("it", Language::Italian),
    ("nl", Language::Dutch),
    ("no", Language::Norwegian),
    ("pt", Language::Portuguese),
    ("ro", Language::Romanian),
    ("ru", Language::Russian),
    ("sv", Language::Swedish),
    ("ta", Language::Tamil),
    ("tr", Language::Turkish),
];

/// The stemmer language for a BCP 47 tag (`en`, `en-GB`, `fr-CA`…), when there is one.
pub fn stem_language(tag: &str) -> Option<&'static str> {
    let primary = tag
        .split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let primary = match primary.as_str() {
        "nb" | "nn" => "no",
        other => other,
    };
    STEMMED_LANGUAGES
        .iter()
        .find(|(code, _)| *code == primary)
        .map(|(code, _)| *code)
}

/// The name of the stemmed analyzer (and field) for a language code from [`STEMMED_LANGUAGES`].
pub fn stem_analyzer_name(code: &str) -> String {
    format!("chancery_stem_{code}")
}

/// The exact analyzer: words, lowercase, ASCII folding.
pub fn exact_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer)
        .filter(RemoveLongFilter::limit(MAX_WORD_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// The exact analyzer followed by `language`'s stemmer.
pub fn stem_analyzer(language: Language) -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer)
        .filter(RemoveLongFilter::limit(MAX_WORD_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(language))
        .build()
}

/// Registers every analyzer with `index`.
pub fn register(index: &tantivy::Index) {
    let manager = index.tokenizers();
    manager.register(EXACT, exact_analyzer());
    for (code, language) in STEMMED_LANGUAGES {
        manager.register(&stem_analyzer_name(code), stem_analyzer(*language));
    }
}

/// A word of analyzed text with its place in the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The analyzed term.
    pub term: String,
    /// Byte offset where the word starts in the text.
    pub start: usize,
    /// Byte offset where it ends.
    pub end: usize,
}

/// Runs `analyzer` over `text`.
pub fn words(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(token) = stream.next() {
        out.push(Word {
            term: token.text.clone(),
            start: token.offset_from,
            end: token.offset_to,
        });
    }
    out
}

/// Splits text into words (see the module documentation).
#[derive(Clone, Default)]
pub struct WordTokenizer;

/// The words of one text.
pub struct WordStream<'a> {
    text: &'a str,
    /// Byte offset where scanning resumes.
    cursor: usize,
    token: Token,
}

/// Articles and pronouns that French and Italian elide before a vowel ("l'", "qu'", "dell'").
const ELISIONS: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "dell",
    "dall", "nell", "sull", "all", "un", "quell",
];

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        WordStream {
            text,
            cursor: 0,
            token: Token {
                position: usize::MAX,
                ..Token::default()
            },
        }
    }
}

impl WordStream<'_> {
    /// Finds the next word at or after the cursor: (start, end, text without joining
    /// apostrophes).
    fn next_word(&mut self) -> Option<(usize, usize, String)> {
        // A loop, not recursion: a hostile text of a million elisions ("l'l'l'…") must not
        // exhaust the stack.
        'word: loop {
            let rest = &self.text[self.cursor..];
            let start = self.cursor + rest.char_indices().find(|(_, c)| c.is_alphanumeric())?.0;
            let mut word = String::new();
            let mut end = start;
            let mut chars = self.text[start..].char_indices().peekable();
            while let Some((i, c)) = chars.next() {
                if c.is_alphanumeric() {
                    word.push(c);
                    end = start + i + c.len_utf8();
                } else if is_apostrophe(c) && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric())
                {
                    let after = start + i + c.len_utf8();
                    // "l'Europe": the elided article is dropped and the word starts after it.
                    if ELISIONS.contains(&word.to_lowercase().as_str()) {
                        self.cursor = after;
                        continue 'word;
                    }
                    // "Kirk's": the possessive is dropped.
                    let mut tail = self.text[after..].chars();
                    if matches!(tail.next(), Some('s' | 'S'))
                        && !tail.next().is_some_and(char::is_alphanumeric)
                    {
                        self.cursor = after + 1;
                        return Some((start, end, word));
                    }
                    // "O'Neill": the apostrophe joins.
                } else {
                    break;
                }
            }
            self.cursor = end;
            return Some((start, end, word));
        }
    }
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        match self.next_word() {
            Some((start, end, word)) => {
                self.token.position = self.token.position.wrapping_add(1);
                self.token.offset_from = start;
                self.token.offset_to = end;
                self.token.text.clear();
                self.token.text.push_str(&word);
                true
            }
            None => false,
        }
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        words(&mut exact_analyzer(), text)
            .into_iter()
            .map(|w| w.term)
            .collect()
    }

    #[test]
    fn folds_case_and_diacritics_and_splits_hyphens() {
        assert_eq!(terms("Aide-Mémoire"), ["aide", "memoire"]);
        assert_eq!(terms("aide memoire"), ["aide", "memoire"]);
        assert_eq!(terms("Gromýko"), ["gromyko"]);
        assert_eq!(
            terms("U.S. “aide-memoire” of June 27, 1950"),
            ["u", "s", "aide", "memoire", "of", "june", "27", "1950"]
        );
    }

    #[test]
    fn possessives_elisions_and_joining_apostrophes() {
        assert_eq!(terms("Kirk's note"), ["kirk", "note"]);
        assert_eq!(terms("Kirk’s"), ["kirk"]);
        assert_eq!(terms("l'Europe d’abord"), ["europe", "abord"]);
        assert_eq!(terms("O'Neill's"), ["oneill"]);
        assert_eq!(terms("rock 'n' roll"), ["rock", "n", "roll"]);
    }

    #[test]
    fn offsets_point_into_the_original() {
        let text = "the Kirk's aide-mémoire";
        let w = words(&mut exact_analyzer(), text);
        let spans: Vec<&str> = w.iter().map(|w| &text[w.start..w.end]).collect();
        assert_eq!(spans, ["the", "Kirk", "aide", "mémoire"]);
    }

    #[test]
    fn stemming_follows_the_language() {
        let mut en = stem_analyzer(Language::English);
        let got: Vec<String> = words(&mut en, "treaties negotiations")
            .into_iter()
            .map(|w| w.term)
            .collect();
        assert_eq!(got, ["treati", "negoti"]);
        assert_eq!(stem_language("en-GB"), Some("en"));
        assert_eq!(stem_language("nb"), Some("no"));
        assert_eq!(stem_language("la"), None);
    }

    #[test]
    fn a_million_elisions_do_not_exhaust_the_stack() {
        let text = "l'".repeat(1_000_000) + "x";
        assert_eq!(terms(&text), ["x"]);
    }

    #[test]
    fn cyrillic_words_survive() {
        assert_eq!(
            terms("Министр иностранных дел"),
            ["министр", "иностранных", "дел"]
        );
    }
}
