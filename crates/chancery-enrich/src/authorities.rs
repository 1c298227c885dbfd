//! Authority files in JSON: the serde shape of the model's [`Agent`] and [`Place`].
//!
//! Four layouts are read:
//!
//! - an object with `agents` and `places` arrays:
//!   `{"agents": [{"id": "kirk-alan-goodrich", "kind": "person", "preferred_name": "Alan Goodrich Kirk", …}], "places": [{"id": "place:moscow", "preferred_name": "Moscow"}]}`;
//! - one record on its own (an object without `agents` and `places`);
//! - an array of records;
//! - JSON Lines, one record a line.
//!
//! A record with `"kind": "place"` is a place; any other is an agent (`"kind": "person"` or
//! `"organization"`). Fields: `id`, `preferred_name`, `alternate_names`, `dates` (EDTF, e.g.
//! `"1888/1963"`), `positions` (`title`, `organization`, `place`, `dates`), `identifiers`
//! (`scheme`, `value`), `notes`.

use chancery_model::authority::{Agent, Place};
use serde::Deserialize;

use crate::error::EnrichError;

/// Agents and places read from an authority file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Authorities {
    /// Persons and organizations.
    pub agents: Vec<Agent>,
    /// Places.
    pub places: Vec<Place>,
}

#[derive(Deserialize)]
struct Both {
    #[serde(default)]
    agents: Vec<Agent>,
    #[serde(default)]
    places: Vec<Place>,
}

/// Reads an authority file in JSON (see the module documentation for the layouts). `path`
/// names the file in errors, which give the line and column.
pub fn read_json(path: &str, text: &str) -> Result<Authorities, EnrichError> {
    let failed = |message: String| EnrichError::Authority {
        path: path.to_string(),
        message,
    };
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    let mut out = Authorities::default();
    if trimmed.starts_with('{') && !looks_like_lines(trimmed) {
        let value: serde_json::Value =
            serde_json::from_str(trimmed).map_err(|e| failed(describe(&e)))?;
        // One record on its own, or the object of lists.
        if value.get("agents").is_none() && value.get("places").is_none() {
            add(&mut out, value).map_err(|e| failed(format!("the record: {e}")))?;
            return Ok(out);
        }
        let both: Both = serde_json::from_str(trimmed).map_err(|e| failed(describe(&e)))?;
        out.agents = both.agents;
        out.places = both.places;
        return Ok(out);
    }
    if trimmed.starts_with('[') {
        let records: Vec<serde_json::Value> =
            serde_json::from_str(trimmed).map_err(|e| failed(describe(&e)))?;
        for (i, r) in records.into_iter().enumerate() {
            add(&mut out, r).map_err(|e| failed(format!("record {}: {e}", i + 1)))?;
        }
        return Ok(out);
    }
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let record: serde_json::Value = serde_json::from_str(line)
            .map_err(|e| failed(format!("line {}, column {}: {e}", i + 1, e.column())))?;
        add(&mut out, record).map_err(|e| failed(format!("line {}: {e}", i + 1)))?;
    }
    Ok(out)
}

fn looks_like_lines(text: &str) -> bool {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let first = lines.next().unwrap_or("").trim();
    first.ends_with('}') && lines.next().is_some_and(|l| l.trim().starts_with('{'))
}

fn add(out: &mut Authorities, record: serde_json::Value) -> Result<(), serde_json::Error> {
    if record.get("kind").and_then(|k| k.as_str()) == Some("place") {
        out.places.push(serde_json::from_value(record)?);
    } else {
        out.agents.push(serde_json::from_value(record)?);
    }
    Ok(())
}

fn describe(e: &serde_json::Error) -> String {
    format!("line {}, column {}: {e}", e.line(), e.column())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_three_layouts() {
        let object = r#"{"agents": [{"id": "a", "kind": "person", "preferred_name": "A. Person",
            "dates": "1900/1970", "positions": [{"title": "Ambassador", "place": "place:france",
            "dates": "1950/1953"}]}], "places": [{"id": "p", "preferred_name": "Somewhere"}]}"#;
        let a = read_json("a.json", object).unwrap();
        assert_eq!((a.agents.len(), a.places.len()), (1, 1));
        assert_eq!(
            a.agents[0].positions[0].dates.as_ref().unwrap().edtf(),
            "1950/1953"
        );

        let array = r#"[{"id": "o", "kind": "organization", "preferred_name": "An Office"},
                        {"id": "p", "kind": "place", "preferred_name": "Somewhere"}]"#;
        let b = read_json("b.json", array).unwrap();
        assert_eq!((b.agents.len(), b.places.len()), (1, 1));

        let lines = "{\"id\": \"a\", \"kind\": \"person\", \"preferred_name\": \"A\"}\n\
                     {\"id\": \"p\", \"kind\": \"place\", \"preferred_name\": \"P\"}\n";
        let c = read_json("c.jsonl", lines).unwrap();
        assert_eq!((c.agents.len(), c.places.len()), (1, 1));

        let one = "{\"id\": \"k\", \"kind\": \"person\",\n \"preferred_name\": \"K\"}\n";
        let d = read_json("d.json", one).unwrap();
        assert_eq!((d.agents.len(), d.places.len()), (1, 0));
        // A lone record missing what a record needs is an error, not nothing.
        assert!(read_json("e.json", "{\"name\": \"K\"}").is_err());
    }

    #[test]
    fn errors_name_file_and_position() {
        let err = read_json("bad.jsonl", "{\"id\": \"a\"}\n{oops}\n").unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("bad.jsonl: line 1"), "{text}");
        let err = read_json("bad.json", "{\"agents\": [1]}").unwrap_err();
        assert!(err.to_string().contains("line 1, column"), "{err}");
    }
}
