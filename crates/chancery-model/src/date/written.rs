//! Dates as people write them, turned into EDTF.
//!
//! [`parse`] reads a text that is one date ("27 June 1950", "June 27, 1950", "27.6.1950",
//! "February–March 1957", "circa 1950", "1950s", "27. Juni 1950", "1er juillet 1950").
//! [`find_all`] finds every date in running text, with byte offsets, and resolves dates
//! written without a year ("June 25") against a year given by the caller.
//!
//! The grammar works on tokens (numbers, words, punctuation), tries the longest date form at
//! each position, and joins two dates around a range word or dash into an EDTF interval.

use deunicode::deunicode;

/// A date found in running text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Byte offset of the first character of the date in the text.
    pub start: usize,
    /// Byte offset just past the date.
    pub end: usize,
    /// The EDTF expression, when the text (with the context year) says enough to make one.
    pub edtf: Option<String>,
    /// Whether the year was taken from the context rather than the text.
    pub year_from_context: bool,
}

/// Reads `text` as a single date and returns its EDTF form.
///
/// EDTF given as such is returned in its own form; wrapping parentheses and a trailing full
/// stop or comma are ignored. Returns `None` when the text is not one date.
pub fn parse(text: &str) -> Option<String> {
    let trimmed = text
        .trim()
        .trim_end_matches(['.', ',', ';'])
        .trim_start_matches('(')
        .trim_end_matches(')')
        .trim();
    if trimmed.is_empty() {
        return None;
    }
    if edtf_core::is_valid(trimmed) {
        return Some(trimmed.to_string());
    }
    let tokens = tokenize(trimmed);
    let (date, next) = Grammar::new(&tokens, Mode::Whole).range_or_single(0)?;
    if next != tokens.len() {
        return None;
    }
    date.to_edtf(None).filter(|e| edtf_core::is_valid(e))
}

/// Finds every date in `text`. Dates without a year take `context_year` when given; without
/// it they are reported with `edtf: None`.
pub fn find_all(text: &str, context_year: Option<i64>) -> Vec<Found> {
    let tokens = tokenize(text);
    let grammar = Grammar::new(&tokens, Mode::Scan);
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match grammar.range_or_single(i) {
            Some((date, next)) if next > i => {
                let edtf = date
                    .to_edtf(context_year)
                    .filter(|e| edtf_core::is_valid(e));
                found.push(Found {
                    start: tokens[date.first_token].start,
                    end: tokens[next - 1].end,
                    edtf,
                    year_from_context: date.lacks_year(),
                });
                i = next;
            }
            _ => i += 1,
        }
    }
    found
}

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    /// A run of digits; `ordinal` when followed by st/nd/rd/th/er/e; `decade` for "1950s".
    Num {
        value: i64,
        digits: usize,
        ordinal: bool,
        decade: bool,
    },
    /// A run of letters, lowercased and folded to ASCII; `capital` when it began uppercase.
    Word { folded: String, capital: bool },
    /// Any other character; all dashes become '-'.
    Punct(char),
}

#[derive(Debug, Clone)]
struct Token {
    kind: Kind,
    start: usize,
    end: usize,
    /// Whether whitespace separates this token from the previous one.
    spaced: bool,
}

fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut spaced = true;
    while let Some(&(start, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            spaced = true;
            continue;
        }
        if c.is_ascii_digit() {
            let mut end = start;
            while let Some(&(i, d)) = chars.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                end = i + d.len_utf8();
                chars.next();
            }
            let digits = &text[start..end];
            let value = digits.parse::<i64>().unwrap_or(i64::MAX);
            let (ordinal, decade, suffix_end) = number_suffix(&text[end..]);
            // Skip the suffix characters.
            let end = end + suffix_end;
            while let Some(&(i, _)) = chars.peek() {
                if i >= end {
                    break;
                }
                chars.next();
            }
            tokens.push(Token {
                kind: Kind::Num {
                    value,
                    digits: digits.len(),
                    ordinal,
                    decade,
                },
                start,
                end,
                spaced,
            });
        } else if c.is_alphabetic() {
            let mut end = start;
            while let Some(&(i, l)) = chars.peek() {
                if !l.is_alphabetic() {
                    break;
                }
                end = i + l.len_utf8();
                chars.next();
            }
            let word = &text[start..end];
            tokens.push(Token {
                kind: Kind::Word {
                    folded: deunicode(word).to_lowercase(),
                    capital: c.is_uppercase(),
                },
                start,
                end,
                spaced,
            });
        } else {
            chars.next();
            let p = match c {
                '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
                other => other,
            };
            tokens.push(Token {
                kind: Kind::Punct(p),
                start,
                end: start + c.len_utf8(),
                spaced,
            });
        }
        spaced = false;
    }
    tokens
}

/// Recognizes an ordinal ("st", "nd", "rd", "th", "er", "e", "º") or decade ("s", "'s")
/// suffix directly after digits; returns (ordinal, decade, byte length of the suffix).
fn number_suffix(rest: &str) -> (bool, bool, usize) {
    let word_len = rest
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(rest.len(), |(i, _)| i);
    let word = rest[..word_len].to_lowercase();
    match word.as_str() {
        "st" | "nd" | "rd" | "th" | "er" | "re" | "e" | "eme" => (true, false, word_len),
        "s" => (false, true, word_len),
        _ if rest.starts_with('º') => (true, false, 'º'.len_utf8()),
        _ if rest.starts_with("'s") || rest.starts_with("’s") => {
            let quote = rest.chars().next().map_or(1, char::len_utf8);
            let after = &rest[quote + 1..];
            if after.chars().next().is_some_and(char::is_alphanumeric) {
                (false, false, 0)
            } else {
                (false, true, quote + 1)
            }
        }
        _ => (false, false, 0),
    }
}

const MONTHS: &[(&str, u8)] = &[
    // English
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("febr", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
    // French
    ("janvier", 1),
    ("janv", 1),
    ("fevrier", 2),
    ("fevr", 2),
    ("fev", 2),
    ("mars", 3),
    ("avril", 4),
    ("avr", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("juil", 7),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("decembre", 12),
    // German
    ("januar", 1),
    ("janner", 1),
    ("februar", 2),
    ("marz", 3),
    ("maerz", 3),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("okt", 10),
    ("dezember", 12),
    ("dez", 12),
    // Spanish
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    // Italian
    ("gennaio", 1),
    ("febbraio", 2),
    ("aprile", 4),
    ("maggio", 5),
    ("giugno", 6),
    ("luglio", 7),
    ("settembre", 9),
    ("ottobre", 10),
    ("dicembre", 12),
    // Dutch
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("mei", 5),
    ("augustus", 8),
];

/// Month words that are also common lowercase words; in running text they count as months
/// only when capitalized.
const AMBIGUOUS_LOWERCASE: &[&str] = &["may", "march", "mar", "august", "jan", "dec"];

const SEASONS: &[(&str, u8)] = &[
    ("spring", 21),
    ("summer", 22),
    ("autumn", 23),
    ("fall", 23),
    ("winter", 24),
    ("printemps", 21),
    ("ete", 22),
    ("automne", 23),
    ("hiver", 24),
    ("fruhling", 21),
    ("fruhjahr", 21),
    ("sommer", 22),
    ("herbst", 23),
];

const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonnabend",
    "sonntag",
];

const APPROXIMATE: &[&str] = &[
    "circa",
    "c",
    "ca",
    "about",
    "around",
    "approximately",
    "approx",
    "vers",
    "environ",
    "um",
    "etwa",
    "gegen",
];

const RANGE_WORDS: &[&str] = &[
    "to", "until", "till", "through", "thru", "au", "bis", "a", "al",
];
const RANGE_OPENERS: &[&str] = &["from", "between", "du", "von", "de", "del"];
const RANGE_JOINERS_AFTER_BETWEEN: &[&str] = &["and", "et", "und", "y"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// The whole text is a date: bare numbers may be years of any size.
    Whole,
    /// Running text: be strict about what counts as a date.
    Scan,
}

/// A date as read, before it becomes EDTF. Missing parts are `None`.
#[derive(Debug, Clone, Default)]
struct Parts {
    year: Option<i64>,
    month: Option<u8>,
    day: Option<u8>,
    season: Option<u8>,
    decade: bool,
    approximate: bool,
    uncertain: bool,
    first_token: usize,
    /// A second date when this is a range.
    end: Option<Box<Parts>>,
}

impl Parts {
    fn lacks_year(&self) -> bool {
        self.year.is_none() || self.end.as_ref().is_some_and(|e| e.year.is_none())
    }

    fn to_edtf(&self, context_year: Option<i64>) -> Option<String> {
        let single = self.single_edtf(context_year)?;
        match &self.end {
            None => Some(single),
            Some(end) => {
                let end = end.single_edtf(context_year)?;
                Some(format!("{single}/{end}"))
            }
        }
    }

    fn single_edtf(&self, context_year: Option<i64>) -> Option<String> {
        let year = self.year.or(context_year)?;
        let mut out = if self.decade {
            let y = format_year(year);
            format!("{}X", &y[..y.len() - 1])
        } else {
            format_year(year)
        };
        if let Some(season) = self.season {
            out.push_str(&format!("-{season}"));
        } else if let Some(month) = self.month {
            out.push_str(&format!("-{month:02}"));
            if let Some(day) = self.day {
                let max = super::days::days_in_month(year, month)?;
                if day == 0 || day > max {
                    return None;
                }
                out.push_str(&format!("-{day:02}"));
            }
        }
        match (self.uncertain, self.approximate) {
            (true, true) => out.push('%'),
            (true, false) => out.push('?'),
            (false, true) => out.push('~'),
            (false, false) => {}
        }
        Some(out)
    }
}

fn format_year(year: i64) -> String {
    if year < 0 {
        format!("-{:04}", -year)
    } else if year > 9999 {
        format!("Y{year}")
    } else {
        format!("{year:04}")
    }
}

struct Grammar<'t> {
    tokens: &'t [Token],
    mode: Mode,
}

impl<'t> Grammar<'t> {
    fn new(tokens: &'t [Token], mode: Mode) -> Self {
        Self { tokens, mode }
    }

    fn word(&self, i: usize) -> Option<&str> {
        match self.tokens.get(i).map(|t| &t.kind) {
            Some(Kind::Word { folded, .. }) => Some(folded),
            _ => None,
        }
    }

    fn is_punct(&self, i: usize, c: char) -> bool {
        matches!(self.tokens.get(i).map(|t| &t.kind), Some(Kind::Punct(p)) if *p == c)
    }

    /// Skips an optional punctuation mark.
    fn opt_punct(&self, i: usize, c: char) -> usize {
        if self.is_punct(i, c) { i + 1 } else { i }
    }

    fn opt_word(&self, i: usize, words: &[&str]) -> usize {
        match self.word(i) {
            Some(w) if words.contains(&w) => i + 1,
            _ => i,
        }
    }

    fn month(&self, i: usize) -> Option<(u8, usize)> {
        let Some(Kind::Word { folded, capital }) = self.tokens.get(i).map(|t| &t.kind) else {
            return None;
        };
        let (_, month) = MONTHS.iter().find(|(name, _)| name == folded)?;
        if self.mode == Mode::Scan && !capital && AMBIGUOUS_LOWERCASE.contains(&folded.as_str()) {
            return None;
        }
        // An abbreviation may carry a full stop.
        let next = if folded.len() <= 5 {
            self.opt_punct(i + 1, '.')
        } else {
            i + 1
        };
        Some((*month, next))
    }

    fn season(&self, i: usize) -> Option<(u8, usize)> {
        let Some(Kind::Word { folded, capital }) = self.tokens.get(i).map(|t| &t.kind) else {
            return None;
        };
        if self.mode == Mode::Scan && !capital {
            return None;
        }
        SEASONS
            .iter()
            .find(|(name, _)| name == folded)
            .map(|(_, s)| (*s, i + 1))
    }

    fn day(&self, i: usize) -> Option<(u8, usize)> {
        match self.tokens.get(i).map(|t| &t.kind) {
            Some(Kind::Num {
                value,
                digits,
                decade: false,
                ..
            }) if (1..=31).contains(value) && *digits <= 2 => Some((*value as u8, i + 1)),
            _ => None,
        }
    }

    /// A year: four digits in running text (1000–2199), any plain number when the whole
    /// text is a date; "BC"/"BCE" and "AD"/"CE" are understood.
    fn year(&self, i: usize) -> Option<(i64, bool, usize)> {
        let mut i = i;
        let ad_prefix = matches!(self.word(i), Some("ad")) && self.is_year_number(i + 1);
        if ad_prefix {
            i += 1;
        }
        let Some(Kind::Num {
            value,
            digits,
            ordinal: false,
            decade,
        }) = self.tokens.get(i).map(|t| &t.kind)
        else {
            return None;
        };
        let (value, digits, decade) = (*value, *digits, *decade);
        let era = self.word(i + 1);
        let bc = matches!(era, Some("bc" | "bce" | "bca"));
        let ad = matches!(era, Some("ad" | "ce"));
        let plausible = match self.mode {
            Mode::Scan => digits == 4 && (1000..=2199).contains(&value) || bc || ad || ad_prefix,
            Mode::Whole => (1..=4).contains(&digits) && (digits >= 3 || bc || ad || ad_prefix),
        };
        if !plausible || (decade && value % 10 != 0) {
            return None;
        }
        let mut next = i + 1;
        let year = if bc {
            next += 1;
            next = self.opt_punct(next, '.');
            1 - value
        } else {
            if ad {
                next += 1;
                next = self.opt_punct(next, '.');
            }
            value
        };
        Some((year, decade, next))
    }

    fn is_year_number(&self, i: usize) -> bool {
        matches!(self.tokens.get(i).map(|t| &t.kind), Some(Kind::Num { digits, ordinal: false, .. }) if *digits <= 4)
    }

    /// Leading words that qualify or decorate a date: weekday names, "circa", "the".
    fn prefix(&self, i: usize) -> (bool, usize) {
        let mut i = i;
        let mut approximate = false;
        loop {
            match self.word(i) {
                Some(w) if WEEKDAYS.contains(&w) => {
                    i = self.opt_punct(i + 1, ',');
                }
                Some(w) if APPROXIMATE.contains(&w) => {
                    // "c" and "ca" count only as "c." / "ca." to avoid stray letters.
                    if (w == "c" || w == "ca") && !self.is_punct(i + 1, '.') {
                        break;
                    }
                    approximate = true;
                    i = self.opt_punct(i + 1, '.');
                }
                Some("the" | "le" | "den" | "am" | "el" | "il") => {
                    i += 1;
                }
                _ => break,
            }
        }
        (approximate, i)
    }

    /// One date, possibly partial (no year), starting exactly at token `i`.
    fn single(&self, i: usize) -> Option<(Parts, usize)> {
        let (approximate, j) = self.prefix(i);
        let (mut parts, next) = self.core(j)?;
        parts.approximate |= approximate;
        parts.first_token = i;
        // A question mark directly after the date marks it uncertain.
        let next = match self.tokens.get(next) {
            Some(t) if t.kind == Kind::Punct('?') && !t.spaced => {
                parts.uncertain = true;
                next + 1
            }
            Some(t) if t.kind == Kind::Punct('~') && !t.spaced => {
                parts.approximate = true;
                next + 1
            }
            _ => next,
        };
        // A prefix that leads to nothing is not a date.
        if j != i && parts.first_token == i && next == j {
            return None;
        }
        Some((parts, next))
    }

    fn core(&self, i: usize) -> Option<(Parts, usize)> {
        let candidates = [
            self.iso(i),
            self.numeric_dmy(i),
            self.day_month_year(i),
            self.month_day_year(i),
            self.season_year(i),
            self.month_year(i),
            self.plain_year(i),
        ];
        candidates
            .into_iter()
            .flatten()
            .max_by_key(|(_, next)| *next)
    }

    /// 1950-06-27 or 1950-06 (month with two digits).
    fn iso(&self, i: usize) -> Option<(Parts, usize)> {
        let (year, decade, j) = self.year(i)?;
        if decade || !self.is_punct(j, '-') || self.tokens.get(j).is_some_and(|t| t.spaced) {
            return None;
        }
        let Some(Kind::Num {
            value: m,
            digits: 2,
            ordinal: false,
            decade: false,
        }) = self.tokens.get(j + 1).map(|t| &t.kind)
        else {
            return None;
        };
        let month = u8::try_from(*m).ok().filter(|m| (1..=12).contains(m))?;
        let mut parts = Parts {
            year: Some(year),
            month: Some(month),
            ..Parts::default()
        };
        let mut next = j + 2;
        if self.is_punct(next, '-')
            && let Some(Kind::Num {
                value: d,
                digits: 2,
                ordinal: false,
                decade: false,
            }) = self.tokens.get(next + 1).map(|t| &t.kind)
        {
            parts.day = u8::try_from(*d).ok();
            next += 2;
        }
        Some((parts, next))
    }

    /// 27.6.1950, 27/06/1950 (day first unless that is impossible), 27. Juni 1950 is
    /// handled by [`Self::day_month_year`].
    fn numeric_dmy(&self, i: usize) -> Option<(Parts, usize)> {
        let (a, j) = self.day(i)?;
        let sep = match self.tokens.get(j).map(|t| &t.kind) {
            Some(Kind::Punct(c @ ('.' | '/'))) => *c,
            _ => return None,
        };
        let (b, k) = self.day(j + 1)?;
        if !self.is_punct(k, sep) {
            return None;
        }
        let Some(Kind::Num {
            value: year,
            digits: 4,
            ordinal: false,
            decade: false,
        }) = self.tokens.get(k + 1).map(|t| &t.kind)
        else {
            return None;
        };
        let (day, month) = if b <= 12 {
            (a, b)
        } else if a <= 12 {
            (b, a)
        } else {
            return None;
        };
        Some((
            Parts {
                year: Some(*year),
                month: Some(month),
                day: Some(day),
                ..Parts::default()
            },
            k + 2,
        ))
    }

    /// 27 June 1950, 27th of June, 1950, 27. Juni 1950, 1er juillet 1950, 27 de junio de 1950,
    /// and without a year: 27 June.
    fn day_month_year(&self, i: usize) -> Option<(Parts, usize)> {
        let (day, j) = self.day(i)?;
        let j = self.opt_punct(j, '.');
        let j = self.opt_word(j, &["of", "de"]);
        let (month, k) = self.month(j)?;
        let mut parts = Parts {
            month: Some(month),
            day: Some(day),
            ..Parts::default()
        };
        let k2 = self.opt_punct(k, ',');
        let k2 = self.opt_word(k2, &["de", "del"]);
        match self.year(k2) {
            Some((year, false, next)) => {
                parts.year = Some(year);
                Some((parts, next))
            }
            _ => Some((parts, k)),
        }
    }

    /// June 27, 1950, June 27th 1950, and without a year: June 27.
    fn month_day_year(&self, i: usize) -> Option<(Parts, usize)> {
        let (month, j) = self.month(i)?;
        let (day, k) = self.day(j)?;
        // "June 1950" must not read as day 19 of June: a day is never followed by digits.
        let mut parts = Parts {
            month: Some(month),
            day: Some(day),
            ..Parts::default()
        };
        let k2 = self.opt_punct(k, ',');
        match self.year(k2) {
            Some((year, false, next)) => {
                parts.year = Some(year);
                Some((parts, next))
            }
            _ => {
                // Without a year, demand a capitalized month so that "may 5" in prose is skipped.
                if self.mode == Mode::Scan && !self.capitalized(i) {
                    return None;
                }
                Some((parts, k))
            }
        }
    }

    fn capitalized(&self, i: usize) -> bool {
        matches!(
            self.tokens.get(i).map(|t| &t.kind),
            Some(Kind::Word { capital: true, .. })
        )
    }

    /// June 1950, June, 1950, June of 1950.
    fn month_year(&self, i: usize) -> Option<(Parts, usize)> {
        let (month, j) = self.month(i)?;
        let j = self.opt_punct(j, ',');
        let j = self.opt_word(j, &["of", "de", "del"]);
        let (year, decade, next) = self.year(j)?;
        if decade {
            return None;
        }
        Some((
            Parts {
                year: Some(year),
                month: Some(month),
                ..Parts::default()
            },
            next,
        ))
    }

    /// Spring 1950.
    fn season_year(&self, i: usize) -> Option<(Parts, usize)> {
        let (season, j) = self.season(i)?;
        let j = self.opt_word(j, &["of"]);
        let (year, false, next) = self.year(j)? else {
            return None;
        };
        Some((
            Parts {
                year: Some(year),
                season: Some(season),
                ..Parts::default()
            },
            next,
        ))
    }

    /// 1950, 1950s, 44 BC.
    fn plain_year(&self, i: usize) -> Option<(Parts, usize)> {
        let (year, decade, next) = self.year(i)?;
        Some((
            Parts {
                year: Some(year),
                decade,
                ..Parts::default()
            },
            next,
        ))
    }

    /// A range ("3–5 June 1950", "June 3–5, 1950", "February–March 1957", "1950–52",
    /// "from 1 May to 3 June 1950", "between 1950 and 1952") or else a single date.
    fn range_or_single(&self, i: usize) -> Option<(Parts, usize)> {
        if let Some(range) = self.range(i) {
            return Some(range);
        }
        let (parts, next) = self.single(i)?;
        Some((parts, next))
    }

    fn range(&self, i: usize) -> Option<(Parts, usize)> {
        if let Some(range) = self.month_day_day_year(i) {
            return Some(range);
        }
        let opener = self.opt_word(i, RANGE_OPENERS);
        let between = matches!(self.word(i), Some("between"));
        let (left, j) = self.loose_start(opener)?;
        // The separator: a dash or slash (not spaced away from a bare day), or a range word.
        let k = match self.tokens.get(j).map(|t| &t.kind) {
            Some(Kind::Punct('-' | '/')) => j + 1,
            Some(Kind::Word { folded, .. })
                if (!between && RANGE_WORDS.contains(&folded.as_str()) && opener != i
                    || RANGE_WORDS.contains(&folded.as_str()) && self.mode == Mode::Whole)
                    || (between && RANGE_JOINERS_AFTER_BETWEEN.contains(&folded.as_str())) =>
            {
                j + 1
            }
            _ => return None,
        };
        // "1950–52": a two-digit year continuing the century of the first.
        if let (Some(y), None, None) = (left.year, left.month, left.day)
            && let Some(Kind::Num {
                value,
                digits: 2,
                ordinal: false,
                decade: false,
            }) = self.tokens.get(k).map(|t| &t.kind)
            && !left.decade
        {
            // Years too large to continue (they overflow) are not a range of this kind.
            if let Some(end_year) = (y - y.rem_euclid(100)).checked_add(*value)
                && end_year > y
            {
                let end = Parts {
                    year: Some(end_year),
                    ..Parts::default()
                };
                let mut range = left;
                range.first_token = i;
                range.end = Some(Box::new(end));
                return Some((range, k + 1));
            }
        }
        let (right, next) = self.single(k)?;
        let mut left = left;
        // Fill what the start left out from the end: "3–5 June 1950", "February–March 1957".
        if left.year.is_none() {
            left.year = right.year;
        }
        if left.day.is_some() && left.month.is_none() {
            left.month = right.month;
        }
        if left.month.is_none() && left.day.is_none() && right.day.is_some() && left.year.is_none()
        {
            return None;
        }
        // Only dates of matching shape make a range; "June 3-5" needs a day on both sides.
        if left.month.is_none() && left.year.is_none() {
            return None;
        }
        let (Some(ly), Some(ry)) = (left.year, right.year) else {
            // Without years, a range resolves only against a context year.
            if left.year.is_none() && right.year.is_none() && left.month.is_some() {
                left.first_token = i;
                left.end = Some(Box::new(right));
                return Some((left, next));
            }
            return None;
        };
        let lkey = (ly, left.month.unwrap_or(1), left.day.unwrap_or(1));
        let rkey = (ry, right.month.unwrap_or(12), right.day.unwrap_or(31));
        if lkey > rkey {
            return None;
        }
        left.first_token = i;
        left.end = Some(Box::new(right));
        Some((left, next))
    }

    /// "June 3–5, 1950": one month, two days, one year.
    fn month_day_day_year(&self, i: usize) -> Option<(Parts, usize)> {
        let (approximate, i2) = self.prefix(i);
        let (month, j) = self.month(i2)?;
        let (day, k) = self.day(j)?;
        if !self.is_punct(k, '-') {
            return None;
        }
        let (end_day, l) = self.day(k + 1)?;
        if end_day <= day {
            return None;
        }
        let l = self.opt_punct(l, ',');
        let (year, false, next) = self.year(l)? else {
            return None;
        };
        let end = Parts {
            year: Some(year),
            month: Some(month),
            day: Some(end_day),
            ..Parts::default()
        };
        let start = Parts {
            year: Some(year),
            month: Some(month),
            day: Some(day),
            approximate,
            first_token: i,
            end: Some(Box::new(end)),
            ..Parts::default()
        };
        Some((start, next))
    }

    /// The start of a range: any single date, or a bare day ("3" in "3–5 June") or a bare
    /// month ("February" in "February–March 1957").
    fn loose_start(&self, i: usize) -> Option<(Parts, usize)> {
        let mut best = self.single(i);
        if let Some((month, j)) = self.month(i) {
            let bare = (
                Parts {
                    month: Some(month),
                    ..Parts::default()
                },
                j,
            );
            if best.as_ref().is_none_or(|(_, n)| *n < j) {
                best = Some(bare);
            }
        }
        if let Some((day, j)) = self.day(i)
            && self.is_punct(j, '-')
        {
            let bare = (
                Parts {
                    day: Some(day),
                    ..Parts::default()
                },
                j,
            );
            if best.as_ref().is_none_or(|(_, n)| *n < j) {
                best = Some(bare);
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_too_large_to_continue_are_no_range() {
        // Found by fuzzing: a year of 59 digits "AD", then "/50", continued the century past
        // the largest number.
        let text = format!("x 19-0:15 {} ad /50", "3".repeat(59));
        for year in [None, Some(22_671)] {
            for found in find_all(&text, year) {
                assert!(text.get(found.start..found.end).is_some());
            }
        }
    }

    #[track_caller]
    fn check(text: &str, expected: Option<&str>) {
        assert_eq!(parse(text).as_deref(), expected, "parsing {text:?}");
    }

    #[test]
    fn edtf_passes_through() {
        check("1950-06-27", Some("1950-06-27"));
        check("1950?", Some("1950?"));
        check("195X", Some("195X"));
        check("1950-06-25/1950-06-27", Some("1950-06-25/1950-06-27"));
    }

    #[test]
    fn english_forms() {
        check("27 June 1950", Some("1950-06-27"));
        check("June 27, 1950", Some("1950-06-27"));
        check("June 27th, 1950", Some("1950-06-27"));
        check("the 27th of June, 1950", Some("1950-06-27"));
        check("Tuesday, June 27, 1950", Some("1950-06-27"));
        check("June 1950", Some("1950-06"));
        check("Sept. 3, 1939", Some("1939-09-03"));
        check("(27 June 1950)", Some("1950-06-27"));
        check("June 1, 1812.", Some("1812-06-01"));
        check("Spring 1950", Some("1950-21"));
    }

    #[test]
    fn numeric_forms() {
        check("27.6.1950", Some("1950-06-27"));
        check("03/07/2015", Some("2015-07-03"));
        check("6/27/1950", Some("1950-06-27"));
    }

    #[test]
    fn other_languages() {
        check("27 juin 1950", Some("1950-06-27"));
        check("1er juillet 1950", Some("1950-07-01"));
        check("le 3 août 1914", Some("1914-08-03"));
        check("27. Juni 1950", Some("1950-06-27"));
        check("3. März 1957", Some("1957-03-03"));
        check("27 de junio de 1950", Some("1950-06-27"));
        check("27 giugno 1950", Some("1950-06-27"));
    }

    #[test]
    fn qualified_and_ranges() {
        check("circa 1950", Some("1950~"));
        check("c. 1950", Some("1950~"));
        check("1950s", Some("195X"));
        check("February-March 1957", Some("1957-02/1957-03"));
        check("1796-1962", Some("1796/1962"));
        check("1945–1952", Some("1945/1952"));
        check("1794–95", Some("1794/1795"));
        check("3–5 June 1950", Some("1950-06-03/1950-06-05"));
        check("June 3–5, 1950", Some("1950-06-03/1950-06-05"));
        check("from 1 May to 3 June 1950", Some("1950-05-01/1950-06-03"));
        check("between 1950 and 1952", Some("1950/1952"));
        check("44 BC", Some("-0043"));
    }

    #[test]
    fn rejects_non_dates() {
        check("", None);
        check("Washington", None);
        check("31 February 1950", None);
        check("1952–1950", None);
        check("June", None);
    }

    #[test]
    fn finds_dates_in_running_text() {
        let text = "meeting on June 25, despite the note of June 27, 1950 and events of 1945; \
                    we may march 5 miles";
        let found = find_all(text, Some(1950));
        let got: Vec<(&str, Option<&str>)> = found
            .iter()
            .map(|f| (&text[f.start..f.end], f.edtf.as_deref()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("June 25", Some("1950-06-25")),
                ("June 27, 1950", Some("1950-06-27")),
                ("1945", Some("1945")),
            ]
        );
        assert!(found[0].year_from_context && !found[1].year_from_context);
    }

    #[test]
    fn partial_dates_without_context_have_no_edtf() {
        let found = find_all("on June 25 the council met", None);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].edtf, None);
    }
}
