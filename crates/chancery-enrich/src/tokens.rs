//! Words, numbers and punctuation of a text with their byte offsets: what the person, place,
//! role, date and reference rules walk over.

use crate::names::Class;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters, with inner hyphens and apostrophes ("Kai-shek", "O'Neill", "al-Asad").
    Word,
    /// Digits, with a letter suffix ("38th", "1950s").
    Number,
    /// Any other character except white space.
    Punct(char),
    /// A line break: blocks of the text are never joined by a rule.
    Break,
}

/// A token of a text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) kind: Kind,
    /// The first letter is a capital.
    pub(crate) cap: bool,
    /// Every letter is a capital.
    pub(crate) upper: bool,
    /// White space comes before it.
    pub(crate) spaced: bool,
    /// Where the word's folded form lies in [`Tokens::haystack`] (empty for other tokens).
    key_start: u32,
    key_end: u32,
}

impl Token {
    /// The token's text.
    pub(crate) fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }

    pub(crate) fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }

    pub(crate) fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }
}

/// The tokens of a text, each word (and number) with its folded form ("Chargé" → "charge",
/// "Kai-shek" → "kai shek"), computed once and shared by every rule.
///
/// The folded forms are written one after another into [`Tokens::haystack`], each after a
/// space (a line break becomes " \n "), so that the haystack is the whole text folded for
/// name matching: "Kirk’s note" → " kirk s note". Names in the gazetteer are folded the same
/// way ([`crate::fold::key`]), so both sides always agree.
#[derive(Debug, Clone)]
pub(crate) struct Tokens<'t> {
    pub(crate) text: &'t str,
    pub(crate) list: Vec<Token>,
    /// The folded text: a space, then each word's folded form followed by a separator.
    pub(crate) haystack: String,
    /// Each token's vocabulary classes, looked up when first asked for ([`UNKNOWN`] until
    /// then): the rules ask about few words, mostly capitalized ones, so most words are never
    /// looked up.
    classes: Vec<std::cell::Cell<u32>>,
}

impl<'t> Tokens<'t> {
    /// Splits `text` into tokens and folds its words, in one pass.
    pub(crate) fn new(text: &'t str) -> Self {
        let mut hay: Vec<u8> = Vec::with_capacity(text.len() + 8);
        hay.push(b' ');
        let list = tokenize(text, &mut hay);
        if !matches!(hay.last(), Some(b' ' | b'\n')) {
            hay.push(b' ');
        }
        // The haystack holds only ASCII: folding writes nothing else.
        let haystack = String::from_utf8(hay).unwrap_or_default();
        Self {
            text,
            classes: vec![std::cell::Cell::new(UNKNOWN); list.len()],
            list,
            haystack,
        }
    }

    /// The folded form of token `i` (empty for punctuation, or past the end). Numbers fold
    /// to themselves in lowercase ("38th").
    pub(crate) fn key(&self, i: usize) -> &str {
        match self.list.get(i) {
            Some(t) if t.kind == Kind::Word => self
                .haystack
                .get(t.key_start as usize..t.key_end as usize)
                .unwrap_or(""),
            _ => "",
        }
    }

    /// Where token `i`'s folded form starts and ends in the haystack.
    pub(crate) fn folded_range(&self, i: usize) -> Option<(usize, usize)> {
        self.list
            .get(i)
            .map(|t| (t.key_start as usize, t.key_end as usize))
    }

    /// The token whose folded form ends at haystack byte `end`, if one does.
    pub(crate) fn token_ending_at(&self, end: usize) -> Option<usize> {
        let end = u32::try_from(end).ok()?;
        let i = self.list.partition_point(|t| t.key_end < end);
        let t = self.list.get(i)?;
        (t.key_end == end && t.key_start < t.key_end).then_some(i)
    }

    /// The folded form of the text from byte `start` to byte `end` (whole tokens): "Richard
    /// W. Leopold" → "richard w leopold".
    pub(crate) fn folded_span(&self, start: usize, end: usize) -> &str {
        let first = self.list.partition_point(|t| t.start < start);
        let last = self.list.partition_point(|t| t.end <= end);
        let (Some(a), Some(b)) = (
            self.list.get(first),
            last.checked_sub(1).and_then(|l| self.list.get(l)),
        ) else {
            return "";
        };
        self.haystack
            .get(a.key_start as usize..(b.key_end as usize).max(a.key_start as usize))
            .unwrap_or("")
            .trim()
    }

    /// The vocabulary classes of token `i` (none for numbers and punctuation).
    pub(crate) fn class(&self, i: usize) -> Class {
        let (Some(cell), Some(t)) = (self.classes.get(i), self.list.get(i)) else {
            return Class::default();
        };
        let known = cell.get();
        if known != UNKNOWN {
            return Class::from_bits(known);
        }
        let class = if t.kind == Kind::Word {
            crate::names::class_of(self.key(i))
        } else {
            Class::default()
        };
        cell.set(class.bits());
        class
    }

    /// Token `i`.
    pub(crate) fn get(&self, i: usize) -> Option<&Token> {
        self.list.get(i)
    }
}

/// A token's class not yet looked up (no vocabulary class sets every bit).
const UNKNOWN: u32 = u32::MAX;

/// Appends the folded form of a word: lowercase ASCII letters and digits, other characters
/// (hyphens, apostrophes) as single spaces, letters with diacritics and other scripts
/// transliterated ("Đình" → "dinh").
fn fold_into(word: &str, out: &mut Vec<u8>) {
    let start = out.len();
    if word.bytes().all(|b| b.is_ascii_alphanumeric()) {
        out.extend(word.bytes().map(|b| b.to_ascii_lowercase()));
        return;
    }
    let push = |b: u8, out: &mut Vec<u8>| {
        if b.is_ascii_alphanumeric() {
            out.push(b.to_ascii_lowercase());
        } else if out.len() > start && out.last() != Some(&b' ') {
            out.push(b' ');
        }
    };
    for c in word.chars() {
        if c.is_ascii() {
            push(c as u8, out);
        } else if let Some(ascii) = deunicode::deunicode_char(c) {
            for a in ascii.bytes() {
                push(a, out);
            }
        }
    }
    while out.len() > start && out.last() == Some(&b' ') {
        out.pop();
    }
}

/// Writes a word's or number's folded form into the haystack and records where it lies.
fn fold_token(text: &str, t: &mut Token, joined: bool, hay: &mut Vec<u8>) {
    let start = open_key(joined, hay);
    fold_into(text.get(t.start..t.end).unwrap_or(""), hay);
    close_key(t, start, hay);
}

/// Starts a token's folded form in the haystack (after a separator, unless it is joined to
/// the token before: runs of letters and digits written together stay together, "G7") and
/// returns where it starts.
fn open_key(joined: bool, hay: &mut Vec<u8>) -> usize {
    if !joined && !matches!(hay.last(), Some(b' ' | b'\n')) {
        hay.push(b' ');
    }
    hay.len()
}

/// Records that token `t`'s folded form runs from `start` to the haystack's end.
fn close_key(t: &mut Token, start: usize, hay: &[u8]) {
    t.key_start = u32::try_from(start).unwrap_or(u32::MAX);
    t.key_end = u32::try_from(hay.len()).unwrap_or(u32::MAX);
}

/// Marks a punctuation or break token as folding to nothing, at the haystack's end.
fn fold_nothing(t: &mut Token, hay: &[u8]) {
    let at = u32::try_from(hay.len()).unwrap_or(u32::MAX);
    t.key_start = at;
    t.key_end = at;
}

/// The character at byte `i` (a character boundary) and its length; ASCII without decoding.
fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(i)?;
    if b.is_ascii() {
        return Some((b as char, 1));
    }
    let c = text.get(i..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

fn token(start: usize, end: usize, kind: Kind, spaced: bool) -> Token {
    Token {
        start,
        end,
        kind,
        cap: false,
        upper: false,
        spaced,
        key_start: 0,
        key_end: 0,
    }
}

/// Whether the character at byte `i` is a letter: ASCII by a byte test, others decoded.
fn letter_at(text: &str, i: usize) -> Option<(bool, bool, usize)> {
    let b = *text.as_bytes().get(i)?;
    if b.is_ascii() {
        return b
            .is_ascii_alphabetic()
            .then_some((true, b.is_ascii_lowercase(), 1));
    }
    let c = text.get(i..)?.chars().next()?;
    c.is_alphabetic()
        .then(|| (true, c.is_lowercase(), c.len_utf8()))
}

/// Pushes a token, folding it into the haystack.
fn emit(
    text: &str,
    hay: &mut Vec<u8>,
    mut t: Token,
    tokens: &mut Vec<Token>,
    previous_end: &mut usize,
) {
    match t.kind {
        Kind::Word | Kind::Number => {
            let joined = *previous_end == t.start;
            fold_token(text, &mut t, joined, hay);
            *previous_end = t.end;
        }
        Kind::Break => {
            if hay.last() != Some(&b'\n') {
                if hay.last() != Some(&b' ') {
                    hay.push(b' ');
                }
                hay.extend_from_slice(b"\n ");
            }
            fold_nothing(&mut t, hay);
            *previous_end = usize::MAX;
        }
        Kind::Punct(_) => {
            fold_nothing(&mut t, hay);
            *previous_end = usize::MAX;
        }
    }
    tokens.push(t);
}

/// Splits `text` into tokens, writing the folded form of each word and number into `hay`
/// (see [`Tokens`]).
///
/// Most text is ASCII: bytes are classified directly and only other characters decoded.
fn tokenize(text: &str, hay: &mut Vec<u8>) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 3 + 1);
    let mut spaced = true;
    let mut previous_end = usize::MAX;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let start = i;
        if b.is_ascii() {
            match b {
                b'\n' | b'\r' => {
                    if tokens.last().is_none_or(|t: &Token| t.kind != Kind::Break) {
                        emit(
                            text,
                            hay,
                            token(start, start + 1, Kind::Break, true),
                            &mut tokens,
                            &mut previous_end,
                        );
                    }
                    spaced = true;
                    i += 1;
                    continue;
                }
                b' ' | b'\t' | 0x0b | 0x0c => {
                    spaced = true;
                    i += 1;
                    continue;
                }
                b'0'..=b'9' => {
                    i += 1;
                    while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
                        i += 1;
                    }
                    emit(
                        text,
                        hay,
                        token(start, i, Kind::Number, spaced),
                        &mut tokens,
                        &mut previous_end,
                    );
                    spaced = false;
                    continue;
                }
                _ if b.is_ascii_alphabetic() => {
                    i += 1;
                    let mut upper = b.is_ascii_uppercase();
                    while let Some(&c) = bytes.get(i)
                        && c.is_ascii_alphabetic()
                    {
                        upper &= c.is_ascii_uppercase();
                        i += 1;
                    }
                    // A word of ASCII letters alone (the common case) ends here and folds by
                    // lowercasing; otherwise it may go on past a hyphen, an apostrophe or a
                    // letter with a diacritic, and folds in full.
                    let plain = bytes
                        .get(i)
                        .is_none_or(|&c| c.is_ascii() && !matches!(c, b'-' | b'\''));
                    if !plain {
                        upper = word_end(text, &mut i, upper);
                    }
                    let mut t = token(start, i, Kind::Word, spaced);
                    t.cap = b.is_ascii_uppercase();
                    t.upper = upper;
                    if plain {
                        let key = open_key(previous_end == start, hay);
                        hay.extend(bytes[start..i].iter().map(|c| c | 0x20));
                        close_key(&mut t, key, hay);
                        tokens.push(t);
                        previous_end = i;
                    } else {
                        emit(text, hay, t, &mut tokens, &mut previous_end);
                    }
                    spaced = false;
                    continue;
                }
                _ => {
                    i += 1;
                    emit(
                        text,
                        hay,
                        token(start, i, Kind::Punct(b as char), spaced),
                        &mut tokens,
                        &mut previous_end,
                    );
                    spaced = false;
                    continue;
                }
            }
        }
        let Some((c, len)) = char_at(text, i) else {
            break;
        };
        i += len;
        if c.is_whitespace() {
            spaced = true;
            continue;
        }
        if c.is_alphabetic() {
            let upper = word_end(text, &mut i, !c.is_lowercase());
            let mut t = token(start, i, Kind::Word, spaced);
            t.cap = c.is_uppercase();
            t.upper = upper;
            emit(text, hay, t, &mut tokens, &mut previous_end);
        } else {
            let p = match c {
                '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
                '’' | '‘' => '\'',
                '“' | '”' => '"',
                other => other,
            };
            emit(
                text,
                hay,
                token(start, i, Kind::Punct(p), spaced),
                &mut tokens,
                &mut previous_end,
            );
        }
        spaced = false;
    }
    tokens
}

/// Advances `i` past the rest of a word (letters, with a hyphen or apostrophe between two
/// letters, but not the possessive "'s" at its end); returns whether all its letters are
/// capitals, given whether those before `i` were.
fn word_end(text: &str, i: &mut usize, mut upper: bool) -> bool {
    let bytes = text.as_bytes();
    loop {
        // ASCII letters, the common case.
        while let Some(&b) = bytes.get(*i) {
            if !b.is_ascii_alphabetic() {
                break;
            }
            upper &= !b.is_ascii_lowercase();
            *i += 1;
        }
        if let Some((true, lower, len)) = letter_at(text, *i) {
            upper &= !lower;
            *i += len;
            continue;
        }
        let Some((d, dlen)) = char_at(text, *i) else {
            return upper;
        };
        if matches!(d, '-' | '\'' | '’' | '‐') {
            let next = letter_at(text, *i + dlen);
            let possessive = matches!(d, '\'' | '’')
                && matches!(char_at(text, *i + dlen), Some(('s' | 'S', _)))
                && !letter_at(text, *i + dlen + 1).is_some_and(|(l, ..)| l);
            if next.is_some_and(|(l, ..)| l) && !possessive {
                *i += dlen;
                continue;
            }
        }
        return upper;
    }
}

/// The index of the first token starting at or after byte `at`.
pub(crate) fn index_at(tokens: &[Token], at: usize) -> usize {
    tokens.partition_point(|t| t.start < at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        Tokens::new(text)
            .list
            .iter()
            .map(|t| t.text(text))
            .collect()
    }

    #[test]
    fn words_keep_inner_hyphens_and_apostrophes() {
        assert_eq!(
            words("Chiang Kai-shek’s O'Neill, 38th L.E. Woodward"),
            [
                "Chiang", "Kai-shek", "’", "s", "O'Neill", ",", "38th", "L", ".", "E", ".",
                "Woodward"
            ]
        );
    }

    #[test]
    fn words_carry_their_folded_forms() {
        let t = Tokens::new("Chargé Kai-shek, 38th");
        assert_eq!(
            (t.key(0), t.key(1), t.key(2), t.key(3)),
            ("charge", "kai shek", "", "")
        );
        assert_eq!(t.haystack, " charge kai shek 38th ");
        let t = Tokens::new("Kirk’s note,\n\nthe U.S.S.R. and G7");
        assert_eq!(t.haystack, " kirk s note \n the u s s r and g7 ");
    }

    #[test]
    fn breaks_and_case() {
        let text = "USSR\n\nKirk";
        let t = Tokens::new(text).list;
        assert_eq!(t.len(), 3);
        assert!(t[0].upper && t[0].cap);
        assert_eq!(t[1].kind, Kind::Break);
        assert!(t[2].cap && !t[2].upper);
    }
}
