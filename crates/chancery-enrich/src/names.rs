//! The vocabulary of personal names: titles, particles, suffixes, regnal names, family names
//! written first, and the capitalized words that are never part of a personal name.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::offices::Office;
use crate::tokens::{Kind, Tokens};

/// Folds one word for the vocabularies: lowercase ASCII, hyphens and apostrophes as spaces.
pub(crate) fn fold_word<'b>(word: &str, buf: &'b mut String) -> &'b str {
    buf.clear();
    for c in word.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                buf.push(c.to_ascii_lowercase());
            } else if !buf.ends_with(' ') && !buf.is_empty() {
                buf.push(' ');
            }
        } else if let Some(ascii) = deunicode::deunicode_char(c) {
            for a in ascii.chars() {
                if a.is_ascii_alphanumeric() {
                    buf.push(a.to_ascii_lowercase());
                } else if !buf.ends_with(' ') && !buf.is_empty() {
                    buf.push(' ');
                }
            }
        }
    }
    while buf.ends_with(' ') {
        buf.pop();
    }
    buf.as_str()
}

/// A title found before a name.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Title {
    /// The token after the title (and its full stop).
    pub(crate) next: usize,
    /// The office the title names, if any ("Ambassador" → ambassador; "Mr." → none).
    pub(crate) office: Option<Office>,
    /// Whether the title belongs to the name ("Lord Shelburne", "Comte de Vergennes").
    pub(crate) keep: bool,
}

/// Titles, folded; the office each names is read by [`Office::from_title`].
const TITLES: &[&str] = &[
    "president",
    "presidents",
    "vice president",
    "president elect",
    "secretary",
    "secretaries",
    "secretary of state",
    "secretary of state for foreign affairs",
    "secretary of defense",
    "secretary of war",
    "secretary of the treasury",
    "secretary of the navy",
    "secretary general",
    "secretary of the interior",
    "secretary of commerce",
    "secretary of agriculture",
    "under secretary",
    "under secretary of state",
    "undersecretary",
    "assistant secretary",
    "assistant secretary of state",
    "deputy secretary",
    "deputy secretary of state",
    "ambassador",
    "ambassadors",
    "minister",
    "ministers",
    "prime minister",
    "foreign minister",
    "defense minister",
    "defence minister",
    "foreign secretary",
    "premier",
    "chancellor",
    "general",
    "generals",
    "gen",
    "lieutenant general",
    "major general",
    "brigadier general",
    "admiral",
    "adm",
    "vice admiral",
    "rear admiral",
    "commodore",
    "colonel",
    "col",
    "lieutenant colonel",
    "major",
    "maj",
    "captain",
    "capt",
    "lieutenant",
    "lt",
    "sergeant",
    "marshal",
    "field marshal",
    "generalissimo",
    "senator",
    "senators",
    "sen",
    "representative",
    "rep",
    "congressman",
    "congresswoman",
    "governor",
    "gov",
    "governor general",
    "mayor",
    "judge",
    "justice",
    "chief justice",
    "mr",
    "mrs",
    "ms",
    "miss",
    "messrs",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "king",
    "queen",
    "emperor",
    "empress",
    "tsar",
    "czar",
    "tsarina",
    "kaiser",
    "shah",
    "sultan",
    "emir",
    "sheikh",
    "sheik",
    "prince",
    "princess",
    "archduke",
    "duke",
    "duchess",
    "count",
    "countess",
    "comte",
    "marquis",
    "marquess",
    "baron",
    "baroness",
    "earl",
    "viscount",
    "pope",
    "cardinal",
    "archbishop",
    "bishop",
    "reverend",
    "rev",
    "chairman",
    "charge",
    "charge d affaires",
    "consul",
    "consul general",
    "envoy",
    "commissioner",
    "high commissioner",
    "general secretary",
    "first secretary",
    "foreign commissar",
    "commissar",
    "dey",
    "bey",
    "pasha",
    "hajji",
    "haji",
    "ayatollah",
    "imam",
    "dear",
    "comrade",
    "madame",
    "monsieur",
    "herr",
    "frau",
    "senor",
    "mme",
];

/// Titles that are part of the name they precede ("Lord Shelburne", "Comte de Vergennes",
/// "Dey Omar").
const NOBILITY: &[&str] = &[
    "lord", "lady", "comte", "count", "countess", "marquis", "marquess", "duke", "duchess", "earl",
    "baron", "baroness", "viscount", "archduke", "dey", "bey", "pasha", "hajji", "haji",
];

/// A title phrase: its words, the office it names and whether it belongs to the name.
struct TitlePhrase {
    words: Vec<&'static str>,
    office: Option<Office>,
    keep: bool,
}

struct TitleTable {
    by_first: FxHashMap<&'static str, Vec<TitlePhrase>>,
}

fn title_table() -> &'static TitleTable {
    static TABLE: OnceLock<TitleTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut by_first: FxHashMap<&'static str, Vec<TitlePhrase>> = FxHashMap::default();
        for phrase in TITLES {
            let words: Vec<&'static str> = phrase.split(' ').collect();
            if let Some(first) = words.first() {
                by_first.entry(first).or_default().push(TitlePhrase {
                    office: Office::from_title(phrase),
                    keep: NOBILITY.contains(phrase),
                    words,
                });
            }
        }
        // Longest phrases first, so that the first that fits is the longest.
        for list in by_first.values_mut() {
            list.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
        }
        TitleTable { by_first }
    })
}

/// The title starting at token `i` (which must be capitalized), if any.
pub(crate) fn title_at(toks: &Tokens<'_>, i: usize) -> Option<Title> {
    let first = toks.get(i)?;
    if !first.is_word() || !first.cap {
        return None;
    }
    let phrases = title_table().by_first.get(toks.key(i))?;
    'phrases: for phrase in phrases {
        let mut k = i;
        for (n, w) in phrase.words.iter().enumerate() {
            let Some(t) = toks.get(k) else {
                continue 'phrases;
            };
            if !t.is_word() || toks.key(k) != *w {
                continue 'phrases;
            }
            // Words after the first are capitalized too, except small words ("of").
            if n > 0 && !t.cap && !matches!(*w, "of" | "the" | "for" | "d" | "affaires") {
                continue 'phrases;
            }
            k += 1;
            // Abbreviations carry a full stop: "Mr.", "Gen.".
            if toks.get(k).is_some_and(|t| t.is_punct('.')) && w.len() <= 4 {
                k += 1;
            }
        }
        return Some(Title {
            next: k,
            office: phrase.office,
            keep: phrase.keep,
        });
    }
    None
}

/// Whether the folded word starts a title ("general", "president").
pub(crate) fn is_title_word(key: &str) -> bool {
    title_table().by_first.contains_key(key)
}

const PARTICLES: &[&str] = &[
    "de", "da", "di", "du", "del", "della", "der", "den", "van", "von", "ter", "ten", "la", "le",
    "al", "el", "bin", "ibn", "y", "dos", "das", "zu", "af", "ul",
];

/// Lowercase words inside names: "de Gaulle", "van Buren", "von Bismarck", "bin Laden".
pub(crate) fn is_particle(key: &str) -> bool {
    class_of(key).has(Class::PARTICLE)
}

/// "Jr.", "Sr.".
pub(crate) fn is_suffix(key: &str) -> bool {
    matches!(key, "jr" | "sr" | "jnr" | "snr")
}

/// Roman numerals II to XXIII, as written after regnal names and in "Harry G. Barnes III".
pub(crate) fn is_roman(word: &str) -> bool {
    const ROMAN: &[&str] = &[
        "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
        "XVI", "XVII", "XVIII", "XIX", "XX", "XXI", "XXII", "XXIII",
    ];
    ROMAN.contains(&word)
}

/// Family names written before the given name (Chinese, Korean, Vietnamese).
const FAMILY_FIRST: &[&str] = &[
    "zhou", "chou", "mao", "chiang", "jiang", "deng", "teng", "liu", "lin", "wang", "li", "zhao",
    "chao", "sun", "hu", "hua", "chen", "chen", "yang", "zhang", "chang", "huang", "wu", "xu",
    "song", "soong", "qian", "ji", "kong", "kung", "yuan", "tang", "feng", "yan", "zhu", "peng",
    "kim", "park", "pak", "rhee", "roh", "chun", "choi", "ngo", "nguyen", "pham", "tran", "le",
    "vo", "ho", "duong", "dang", "bui", "phan",
];

/// Family names that are also short words of other languages and need two given names after
/// them ("Le Duc Tho", not "Le Monde").
const FAMILY_FIRST_STRICT: &[&str] = &["le", "ho", "hu", "li", "ji", "vo", "yan", "sun", "song"];

/// Names that monarchs and popes reign under, followed by a numeral ("Louis XVI").
const REGNAL: &[&str] = &[
    "pius",
    "leo",
    "benedict",
    "gregory",
    "innocent",
    "clement",
    "urban",
    "louis",
    "charles",
    "henry",
    "edward",
    "george",
    "william",
    "frederick",
    "wilhelm",
    "alexander",
    "nicholas",
    "peter",
    "paul",
    "catherine",
    "napoleon",
    "victor",
    "ferdinand",
    "francis",
    "franz",
    "joseph",
    "leopold",
    "philip",
    "felipe",
    "juan",
    "carlos",
    "alfonso",
    "gustav",
    "gustavus",
    "christian",
    "haakon",
    "olav",
    "oscar",
    "karl",
    "ludwig",
    "maximilian",
    "mohammed",
    "muhammad",
    "faisal",
    "hussein",
    "abdullah",
    "farouk",
    "fuad",
    "menelik",
    "pedro",
    "john",
    "mary",
    "anne",
    "elizabeth",
    "isabella",
    "carol",
    "michael",
    "boris",
    "constantine",
    "otto",
    "umberto",
    "manuel",
    "miguel",
    "selim",
    "mahmud",
    "idris",
    "hassan",
    "james",
    "richard",
    "frederik",
];

/// Capitalized words that end a name, or show that capitalized words are not a person's
/// name: "Truman Doctrine", "Marshall Plan", "Washington Post", "General Assembly".
const STOP_NOUNS: &[&str] = &[
    "act",
    "acts",
    "administration",
    "administrations",
    "affairs",
    "affair",
    "agency",
    "agreement",
    "agreements",
    "alliance",
    "amendment",
    "army",
    "armies",
    "assembly",
    "association",
    "avenue",
    "award",
    "bank",
    "bay",
    "belt",
    "board",
    "bridge",
    "brothers",
    "building",
    "bureau",
    "cabinet",
    "camp",
    "canal",
    "cape",
    "capitol",
    "center",
    "centre",
    "charter",
    "church",
    "city",
    "coast",
    "code",
    "college",
    "collection",
    "commission",
    "committee",
    "commonwealth",
    "communique",
    "company",
    "conference",
    "congress",
    "constitution",
    "convention",
    "corollary",
    "corporation",
    "corps",
    "council",
    "county",
    "court",
    "crisis",
    "day",
    "declaration",
    "delegation",
    "democrats",
    "department",
    "desert",
    "division",
    "doctrine",
    "dynasty",
    "embassy",
    "empire",
    "endowment",
    "expedition",
    "extraordinary",
    "fleet",
    "falls",
    "federation",
    "force",
    "forces",
    "foundation",
    "front",
    "fund",
    "gate",
    "gazette",
    "government",
    "group",
    "gulf",
    "hall",
    "harbor",
    "harbour",
    "heights",
    "herald",
    "highway",
    "hill",
    "hills",
    "hospital",
    "hotel",
    "house",
    "institute",
    "institution",
    "island",
    "islands",
    "journal",
    "kingdom",
    "lake",
    "lakes",
    "law",
    "laws",
    "league",
    "library",
    "line",
    "lines",
    "magazine",
    "memorandum",
    "memorial",
    "ministry",
    "mission",
    "monument",
    "mount",
    "mountain",
    "mountains",
    "movement",
    "museum",
    "nations",
    "navy",
    "news",
    "ocean",
    "office",
    "order",
    "organization",
    "organisation",
    "pact",
    "palace",
    "papers",
    "park",
    "parliament",
    "party",
    "pass",
    "peace",
    "peninsula",
    "plan",
    "plaza",
    "plenipotentiary",
    "point",
    "policy",
    "port",
    "post",
    "press",
    "prize",
    "program",
    "programme",
    "project",
    "protocol",
    "province",
    "purchase",
    "railroad",
    "railway",
    "range",
    "report",
    "republic",
    "republicans",
    "resident",
    "resolution",
    "review",
    "revolution",
    "river",
    "road",
    "round",
    "school",
    "sea",
    "senate",
    "service",
    "society",
    "square",
    "state",
    "states",
    "station",
    "strait",
    "straits",
    "street",
    "summit",
    "system",
    "talks",
    "territory",
    "theory",
    "times",
    "trade",
    "treaty",
    "treaties",
    "tribune",
    "trust",
    "union",
    "university",
    "valley",
    "war",
    "wars",
    "way",
    "zone",
    "accord",
    "accords",
    "crisis",
    "incident",
    "affair",
    "raid",
    "massacre",
    "uprising",
    "rebellion",
    "campaign",
    "offensive",
    "operation",
    "club",
    "cup",
    "medal",
    "institution",
    "room",
    "dam",
    "airport",
    "building",
    "base",
    "field",
    "officer",
    "officers",
    "official",
    "officials",
    "envoys",
    "historian",
    "historians",
    "staff",
    "adviser",
    "advisers",
    "advisor",
    "leader",
    "leaders",
    "chief",
    "chiefs",
    "decree",
    "telegram",
    "telegrams",
    "proposal",
    "initiative",
    "formula",
    "decrees",
    "electric",
    "motors",
    "dynamics",
    "mills",
    "steel",
    "oil",
    "airways",
    "lines",
    "brothers",
    "sons",
];

/// Capitalized words that start sentences or headings and are never names.
const FUNCTION_WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "for",
    "but",
    "and",
    "or",
    "of",
    "to",
    "with",
    "by",
    "as",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "his",
    "her",
    "their",
    "its",
    "our",
    "my",
    "your",
    "this",
    "that",
    "these",
    "those",
    "when",
    "while",
    "after",
    "before",
    "during",
    "although",
    "though",
    "since",
    "because",
    "if",
    "however",
    "thus",
    "yet",
    "so",
    "also",
    "then",
    "there",
    "here",
    "what",
    "which",
    "who",
    "whom",
    "whose",
    "where",
    "why",
    "how",
    "both",
    "each",
    "every",
    "all",
    "some",
    "many",
    "most",
    "several",
    "such",
    "no",
    "not",
    "nor",
    "neither",
    "either",
    "other",
    "another",
    "under",
    "over",
    "between",
    "among",
    "through",
    "from",
    "into",
    "upon",
    "despite",
    "following",
    "according",
    "only",
    "even",
    "once",
    "later",
    "earlier",
    "meanwhile",
    "today",
    "yesterday",
    "tomorrow",
    "now",
    "soon",
    "first",
    "second",
    "third",
    "last",
    "next",
    "until",
    "unlike",
    "like",
    "within",
    "without",
    "against",
    "about",
    "above",
    "below",
    "across",
    "along",
    "around",
    "behind",
    "beyond",
    "toward",
    "towards",
    "instead",
    "therefore",
    "moreover",
    "furthermore",
    "nevertheless",
    "nonetheless",
    "indeed",
    "still",
    "perhaps",
    "finally",
    "ultimately",
    "subsequently",
    "initially",
    "eventually",
    "later",
    "shortly",
    "again",
    "further",
    "besides",
    "whereas",
    "whether",
    "unless",
    "throughout",
    "note",
    "see",
    "subject",
    "participants",
    "present",
    "minutes",
    "memorandum",
    "telegram",
    "letter",
    "dear",
    "sincerely",
    "yours",
    "faithfully",
    "copy",
    "secret",
    "confidential",
    "top",
    "urgent",
    "priority",
    "eyes",
    "section",
    "chapter",
    "part",
    "volume",
    "document",
    "documents",
    "page",
    "pages",
    "annex",
    "appendix",
    "attachment",
    "enclosure",
    "source",
    "sources",
    "item",
    "agenda",
    "draft",
    "text",
    "summary",
    "background",
    "introduction",
    "conclusion",
    "discussion",
    "recommendation",
    "recommendations",
    "tab",
    "figure",
];

const MONTHS_AND_DAYS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
];

/// Adjectives that qualify names of groups but are not names themselves.
const ADJECTIVES: &[&str] = &[
    "western",
    "eastern",
    "northern",
    "southern",
    "central",
    "communist",
    "communists",
    "nationalist",
    "nationalists",
    "allied",
    "republican",
    "democratic",
    "socialist",
    "conservative",
    "liberal",
    "labour",
    "labor",
    "catholic",
    "protestant",
    "muslim",
    "moslem",
    "christian",
    "jewish",
    "arab",
    "native",
    "federal",
    "imperial",
    "royal",
    "national",
    "international",
    "foreign",
    "soviet",
    "american",
    "british",
    "french",
    "german",
    "chinese",
    "japanese",
    "russian",
    "united",
    "old",
    "new",
    "great",
    "greater",
    "upper",
    "lower",
    "holy",
    "supreme",
    "general",
    "special",
    "joint",
    "provisional",
    "permanent",
    "acting",
    "former",
    "late",
    "young",
    "elder",
    "younger",
    "naval",
    "military",
    "air",
    "civil",
    "chief",
    "senior",
    "junior",
    "deputy",
    "assistant",
    "associate",
    "presidential",
    "congressional",
    "ministerial",
    "diplomatic",
    "consular",
    "colonial",
];

/// What a folded word is, as far as the rules care: one lookup answers every question the
/// rules ask of a word, and [`Tokens::class`] keeps the answer for each word of a text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Class(u32);

impl Class {
    /// Ends or forbids a personal name ("Doctrine", "Assembly").
    pub(crate) const STOP: u32 = 1;
    /// A function word, a month, a weekday or a season.
    pub(crate) const FUNCTION: u32 = 1 << 1;
    /// A common adjective of groups and places ("Western", "Communist").
    pub(crate) const ADJECTIVE: u32 = 1 << 2;
    /// Starts a title ("President", "Secretary").
    pub(crate) const TITLE: u32 = 1 << 3;
    /// A particle inside names ("de", "van").
    pub(crate) const PARTICLE: u32 = 1 << 4;
    /// "Jr.", "Sr.".
    pub(crate) const SUFFIX: u32 = 1 << 5;
    /// A regnal name ("Louis").
    pub(crate) const REGNAL: u32 = 1 << 6;
    /// A family name written first ("Mao").
    pub(crate) const FAMILY: u32 = 1 << 7;
    /// A family name written first that needs two given names after it ("Le").
    pub(crate) const FAMILY_STRICT: u32 = 1 << 8;
    /// A known given name.
    pub(crate) const GIVEN: u32 = 1 << 9;

    /// Whether any of `flags` is set.
    pub(crate) fn has(self, flags: u32) -> bool {
        self.0 & flags != 0
    }

    /// The flags as a number, to keep.
    pub(crate) fn bits(self) -> u32 {
        self.0
    }

    /// A class from its flags.
    pub(crate) fn from_bits(bits: u32) -> Class {
        Class(bits)
    }
}

/// Every word the vocabularies know, with its classes.
fn vocabulary() -> &'static FxHashMap<String, u32> {
    static MAP: OnceLock<FxHashMap<String, u32>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map: FxHashMap<String, u32> = FxHashMap::default();
        let mut add = |words: &[&str], flag: u32| {
            for w in words {
                *map.entry((*w).to_string()).or_default() |= flag;
            }
        };
        add(STOP_NOUNS, Class::STOP);
        add(FUNCTION_WORDS, Class::FUNCTION);
        add(MONTHS_AND_DAYS, Class::FUNCTION);
        add(ADJECTIVES, Class::ADJECTIVE);
        add(PARTICLES, Class::PARTICLE);
        add(&["jr", "sr", "jnr", "snr"], Class::SUFFIX);
        add(REGNAL, Class::REGNAL);
        add(FAMILY_FIRST, Class::FAMILY);
        add(FAMILY_FIRST_STRICT, Class::FAMILY_STRICT);
        let titles: Vec<&str> = title_table().by_first.keys().copied().collect();
        add(&titles, Class::TITLE);
        for name in crate::baseline::given_name_keys() {
            *map.entry(name.clone()).or_default() |= Class::GIVEN;
        }
        map
    })
}

/// The classes of a folded word. A hyphenated word ("april june", "anne marie") is a function
/// word when any part is, and a given name when its first part is.
pub(crate) fn class_of(key: &str) -> Class {
    let vocabulary = vocabulary();
    let mut flags = vocabulary.get(key).copied().unwrap_or(0);
    if let Some((first, _)) = key.split_once(' ') {
        if vocabulary.get(first).is_some_and(|f| f & Class::GIVEN != 0) {
            flags |= Class::GIVEN;
        }
        if key.split(' ').any(|part| {
            vocabulary
                .get(part)
                .is_some_and(|f| f & Class::FUNCTION != 0)
        }) {
            flags |= Class::FUNCTION;
        }
    }
    Class(flags)
}

/// Whether the folded word ends or forbids a personal name.
pub(crate) fn is_stop_noun(key: &str) -> bool {
    class_of(key).has(Class::STOP)
}

/// Whether the folded word is a function word, a month, a weekday or a season (each part
/// of a hyphenated word counts: "April-June").
pub(crate) fn is_function_word(key: &str) -> bool {
    class_of(key).has(Class::FUNCTION)
}

/// Whether the folded word is a known given name.
pub(crate) fn is_given_name(key: &str) -> bool {
    crate::baseline::given_name_keys().contains(key)
}

/// Whether token `i` is an initial: one capital letter followed by a full stop ("I.", "V."
/// and "X." number the parts of outlines more often than they abbreviate names).
pub(crate) fn is_initial(toks: &Tokens<'_>, i: usize) -> bool {
    toks.get(i).is_some_and(|t| {
        let word = t.text(toks.text);
        t.kind == Kind::Word
            && t.cap
            && word.chars().count() == 1
            && !matches!(word, "I" | "V" | "X")
    }) && toks
        .get(i + 1)
        .is_some_and(|t| t.is_punct('.') && !t.spaced)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_read_longest_first() {
        let text = "the Secretary of State Dean Acheson and Mr. Noble";
        let toks = Tokens::new(text);
        let t = title_at(&toks, 1).unwrap();
        assert_eq!(toks.list[t.next].text(text), "Dean");
        assert_eq!(t.office, Some(Office::SecretaryOfState));
        let mr = toks.list.iter().position(|t| t.text(text) == "Mr").unwrap();
        let t = title_at(&toks, mr).unwrap();
        assert_eq!(toks.list[t.next].text(text), "Noble");
        assert_eq!(t.office, None);
    }

    #[test]
    fn words_fold_for_lookup() {
        let mut buf = String::new();
        assert_eq!(fold_word("Chargé", &mut buf), "charge");
        assert_eq!(fold_word("Anne-Marie", &mut buf), "anne marie");
        assert!(is_given_name("richard"));
        assert!(!is_given_name("washington"));
        assert!(is_stop_noun("doctrine"));
        assert!(is_roman("XVI"));
    }
}
