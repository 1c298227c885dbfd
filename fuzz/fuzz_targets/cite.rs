//! Citations of documents read from JSON: CSL-JSON, BibTeX, RIS and every formatted style
//! are produced without a panic.
#![no_main]

use chancery_formats::cite::{self, CiteContext, Style};
use chancery_fuzz::documents;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let docs = documents(data);
    let ctx = CiteContext {
        archive: "Fuzz Archive".into(),
        archive_url: "https://archive.example.org/documents/x".into(),
        accessed: jiff::civil::date(2026, 11, 29),
    };
    for doc in &docs {
        let _ = cite::csl_json(doc, &ctx);
        let _ = cite::bibtex(doc, &ctx);
        let _ = cite::ris(doc, &ctx);
        for style in Style::ALL {
            let _ = cite::formatted(doc, &ctx, *style);
        }
    }
});
