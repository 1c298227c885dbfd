//! Authority records in CSV: a header row naming the columns, then one record a row.
//!
//! The columns (case and surrounding spaces in the header ignored, in any order):
//!
//! | column | holds |
//! | --- | --- |
//! | `id` | the record's id; `org:` or `place:` is put before an organization's or a place's id that lacks it; when empty, the slug of the preferred name with that prefix |
//! | `kind` | **required**: `person`, `organization` or `place` |
//! | `preferred_name` | **required**: the name to show |
//! | `alternate_names` | other names, separated by `\|` |
//! | `dates` | life or existence as EDTF (`1888/1963`); persons and organizations only |
//! | `viaf`, `wikidata` | the identifier there (the number, the `Q…` item, or the address) |
//! | `notes` | free notes |
//!
//! ```
//! use chancery_enrich::csv_authorities::read_csv;
//!
//! let read = read_csv(
//!     "people.csv",
//!     "kind,preferred_name,alternate_names,dates,wikidata\n\
//!      person,Alan Goodrich Kirk,Alan G. Kirk|Admiral Kirk,1888/1963,\n\
//!      place,Moscow,Moskva,,Q649\n",
//! )
//! .unwrap();
//! assert_eq!(read.agents[0].id, "alan-goodrich-kirk");
//! assert_eq!(read.places[0].id, "place:moscow");
//! ```
//!
//! Cells follow RFC 4180 (a cell holding the delimiter, a quote or a line break is quoted,
//! a quote inside doubled). The delimiter is a comma, or a semicolon or tab when the header
//! line has one and no comma. Spaces around a cell are dropped; rows whose cells are all
//! empty are skipped. A column the reader does not know, a column named twice, or a missing
//! required column is an error naming the column; a bad cell is an error naming the file,
//! line and column.

use chancery_model::DocDate;
use chancery_model::authority::{Agent, AgentKind, ExternalId, Place};
use rustc_hash::FxHashMap;

use crate::authorities::Authorities;
use crate::error::EnrichError;
use crate::tei_authorities::{Kind, external, record_id};

/// The columns, as written in the header.
const COLUMNS: &[&str] = &[
    "id",
    "kind",
    "preferred_name",
    "alternate_names",
    "dates",
    "viaf",
    "wikidata",
    "notes",
];

/// A column the reader knows (an index into [`COLUMNS`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Id,
    Kind,
    PreferredName,
    AlternateNames,
    Dates,
    Viaf,
    Wikidata,
    Notes,
}

impl Column {
    const ALL: [Column; 8] = [
        Column::Id,
        Column::Kind,
        Column::PreferredName,
        Column::AlternateNames,
        Column::Dates,
        Column::Viaf,
        Column::Wikidata,
        Column::Notes,
    ];

    fn name(self) -> &'static str {
        COLUMNS.get(self as usize).copied().unwrap_or("")
    }

    fn named(name: &str) -> Option<Column> {
        Column::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// Reads authority records from CSV (see the module documentation for the columns). `path`
/// names the file in errors, which give the line and column.
pub fn read_csv(path: &str, text: &str) -> Result<Authorities, EnrichError> {
    let failed = |message: String| EnrichError::Authority {
        path: path.to_string(),
        message,
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let delimiter = sniff_delimiter(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    // The column of each cell of the header (`None` for a column without a name).
    let mut columns: Option<Vec<Option<Column>>> = None;
    let mut out = Authorities::default();
    let mut seen: FxHashMap<String, u64> = FxHashMap::default();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, csv::Position::line);
            failed(format!("line {line}: {e}"))
        })?;
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let start = record.position().map_or(0, csv::Position::byte);
        let cells = cell_positions(
            text,
            start,
            delimiter,
            record.position().map_or(1, csv::Position::line),
        );
        let at = |i: usize| {
            cells.get(i).map_or_else(
                || "line ?".to_string(),
                |(l, c)| format!("line {l}, column {c}"),
            )
        };
        let Some(columns) = &columns else {
            columns = Some(header(&record, &at).map_err(failed)?);
            continue;
        };
        let mut row: [&str; 8] = [""; 8];
        for (i, cell) in record.iter().enumerate() {
            let cell = cell.trim();
            match columns.get(i).copied().flatten() {
                Some(column) => {
                    if let Some(slot) = row.get_mut(column as usize) {
                        *slot = cell;
                    }
                }
                None if cell.is_empty() => {}
                None => {
                    return Err(failed(format!(
                        "{}: a cell in a column without a name in the header",
                        at(i)
                    )));
                }
            }
        }
        // Where the cell of a column is, for messages.
        let cell_at = |column: Column| {
            columns
                .iter()
                .position(|c| *c == Some(column))
                .map_or_else(|| at(0), &at)
        };
        let cell = |column: Column| row.get(column as usize).copied().unwrap_or("");
        let bad = |column: Column, message: String| {
            failed(format!("{}: {}: {message}", cell_at(column), column.name()))
        };

        let kind = match cell(Column::Kind).to_lowercase().as_str() {
            "person" => Kind::Person,
            "organization" => Kind::Organization,
            "place" => Kind::Place,
            "" => {
                return Err(bad(
                    Column::Kind,
                    "empty (person, organization or place)".into(),
                ));
            }
            _ => {
                return Err(bad(
                    Column::Kind,
                    format!(
                        "'{}' is not person, organization or place",
                        cell(Column::Kind)
                    ),
                ));
            }
        };
        let preferred_name = normalize(cell(Column::PreferredName));
        if preferred_name.is_empty() {
            return Err(bad(Column::PreferredName, "empty".into()));
        }
        let given = Some(cell(Column::Id)).filter(|c| !c.is_empty());
        let id = record_id(kind, given, &preferred_name).map_err(|e| {
            let column = if given.is_some() {
                Column::Id
            } else {
                Column::PreferredName
            };
            bad(column, e)
        })?;
        if let Some(line) = seen.get(&id) {
            let column = if given.is_some() {
                Column::Id
            } else {
                Column::PreferredName
            };
            return Err(bad(
                column,
                format!("the id '{id}' is given twice (first on line {line})"),
            ));
        }
        seen.insert(id.clone(), cells.first().map_or(0, |(l, _)| *l));

        let mut alternate_names: Vec<String> = Vec::new();
        for name in cell(Column::AlternateNames).split('|').map(normalize) {
            if !name.is_empty() && name != preferred_name && !alternate_names.contains(&name) {
                alternate_names.push(name);
            }
        }
        let dates = match cell(Column::Dates) {
            "" => None,
            _ if kind == Kind::Place => {
                return Err(bad(Column::Dates, "a place has no dates".into()));
            }
            edtf => Some(DocDate::parse_edtf(edtf).map_err(|e| bad(Column::Dates, e.to_string()))?),
        };
        let identifiers: Vec<ExternalId> = [Column::Viaf, Column::Wikidata]
            .into_iter()
            .filter_map(|column| external(column.name(), cell(column)))
            .collect();
        let notes = Some(cell(Column::Notes).to_string()).filter(|n| !n.is_empty());
        match kind {
            Kind::Place => out.places.push(Place {
                id,
                preferred_name,
                alternate_names,
                identifiers,
                notes,
            }),
            Kind::Person | Kind::Organization => out.agents.push(Agent {
                id,
                kind: if kind == Kind::Person {
                    AgentKind::Person
                } else {
                    AgentKind::Organization
                },
                preferred_name,
                alternate_names,
                dates,
                positions: Vec::new(),
                identifiers,
                notes,
            }),
        }
    }
    if columns.is_none() {
        return Err(failed("no header row".into()));
    }
    Ok(out)
}

/// The columns the header names: an error for a column the reader does not know, a column
/// named twice, or a required column missing.
fn header(
    record: &csv::StringRecord,
    at: &dyn Fn(usize) -> String,
) -> Result<Vec<Option<Column>>, String> {
    let mut columns: Vec<Option<Column>> = Vec::new();
    for (i, name) in record.iter().enumerate() {
        let name = name.trim().to_lowercase();
        if name.is_empty() {
            columns.push(None);
            continue;
        }
        let Some(column) = Column::named(&name) else {
            return Err(format!(
                "{}: unknown column '{name}' (the columns are {})",
                at(i),
                COLUMNS.join(", ")
            ));
        };
        if columns.contains(&Some(column)) {
            return Err(format!("{}: the column '{name}' is named twice", at(i)));
        }
        columns.push(Some(column));
    }
    for required in [Column::Kind, Column::PreferredName] {
        if !columns.contains(&Some(required)) {
            return Err(format!(
                "{}: the header has no '{}' column",
                at(0),
                required.name()
            ));
        }
    }
    Ok(columns)
}

fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A comma, or a semicolon or tab when the first line has one and no comma.
fn sniff_delimiter(text: &str) -> u8 {
    let first = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    if first.contains(',') {
        b','
    } else if first.contains(';') {
        b';'
    } else if first.contains('\t') {
        b'\t'
    } else {
        b','
    }
}

/// The line and column (in characters, from 1) where each cell of the record starting at
/// byte `start` (on line `line`) begins. Blank lines before the record are skipped, as the
/// CSV reader skips them.
fn cell_positions(text: &str, start: u64, delimiter: u8, line: u64) -> Vec<(u64, usize)> {
    let rest = usize::try_from(start)
        .ok()
        .and_then(|s| text.get(s..))
        .unwrap_or("");
    let delimiter = char::from(delimiter);
    let (mut line, mut column) = (line, 1usize);
    let mut chars = rest.chars().peekable();
    // Blank lines the reader skipped before the record.
    while let Some(&c) = chars.peek() {
        match c {
            '\n' => {
                line += 1;
                column = 1;
            }
            '\r' => column = 1,
            _ => break,
        }
        chars.next();
    }
    let mut out = vec![(line, column)];
    let mut at_start = true;
    let mut quoted = false;
    while let Some(c) = chars.next() {
        column += 1;
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    column += 1;
                } else {
                    quoted = false;
                }
            } else if c == '\n' {
                line += 1;
                column = 1;
            }
            continue;
        }
        match c {
            '"' if at_start => {
                quoted = true;
                at_start = false;
            }
            '\n' | '\r' => break,
            c if c == delimiter => {
                out.push((line, column));
                at_start = true;
            }
            c if at_start && c.is_whitespace() => {}
            _ => at_start = false,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHEET: &str = "\u{feff}ID,Kind,Preferred_Name,Alternate_Names,Dates,VIAF,Wikidata,Notes\n\
        kirk-alan-goodrich,person,Alan Goodrich Kirk,Alan G. Kirk | Admiral Kirk|Alan G. Kirk,1888/1963,61627449,https://www.wikidata.org/wiki/Q1349781,\"Naval officer, diplomat\"\n\
        \n\
        state,organization,Department of State,State Department,1789/..,,Q1473301,\n\
        ,place,Saint-Étienne,,,,,\n\
        place:moscow,place,Moscow,\"Moskva|\nМосква\",,,,\n";

    #[test]
    fn reads_every_column() {
        let read = read_csv("sheet.csv", SHEET).unwrap();
        assert_eq!(read.agents.len(), 2);
        let kirk = &read.agents[0];
        assert_eq!(kirk.id, "kirk-alan-goodrich");
        assert_eq!(kirk.kind, AgentKind::Person);
        assert_eq!(kirk.alternate_names, ["Alan G. Kirk", "Admiral Kirk"]);
        assert_eq!(kirk.dates.as_ref().unwrap().edtf(), "1888/1963");
        let ids: Vec<(&str, &str)> = kirk
            .identifiers
            .iter()
            .map(|i| (i.scheme.as_str(), i.value.as_str()))
            .collect();
        assert_eq!(ids, [("viaf", "61627449"), ("wikidata", "Q1349781")]);
        assert_eq!(kirk.notes.as_deref(), Some("Naval officer, diplomat"));
        let state = &read.agents[1];
        assert_eq!(state.id, "org:state");
        assert_eq!(state.kind, AgentKind::Organization);
        assert_eq!(state.dates.as_ref().unwrap().edtf(), "1789/..");
        let places: Vec<&str> = read.places.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(places, ["place:saint-etienne", "place:moscow"]);
        assert_eq!(read.places[1].alternate_names, ["Moskva", "Москва"]);
    }

    #[test]
    fn semicolons_and_any_column_order() {
        let read = read_csv(
            "s.csv",
            "preferred_name;kind\r\nNATO;organization\r\nDean Acheson;person\r\n",
        )
        .unwrap();
        let ids: Vec<&str> = read.agents.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["org:nato", "dean-acheson"]);
    }

    #[test]
    fn errors_name_the_column_and_the_cell() {
        let err = |text: &str| read_csv("bad.csv", text).unwrap_err().to_string();
        assert_eq!(
            err("kind,preferred_name,born\nperson,A,1900\n"),
            "bad.csv: line 1, column 21: unknown column 'born' (the columns are id, kind, \
             preferred_name, alternate_names, dates, viaf, wikidata, notes)"
        );
        assert_eq!(
            err("kind,name\n"),
            "bad.csv: line 1, column 6: unknown column 'name' (the columns are id, kind, \
             preferred_name, alternate_names, dates, viaf, wikidata, notes)"
        );
        assert_eq!(
            err("id,preferred_name\na,A\n"),
            "bad.csv: line 1, column 1: the header has no 'kind' column"
        );
        assert_eq!(
            err("kind,kind,preferred_name\n"),
            "bad.csv: line 1, column 6: the column 'kind' is named twice"
        );
        assert!(
            err("kind,preferred_name,dates\nperson,A,1900\n\nperson, B ,19xx-13\n").starts_with(
                "bad.csv: line 4, column 12: dates: '19xx-13' is not a valid EDTF date"
            )
        );
        assert!(
            err("kind,preferred_name\n\"multi\nline\",x\nthing,B\n")
                .starts_with("bad.csv: line 2, column 1: kind: 'multi\nline'"),
        );
        assert!(
            err("kind,preferred_name\nthing,B\n")
                .starts_with("bad.csv: line 2, column 1: kind: 'thing' is not person"),
        );
        assert_eq!(
            err("kind,preferred_name\nperson,\"  \"\n"),
            "bad.csv: line 2, column 8: preferred_name: empty"
        );
        assert!(
            err("kind,preferred_name,dates\nplace,Paris,1900\n")
                .contains("column 13: dates: a place has no dates")
        );
        assert!(
            err("id,kind,preferred_name\na,person,A\na,person,B\n")
                .contains("line 3, column 1: id: the id 'a' is given twice (first on line 2)")
        );
        assert!(
            err("id,kind,preferred_name\norg:x,person,A\n")
                .contains("line 2, column 1: id: the id 'org:x' of a person begins")
        );
        assert!(
            err("kind,preferred_name\nperson,A,extra\n")
                .contains("line 2, column 10: a cell in a column without a name")
        );
        assert_eq!(err(""), "bad.csv: no header row");
    }
}
