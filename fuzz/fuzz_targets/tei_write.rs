//! The TEI writer on documents read from JSON: what it writes is TEI that reads back as the
//! same number of documents, with the same identifiers and titles (whitespace aside: XML
//! text is read with its runs of whitespace collapsed).
#![no_main]

use chancery_formats::tei;
use chancery_fuzz::{context, documents};
use libfuzzer_sys::fuzz_target;

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fuzz_target!(|data: &[u8]| {
    let docs = documents(data);
    if docs.is_empty() {
        return;
    }
    for doc in &docs {
        let written = tei::write(doc);
        let back = tei::read(&written, &context("xml"));
        let back = match back {
            Ok(back) => back,
            Err(errors) => panic!("{doc:?}\nwrote\n{written}\nwhich does not read: {errors:?}"),
        };
        assert_eq!(back.documents.len(), 1, "{written}");
        assert_eq!(back.documents[0].id, doc.id, "{written}");
        assert_eq!(
            squeeze(&back.documents[0].title),
            squeeze(&doc.title),
            "{written}"
        );
    }
    let corpus = tei::write_corpus(&docs);
    match tei::read(&corpus, &context("xml")) {
        Ok(back) => assert_eq!(back.documents.len(), docs.len(), "{corpus}"),
        Err(errors) => panic!("the corpus\n{corpus}\ndoes not read: {errors:?}"),
    }
});
