//! The enrichment benchmark: a gazetteer of the baseline plus 20,000 generated authority
//! names, and 100,000 generated documents of about 2 KB (archive-like prose with names,
//! titles, places and dates sprinkled in), enriched one after another on one core.
//!
//! ```sh
//! cargo bench -p chancery-enrich --bench enrich [-- DOCUMENTS] [--plain]
//! ```
//!
//! `--plain` generates the documents the import benchmark generates (Zipf-distributed
//! lowercase words, capitals only at the start of sentences, no names, a document date) instead
//! of the name-dense prose of the default run (about one name, title, place or date in ten
//! words).
//!
//! Plain import runs at about 14,000 documents a second (about 70 µs a document); the issue
//! asks enrichment to cost under 30% of that, about 20 µs a document.

use std::hint::black_box;
use std::time::{Duration, Instant};

use chancery_enrich::{Entity, EntityKind, Gazetteer, enrich};
use chancery_model::{Block, DocDate, Document, DocumentId};

/// SplitMix64: a small deterministic generator, so that runs compare.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// A rank drawn roughly by Zipf's law over `n` items.
    fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((n as f64).powf(u) as usize).saturating_sub(1).min(n - 1)
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "lo", "mir", "tan", "ve", "dor", "sel", "qui", "ran", "po", "zu", "bel", "ith", "gar",
    "mon", "ste", "vra", "lin", "cho", "pe", "tra", "gu", "fel", "ost", "ni", "ar", "dun", "mes",
];

const COMMON: &[&str] = &[
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
    "government",
    "minister",
    "ambassador",
    "embassy",
    "treaty",
    "foreign",
    "affairs",
    "state",
    "council",
    "security",
    "conference",
    "delegation",
    "note",
    "telegram",
    "question",
    "agreement",
    "proposal",
    "soviet",
    "united",
    "nations",
    "british",
    "french",
    "war",
    "peace",
    "policy",
    "military",
    "forces",
    "border",
    "territory",
    "republic",
    "president",
    "talks",
];

const PLACES: &[&str] = &[
    "Moscow",
    "Washington",
    "the Soviet Union",
    "Korea",
    "the Republic of Korea",
    "Berlin",
    "Paris",
    "London",
    "Peking",
    "the United States",
    "Japan",
    "France",
    "Great Britain",
    "the United Nations",
    "the Security Council",
    "NATO",
    "Vienna",
    "Geneva",
    "Cairo",
    "Hanoi",
];

const TITLES: &[&str] = &[
    "Ambassador",
    "Mr.",
    "President",
    "Secretary",
    "General",
    "Minister",
];

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn word(rng: &mut Rng) -> String {
    let n = 2 + rng.below(3);
    (0..n)
        .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
        .collect()
}

fn capitalized(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

/// 20,000 authority names: persons "Given Surname" with a generated surname, some with a
/// middle initial.
fn authorities(rng: &mut Rng, count: usize) -> (Vec<Entity>, Vec<String>) {
    let given: Vec<&str> = chancery_enrich::baseline::given_names().collect();
    let mut entities = Vec::new();
    let mut names = Vec::new();
    let mut made = 0;
    let mut id = 0;
    while made < count {
        id += 1;
        let first = given[rng.below(given.len())];
        let surname = capitalized(&word(rng));
        let full = format!("{first} {surname}");
        let mut e = Entity::new(format!("bench-{id}"), EntityKind::Person, full.clone());
        made += 1;
        if rng.below(3) == 0 && made < count {
            let initial = (b'A' + rng.below(26) as u8) as char;
            e.add_name(chancery_enrich::Name::new(format!(
                "{first} {initial}. {surname}"
            )));
            made += 1;
        }
        names.push(full);
        entities.push(e);
    }
    (entities, names)
}

fn sentence(rng: &mut Rng, names: &[String], vocabulary: &[String]) -> String {
    let words = 8 + rng.below(17);
    let plain = names.is_empty();
    let mut s = String::new();
    for i in 0..words {
        if i > 0 {
            s.push(' ');
        }
        let roll = if plain {
            10 + rng.below(90)
        } else {
            rng.below(100)
        };
        let piece = match roll {
            0..3 => names[rng.below(names.len())].clone(),
            3..5 => format!(
                "{} {}",
                TITLES[rng.below(TITLES.len())],
                names[rng.below(names.len())]
                    .split(' ')
                    .next_back()
                    .unwrap_or("")
            ),
            5..8 => PLACES[rng.below(PLACES.len())].to_string(),
            8..9 => format!(
                "{} {}, {}",
                MONTHS[rng.below(12)],
                1 + rng.below(28),
                1800 + rng.below(200)
            ),
            9..10 => format!("{}", 1800 + rng.below(200)),
            10..40 => COMMON[rng.zipf(COMMON.len())].to_string(),
            _ => vocabulary[rng.zipf(vocabulary.len())].clone(),
        };
        if i == 0 {
            s.push_str(&capitalized(&piece));
        } else {
            s.push_str(&piece);
        }
    }
    s.push('.');
    s
}

fn document(rng: &mut Rng, n: u64, names: &[String], vocabulary: &[String]) -> Document {
    let mut body = Vec::new();
    let mut len = 0;
    while len < 2000 {
        let mut p = String::new();
        for _ in 0..(3 + rng.below(4)) {
            if !p.is_empty() {
                p.push(' ');
            }
            p.push_str(&sentence(rng, names, vocabulary));
        }
        len += p.len() + 2;
        body.push(Block::paragraph(p));
    }
    let mut doc = Document::new(
        DocumentId::from_key(&format!("bench:{n}")),
        sentence(rng, names, vocabulary),
        "",
    );
    doc.body = body;
    doc.caption = Some(sentence(rng, names, vocabulary));
    let year = 1800 + rng.below(200);
    doc.date = DocDate::parse_edtf(&format!(
        "{year}-{:02}-{:02}",
        1 + rng.below(12),
        1 + rng.below(28)
    ))
    .ok();
    doc
}

/// The CPU time this thread has used, in nanoseconds (Linux: `/proc/thread-self/schedstat`),
/// so that other work on the machine does not count against enrichment.
fn thread_cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

fn main() {
    let documents: u64 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(100_000);
    let plain = std::env::args().any(|a| a == "--plain");
    let mut rng = Rng(20_261_130);
    let (entities, names) = authorities(&mut rng, 20_000);
    let vocabulary: Vec<String> = (0..50_000).map(|_| word(&mut rng)).collect();

    let started = Instant::now();
    let mut builder = Gazetteer::builder().with_baseline();
    for e in entities {
        builder.add(e);
    }
    let gazetteer = match builder.build() {
        Ok(g) => g,
        Err(e) => {
            eprintln!("gazetteer: {e}");
            std::process::exit(1);
        }
    };
    let build = started.elapsed();
    println!(
        "gazetteer: {} entities, {} distinct names, built in {:.0?}",
        gazetteer.len(),
        gazetteer.name_count(),
        build
    );

    let mut total = Duration::ZERO;
    let mut cpu_ns = Some(0u64);
    let mut bytes = 0usize;
    let mut mentions = 0usize;
    let chunk = 1_000u64;
    let mut n = 0u64;
    while n < documents {
        let text_names: &[String] = if plain { &[] } else { &names };
        let docs: Vec<Document> = (n..(n + chunk).min(documents))
            .map(|i| document(&mut rng, i, text_names, &vocabulary))
            .collect();
        bytes += docs.iter().map(|d| d.text().len()).sum::<usize>();
        let cpu_before = thread_cpu_ns();
        let t = Instant::now();
        for d in &docs {
            let e = enrich(black_box(d), &gazetteer);
            mentions += e.mentions.len() + e.title_mentions.len() + e.caption_mentions.len();
            black_box(e);
        }
        total += t.elapsed();
        cpu_ns = match (cpu_ns, cpu_before, thread_cpu_ns()) {
            (Some(sum), Some(a), Some(b)) => Some(sum + b.saturating_sub(a)),
            _ => None,
        };
        n += docs.len() as u64;
    }
    // CPU time when the system reports it (the machine may be busy with other work), else
    // wall time.
    let (per_doc, clock) = match cpu_ns {
        Some(ns) if ns > 0 => (ns as f64 / 1e3 / documents as f64, "CPU"),
        _ => (total.as_secs_f64() * 1e6 / documents as f64, "wall"),
    };
    println!(
        "enriched {documents} documents ({:.1} MB of text, {:.0} bytes each, {mentions} mentions) in {:.2?}",
        bytes as f64 / 1e6,
        bytes as f64 / documents as f64,
        total
    );
    println!(
        "{per_doc:.1} µs ({clock} time) a document, {:.0} documents a second on one core; {:.0}% of the 70 µs a document plain import takes",
        1e6 / per_doc,
        per_doc / 70.0 * 100.0
    );
}
