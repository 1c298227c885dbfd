//! Day numbers: whole days counted from 1970-01-01 in the proleptic Gregorian calendar.
//!
//! The index and the store keep date bounds as these plain `i64` numbers because they cover
//! any year (tantivy's own date type stops at 1677) and compare with integer arithmetic.

/// The day number of a proleptic Gregorian date (`year` is astronomical: 0 is 1 BCE).
///
/// `month` must be 1–12 and `day` 1–31; callers validate before asking.
pub fn from_civil(year: i64, month: u8, day: u8) -> i64 {
    // Howard Hinnant's days_from_civil, on 400-year eras.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian date `(year, month, day)` of a day number.
pub fn to_civil(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    // Both values are within range by construction: day in 1..=31, month in 1..=12.
    (year, month as u8, day as u8)
}

/// Whether `year` (astronomical) is a leap year in the proleptic Gregorian calendar.
pub fn is_leap_year(year: i64) -> bool {
    year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0)
}

/// The number of days in `month` of `year`, or `None` when the month is not 1–12.
pub fn days_in_month(year: i64, month: u8) -> Option<u8> {
    Some(match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => return None,
    })
}

/// Formats a day number as `YYYY-MM-DD` (years before 1 as `-YYYY`, after 9999 as `+YYYYY`).
pub fn format(days: i64) -> String {
    let (y, m, d) = to_civil(days);
    if y < 0 {
        format!("-{:04}-{m:02}-{d:02}", -y)
    } else {
        format!("{y:04}-{m:02}-{d:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_and_known_days() {
        assert_eq!(from_civil(1970, 1, 1), 0);
        assert_eq!(from_civil(1950, 6, 27), -7128);
        assert_eq!(from_civil(2000, 3, 1), 11_017);
        assert_eq!(from_civil(1600, 1, 1), -135_140);
    }

    #[test]
    fn round_trips_across_eras_and_before_1677() {
        for days in (-1_000_000..1_000_000).step_by(997) {
            let (y, m, d) = to_civil(days);
            assert_eq!(from_civil(y, m, d), days, "{y}-{m}-{d}");
        }
        assert_eq!(to_civil(from_civil(-44, 3, 15)), (-44, 3, 15));
    }

    #[test]
    fn leap_years_follow_gregorian_rules() {
        assert!(is_leap_year(2000));
        assert!(!is_leap_year(1900));
        assert!(is_leap_year(0));
        assert_eq!(days_in_month(1900, 2), Some(28));
        assert_eq!(days_in_month(1904, 2), Some(29));
        assert_eq!(days_in_month(1904, 13), None);
    }

    #[test]
    fn formats_with_sign_for_bce() {
        assert_eq!(format(from_civil(1950, 6, 27)), "1950-06-27");
        assert_eq!(format(from_civil(-44, 3, 15)), "-0044-03-15");
    }
}
