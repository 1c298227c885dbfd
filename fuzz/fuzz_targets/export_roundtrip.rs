//! The export writers on documents read from JSON: JSON Lines reads back as the same
//! documents (but for where each record was found: the provenance's locator); CSV and Dublin
//! Core read back as as many documents with the same identifiers.
#![no_main]

use chancery_formats::{csv, dc, jsonl};
use chancery_fuzz::{context, documents};
use chancery_model::Document;
use libfuzzer_sys::fuzz_target;

/// The documents without the provenance's record locator ("line 3" in JSON Lines, "record 3"
/// in a JSON array), which says where a record was, not what it is.
fn without_locators(mut docs: Vec<Document>) -> Vec<Document> {
    for doc in &mut docs {
        if let Some(provenance) = &mut doc.provenance {
            provenance.record = None;
        }
    }
    docs
}

fuzz_target!(|data: &[u8]| {
    let docs = documents(data);
    if docs.is_empty() {
        return;
    }
    let ids: Vec<_> = docs.iter().map(|d| d.id).collect();

    let mut lines = Vec::new();
    for doc in &docs {
        if jsonl::write_line(doc, &mut lines).is_err() {
            return;
        }
    }
    let lines = String::from_utf8_lossy(&lines).into_owned();
    match jsonl::read(&lines, &context("jsonl")) {
        Ok(back) => assert_eq!(without_locators(back.documents), without_locators(docs.clone()), "{lines}"),
        Err(errors) => panic!("JSON Lines\n{lines}\ndoes not read: {errors:?}"),
    }

    let mut table = Vec::new();
    if csv::write(&docs, &mut table).is_ok() {
        let table = String::from_utf8_lossy(&table).into_owned();
        match csv::read(&table, &context("csv")) {
            Ok(back) => {
                let back: Vec<_> = back.documents.iter().map(|d| d.id).collect();
                assert_eq!(back, ids, "{table}");
            }
            Err(errors) => panic!("CSV\n{table}\ndoes not read: {errors:?}"),
        }
    }

    let records = dc::write_file(&docs);
    match dc::read(&records, &context("xml")) {
        Ok(back) => assert_eq!(back.documents.len(), docs.len(), "{records}"),
        Err(errors) => panic!("Dublin Core\n{records}\ndoes not read: {errors:?}"),
    }
});
