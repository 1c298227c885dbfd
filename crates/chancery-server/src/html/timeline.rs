//! Browsing by date: years (grouped by decade) → the months of a year → the days of a month,
//! each with its count of documents the viewer may see; days lead to the search for that
//! day. Documents are counted in the period their date starts in.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use chancery_index::{Granularity, PeriodCount};

use super::error::{OrPage, PageError};
use super::home::bar_width;
use super::{Chrome, Section, html_ok, url, view};
use crate::auth::caller::Caller;
use crate::error::AppError;
use crate::state::AppState;

/// One period in a list.
#[derive(Debug, Clone)]
pub struct Period {
    /// Its name ("1950", "June", "27").
    pub label: String,
    /// Its count, written for readers.
    pub count: String,
    /// Its count as a number.
    pub n: u64,
    /// Where it leads (empty when nothing is there).
    pub href: String,
    /// Bar length in percent of the largest (a multiple of 5).
    pub share: u32,
}

/// The years of one decade.
#[derive(Debug, Clone)]
pub struct DecadeRow {
    /// "1950s".
    pub label: String,
    /// The decade's documents.
    pub href: String,
    /// Its total, written for readers.
    pub count: String,
    /// Its years with documents.
    pub years: Vec<Period>,
}

#[derive(Template)]
#[template(path = "timeline.html")]
struct TimelinePage {
    page: Chrome,
    heading: String,
    lede: String,
    /// (label, href) from the top of the timeline to the parent of this page.
    trail: Vec<(String, String)>,
    decades: Vec<DecadeRow>,
    periods: Vec<Period>,
    periods_label: &'static str,
    all_href: String,
    all_label: String,
}

fn year_text(year: i64) -> String {
    if year < 0 {
        format!("-{:04}", -year)
    } else {
        format!("{year:04}")
    }
}

fn year_label(year: i64) -> String {
    if year <= 0 {
        format!("{} BCE", 1 - year)
    } else {
        year.to_string()
    }
}

fn parse_year(text: &str) -> Option<i64> {
    text.parse::<i64>().ok().filter(|y| y.abs() < 100_000)
}

async fn histogram(
    state: &AppState,
    caller: &Caller,
    query: String,
    granularity: Granularity,
) -> Result<Vec<PeriodCount>, PageError> {
    let visibility = caller.gate().visibility();
    state
        .blocking(move |state| {
            Ok(state
                .index()
                .date_histogram(&query, &visibility, granularity)?)
        })
        .await
        .or_page(state)
}

/// `GET /timeline`: every year with documents, by decade.
pub async fn years(State(state): State<AppState>, caller: Caller) -> Result<Response, PageError> {
    let counts = histogram(&state, &caller, String::new(), Granularity::Year).await?;
    let mut decades: Vec<DecadeRow> = Vec::new();
    let mut total = 0u64;
    let max = counts.iter().map(|c| c.count).max().unwrap_or(1);
    for c in &counts {
        let Some(year) = parse_year(&c.period) else {
            continue;
        };
        total += c.count;
        let decade = year.div_euclid(10) * 10;
        let label = format!("{}s", year_label(decade).trim_end_matches(" BCE"));
        let label = if decade < 0 {
            format!("{label} BCE")
        } else {
            label
        };
        if decades.last().is_none_or(|d| d.label != label) {
            decades.push(DecadeRow {
                href: url::with_query(
                    "/search",
                    [
                        ("from", decade.to_string().as_str()),
                        ("to", (decade + 9).to_string().as_str()),
                        ("sort", "date"),
                    ],
                ),
                label,
                count: String::new(),
                years: Vec::new(),
            });
        }
        if let Some(row) = decades.last_mut() {
            row.years.push(Period {
                label: year_label(year),
                count: view::thousands(c.count),
                n: c.count,
                href: format!("/timeline/{}", year_text(year)),
                share: bar_width(c.count, max),
            });
        }
    }
    for row in &mut decades {
        row.count = view::thousands(row.years.iter().map(|y| y.n).sum());
    }
    let mut chrome = Chrome::new(&state, &caller, "Timeline", Section::Timeline);
    chrome.canonical = Some(format!("{}/timeline", state.site().base_url));
    let lede = if total == 0 {
        "No dated documents yet.".to_string()
    } else {
        format!(
            "{} dated documents, by the year they were written. Choose a year to see its months.",
            view::thousands(total)
        )
    };
    Ok(html_ok(&TimelinePage {
        page: chrome,
        heading: "Timeline".into(),
        lede,
        trail: Vec::new(),
        decades,
        periods: Vec::new(),
        periods_label: "",
        all_href: String::new(),
        all_label: String::new(),
    }))
}

/// `GET /timeline/{year}`: the months of a year.
pub async fn months(
    State(state): State<AppState>,
    caller: Caller,
    Path(year): Path<String>,
) -> Result<Response, PageError> {
    let year = parse_year(&year)
        .ok_or_else(|| PageError::new(&state, AppError::not_found(format!("no year {year}"))))?;
    let counts = histogram(&state, &caller, format!("year:{year}"), Granularity::Month).await?;
    let prefix = format!("{}-", year_text(year));
    let by_month: Vec<(u8, u64)> = counts
        .iter()
        .filter_map(|c| {
            let month = c.period.strip_prefix(&prefix)?.parse::<u8>().ok()?;
            Some((month, c.count))
        })
        .collect();
    let total: u64 = by_month.iter().map(|m| m.1).sum();
    if total == 0 {
        return Err(PageError::new(
            &state,
            AppError::not_found(format!("no documents of {year}")),
        ));
    }
    let max = by_month.iter().map(|m| m.1).max().unwrap_or(1);
    let periods = (1..=12u8)
        .map(|m| {
            let n = by_month.iter().find(|(x, _)| *x == m).map_or(0, |x| x.1);
            Period {
                label: view::month_name(m).to_string(),
                count: view::thousands(n),
                n,
                href: if n > 0 {
                    format!("/timeline/{}/{m:02}", year_text(year))
                } else {
                    String::new()
                },
                share: if n > 0 { bar_width(n, max) } else { 0 },
            }
        })
        .collect();
    let label = year_label(year);
    let mut chrome = Chrome::new(
        &state,
        &caller,
        format!("{label} — timeline"),
        Section::Timeline,
    );
    chrome.canonical = Some(format!(
        "{}/timeline/{}",
        state.site().base_url,
        year_text(year)
    ));
    Ok(html_ok(&TimelinePage {
        page: chrome,
        heading: label.clone(),
        lede: format!(
            "{} whose date starts in {label}, by month. A document dated only to the year is \
             counted in January.",
            view::count_noun(total, "document", "documents")
        ),
        trail: vec![("Timeline".into(), "/timeline".into())],
        decades: Vec::new(),
        periods,
        periods_label: "Months",
        all_href: url::with_query(
            "/search",
            [
                ("from", year.to_string().as_str()),
                ("to", year.to_string().as_str()),
                ("sort", "date"),
            ],
        ),
        all_label: format!("All documents of {label}"),
    }))
}

/// `GET /timeline/{year}/{month}`: the days of a month, each leading to its documents.
pub async fn days(
    State(state): State<AppState>,
    caller: Caller,
    Path((year, month)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let not_found = || AppError::not_found(format!("no month {year}-{month}"));
    let y = parse_year(&year).ok_or_else(|| PageError::new(&state, not_found()))?;
    let m = month
        .parse::<u8>()
        .ok()
        .filter(|m| (1..=12).contains(m))
        .ok_or_else(|| PageError::new(&state, not_found()))?;
    let month_key = format!("{}-{m:02}", year_text(y));
    let counts = histogram(
        &state,
        &caller,
        format!("date:{month_key}"),
        Granularity::Day,
    )
    .await?;
    let prefix = format!("{month_key}-");
    let by_day: Vec<(u8, u64, String)> = counts
        .iter()
        .filter_map(|c| {
            let day = c.period.strip_prefix(&prefix)?.parse::<u8>().ok()?;
            Some((day, c.count, c.period.clone()))
        })
        .collect();
    let total: u64 = by_day.iter().map(|d| d.1).sum();
    if total == 0 {
        return Err(PageError::new(&state, not_found()));
    }
    let max = by_day.iter().map(|d| d.1).max().unwrap_or(1);
    let month_label = format!("{} {}", view::month_name(m), year_label(y));
    let periods = by_day
        .iter()
        .map(|(day, n, iso)| Period {
            label: format!("{day} {month_label}"),
            count: view::thousands(*n),
            n: *n,
            href: url::with_query("/search", [("date", iso.as_str()), ("sort", "date")]),
            share: bar_width(*n, max),
        })
        .collect();
    let mut chrome = Chrome::new(
        &state,
        &caller,
        format!("{month_label} — timeline"),
        Section::Timeline,
    );
    chrome.canonical = Some(format!(
        "{}/timeline/{}/{m:02}",
        state.site().base_url,
        year_text(y)
    ));
    Ok(html_ok(&TimelinePage {
        page: chrome,
        heading: month_label.clone(),
        lede: format!(
            "{} whose date starts in {month_label}, by day. A document dated only to the month is \
             counted on the first.",
            view::count_noun(total, "document", "documents")
        ),
        trail: vec![
            ("Timeline".into(), "/timeline".into()),
            (year_label(y), format!("/timeline/{}", year_text(y))),
        ],
        decades: Vec::new(),
        periods,
        periods_label: "Days",
        all_href: url::with_query("/search", [("date", month_key.as_str()), ("sort", "date")]),
        all_label: format!("All documents of {month_label}"),
    }))
}
