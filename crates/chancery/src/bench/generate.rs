//! A deterministic generator of archive-like documents for benchmarks: Zipf-distributed words
//! over a vocabulary of real and made-up words, dates 1800–2000 at mixed precision, ten
//! document types, a few languages, paragraphs, captions and collections.

// The generator works from constants it knows to be valid; a failure would be a bug here.
#![allow(clippy::expect_used)]

use chancery_model::{Block, DocDate, DocType, Document, DocumentId};
use rand::{Rng, RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Zipf};

/// Common words first (they take the top Zipf ranks), then the archive's own vocabulary.
const CORE_WORDS: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "that",
    "is",
    "for",
    "it",
    "as",
    "with",
    "was",
    "on",
    "be",
    "by",
    "this",
    "which",
    "not",
    "are",
    "from",
    "at",
    "his",
    "have",
    "an",
    "has",
    "would",
    "had",
    "its",
    "their",
    "government",
    "minister",
    "ambassador",
    "embassy",
    "treaty",
    "foreign",
    "affairs",
    "secretary",
    "state",
    "council",
    "security",
    "conference",
    "delegation",
    "note",
    "telegram",
    "memorandum",
    "letter",
    "question",
    "agreement",
    "proposal",
    "soviet",
    "united",
    "nations",
    "british",
    "french",
    "german",
    "american",
    "war",
    "peace",
    "policy",
    "military",
    "forces",
    "border",
    "territory",
    "republic",
    "president",
    "prime",
    "negotiations",
    "talks",
    "declaration",
    "communique",
    "assurance",
    "influence",
    "relations",
    "economic",
    "aid",
    "trade",
    "defence",
    "alliance",
    "european",
    "community",
    "integration",
    "coal",
    "steel",
    "atomic",
    "energy",
    "armistice",
    "withdrawal",
    "attack",
    "invasion",
    "parallel",
    "korea",
    "berlin",
    "moscow",
    "washington",
    "london",
    "paris",
    "bonn",
    "vienna",
    "geneva",
    "brussels",
    "rome",
    "tokyo",
    "peking",
];

const SYLLABLES: &[&str] = &[
    "ka", "lo", "mir", "tan", "ve", "dor", "sel", "qui", "ran", "po", "zu", "bel", "ith", "gar",
    "mon", "ste", "vra", "lin", "cho", "pe", "tra", "gu", "fel", "ost", "ni", "ar", "dun", "mes",
    "ko", "li",
];

const TYPES: [DocType; 10] = [
    DocType::Telegram,
    DocType::Letter,
    DocType::Memorandum,
    DocType::AideMemoire,
    DocType::NoteVerbale,
    DocType::Minutes,
    DocType::Speech,
    DocType::Communique,
    DocType::Treaty,
    DocType::Report,
];

const LANGUAGES: [(&str, u32); 5] = [("en", 70), ("fr", 12), ("de", 10), ("es", 5), ("it", 3)];

/// The shape of the documents to generate.
#[derive(Debug, Clone)]
pub struct Shape {
    /// Fewest words of text per document.
    pub min_words: usize,
    /// Most words of text per document.
    pub max_words: usize,
    /// Distinct words in the vocabulary.
    pub vocabulary: usize,
}

impl Shape {
    /// Documents of about 2 KB of text.
    pub fn two_kilobytes() -> Self {
        Self {
            min_words: 250,
            max_words: 350,
            vocabulary: 50_000,
        }
    }

    /// Documents of 200 to 2,000 words, as the search benchmark asks.
    pub fn search() -> Self {
        Self {
            min_words: 200,
            max_words: 2000,
            vocabulary: 100_000,
        }
    }
}

/// Generates documents; the same seed and shape always give the same documents.
pub struct Generator {
    rng: ChaCha8Rng,
    words: Vec<String>,
    zipf: Zipf<f64>,
    shape: Shape,
    next: u64,
}

impl Generator {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64, shape: Shape) -> Self {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let words = vocabulary(&mut rng, shape.vocabulary.max(CORE_WORDS.len()));
        // Zipf's law with the exponent measured on English text; n is at least 1 here.
        let zipf =
            Zipf::new(words.len() as f64, 1.07).expect("a Zipf law over a non-empty vocabulary");
        Self {
            rng,
            words,
            zipf,
            shape,
            next: 0,
        }
    }

    /// A word drawn by Zipf's law.
    pub fn word(&mut self) -> &str {
        let rank = self.zipf.sample(&mut self.rng) as usize;
        &self.words[rank.clamp(1, self.words.len()) - 1]
    }

    /// The vocabulary, most frequent first.
    pub fn words(&self) -> &[String] {
        &self.words
    }

    fn sentence(&mut self, words: usize) -> String {
        let mut s = String::with_capacity(words * 7);
        for i in 0..words {
            if i > 0 {
                s.push(' ');
            }
            let w = self.word().to_string();
            if i == 0 {
                let mut c = w.chars();
                if let Some(first) = c.next() {
                    s.extend(first.to_uppercase());
                    s.push_str(c.as_str());
                }
            } else {
                s.push_str(&w);
            }
        }
        s.push('.');
        s
    }

    fn paragraph(&mut self, words: usize) -> String {
        let mut out = String::new();
        let mut left = words;
        while left > 0 {
            let n = self.rng.random_range(8..=24).min(left);
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&self.sentence(n));
            left -= n;
        }
        out
    }

    fn date(&mut self) -> DocDate {
        let year = self.rng.random_range(1800..=2000);
        let month = self.rng.random_range(1..=12u8);
        let max_day = chancery_model::date::days::days_in_month(year, month).unwrap_or(28);
        let day = self.rng.random_range(1..=max_day);
        let roll = self.rng.random_range(0..100);
        let edtf = match roll {
            0..70 => format!("{year:04}-{month:02}-{day:02}"),
            70..90 => format!("{year:04}-{month:02}"),
            90..97 => format!("{year:04}"),
            97..99 => format!("{year:04}?"),
            _ => format!("{year:04}-{month:02}-{day:02}/{year:04}-{month:02}-{max_day:02}"),
        };
        DocDate::parse_edtf(&edtf).expect("the generator writes valid EDTF")
    }

    /// The next document.
    pub fn document(&mut self) -> Document {
        self.next += 1;
        let id = DocumentId::from_key(&format!("bench:{}", self.next));
        let doc_type = TYPES[self.rng.random_range(0..TYPES.len())];
        let title_words = self.rng.random_range(3..=8);
        let title = format!(
            "{} {}",
            doc_type.label(),
            self.sentence(title_words).trim_end_matches('.')
        );
        let total = self
            .rng
            .random_range(self.shape.min_words..=self.shape.max_words);
        let mut body = Vec::new();
        let mut left = total;
        while left > 0 {
            let n = self.rng.random_range(40..=120).min(left);
            body.push(Block::paragraph(self.paragraph(n)));
            left -= n;
        }
        let mut doc = Document::new(id, title, "");
        doc.body = body;
        doc.doc_type = Some(doc_type);
        doc.date = Some(self.date());
        let roll = self.rng.random_range(0..100);
        let mut acc = 0;
        for (lang, share) in LANGUAGES {
            acc += share;
            if roll < acc {
                doc.language = Some(lang.to_string());
                break;
            }
        }
        let caption_words = self.rng.random_range(15..=35);
        doc.caption = Some(self.sentence(caption_words));
        doc.collections = vec![format!("collection-{}", self.rng.random_range(1..=20))];
        doc
    }
}

fn vocabulary(rng: &mut impl Rng, size: usize) -> Vec<String> {
    let mut words: Vec<String> = CORE_WORDS.iter().map(|w| (*w).to_string()).collect();
    let mut seen: std::collections::HashSet<String> = words.iter().cloned().collect();
    while words.len() < size {
        let syllables = rng.random_range(2..=4);
        let word: String = (0..syllables)
            .map(|_| SYLLABLES[rng.random_range(0..SYLLABLES.len())])
            .collect();
        if seen.insert(word.clone()) {
            words.push(word);
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generation_is_deterministic_and_valid() {
        let mut a = Generator::new(7, Shape::two_kilobytes());
        let mut b = Generator::new(7, Shape::two_kilobytes());
        for _ in 0..50 {
            let (x, y) = (a.document(), b.document());
            assert_eq!(x, y);
            assert!(x.validate().is_ok());
            let len = x.text().len();
            assert!((1200..=3500).contains(&len), "{len}");
        }
    }
}
