//! The OAI-PMH response reader, then the Dublin Core and TEI readers on each record's
//! metadata, as the harvester does.
#![no_main]

use chancery_formats::{dc, oai, tei};
use chancery_fuzz::{context, text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = text(data) else {
        return;
    };
    if let Ok(page) = oai::parse_response(text) {
        for record in &page.records {
            if let Some(metadata) = &record.metadata {
                let _ = dc::read(metadata, &context("xml"));
                let _ = tei::read(metadata, &context("xml"));
            }
        }
    }
});
