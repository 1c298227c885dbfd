//! EDTF dates written for readers: "27 June 1950", "June 1950", "circa 1950", "the 1950s",
//! "25–27 June 1950", "before 1900".

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date as a reader would write it; expressions this cannot phrase come back as EDTF.
pub fn readable(edtf: &str) -> String {
    if let Some((start, end)) = edtf.split_once('/') {
        return interval(start, end).unwrap_or_else(|| edtf.to_string());
    }
    single(edtf).map_or_else(|| edtf.to_string(), |s| s.phrase())
}

#[derive(Debug, Clone, PartialEq)]
struct Single {
    year: i64,
    /// Digits of the year replaced by X (0 for none, 1 for a decade, 2 for a century).
    unspecified: u8,
    month: Option<u8>,
    season: Option<u8>,
    day: Option<u8>,
    uncertain: bool,
    approximate: bool,
}

impl Single {
    fn year_text(&self) -> String {
        if self.year <= 0 {
            format!("{} BCE", 1 - self.year)
        } else {
            self.year.to_string()
        }
    }

    fn core(&self) -> String {
        match (self.unspecified, self.season, self.month, self.day) {
            (1, ..) => format!("the {}s", self.year),
            (2, ..) => format!("the {}s", self.year),
            (_, Some(season), ..) => {
                let name = match season {
                    21 => "Spring",
                    22 => "Summer",
                    23 => "Autumn",
                    _ => "Winter",
                };
                format!("{name} {}", self.year_text())
            }
            (_, None, Some(m), Some(d)) => format!("{d} {} {}", month_name(m), self.year_text()),
            (_, None, Some(m), None) => format!("{} {}", month_name(m), self.year_text()),
            _ => self.year_text(),
        }
    }

    fn phrase(&self) -> String {
        let core = self.core();
        match (self.uncertain, self.approximate) {
            (true, true) => format!("circa {core} (uncertain)"),
            (true, false) => format!("{core} (uncertain)"),
            (false, true) => format!("circa {core}"),
            (false, false) => core,
        }
    }

    fn plain(&self) -> bool {
        !self.uncertain && !self.approximate && self.unspecified == 0 && self.season.is_none()
    }
}

fn month_name(m: u8) -> &'static str {
    MONTHS
        .get(usize::from(m).saturating_sub(1))
        .copied()
        .unwrap_or("?")
}

fn single(text: &str) -> Option<Single> {
    let mut s = text.trim();
    let mut uncertain = false;
    let mut approximate = false;
    loop {
        if let Some(r) = s.strip_suffix('?') {
            uncertain = true;
            s = r;
        } else if let Some(r) = s.strip_suffix('~') {
            approximate = true;
            s = r;
        } else if let Some(r) = s.strip_suffix('%') {
            uncertain = true;
            approximate = true;
            s = r;
        } else {
            break;
        }
    }
    let (negative, s) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s),
    };
    let mut parts = s.split('-');
    let year_text = parts.next()?;
    if year_text.len() != 4 {
        return None;
    }
    let unspecified = year_text.chars().rev().take_while(|c| *c == 'X').count();
    if unspecified > 2 {
        return None;
    }
    let digits = year_text.replace('X', "0");
    let mut year: i64 = digits.parse().ok()?;
    if negative {
        year = -year;
    }
    let (mut month, mut season, mut day) = (None, None, None);
    if let Some(m) = parts.next() {
        let m: u8 = m.parse().ok()?;
        match m {
            1..=12 => month = Some(m),
            21..=24 => season = Some(m),
            _ => return None,
        }
        if let Some(d) = parts.next() {
            day = Some(d.parse().ok()?);
        }
    }
    if parts.next().is_some() || (unspecified > 0 && month.is_some()) {
        return None;
    }
    Some(Single {
        year,
        unspecified: unspecified as u8,
        month,
        season,
        day,
        uncertain,
        approximate,
    })
}

fn interval(start: &str, end: &str) -> Option<String> {
    let open = |s: &str| s.is_empty() || s == "..";
    match (open(start), open(end)) {
        (true, true) => return None,
        (true, false) => return Some(format!("before {}", single(end)?.phrase())),
        (false, true) => return Some(format!("after {}", single(start)?.phrase())),
        _ => {}
    }
    let (a, b) = (single(start)?, single(end)?);
    if a.plain() && b.plain() && a.year == b.year {
        // Share the year (and month) between the two ends: "25–27 June 1950", "June–July 1950".
        match (a.month, a.day, b.month, b.day) {
            (Some(am), Some(ad), Some(bm), Some(bd)) if am == bm => {
                return Some(format!("{ad}–{bd} {} {}", month_name(am), a.year_text()));
            }
            (Some(am), Some(ad), Some(bm), Some(bd)) => {
                return Some(format!(
                    "{ad} {} – {bd} {} {}",
                    month_name(am),
                    month_name(bm),
                    a.year_text()
                ));
            }
            (Some(am), None, Some(bm), None) => {
                return Some(format!(
                    "{}–{} {}",
                    month_name(am),
                    month_name(bm),
                    a.year_text()
                ));
            }
            _ => {}
        }
    }
    if a.plain() && b.plain() && a.month.is_none() && b.month.is_none() {
        return Some(format!("{}–{}", a.year_text(), b.year_text()));
    }
    Some(format!("{} – {}", a.phrase(), b.phrase()))
}

#[cfg(test)]
mod tests {
    use super::readable;

    #[test]
    fn phrases_dates_for_readers() {
        let cases = [
            ("1950-06-27", "27 June 1950"),
            ("1950-06", "June 1950"),
            ("1950", "1950"),
            ("1950?", "1950 (uncertain)"),
            ("1950~", "circa 1950"),
            ("1950-06-27%", "circa 27 June 1950 (uncertain)"),
            ("195X", "the 1950s"),
            ("19XX", "the 1900s"),
            ("1950-21", "Spring 1950"),
            ("1950-06-25/1950-06-27", "25–27 June 1950"),
            ("1950-06-25/1950-07-02", "25 June – 2 July 1950"),
            ("1957-02/1957-03", "February–March 1957"),
            ("1945/1952", "1945–1952"),
            ("../1900", "before 1900"),
            ("1950/..", "after 1950"),
            ("-0043-03-15", "15 March 44 BCE"),
            ("1950-06/1951", "June 1950 – 1951"),
            ("{1667,1668}", "{1667,1668}"),
        ];
        for (edtf, expected) in cases {
            assert_eq!(readable(edtf), expected, "{edtf}");
        }
    }
}
