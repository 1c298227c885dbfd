//! The search query parser: any text parses or gives an error whose span lies inside the
//! query and which renders under it.
#![no_main]

use chancery_fuzz::text;
use chancery_index::query;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = text(data) else {
        return;
    };
    match query::parse(text) {
        Ok(parsed) => {
            let _ = parsed.to_string();
        }
        Err(err) => {
            let _ = err.render(text);
            let _ = err.to_string();
        }
    }
});
