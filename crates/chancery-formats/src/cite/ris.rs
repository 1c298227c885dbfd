//! RIS: tagged lines (`TI  - …`), CRLF line endings as the specification prefers, one
//! record ending in `ER  - `.

use super::dates::Parts;
use super::names::Name;
use super::record::{Kind, Record};

/// One RIS record, each line ending in CRLF.
pub(crate) fn record(record: &Record) -> String {
    let mut lines: Vec<(&str, String)> = Vec::new();
    let ty = match record.kind {
        Kind::Correspondence => "PCOMM",
        Kind::Manuscript => "MANSCPT",
        Kind::Article => "GEN",
    };
    lines.push(("TY", ty.into()));
    lines.push(("ID", record.id.clone()));
    if let Some(title) = &record.title {
        lines.push(("TI", title.clone()));
    }
    lines.extend(record.authors.iter().map(|n| ("AU", name(n))));
    if let Some(issued) = &record.issued {
        lines.push(("PY", issued.start.year_text()));
        // The date's other-info slot says what the parts cannot: circa, a span, a season.
        let plain = !issued.circa() && issued.end.is_none() && issued.start.season.is_none();
        let other = match (&record.date, &record.date_text) {
            (Some(_), Some(text)) if !plain => text.clone(),
            _ => String::new(),
        };
        lines.push(("DA", format!("{}{other}", date(&issued.start))));
    }
    if let Some(genre) = &record.genre {
        lines.push(("M3", genre.clone()));
    }
    if let Some(container) = &record.container {
        let fields = [
            ("T2", &container.title),
            ("PB", &container.publisher),
            ("CY", &container.place),
        ];
        for (tag, value) in fields {
            if let Some(value) = value {
                lines.push((tag, value.clone()));
            }
        }
        match container.page_range() {
            Some((start, end)) => {
                lines.push(("SP", start));
                lines.extend(end.map(|e| ("EP", e)));
            }
            None => lines.extend(container.pages.clone().map(|p| ("SP", p))),
        }
    }
    if let Some(language) = &record.language {
        lines.push(("LA", language.clone()));
    }
    if let Some(summary) = &record.summary {
        lines.push(("AB", summary.clone()));
    }
    if let Some(archive) = &record.archive {
        lines.push(("DB", archive.clone()));
    }
    lines.extend(record.archive_url.clone().map(|u| ("UR", u)));
    lines.extend(record.original_url.clone().map(|u| ("UR", u)));
    lines.push(("Y2", date(&record.accessed_parts())));
    if !record.recipients.is_empty() {
        let names: Vec<String> = record.recipients.iter().map(Name::display).collect();
        lines.push(("N1", format!("Addressed to {}.", names.join(", "))));
    }
    if let Some(url) = &record.original_url {
        lines.push(("N1", format!("Original online at {url}")));
    }
    if let Some(source) = &record.source_text {
        lines.push(("N1", format!("Printed in {source}")));
    }

    let mut out = String::new();
    for (tag, value) in lines {
        out.push_str(tag);
        out.push_str("  - ");
        out.push_str(&one_line(&value));
        out.push_str("\r\n");
    }
    out.push_str("ER  - \r\n");
    out
}

/// `YYYY/MM/DD/` with empty slots for what the date does not give.
fn date(parts: &Parts) -> String {
    let two = |v: Option<u8>| v.map(|v| format!("{v:02}")).unwrap_or_default();
    format!(
        "{}/{}/{}/",
        parts.year_text(),
        two(parts.month),
        two(parts.day)
    )
}

/// A name as RIS wants it: "Last, First, Suffix", or a literal as written.
fn name(name: &Name) -> String {
    match name {
        Name::Person {
            family,
            given,
            particle,
            suffix,
        } => {
            let last = match particle {
                Some(p) => format!("{p} {family}"),
                None => family.clone(),
            };
            match suffix {
                Some(s) => format!("{last}, {given}, {s}"),
                None => format!("{last}, {given}"),
            }
        }
        Name::Literal(literal) => literal.clone(),
    }
}

/// RIS values are one line each: line breaks and control characters become spaces.
fn one_line(value: &str) -> String {
    value
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_leave_empty_slots() {
        let mut p = Parts::year(1950);
        assert_eq!(date(&p), "1950///");
        p.month = Some(6);
        assert_eq!(date(&p), "1950/06//");
        p.day = Some(27);
        assert_eq!(date(&p), "1950/06/27/");
    }

    #[test]
    fn values_stay_on_one_line() {
        assert_eq!(one_line("a\r\nER  - b\u{0}c"), "a ER - b c");
    }
}
