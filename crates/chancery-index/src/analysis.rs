//! Text analysis: how text becomes index terms, the same way for documents and queries.
//!
//! Words are runs of letters and digits. Hyphens and other punctuation separate words, so
//! "aide-memoire" and "aide memoire" give the same two terms in a row; an English possessive
//! ("Kirk's") and a French or Italian elision ("l'Europe") drop their clitic; other
//! apostrophes join ("O'Neill" is one word). Terms are lowercased and folded to ASCII
//! (aide-mémoire = aide-memoire, Gromýko = Gromyko).
//!
//! The indexed text fields carry both forms in one pass: each word's exact term and, at the
//! same position, its stem in the document's language written `en:treati` (only where the
//! stem differs from the word). The language travels with the text: [`with_language`]
//! prefixes the field's value with a marker (`\u{1}en\u{1}`) that the tokenizer reads and
//! the stem filter uses; it is never a term. Phrases match the exact terms; single words
//! match either form.

use std::hash::BuildHasher;

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, RemoveLongFilter, Stemmer,
    TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

/// The analyzer of the exact (unstemmed) fields.
pub const EXACT: &str = "chancery_exact";

/// The analyzer of the indexed text fields: exact terms and, where they differ, stems.
pub const TEXT: &str = "chancery_text";

/// Starts and ends the language marker at the head of a text field's value.
const MARK: char = '\u{1}';

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

/// `text` with its language's marker in front, when the language has a stemmer.
pub fn with_language(language: Option<&str>, text: &str) -> String {
    match language.and_then(stem_language) {
        Some(code) => format!("{MARK}{code}{MARK}{text}"),
        None => text.to_string(),
    }
}

/// A stored value without its language marker.
pub fn strip_language(value: &str) -> &str {
    value
        .strip_prefix(MARK)
        .and_then(|rest| rest.split_once(MARK).map(|(_, text)| text))
        .unwrap_or(value)
}

/// The stem of an analyzed `term` in language `code` (one of [`STEMMED_LANGUAGES`]).
pub fn stem(code: &str, term: &str) -> String {
    stem_if_different(code, term).unwrap_or_else(|| term.to_string())
}

/// The stem of `term` in language `code` when it differs from the term itself.
pub fn stem_if_different(code: &str, term: &str) -> Option<String> {
    STEMS.with(|caches| {
        let mut caches = caches.borrow_mut();
        let cache = match caches.iter().position(|c| c.code == code) {
            Some(i) => &mut caches[i],
            None => {
                let (code, language) = STEMMED_LANGUAGES.iter().find(|(c, _)| *c == code)?;
                caches.push(StemCache::new(code, *language));
                caches.last_mut()?
            }
        };
        cache.stem(term)
    })
}

/// The term a stem is indexed under: `en:treati`.
pub fn stem_term(code: &str, stem: &str) -> String {
    format!("{code}:{stem}")
}

/// Stems computed on this thread for one language, in a small direct-mapped cache: words
/// follow Zipf's law, so a few thousand frequent words make most of any text, and a cache
/// this size stays in the processor's own cache (a large map would miss it on every look-up
/// and cost as much as stemming).
struct StemCache {
    code: &'static str,
    slots: Vec<Option<CachedStem>>,
    stemmer: TextAnalyzer,
}

struct CachedStem {
    term: Box<str>,
    /// `None` when the stem is the word itself.
    stem: Option<Box<str>>,
}

/// Slots of a [`StemCache`] (a power of two).
const STEM_CACHE_SLOTS: usize = 65536;

impl StemCache {
    fn new(code: &'static str, language: Language) -> Self {
        let stemmer = TextAnalyzer::builder(RawTokenizer::default())
            .filter(Stemmer::new(language))
            .build();
        let mut slots = Vec::with_capacity(STEM_CACHE_SLOTS);
        slots.resize_with(STEM_CACHE_SLOTS, || None);
        Self {
            code,
            slots,
            stemmer,
        }
    }

    fn stem(&mut self, term: &str) -> Option<String> {
        let slot = (rustc_hash::FxBuildHasher.hash_one(term) as usize) & (STEM_CACHE_SLOTS - 1);
        if let Some(cached) = &self.slots[slot]
            && &*cached.term == term
        {
            return cached.stem.as_deref().map(str::to_string);
        }
        let stem = words(&mut self.stemmer, term)
            .into_iter()
            .next()
            .map(|w| w.term)
            .filter(|s| s != term);
        self.slots[slot] = Some(CachedStem {
            term: term.into(),
            stem: stem.as_deref().map(Into::into),
        });
        stem
    }
}

thread_local! {
    static STEMS: std::cell::RefCell<Vec<StemCache>> = const { std::cell::RefCell::new(Vec::new()) };
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

/// The analyzer of the indexed text fields: exact terms, and stems where they differ.
pub fn text_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer)
        .filter(RemoveLongFilter::limit(MAX_WORD_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(StemRepeat)
        .build()
}

/// Registers every analyzer with `index`.
pub fn register(index: &tantivy::Index) {
    let manager = index.tokenizers();
    manager.register(EXACT, exact_analyzer());
    manager.register(TEXT, text_analyzer());
}

/// Adds, after each word, its stem at the same position when the text's language has a
/// stemmer and the stem differs from the word.
#[derive(Clone, Copy, Default)]
pub struct StemRepeat;

impl TokenFilter for StemRepeat {
    type Tokenizer<T: Tokenizer> = StemRepeatFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> StemRepeatFilter<T> {
        StemRepeatFilter { inner: tokenizer }
    }
}

/// [`StemRepeat`] over a tokenizer.
#[derive(Clone)]
pub struct StemRepeatFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for StemRepeatFilter<T> {
    type TokenStream<'a> = StemRepeatStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        StemRepeatStream {
            tail: self.inner.token_stream(text),
            language: None,
            pending: None,
        }
    }
}

/// The tokens of one text with stems repeated.
pub struct StemRepeatStream<T> {
    tail: T,
    language: Option<&'static str>,
    /// The stem term to emit next, at the position of the word just emitted.
    pending: Option<String>,
}

impl<T: TokenStream> TokenStream for StemRepeatStream<T> {
    fn advance(&mut self) -> bool {
        if let Some(stem) = self.pending.take() {
            self.tail.token_mut().text = stem;
            return true;
        }
        loop {
            if !self.tail.advance() {
                return false;
            }
            let text = &self.tail.token().text;
            if let Some(code) = text.strip_prefix(MARK) {
                self.language = stem_language(code);
                continue;
            }
            if let Some(code) = self.language
                && let Some(stem) = stem_if_different(code, text)
            {
                self.pending = Some(stem_term(code, &stem));
            }
            return true;
        }
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
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
        // A language marker at the head of the text is passed on as one token, which the
        // stem filter consumes; it takes no position.
        if self.cursor == 0
            && let Some(rest) = self.text.strip_prefix(MARK)
            && let Some((code, _)) = rest.split_once(MARK)
        {
            self.cursor = 2 * MARK.len_utf8() + code.len();
            self.token.offset_from = 0;
            self.token.offset_to = self.cursor;
            self.token.text.clear();
            self.token.text.push(MARK);
            self.token.text.push_str(code);
            return true;
        }
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
    fn indexed_text_repeats_stems_at_the_same_position() {
        let mut analyzer = text_analyzer();
        let text = with_language(Some("en-GB"), "The treaties, signed");
        let mut got = Vec::new();
        {
            let mut stream = analyzer.token_stream(&text);
            while let Some(t) = stream.next() {
                got.push((t.text.clone(), t.position));
            }
        }
        assert_eq!(
            got,
            [
                ("the".to_string(), 0),
                ("treaties".into(), 1),
                ("en:treati".into(), 1),
                ("signed".into(), 2),
                ("en:sign".into(), 2)
            ]
        );
        assert_eq!(strip_language(&text), "The treaties, signed");
        assert_eq!(strip_language("plain"), "plain");
        // Without a language, only the exact terms.
        let got: Vec<String> = words(&mut analyzer, "The treaties")
            .into_iter()
            .map(|w| w.term)
            .collect();
        assert_eq!(got, ["the", "treaties"]);
        assert_eq!(stem("en", "treaties"), "treati");
        assert_eq!(stem("fr", "traites"), "trait");
    }

    #[test]
    fn cyrillic_words_survive() {
        assert_eq!(
            terms("Министр иностранных дел"),
            ["министр", "иностранных", "дел"]
        );
    }
}
