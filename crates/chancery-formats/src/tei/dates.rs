//! A record's date and place, from the sources TEI offers, most trusted first: the FRUS date
//! bounds on the division, the `date` element of its dateline, the dateline's wording, a date
//! written in its title, and the file header's creation date.

use chancery_model::DocDate;
use chancery_model::date::{days, written};
use roxmltree::Node;

use super::body::inline_text;
use super::names::{self, FRUS_NS};

/// Problems found while reading dates: byte offset and message.
pub(crate) type Notices = Vec<(usize, String)>;

/// The date given by FRUS's `frus:doc-dateTime-min` and `frus:doc-dateTime-max` on `div`:
/// the calendar day of each bound (zones are ignored: the volume's editors give the day as
/// the document has it); one day, a whole month or year, or an interval.
pub(crate) fn frus_bounds(div: Node<'_, '_>, notices: &mut Notices) -> Option<DocDate> {
    let min = div
        .attribute((FRUS_NS, "doc-dateTime-min"))
        .map(calendar_day);
    let max = div
        .attribute((FRUS_NS, "doc-dateTime-max"))
        .map(calendar_day);
    let edtf = match (min, max) {
        (None, None) => return None,
        (Some(day), None) | (None, Some(day)) => day.to_string(),
        (Some(min), Some(max)) if min == max => min.to_string(),
        (Some(min), Some(max)) => whole_period(min, max).unwrap_or_else(|| format!("{min}/{max}")),
    };
    parse(&edtf, "frus:doc-dateTime-min/max", div, notices)
}

/// The date part of an ISO 8601 timestamp or date with a zone (`1951-06-23T00:00:00-04:00`,
/// `1951-06-23Z`, `1951-06-23-04:00`).
fn calendar_day(value: &str) -> &str {
    let value = value.trim();
    let value = value.split('T').next().unwrap_or(value);
    let value = value.strip_suffix('Z').unwrap_or(value);
    // A full date followed by a zone offset: keep the date.
    let body = value.strip_prefix('-').unwrap_or(value);
    let sign = value.len() - body.len();
    let bytes = body.as_bytes();
    if bytes.len() > 10 && bytes[4] == b'-' && bytes[7] == b'-' && matches!(bytes[10], b'+' | b'-')
    {
        return &value[..sign + 10];
    }
    value
}

/// `YYYY` or `YYYY-MM` when the bounds are exactly a whole year or month.
fn whole_period(min: &str, max: &str) -> Option<String> {
    let (y1, m1, d1) = ymd(min)?;
    let (y2, m2, d2) = ymd(max)?;
    if y1 != y2 {
        return None;
    }
    if (m1, d1, m2, d2) == (1, 1, 12, 31) {
        return Some(min[..min.len() - 6].to_string());
    }
    if m1 == m2 && d1 == 1 && Some(d2) == days::days_in_month(y2, m2) {
        return Some(min[..min.len() - 3].to_string());
    }
    None
}

fn ymd(date: &str) -> Option<(i64, u8, u8)> {
    let (sign, body) = match date.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, date),
    };
    let mut parts = body.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() < 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    Some((
        sign * y.parse::<i64>().ok()?,
        m.parse().ok()?,
        d.parse().ok()?,
    ))
}

/// The date a TEI `date` element gives in its attributes (`when-custom` holding EDTF,
/// `when`, `from`/`to`, `notBefore`/`notAfter`), with its content as the wording.
pub(crate) fn date_element(date: Node<'_, '_>, notices: &mut Notices) -> Option<DocDate> {
    let (edtf, attribute) = edtf_attribute(|name| date.attribute(name))?;
    let parsed = parse(&edtf, attribute, date, notices)?;
    let wording = inline_text(date);
    Some(if wording.is_empty() {
        parsed
    } else {
        parsed.with_text(&wording)
    })
}

/// The EDTF a `date` element's attributes give (`get` looks one up), not yet checked, with
/// the attribute it came from: `when-custom` as it is, `when`, `from`/`to` or
/// `notBefore`/`notAfter` (an interval, open where a bound is missing), each bound the
/// calendar day of its timestamp.
pub(crate) fn edtf_attribute<'v>(
    get: impl Fn(&str) -> Option<&'v str>,
) -> Option<(String, &'static str)> {
    let pair = |a: &str, b: &str| match (get(a), get(b)) {
        (Some(x), Some(y)) => Some(format!("{}/{}", calendar_day(x), calendar_day(y))),
        (Some(x), None) => Some(format!("{}/..", calendar_day(x))),
        (None, Some(y)) => Some(format!("../{}", calendar_day(y))),
        (None, None) => None,
    };
    if let Some(custom) = get("when-custom") {
        Some((custom.trim().to_string(), "when-custom"))
    } else if let Some(when) = get("when") {
        Some((calendar_day(when).to_string(), "when"))
    } else if let Some(range) = pair("from", "to") {
        Some((range, "from/to"))
    } else {
        Some((pair("notBefore", "notAfter")?, "notBefore/notAfter"))
    }
}

fn parse(
    edtf: &str,
    attribute: &str,
    node: Node<'_, '_>,
    notices: &mut Notices,
) -> Option<DocDate> {
    match DocDate::parse_edtf(edtf) {
        Ok(date) => Some(date),
        Err(err) => {
            notices.push((
                node.range().start,
                format!("{attribute}: {err}; the date is taken from the next source"),
            ));
            None
        }
    }
}

/// The dateline of a record: its own, or its opener's, or its closer's.
pub(crate) fn find_dateline<'a, 'input>(record: Node<'a, 'input>) -> Option<Node<'a, 'input>> {
    names::child(record, "dateline")
        .or_else(|| names::path(record, &["opener", "dateline"]))
        .or_else(|| names::path(record, &["closer", "dateline"]))
}

/// What a dateline says.
#[derive(Debug, Default)]
pub(crate) struct Dateline {
    /// The date, from a `date` element or the wording.
    pub date: Option<DocDate>,
    /// Where the document was written.
    pub place: Option<String>,
}

/// Reads a dateline: the date from its `date` element, else from its wording (the whole
/// line as one date, else the first full date in it); the place from its `placeName`, else
/// the words before the date.
pub(crate) fn read_dateline(dateline: Node<'_, '_>, notices: &mut Notices) -> Dateline {
    let outside_notes = |n: &Node<'_, '_>| {
        !n.ancestors()
            .take_while(|a| *a != dateline)
            .any(|a| names::is(a, "note"))
    };
    let date_element_node = dateline
        .descendants()
        .find(|d| names::is(*d, "date") && outside_notes(d));
    let text = inline_text(dateline);
    let mut date = date_element_node.and_then(|d| date_element(d, notices));
    let mut date_start = None;
    if date.is_none() {
        if let Ok(whole) = DocDate::from_written(&text) {
            date = Some(whole);
            date_start = Some(0);
        } else if let Some((found, start)) = first_full_date(&text, false) {
            date = Some(found);
            date_start = Some(start);
        }
    }
    let place = match dateline
        .descendants()
        .find(|d| names::is(*d, "placeName") && outside_notes(d))
    {
        Some(place) => Some(inline_text(place)),
        None => match (date_element_node, date_start) {
            (Some(element), _) => Some(text_before(dateline, element)),
            (None, Some(start)) => text.get(..start).map(str::to_string),
            (None, None) => None,
        },
    };
    let place = place
        .map(|p| {
            p.trim_matches(|c: char| c == ',' || names::is_xml_space(c))
                .to_string()
        })
        .filter(|p| !p.is_empty());
    Dateline { date, place }
}

/// The text of `container` before `stop`, notes left out.
fn text_before(container: Node<'_, '_>, stop: Node<'_, '_>) -> String {
    let mut raw = String::new();
    for node in container.descendants() {
        if node == stop {
            break;
        }
        if node.is_text()
            && !node
                .ancestors()
                .take_while(|a| *a != container)
                .any(|a| names::is(a, "note"))
        {
            raw.push_str(node.text().unwrap_or_default());
        }
    }
    names::squeeze(&raw)
}

/// The first date in `text` that has its own year; with `need_month`, only dates at least as
/// precise as a month (a bare year in a title is usually its subject, not its date).
pub(crate) fn first_full_date(text: &str, need_month: bool) -> Option<(DocDate, usize)> {
    written::find_all(text, None).into_iter().find_map(|found| {
        let edtf = found.edtf.as_deref().filter(|_| !found.year_from_context)?;
        if need_month && !has_month(edtf) {
            return None;
        }
        let wording = text.get(found.start..found.end)?;
        let date = DocDate::parse_edtf(edtf).ok()?.with_text(wording);
        Some((date, found.start))
    })
}

fn has_month(edtf: &str) -> bool {
    let first = edtf.split('/').next().unwrap_or(edtf);
    let first = first.strip_prefix('-').unwrap_or(first);
    first.contains('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_days_of_timestamps() {
        assert_eq!(calendar_day("1951-06-23T00:00:00-04:00"), "1951-06-23");
        assert_eq!(calendar_day("1951-06-23-04:00"), "1951-06-23");
        assert_eq!(calendar_day("1951-06-23Z"), "1951-06-23");
        assert_eq!(calendar_day("1951-06"), "1951-06");
        assert_eq!(calendar_day("-0043-03-15"), "-0043-03-15");
    }

    #[test]
    fn whole_years_and_months_simplify() {
        assert_eq!(
            whole_period("1951-01-01", "1951-12-31").as_deref(),
            Some("1951")
        );
        assert_eq!(
            whole_period("1952-02-01", "1952-02-29").as_deref(),
            Some("1952-02")
        );
        assert_eq!(whole_period("1951-02-01", "1951-02-27"), None);
        assert_eq!(whole_period("1950-12-20", "1951-01-10"), None);
    }

    #[test]
    fn titles_give_dates_only_to_the_month() {
        let (date, start) = first_full_date("HAC Meeting Minutes, November 1958", true).unwrap();
        assert_eq!(
            (date.edtf(), date.text(), start),
            ("1958-11", Some("November 1958"), 21)
        );
        assert!(first_full_date("The 1872 FRUS Affair", true).is_none());
    }
}
