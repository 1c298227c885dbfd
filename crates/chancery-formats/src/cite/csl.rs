//! CSL-JSON: one item, as citeproc-js, citeproc-py, Zotero and pandoc read it.

use serde_json::{Map, Value, json};

use super::dates::{CiteDate, Parts};
use super::names::Name;
use super::record::Record;

/// The CSL-JSON item for a digested document.
pub(crate) fn item(record: &Record) -> Value {
    let mut item = Map::new();
    let mut put = |key: &str, value: Value| {
        item.insert(key.to_string(), value);
    };
    put("id", Value::String(record.id.clone()));
    put("type", Value::String(record.kind.csl_type().into()));
    if let Some(title) = &record.title {
        put("title", title.as_str().into());
    }
    if let Some(genre) = &record.genre {
        put("genre", genre.as_str().into());
    }
    if !record.authors.is_empty() {
        put("author", names(&record.authors));
    }
    if !record.recipients.is_empty() {
        put("recipient", names(&record.recipients));
    }
    if let Some(issued) = &record.issued {
        put("issued", date(issued));
    }
    if let Some(container) = &record.container {
        let fields = [
            ("container-title", &container.title),
            ("publisher", &container.publisher),
            ("publisher-place", &container.place),
            ("page", &container.pages),
        ];
        for (key, value) in fields {
            if let Some(value) = value {
                put(key, value.as_str().into());
            }
        }
    }
    if let Some(language) = &record.language {
        put("language", language.as_str().into());
    }
    if let Some(summary) = &record.summary {
        put("abstract", summary.as_str().into());
    }
    if let Some(archive) = &record.archive {
        put("archive", archive.as_str().into());
    }
    if let Some(url) = &record.archive_url {
        put("URL", url.as_str().into());
    }
    put("accessed", date_parts(&[record.accessed_parts()], false));
    let note = note(record);
    if !note.is_empty() {
        put("note", note.into());
    }
    Value::Object(item)
}

/// What CSL has no variable for, as lines of the free-text `note`: the original's own
/// address and, when the record has no structured source, the source as written.
pub(crate) fn note(record: &Record) -> String {
    let mut lines = Vec::new();
    if let Some(url) = &record.original_url {
        lines.push(format!("Original online at {url}"));
    }
    if let Some(source) = &record.source_text {
        lines.push(format!("Printed in {source}"));
    }
    lines.join("\n")
}

fn names(names: &[Name]) -> Value {
    Value::Array(names.iter().map(name).collect())
}

fn name(name: &Name) -> Value {
    match name {
        Name::Person {
            family,
            given,
            particle,
            suffix,
        } => {
            let mut out = Map::new();
            out.insert("family".into(), family.as_str().into());
            out.insert("given".into(), given.as_str().into());
            if let Some(particle) = particle {
                out.insert("non-dropping-particle".into(), particle.as_str().into());
            }
            if let Some(suffix) = suffix {
                out.insert("suffix".into(), suffix.as_str().into());
            }
            Value::Object(out)
        }
        Name::Literal(literal) => json!({ "literal": literal }),
    }
}

/// A CSL date: `date-parts` with one entry, or two for a span; `circa` when qualified.
pub(crate) fn date(date: &CiteDate) -> Value {
    let mut ends = vec![date.start];
    ends.extend(date.end);
    date_parts(&ends, date.circa())
}

fn date_parts(ends: &[Parts], circa: bool) -> Value {
    let mut out = Map::new();
    let parts: Vec<Value> = ends
        .iter()
        .map(|p| {
            let mut v = vec![json!(p.csl_year())];
            if let Some(m) = p.month {
                v.push(json!(m));
                v.extend(p.day.map(|d| json!(d)));
            }
            Value::Array(v)
        })
        .collect();
    out.insert("date-parts".into(), Value::Array(parts));
    if let Some(season) = ends.first().and_then(|p| p.season) {
        out.insert("season".into(), json!(season));
    }
    if circa {
        out.insert("circa".into(), Value::Bool(true));
    }
    Value::Object(out)
}
