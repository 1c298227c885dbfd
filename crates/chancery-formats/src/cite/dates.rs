//! A document's EDTF date reduced to what citation formats can say: a day, month, season or
//! year, or a span between two of them, possibly marked "circa".
//!
//! CSL, BibTeX and RIS have no words for unspecified digits, sets or open intervals, so:
//! `195X` becomes the span 1950–1959; `1950-XX` becomes 1950; a quarter (`1950-33`) becomes
//! the months it covers; open or unknown ends (`../1900`, `1950/`), sets (`[1667,1668]`) and
//! years beyond ±9999 give no date at all. Uncertain (`?`) and approximate (`~`) are both
//! "circa" for CSL, which has one flag; BibTeX keeps the difference (biblatex reads EDTF).

use chancery_model::DocDate;
use chancery_model::date::days;
use edtf_core::{Edtf, IntervalEndpoint, YearKind};

/// One end of a citation date: a year with, optionally, a month and day or a season.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Parts {
    /// The year, astronomical (0 is 1 BCE, -43 is 44 BCE), within ±9999.
    pub year: i32,
    /// The month, 1–12.
    pub month: Option<u8>,
    /// The day of the month (only with a month).
    pub day: Option<u8>,
    /// The season, 1–4 (spring, summer, autumn, winter), only without a month.
    pub season: Option<u8>,
}

/// How precise one end of a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Precision {
    Year,
    Season,
    Month,
    Day,
}

impl Parts {
    /// A year alone.
    pub(crate) fn year(year: i32) -> Self {
        Self {
            year,
            month: None,
            day: None,
            season: None,
        }
    }

    /// How precise this end is.
    pub(crate) fn precision(&self) -> Precision {
        match (self.month, self.day, self.season) {
            (Some(_), Some(_), _) => Precision::Day,
            (Some(_), None, _) => Precision::Month,
            (None, _, Some(_)) => Precision::Season,
            _ => Precision::Year,
        }
    }

    /// The year as CSL writes it: no year zero, so 1 BCE is -1 and 44 BCE is -44.
    pub(crate) fn csl_year(&self) -> i64 {
        let year = i64::from(self.year);
        if year <= 0 { year - 1 } else { year }
    }

    /// The year with four digits at least, astronomical and signed as EDTF writes it.
    pub(crate) fn year_text(&self) -> String {
        if self.year < 0 {
            format!("-{:04}", -i64::from(self.year))
        } else {
            format!("{:04}", self.year)
        }
    }

    /// The end as EDTF (`1950-06-27`, `1950-06`, `1950-22` for summer, `1950`).
    pub(crate) fn edtf(&self) -> String {
        let mut out = self.year_text();
        match (self.month, self.day, self.season) {
            (Some(m), Some(d), _) => out.push_str(&format!("-{m:02}-{d:02}")),
            (Some(m), None, _) => out.push_str(&format!("-{m:02}")),
            (None, _, Some(s)) => out.push_str(&format!("-{}", 20 + s)),
            _ => {}
        }
        out
    }
}

/// A date as citations can give it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CiteDate {
    /// The date, or the start of the span.
    pub start: Parts,
    /// The end of the span, when the date is one.
    pub end: Option<Parts>,
    /// Marked uncertain (`?`).
    pub uncertain: bool,
    /// Marked approximate (`~`).
    pub approximate: bool,
}

impl CiteDate {
    /// A plain year.
    pub(crate) fn year(year: i32) -> Option<Self> {
        (-9999..=9999).contains(&year).then(|| Self {
            start: Parts::year(year),
            end: None,
            uncertain: false,
            approximate: false,
        })
    }

    /// What a document's date gives a citation; `None` when it gives no usable date.
    pub(crate) fn from_doc(date: &DocDate) -> Option<Self> {
        let (start, end) = match Edtf::parse(date.edtf()).ok()? {
            Edtf::Date(d) => span(&d)?,
            Edtf::DateTime(dt) => span(&dt.date)?,
            Edtf::Interval(iv) => match (iv.start, iv.end) {
                (IntervalEndpoint::Date(a), IntervalEndpoint::Date(b)) => {
                    (span(&a)?.0, span(&b)?.1)
                }
                _ => return None,
            },
            Edtf::Set(_) => return None,
        };
        Some(Self {
            start,
            end: (end != start).then_some(end),
            uncertain: date.is_uncertain(),
            approximate: date.is_approximate(),
        })
    }

    /// Whether a style should say "circa": CSL has one flag for both qualifiers.
    pub(crate) fn circa(&self) -> bool {
        self.uncertain || self.approximate
    }

    /// The date as EDTF for biblatex (`1950-06-27`, `1950~`, `1950-06-25/1950-06-27`).
    pub(crate) fn edtf(&self) -> String {
        let mark = match (self.uncertain, self.approximate) {
            (true, true) => "%",
            (true, false) => "?",
            (false, true) => "~",
            (false, false) => "",
        };
        let mut out = format!("{}{mark}", self.start.edtf());
        if let Some(end) = &self.end {
            out.push_str(&format!("/{}{mark}", end.edtf()));
        }
        out
    }
}

/// The first and last `Parts` an EDTF date covers.
fn span(date: &edtf_core::Date) -> Option<(Parts, Parts)> {
    let (first_year, last_year, year_exact) = match date.year.kind {
        YearKind::Standard { negative, digits } if digits.iter().any(Option::is_none) => {
            if negative || digits.iter().all(Option::is_none) {
                return None;
            }
            let fill = |x: u8| {
                digits
                    .iter()
                    .fold(0i64, |acc, d| acc * 10 + i64::from(d.unwrap_or(x)))
            };
            (fill(0), fill(9), false)
        }
        _ => {
            let year = date.year.value()?;
            (year, year, true)
        }
    };
    let first_year = i32::try_from(first_year)
        .ok()
        .filter(|y| (-9999..=9999).contains(y))?;
    let last_year = i32::try_from(last_year)
        .ok()
        .filter(|y| (-9999..=9999).contains(y))?;
    let (first, last) = (Parts::year(first_year), Parts::year(last_year));
    let month_field = match date.month {
        Some(m) if year_exact && !m.has_unspecified() => m,
        _ => return Some((first, last)),
    };
    let Some(code) = month_field.value() else {
        return Some((first, last));
    };
    let months = |a: u8, b: u8| {
        Some((
            Parts {
                month: Some(a),
                ..first
            },
            Parts {
                month: Some(b),
                ..first
            },
        ))
    };
    let season = |s: u8| {
        let p = Parts {
            season: Some(s),
            ..first
        };
        Some((p, p))
    };
    match code {
        1..=12 => {
            let day = date
                .day
                .filter(|d| !d.has_unspecified())
                .and_then(|d| d.value())
                .filter(|d| {
                    days::days_in_month(i64::from(first_year), code)
                        .is_some_and(|n| (1..=n).contains(d))
                });
            let p = Parts {
                month: Some(code),
                day,
                ..first
            };
            Some((p, p))
        }
        // Seasons: 21–24 unqualified, 25–28 northern and 29–32 southern hemisphere.
        21..=24 => season(code - 20),
        25..=28 => season(code - 24),
        29..=32 => season(code - 28),
        // Quarters, quadrimesters and semesters are spans of months.
        33..=36 => months(3 * (code - 32) - 2, 3 * (code - 32)),
        37..=39 => months(4 * (code - 36) - 3, 4 * (code - 36)),
        40..=41 => months(6 * (code - 39) - 5, 6 * (code - 39)),
        _ => Some((first, last)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cite(edtf: &str) -> Option<String> {
        CiteDate::from_doc(&DocDate::parse_edtf(edtf).unwrap()).map(|d| d.edtf())
    }

    #[test]
    fn the_forms_citations_can_give() {
        let cases = [
            ("1950-06-27", Some("1950-06-27")),
            ("1950-06", Some("1950-06")),
            ("1950", Some("1950")),
            ("1950?", Some("1950?")),
            ("1950~", Some("1950~")),
            ("1950-06-27%", Some("1950-06-27%")),
            ("195X", Some("1950/1959")),
            ("19XX", Some("1900/1999")),
            ("1950-XX", Some("1950")),
            ("1950-06-XX", Some("1950-06")),
            ("1950-22", Some("1950-22")),
            ("1950-33", Some("1950-01/1950-03")),
            ("1950-06-25/1950-06-27", Some("1950-06-25/1950-06-27")),
            ("1950/1950", Some("1950")),
            ("195X/1961", Some("1950/1961")),
            ("-0043-03-15", Some("-0043-03-15")),
            ("1950-06-27T10:00:00Z", Some("1950-06-27")),
            ("../1900", None),
            ("1950/..", None),
            ("/1950", None),
            ("[1667,1668]", None),
            ("{1667,1668}", None),
            ("Y170000002", None),
            ("Y-170000002", None),
            ("Y9E18", None),
            ("XXXX", None),
        ];
        for (edtf, expected) in cases {
            assert_eq!(cite(edtf).as_deref(), expected, "{edtf}");
        }
    }

    #[test]
    fn csl_years_skip_zero() {
        assert_eq!(Parts::year(1950).csl_year(), 1950);
        assert_eq!(Parts::year(0).csl_year(), -1);
        assert_eq!(Parts::year(-43).csl_year(), -44);
    }
}
