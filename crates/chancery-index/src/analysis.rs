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

use frostem::Algorithm;
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, TextAnalyzer, Token, TokenFilter,
    TokenStream, Tokenizer,
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
pub const STEMMED_LANGUAGES: &[(&str, Algorithm)] = &[
    ("ar", Algorithm::Arabic),
    ("da", Algorithm::Danish),
    ("de", Algorithm::German),
    ("el", Algorithm::Greek),
    ("en", Algorithm::English),
    ("es", Algorithm::Spanish),
    ("fi", Algorithm::Finnish),
    ("fr", Algorithm::French),
    ("hu", Algorithm::Hungarian),
    ("it", Algorithm::Italian),
    ("nl", Algorithm::Dutch),
    ("no", Algorithm::Norwegian),
    ("pt", Algorithm::Portuguese),
    ("ro", Algorithm::Romanian),
    ("ru", Algorithm::Russian),
    ("sv", Algorithm::Swedish),
    ("ta", Algorithm::Tamil),
    ("tr", Algorithm::Turkish),
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
    with_stem(stem_cache_index(code)?, term, |stem| {
        stem.map(str::to_string)
    })
}

/// The term a stem is indexed under: `en:treati`.
pub fn stem_term(code: &str, stem: &str) -> String {
    format!("{code}:{stem}")
}

/// The place of language `code`'s stem cache among this thread's caches, creating it.
fn stem_cache_index(code: &str) -> Option<usize> {
    STEMS.with(|caches| {
        let mut caches = caches.borrow_mut();
        if let Some(i) = caches.iter().position(|c| c.code == code) {
            return Some(i);
        }
        let (code, language) = STEMMED_LANGUAGES.iter().find(|(c, _)| *c == code)?;
        caches.push(StemCache::new(code, *language));
        Some(caches.len() - 1)
    })
}

/// Calls `f` with the stem of `term` when it differs from the term, using this thread's
/// cache number `cache` (from [`stem_cache_index`]).
fn with_stem<R>(cache: usize, term: &str, f: impl FnOnce(Option<&str>) -> R) -> R {
    STEMS.with(|caches| match caches.borrow_mut().get_mut(cache) {
        Some(cache) => f(cache.stem(term)),
        None => f(None),
    })
}

/// Stems computed on this thread for one language, in a small cache: words follow Zipf's
/// law, so a few thousand frequent words make most of any text. Each slot holds its word and
/// stem inline in one cache line, so a hit costs one memory access (a large map, or slots
/// pointing to strings elsewhere, would miss the processor's cache on every look-up and cost
/// as much as stemming). A word may sit in either slot of its set; a hit in the second moves
/// it to the first, and a new word takes the second, so the rare words of a text churn
/// through the second slots without pushing the frequent ones out.
struct StemCache {
    code: &'static str,
    slots: Vec<StemSlot>,
    stemmer: frostem::Stemmer,
    /// The stem of the last word too long for a slot.
    long: String,
}

/// One word and its stem: the word's bytes, then the stem's (none when the stem is the
/// word itself). An empty word marks an empty slot.
#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct StemSlot {
    word_len: u8,
    /// [`SAME`] when the stem is the word itself.
    stem_len: u8,
    bytes: [u8; SLOT_BYTES],
}

/// Bytes a slot holds for a word and its stem together.
const SLOT_BYTES: usize = 62;

/// Marks a slot whose word is its own stem.
const SAME: u8 = u8::MAX;

/// Sets of two slots in a [`StemCache`] (a power of two): 2 MiB a language a thread.
const STEM_CACHE_SETS: usize = 16384;

impl StemCache {
    fn new(code: &'static str, algorithm: Algorithm) -> Self {
        let empty = StemSlot {
            word_len: 0,
            stem_len: SAME,
            bytes: [0; SLOT_BYTES],
        };
        Self {
            code,
            slots: vec![empty; 2 * STEM_CACHE_SETS],
            stemmer: frostem::Stemmer::new(algorithm),
            long: String::new(),
        }
    }

    /// The stem of `term` when it differs from it.
    fn stem(&mut self, term: &str) -> Option<&str> {
        let set = 2 * ((rustc_hash::FxBuildHasher.hash_one(term) as usize) & (STEM_CACHE_SETS - 1));
        if self.slots[set].holds(term) {
            return self.slots[set].stem();
        }
        if self.slots[set + 1].holds(term) {
            self.slots.swap(set, set + 1);
            return self.slots[set].stem();
        }
        let stem = self.stemmer.stem(term);
        let stem = (*stem != *term).then(|| stem.into_owned());
        match StemSlot::of(term, stem.as_deref()) {
            Some(slot) => {
                self.slots[set + 1] = slot;
                self.slots[set + 1].stem()
            }
            None => {
                self.long = stem?;
                Some(&self.long)
            }
        }
    }
}

impl StemSlot {
    /// The slot for `word` and its `stem`, when they fit.
    fn of(word: &str, stem: Option<&str>) -> Option<Self> {
        let stem_bytes = stem.map_or(0, str::len);
        if word.is_empty() || word.len() + stem_bytes > SLOT_BYTES {
            return None;
        }
        let mut slot = StemSlot {
            word_len: word.len() as u8,
            stem_len: SAME,
            bytes: [0; SLOT_BYTES],
        };
        slot.bytes[..word.len()].copy_from_slice(word.as_bytes());
        if let Some(stem) = stem {
            slot.stem_len = stem.len() as u8;
            slot.bytes[word.len()..word.len() + stem.len()].copy_from_slice(stem.as_bytes());
        }
        Some(slot)
    }

    fn holds(&self, word: &str) -> bool {
        let len = usize::from(self.word_len);
        len == word.len() && self.bytes[..len] == *word.as_bytes()
    }

    /// The stem the slot holds, when it differs from the word.
    fn stem(&self) -> Option<&str> {
        if self.stem_len == SAME {
            return None;
        }
        let from = usize::from(self.word_len);
        // The bytes were copied from a `str`, whole.
        std::str::from_utf8(&self.bytes[from..from + usize::from(self.stem_len)]).ok()
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
            pending: String::new(),
            has_pending: false,
        }
    }
}

/// The tokens of one text with stems repeated.
pub struct StemRepeatStream<T> {
    tail: T,
    /// The code and this thread's stem cache of the text's language.
    language: Option<(&'static str, usize)>,
    /// The stem term to emit next, at the position of the word just emitted.
    pending: String,
    has_pending: bool,
}

impl<T: TokenStream> TokenStream for StemRepeatStream<T> {
    fn advance(&mut self) -> bool {
        if self.has_pending {
            self.has_pending = false;
            let text = &mut self.tail.token_mut().text;
            text.clear();
            text.push_str(&self.pending);
            return true;
        }
        loop {
            if !self.tail.advance() {
                return false;
            }
            let text = &self.tail.token().text;
            if let Some(code) = text.strip_prefix(MARK) {
                self.language = stem_language(code)
                    .and_then(|code| stem_cache_index(code).map(|cache| (code, cache)));
                continue;
            }
            if let Some((code, cache)) = self.language {
                let pending = &mut self.pending;
                self.has_pending = with_stem(cache, text, |stem| {
                    let Some(stem) = stem else {
                        return false;
                    };
                    pending.clear();
                    pending.push_str(code);
                    pending.push(':');
                    pending.push_str(stem);
                    true
                });
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
    /// Finds the next word at or after the cursor and writes it, without joining
    /// apostrophes, into the token's text; returns where it starts and ends.
    fn next_word(&mut self) -> Option<(usize, usize)> {
        let text = self.text;
        let word = &mut self.token.text;
        // A loop, not recursion: a hostile text of a million elisions ("l'l'l'…") must not
        // exhaust the stack.
        'word: loop {
            let start = self.cursor + next_alphanumeric(&text[self.cursor..])?;
            word.clear();
            // The word is copied a run of letters and digits at a time: a joining
            // apostrophe ends a run.
            let mut run = start;
            let mut end = start;
            let mut chars = text[start..].char_indices().peekable();
            while let Some((i, c)) = chars.next() {
                let at = start + i;
                if c.is_alphanumeric() {
                    end = at + c.len_utf8();
                } else if is_apostrophe(c) && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric())
                {
                    word.push_str(&text[run..end]);
                    let after = at + c.len_utf8();
                    run = after;
                    // "l'Europe": the elided article is dropped and the word starts after it.
                    if ELISIONS.iter().any(|e| e.eq_ignore_ascii_case(word)) {
                        self.cursor = after;
                        continue 'word;
                    }
                    // "Kirk's": the possessive is dropped.
                    let mut tail = text[after..].chars();
                    if matches!(tail.next(), Some('s' | 'S'))
                        && !tail.next().is_some_and(char::is_alphanumeric)
                    {
                        self.cursor = after + 1;
                        return Some((start, end));
                    }
                    // "O'Neill": the apostrophe joins.
                } else {
                    break;
                }
            }
            word.push_str(&text[run..end]);
            self.cursor = end;
            return Some((start, end));
        }
    }
}

/// The byte offset of the first letter or digit in `text`.
fn next_alphanumeric(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            if b.is_ascii_alphanumeric() {
                return Some(i);
            }
            i += 1;
        } else {
            let c = text[i..].chars().next()?;
            if c.is_alphanumeric() {
                return Some(i);
            }
            i += c.len_utf8();
        }
    }
    None
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
            Some((start, end)) => {
                self.token.position = self.token.position.wrapping_add(1);
                self.token.offset_from = start;
                self.token.offset_to = end;
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
        assert_eq!(stem("en", "treaties"), "treati");
        assert_eq!(stem("en", "negotiations"), "negoti");
        assert_eq!(stem("de", "vertrage"), "vertrag");
        assert_eq!(stem_language("en-GB"), Some("en"));
        assert_eq!(stem_language("nb"), Some("no"));
        assert_eq!(stem_language("la"), None);
    }

    #[test]
    fn stems_of_words_too_long_for_a_cache_slot() {
        let long = format!("{}ies", "abcdefghij".repeat(4));
        let expected = format!("{}i", "abcdefghij".repeat(4));
        for _ in 0..2 {
            assert_eq!(stem("en", &long), expected);
            assert_eq!(stem("en", "treaties"), "treati");
            assert_eq!(stem_if_different("en", "treat"), None);
        }
        assert_eq!(stem_if_different("xx", "treaties"), None);
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
