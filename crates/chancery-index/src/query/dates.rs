//! The values of `date:`, `year:` and `decade:`, reduced to ranges of day numbers.
//!
//! All three take a single value or a range `start..end` with either end left open. A range
//! runs from the earliest day of its start to the latest day of its end, so
//! `date:1950-06..1950-07` is 1 June to 31 July 1950.

use chancery_model::DocDate;
use chancery_model::date::DateError;
use chancery_model::date::days;

use super::ast::{DateRange, Span};
use super::error::{Error, Result};
use super::fields::Value;

/// The forms `date:` accepts, for error messages.
const DATE_FORMS: &str = "dates look like 1950-06-27, 1950-06, 1950, 195X or 1950?, \
                          ranges like 1950-06..1950-07, ..1900 or 1950..";

/// The first and last day a bounded value covers.
type Days = (i64, i64);

/// Reads the value of `date:`: an EDTF expression or a range of them.
pub(crate) fn date(value: Value<'_>) -> Result<DateRange> {
    let (text, span) = trimmed(&value);
    // EDTF's own intervals (`1950/1951`, `../1900`) and sets (`[1950,1952]`, `{..1900}`)
    // use `..` themselves, so they are read whole, never split.
    if text.contains('/') || text.starts_with(['[', '{']) {
        let date = parse_edtf(text, span)?;
        let range = DateRange {
            earliest: date.earliest(),
            latest: date.latest(),
        };
        if range.earliest.is_none() && range.latest.is_none() {
            return Err(Error::new(
                span,
                format!("'{text}' does not limit the date at either end; leave the filter out"),
            ));
        }
        return ordered(range, span);
    }
    range(&value, |side, span| {
        let date = parse_edtf(side, span)?;
        match (date.earliest(), date.latest()) {
            (Some(earliest), Some(latest)) => Ok((earliest, latest)),
            _ => Err(Error::new(
                span,
                format!("'{side}' has no definite first and last day"),
            )),
        }
    })
}

/// Reads the value of `year:`: a year (`1950`, `-44` for 45 BCE) or a range of years.
pub(crate) fn year(value: Value<'_>) -> Result<DateRange> {
    range(&value, |side, span| {
        let year = small_integer(side).ok_or_else(|| {
            Error::new(
                span,
                format!("'{side}' is not a year; write a year such as 1950, or a range such as 1950..1955"),
            )
        })?;
        Ok(years(year, year))
    })
}

/// Reads the value of `decade:`: `1950s` or `1950` (a multiple of ten), or a range of them.
pub(crate) fn decade(value: Value<'_>) -> Result<DateRange> {
    range(&value, |side, span| {
        let digits = ["'s", "’s", "s"]
            .iter()
            .find_map(|suffix| side.strip_suffix(suffix))
            .unwrap_or(side);
        match small_integer(digits) {
            Some(year) if year % 10 == 0 => Ok(years(year, year + 9)),
            Some(_) => Err(Error::new(
                span,
                format!("'{side}' is not a decade: a decade ends in 0, as in 1950s"),
            )),
            None => Err(Error::new(
                span,
                format!("'{side}' is not a decade; write a decade such as 1950s"),
            )),
        }
    })
}

/// Reads `start..end`, `..end`, `start..` or a single value, with `side` reading each end.
fn range(value: &Value<'_>, side: impl Fn(&str, Span) -> Result<Days>) -> Result<DateRange> {
    let (text, span) = trimmed(value);
    let Some((start, end)) = text.split_once("..") else {
        let (earliest, latest) = side(text, span)?;
        return Ok(DateRange {
            earliest: Some(earliest),
            latest: Some(latest),
        });
    };
    if let Some(again) = end.find("..") {
        let at = span.start + (text.len() - end.len()) + again;
        return Err(Error::new(
            Span::new(at, at + 2),
            "a range has a single '..'",
        ));
    }
    let start_span = Span::new(span.start, span.start + start.len());
    let end_span = Span::new(span.end - end.len(), span.end);
    let (start, start_span) = trim_in(start, start_span);
    let (end, end_span) = trim_in(end, end_span);
    if start.is_empty() && end.is_empty() {
        return Err(Error::new(
            span,
            "a range needs a start, an end or both, as in 1950..1955, ..1900 or 1950..",
        ));
    }
    let earliest = if start.is_empty() {
        None
    } else {
        Some(side(start, start_span)?.0)
    };
    let latest = if end.is_empty() {
        None
    } else {
        Some(side(end, end_span)?.1)
    };
    ordered(DateRange { earliest, latest }, span)
}

/// Checks that a range does not run backwards.
fn ordered(range: DateRange, span: Span) -> Result<DateRange> {
    match (range.earliest, range.latest) {
        (Some(earliest), Some(latest)) if earliest > latest => Err(Error::new(
            span,
            format!(
                "this range runs backwards: it starts on {} but ends on {}",
                days::format(earliest),
                days::format(latest)
            ),
        )),
        _ => Ok(range),
    }
}

/// Parses an EDTF expression, explaining what is accepted when it fails.
fn parse_edtf(text: &str, span: Span) -> Result<DocDate> {
    // EDTF allows years of any size (`Y170000002`, `Y17E7`); the model's day arithmetic is
    // meant for history, so such years are refused here before they reach it.
    if text.contains('Y') && (text.contains('E') || longest_digit_run(text) > 8) {
        return Err(Error::new(
            span,
            format!("'{text}' is further from the present than the archive searches"),
        ));
    }
    DocDate::parse_edtf(text).map_err(|err| invalid_date(text, span, &err))
}

/// Explains why `text` (at `span`) is not a date, pointing at the character EDTF stumbled on
/// when it says which.
fn invalid_date(text: &str, span: Span, err: &DateError) -> Error {
    let digits = text.strip_suffix('s').unwrap_or_default();
    let hint = if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
        format!(" (for a decade, write decade:{text})")
    } else {
        format!(" ({DATE_FORMS})")
    };
    // The EDTF parser reports "invalid EDTF at offset N: why"; N is relative to `text`.
    let located = match err {
        DateError::InvalidEdtf { reason, .. } => reason
            .strip_prefix("invalid EDTF at offset ")
            .and_then(|rest| rest.split_once(": "))
            .and_then(|(offset, why)| Some((offset.parse::<usize>().ok()?, why))),
        DateError::Unrecognized(_) => None,
    };
    match located {
        Some((offset, why)) if offset < text.len() && text.is_char_boundary(offset) => Error::new(
            Span::new(span.start + offset, span.end),
            format!("'{text}' is not a valid date: {why}{hint}"),
        ),
        Some((_, why)) => Error::new(span, format!("'{text}' is not a valid date: {why}{hint}")),
        None => Error::new(span, format!("{err}{hint}")),
    }
}

fn longest_digit_run(text: &str) -> usize {
    text.split(|c: char| !c.is_ascii_digit())
        .map(str::len)
        .max()
        .unwrap_or(0)
}

/// An optionally negative integer of at most four digits (years are astronomical: 0 is 1
/// BCE, -44 is 45 BCE).
fn small_integer(text: &str) -> Option<i64> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.is_empty() || digits.len() > 4 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// 1 January of `first` to 31 December of `last`.
fn years(first: i64, last: i64) -> Days {
    (
        days::from_civil(first, 1, 1),
        days::from_civil(last, 12, 31),
    )
}

/// The value's text without surrounding spaces (quoted values may have them), and its span.
fn trimmed<'a>(value: &Value<'a>) -> (&'a str, Span) {
    let span = Span::new(value.text_start, value.text_start + value.text.len());
    trim_in(value.text, span)
}

/// `text` without surrounding whitespace, with its `span` narrowed to match.
fn trim_in(text: &str, span: Span) -> (&str, Span) {
    let start = text.len() - text.trim_start().len();
    let trimmed = text.trim();
    (
        trimmed,
        Span::new(span.start + start, span.start + start + trimmed.len()),
    )
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use super::*;

    fn value(text: &str) -> Value<'_> {
        Value {
            text,
            text_start: 0,
            span: Span::new(0, text.len()),
            quoted: false,
        }
    }

    fn check(read: fn(Value<'_>) -> Result<DateRange>, text: &str, expect: Expect) {
        let actual = match read(value(text)) {
            Ok(range) => range.to_string(),
            Err(e) => format!("error @{}: {}", e.span, e.message),
        };
        expect.assert_eq(&actual);
    }

    #[test]
    fn single_dates_take_their_own_bounds() {
        check(date, "1950-06-27", expect!["1950-06-27..1950-06-27"]);
        check(date, "1950-06", expect!["1950-06-01..1950-06-30"]);
        check(date, "1950", expect!["1950-01-01..1950-12-31"]);
        check(date, "195X", expect!["1950-01-01..1959-12-31"]);
        check(date, "1950?", expect!["1950-01-01..1950-12-31"]);
        check(date, "1950~", expect!["1950-01-01..1950-12-31"]);
        check(date, "-0044-03-15", expect!["-0044-03-15..-0044-03-15"]);
    }

    #[test]
    fn edtf_intervals_and_sets_are_read_whole() {
        check(
            date,
            "1950-06-25/1950-06-27",
            expect!["1950-06-25..1950-06-27"],
        );
        check(date, "../1900", expect!["..1900-12-31"]);
        check(date, "1950/..", expect!["1950-01-01.."]);
        check(date, "[1950,1952]", expect!["1950-01-01..1952-12-31"]);
        check(
            date,
            "../..",
            expect![
                "error @0..5: '../..' is not a valid date: interval needs at least one dated endpoint (dates look like 1950-06-27, 1950-06, 1950, 195X or 1950?, ranges like 1950-06..1950-07, ..1900 or 1950..)"
            ],
        );
    }

    #[test]
    fn ranges_run_from_the_first_day_of_the_start_to_the_last_of_the_end() {
        check(date, "1950-06..1950-07", expect!["1950-06-01..1950-07-31"]);
        check(date, "..1900", expect!["..1900-12-31"]);
        check(date, "1950..", expect!["1950-01-01.."]);
        check(
            date,
            "1950-06-15..1950-06",
            expect!["1950-06-15..1950-06-30"],
        );
        check(
            date,
            "..",
            expect![
                "error @0..2: a range needs a start, an end or both, as in 1950..1955, ..1900 or 1950.."
            ],
        );
        check(
            date,
            "1950..1951..1952",
            expect!["error @10..12: a range has a single '..'"],
        );
    }

    #[test]
    fn reversed_ranges_are_errors() {
        check(
            date,
            "1951..1950",
            expect![
                "error @0..10: this range runs backwards: it starts on 1951-01-01 but ends on 1950-12-31"
            ],
        );
        check(
            year,
            "1955..1950",
            expect![
                "error @0..10: this range runs backwards: it starts on 1955-01-01 but ends on 1950-12-31"
            ],
        );
    }

    #[test]
    fn invalid_dates_say_what_is_accepted() {
        check(
            date,
            "1950-13",
            expect![
                "error @5..7: '1950-13' is not a valid date: month must be 01-12 or a sub-year code 21-41 (dates look like 1950-06-27, 1950-06, 1950, 195X or 1950?, ranges like 1950-06..1950-07, ..1900 or 1950..)"
            ],
        );
        check(
            date,
            "1950..June",
            expect![
                "error @6..10: 'June' is not a valid date: year must have exactly four digits (or X) (dates look like 1950-06-27, 1950-06, 1950, 195X or 1950?, ranges like 1950-06..1950-07, ..1900 or 1950..)"
            ],
        );
        check(
            date,
            "1950s",
            expect![
                "error @4..5: '1950s' is not a valid date: expected '-' before month (for a decade, write decade:1950s)"
            ],
        );
        check(
            date,
            "Y170000000002",
            expect![
                "error @0..13: 'Y170000000002' is further from the present than the archive searches"
            ],
        );
        check(
            date,
            "Y9E18",
            expect!["error @0..5: 'Y9E18' is further from the present than the archive searches"],
        );
    }

    #[test]
    fn years() {
        check(year, "1950", expect!["1950-01-01..1950-12-31"]);
        check(year, "1950..1955", expect!["1950-01-01..1955-12-31"]);
        check(year, "..1900", expect!["..1900-12-31"]);
        check(year, "-44", expect!["-0044-01-01..-0044-12-31"]);
        check(
            year,
            "19500",
            expect![
                "error @0..5: '19500' is not a year; write a year such as 1950, or a range such as 1950..1955"
            ],
        );
        check(
            year,
            "1950..x",
            expect![
                "error @6..7: 'x' is not a year; write a year such as 1950, or a range such as 1950..1955"
            ],
        );
    }

    #[test]
    fn decades() {
        check(decade, "1950s", expect!["1950-01-01..1959-12-31"]);
        check(decade, "1950", expect!["1950-01-01..1959-12-31"]);
        check(decade, "1950's", expect!["1950-01-01..1959-12-31"]);
        check(decade, "1940s..1950s", expect!["1940-01-01..1959-12-31"]);
        check(
            decade,
            "1955",
            expect!["error @0..4: '1955' is not a decade: a decade ends in 0, as in 1950s"],
        );
        check(
            decade,
            "fifties",
            expect!["error @0..7: 'fifties' is not a decade; write a decade such as 1950s"],
        );
    }

    #[test]
    fn quoted_values_may_have_spaces() {
        let quoted = Value {
            text: " 1950 .. 1951 ",
            text_start: 6,
            span: Span::new(5, 21),
            quoted: true,
        };
        assert_eq!(date(quoted).unwrap().to_string(), "1950-01-01..1951-12-31");
        let quoted = Value {
            text: " 1950 .. x ",
            text_start: 6,
            span: Span::new(5, 18),
            quoted: true,
        };
        assert_eq!(date(quoted).unwrap_err().span, Span::new(15, 16));
    }
}
