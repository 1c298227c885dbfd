//! The year histogram of a result set, drawn as SVG on the server: one bar per year (per
//! decade when the years span too far for bars to be seen), each bar a link that filters the
//! results to its period. The SVG has an accessible name and description, and the same counts
//! come as a table of links beside it (the text alternative, and the way in for keyboards:
//! the bars themselves are left out of the tab order).

use super::markup::Markup;
use super::view;

/// Drawing width and height, in SVG units.
const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 132.0;
/// Room under the bars for the axis labels.
const AXIS: f64 = 20.0;
/// The widest a bar's slot may be.
const MAX_SLOT: f64 = 40.0;
/// Years beyond which bars are decades.
const MAX_YEAR_BARS: i64 = 150;

/// One bar: a period and its count.
#[derive(Debug, Clone)]
pub struct Bar {
    /// The period's label ("1950", "1950s").
    pub label: String,
    /// The first year of the period.
    pub first: i64,
    /// The last year of the period.
    pub last: i64,
    /// Documents in it.
    pub count: u64,
    /// The count, written for readers.
    pub count_text: String,
    /// The results filtered to the period.
    pub href: String,
    /// Whether the period lies in the range already chosen.
    pub selected: bool,
}

/// A drawn histogram and its text alternative.
#[derive(Debug, Clone)]
pub struct Histogram {
    /// The SVG.
    pub svg: Markup,
    /// The bars with counts (the table).
    pub bars: Vec<Bar>,
    /// "year" or "decade".
    pub unit: &'static str,
    /// A sentence describing the distribution.
    pub summary: String,
}

/// Draws the histogram of `years` (year, count), in year order. `link` gives the address
/// that filters to a span of years; `selected` says whether a year lies in the chosen range.
pub fn draw(
    years: &[(i64, u64)],
    link: impl Fn(i64, i64) -> String,
    selected: impl Fn(i64) -> bool,
) -> Option<Histogram> {
    let (first, last) = (years.first()?.0, years.last()?.0);
    let by_decade = last - first >= MAX_YEAR_BARS;
    let mut bars: Vec<Bar> = Vec::new();
    if by_decade {
        let start = first.div_euclid(10) * 10;
        let end = last.div_euclid(10) * 10;
        let mut decade = start;
        while decade <= end {
            let count = years
                .iter()
                .filter(|(y, _)| y.div_euclid(10) * 10 == decade)
                .map(|(_, c)| c)
                .sum();
            bars.push(bar(
                format!("{decade}s"),
                decade,
                decade + 9,
                count,
                &link,
                &selected,
            ));
            decade += 10;
        }
    } else {
        let mut at = 0;
        for year in first..=last {
            let count = match years.get(at) {
                Some(&(y, c)) if y == year => {
                    at += 1;
                    c
                }
                _ => 0,
            };
            bars.push(bar(year.to_string(), year, year, count, &link, &selected));
        }
    }
    let max = bars.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    let total: u64 = bars.iter().map(|b| b.count).sum();
    let peak = bars.iter().max_by_key(|b| b.count)?;
    let unit = if by_decade { "decade" } else { "year" };
    let summary = format!(
        "{} dated from {} to {}; the most in {} ({}).",
        view::count_noun(total, "document", "documents"),
        year_text(first),
        year_text(last),
        peak.label,
        view::thousands(peak.count),
    );

    let mut svg = Markup::new();
    let view_box = format!("0 0 {WIDTH} {HEIGHT}");
    svg.open(
        "svg",
        &[
            ("class", "histogram"),
            ("viewBox", &view_box),
            ("role", "group"),
            ("aria-labelledby", "histogram-title"),
            ("aria-describedby", "histogram-desc"),
            ("focusable", "false"),
        ],
    );
    svg.push_raw("<title id=\"histogram-title\">");
    svg.push_text(&format!("Results by {unit}"));
    svg.push_raw("</title><desc id=\"histogram-desc\">");
    svg.push_text(&summary);
    svg.push_raw("</desc>");
    // Few bars stay slim and centred rather than filling the width.
    let slot = (WIDTH / bars.len() as f64).min(MAX_SLOT);
    let left = (WIDTH - slot * bars.len() as f64) / 2.0;
    let gap = if slot > 4.0 { 1.0 } else { 0.0 };
    let plot = HEIGHT - AXIS;
    svg.push_raw(&format!(
        "<line class=\"axis\" x1=\"0\" y1=\"{plot}\" x2=\"{WIDTH}\" y2=\"{plot}\"/>"
    ));
    for (i, b) in bars.iter().enumerate() {
        let x = left + i as f64 * slot;
        // Every bar is a link across the whole height, so short bars are easy to hit.
        svg.open(
            "a",
            &[("href", &b.href), ("tabindex", "-1"), ("class", "bar-link")],
        );
        svg.push_raw("<title>");
        svg.push_text(&format!(
            "{}: {}",
            b.label,
            view::count_noun(b.count, "document", "documents")
        ));
        svg.push_raw("</title>");
        svg.push_raw(&format!(
            "<rect class=\"hit\" x=\"{x:.2}\" y=\"0\" width=\"{slot:.2}\" height=\"{plot}\"/>"
        ));
        if b.count > 0 {
            let h = ((b.count as f64 / max as f64) * (plot - 4.0)).max(2.0);
            let class = if b.selected { "hbar selected" } else { "hbar" };
            svg.push_raw(&format!(
                "<rect class=\"{class}\" x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{h:.2}\"/>",
                x + gap / 2.0,
                plot - h,
                (slot - gap).max(0.5),
            ));
        }
        svg.push_raw("</a>");
    }
    // Axis labels: the first and last periods, and a few between at round numbers.
    let step = label_step(bars.len(), by_decade);
    for (i, b) in bars.iter().enumerate() {
        let round = b.first.rem_euclid(step) == 0;
        let ends = i == 0 || i + 1 == bars.len();
        if !(ends || round) {
            continue;
        }
        // Keep labels apart: skip a round label too close to the ends.
        if !ends && (i < 3 || i + 4 > bars.len()) && bars.len() > 8 {
            continue;
        }
        let x = left + (i as f64 + 0.5) * slot;
        let anchor = if bars.len() < 8 {
            "middle"
        } else if i == 0 {
            "start"
        } else if i + 1 == bars.len() {
            "end"
        } else {
            "middle"
        };
        let x = match anchor {
            "start" => x - slot / 2.0,
            "end" => x + slot / 2.0,
            _ => x,
        };
        svg.push_raw(&format!(
            "<text class=\"tick\" x=\"{x:.2}\" y=\"{}\" text-anchor=\"{anchor}\">",
            HEIGHT - 4.0
        ));
        svg.push_text(&b.label);
        svg.push_raw("</text>");
    }
    svg.push_raw("</svg>");
    Some(Histogram {
        svg,
        bars: bars.into_iter().filter(|b| b.count > 0).collect(),
        unit,
        summary,
    })
}

fn bar(
    label: String,
    first: i64,
    last: i64,
    count: u64,
    link: &impl Fn(i64, i64) -> String,
    selected: &impl Fn(i64) -> bool,
) -> Bar {
    Bar {
        label,
        first,
        last,
        count,
        count_text: view::thousands(count),
        href: link(first, last),
        selected: selected(first),
    }
}

/// Years between axis labels: round numbers that leave room between labels.
fn label_step(bars: usize, by_decade: bool) -> i64 {
    let per_bar = if by_decade { 10 } else { 1 };
    let span = bars as i64 * per_bar;
    match span {
        0..=12 => per_bar,
        13..=30 => 5,
        31..=80 => 10,
        81..=200 => 25,
        201..=500 => 50,
        501..=1200 => 100,
        _ => 500,
    }
    .max(per_bar)
}

fn year_text(year: i64) -> String {
    if year <= 0 {
        format!("{} BCE", 1 - year)
    } else {
        year.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_fill_missing_years_and_link() {
        let h = draw(
            &[(1950, 3), (1953, 1)],
            |a, b| format!("/s?from={a}&to={b}"),
            |_| false,
        )
        .unwrap();
        assert_eq!(h.unit, "year");
        assert_eq!(h.bars.len(), 2);
        let svg = h.svg.as_str();
        assert!(svg.contains("href=\"/s?from=1950&amp;to=1950\""));
        assert!(svg.contains("<title id=\"histogram-title\">Results by year</title>"));
        assert!(svg.contains("role=\"group\""));
        assert_eq!(svg.matches("class=\"bar-link\"").count(), 4);
    }

    #[test]
    fn wide_spans_become_decades() {
        let h = draw(
            &[(1783, 1), (1950, 2)],
            |a, b| format!("{a}-{b}"),
            |_| false,
        )
        .unwrap();
        assert_eq!(h.unit, "decade");
        assert_eq!(h.bars[0].label, "1780s");
        assert_eq!(h.bars[0].href, "1780-1789");
    }
}
