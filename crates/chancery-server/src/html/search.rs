//! The search page: the query language, facets that add filters, active filters as
//! removable chips, the year histogram with a narrowable range, highlighted snippets, sorting,
//! pagination, and helpful pages for no results and for a malformed query.
//!
//! Filters chosen from facets travel as their own parameters (`type`, `lang`, `collection`,
//! `decade`, `year`, `date`, `from`, `to`) beside the typed query `q`, so the search box keeps
//! what the reader typed and each filter can be removed on its own. They are joined into one
//! query of the query language for the index.

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chancery_index::query::{self, HELP, Node};
use chancery_index::{FacetCount, Facets, SearchRequest, SearchResults, Snippet, Sort};
use chancery_model::DocType;

use super::error::{OrPage, PageError, QueryFault};
use super::histogram::{self, Histogram};
use super::markup::Markup;
use super::view::{self, DocLink};
use super::{Chrome, Section, html_response, url};
use crate::auth::caller::Caller;
use crate::error::AppError;
use crate::http::caching::Validator;
use crate::names::{self, Labels};
use crate::state::AppState;

/// Results on one page.
pub const PAGE_SIZE: usize = 20;
/// The deepest page offered: results beyond `MAX_PAGE * PAGE_SIZE` are reached by narrowing
/// the search, not by paging.
pub const MAX_PAGE: usize = 50;
/// Facet values shown before "more".
const FACET_SHOWN: usize = 8;
/// Values one filter parameter may hold.
const MAX_VALUES: usize = 10;

/// The order of results as the address names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    /// Best match first.
    Relevance,
    /// Oldest first.
    Date,
    /// Newest first.
    DateDesc,
}

impl SortKey {
    fn param(self) -> &'static str {
        match self {
            SortKey::Relevance => "relevance",
            SortKey::Date => "date",
            SortKey::DateDesc => "-date",
        }
    }

    fn sort(self) -> Sort {
        match self {
            SortKey::Relevance => Sort::Relevance,
            SortKey::Date => Sort::DateAscending,
            SortKey::DateDesc => Sort::DateDescending,
        }
    }
}

/// A facet field that can filter results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// `type`
    Type,
    /// `lang`
    Lang,
    /// `collection`
    Collection,
    /// `decade`
    Decade,
    /// `year`
    Year,
    /// `person`: a person's authority identifier.
    Person,
    /// `org`: an organization's authority identifier.
    Org,
    /// `place`: a place's authority identifier.
    Place,
}

impl Field {
    const ALL: [Field; 8] = [
        Field::Type,
        Field::Lang,
        Field::Collection,
        Field::Decade,
        Field::Year,
        Field::Person,
        Field::Org,
        Field::Place,
    ];

    /// The parameter's (and the query field's) name.
    pub fn name(self) -> &'static str {
        match self {
            Field::Type => "type",
            Field::Lang => "lang",
            Field::Collection => "collection",
            Field::Decade => "decade",
            Field::Year => "year",
            Field::Person => "person",
            Field::Org => "org",
            Field::Place => "place",
        }
    }

    /// Whether the values are authority identifiers (named through [`Labels`]).
    fn is_entity(self) -> bool {
        matches!(self, Field::Person | Field::Org | Field::Place)
    }

    fn heading(self) -> &'static str {
        match self {
            Field::Type => "Type",
            Field::Lang => "Language",
            Field::Collection => "Collection",
            Field::Decade => "Decade",
            Field::Year => "Year",
            Field::Person => "Person",
            Field::Org => "Organization",
            Field::Place => "Place",
        }
    }

    /// A value as readers see it (identifiers by the names in `labels`).
    fn label(self, value: &str, labels: &Labels) -> String {
        match self {
            Field::Type => view::type_label(Some(value)),
            Field::Lang => view::language_name(value),
            Field::Collection => view::collection_name(value),
            Field::Decade | Field::Year => value.to_string(),
            Field::Person | Field::Org | Field::Place => labels.name(value),
        }
    }

    /// Checks and normalizes a value given in the address.
    fn normalize(self, value: &str) -> Result<String, String> {
        let value = value.trim();
        match self {
            Field::Type => DocType::from_name(value)
                .map(|t| t.slug().to_string())
                .ok_or_else(|| format!("'{value}' is not a document type this archive knows")),
            Field::Lang => {
                if (2..=3).contains(&value.len()) && value.chars().all(|c| c.is_ascii_alphabetic())
                {
                    Ok(value.to_ascii_lowercase())
                } else {
                    Err(format!(
                        "'{value}' is not a two- or three-letter language code"
                    ))
                }
            }
            Field::Collection => {
                let slug = chancery_model::authority::slug(value);
                if slug.is_empty() {
                    Err(format!("'{value}' is not a collection identifier"))
                } else {
                    Ok(slug)
                }
            }
            Field::Decade => {
                let digits = value.strip_suffix('s').unwrap_or("");
                match digits.parse::<i64>() {
                    Ok(d) if d % 10 == 0 && d.abs() < 100_000 => Ok(format!("{d}s")),
                    _ => Err(format!("'{value}' is not a decade such as 1950s")),
                }
            }
            Field::Year => match value.parse::<i64>() {
                Ok(y) if y.abs() < 100_000 => Ok(y.to_string()),
                _ => Err(format!("'{value}' is not a year")),
            },
            Field::Person | Field::Org | Field::Place => {
                if names::is_valid_id(value) {
                    Ok(value.to_string())
                } else {
                    Err(format!("'{value}' is not an authority identifier"))
                }
            }
        }
    }
}

/// What the address asks for.
#[derive(Debug, Clone)]
pub struct Params {
    /// The typed query.
    pub q: String,
    /// Filters by field, each with its values (values of one field are alternatives).
    pub filters: Vec<(Field, Vec<String>)>,
    /// A date filter (EDTF or a range of them), as from the timeline.
    pub date: Option<String>,
    /// The first year of the chosen range.
    pub from: Option<i64>,
    /// The last year of the chosen range.
    pub to: Option<i64>,
    /// The order asked for, if any.
    pub sort: Option<SortKey>,
    /// The page, from 1.
    pub page: usize,
}

impl Params {
    /// Reads the parameters; unknown ones are ignored, bad values are errors naming the
    /// parameter.
    pub fn parse(raw: Option<&str>) -> Result<Self, AppError> {
        let mut params = Params {
            q: String::new(),
            filters: Field::ALL.iter().map(|f| (*f, Vec::new())).collect(),
            date: None,
            from: None,
            to: None,
            sort: None,
            page: 1,
        };
        for (name, value) in url::parse_query(raw) {
            match name.as_str() {
                "q" => params.q = value,
                "sort" => {
                    params.sort = match value.as_str() {
                        "relevance" | "" => Some(SortKey::Relevance),
                        "date" => Some(SortKey::Date),
                        "-date" => Some(SortKey::DateDesc),
                        other => {
                            return Err(AppError::bad_parameter(
                                "sort",
                                format!("'{other}' is not an order: use relevance, date or -date"),
                            ));
                        }
                    }
                }
                "page" => {
                    let page: usize = value.trim().parse().map_err(|_| {
                        AppError::bad_parameter("page", format!("'{value}' is not a page number"))
                    })?;
                    if page == 0 || page > MAX_PAGE {
                        return Err(AppError::bad_parameter(
                            "page",
                            format!(
                                "pages run from 1 to {MAX_PAGE}; to see results further down, \
                                 narrow the search with filters or a date range"
                            ),
                        ));
                    }
                    params.page = page;
                }
                "from" | "to" => {
                    let trimmed = value.trim();
                    if trimmed.is_empty() {
                        continue;
                    }
                    let year: i64 = trimmed
                        .parse()
                        .ok()
                        .filter(|y: &i64| y.abs() < 100_000)
                        .ok_or_else(|| {
                            AppError::bad_parameter(
                                if name == "from" { "from" } else { "to" },
                                format!("'{trimmed}' is not a year"),
                            )
                        })?;
                    if name == "from" {
                        params.from = Some(year);
                    } else {
                        params.to = Some(year);
                    }
                }
                "date" => {
                    let trimmed = value.trim();
                    if trimmed.is_empty() {
                        continue;
                    }
                    let ok = trimmed.len() <= 64
                        && trimmed.chars().all(|c| {
                            c.is_ascii_digit() || matches!(c, '-' | '.' | '/' | 'X' | '?' | '~')
                        });
                    if !ok || query::parse(&format!("date:{trimmed}")).is_err() {
                        return Err(AppError::bad_parameter(
                            "date",
                            format!("'{trimmed}' is not a date such as 1950-06-27 or 1950-06"),
                        ));
                    }
                    params.date = Some(trimmed.to_string());
                }
                other => {
                    if let Some(field) = Field::ALL.iter().find(|f| f.name() == other) {
                        if value.trim().is_empty() {
                            continue;
                        }
                        let normalized = field
                            .normalize(&value)
                            .map_err(|message| AppError::bad_parameter(field.name(), message))?;
                        let values = params.values_mut(*field);
                        if !values.contains(&normalized) {
                            if values.len() >= MAX_VALUES {
                                return Err(AppError::bad_parameter(
                                    field.name(),
                                    format!("at most {MAX_VALUES} values of one filter"),
                                ));
                            }
                            values.push(normalized);
                        }
                    }
                }
            }
        }
        if let (Some(from), Some(to)) = (params.from, params.to)
            && from > to
        {
            params.from = Some(to);
            params.to = Some(from);
        }
        Ok(params)
    }

    fn values_mut(&mut self, field: Field) -> &mut Vec<String> {
        let at = self
            .filters
            .iter()
            .position(|(f, _)| *f == field)
            .unwrap_or(0);
        &mut self.filters[at].1
    }

    /// The values of a filter.
    pub fn values(&self, field: Field) -> &[String] {
        self.filters
            .iter()
            .find(|(f, _)| *f == field)
            .map_or(&[][..], |(_, v)| v.as_slice())
    }

    /// Whether any filter is set.
    pub fn has_filters(&self) -> bool {
        self.filters.iter().any(|(_, v)| !v.is_empty())
            || self.date.is_some()
            || self.from.is_some()
            || self.to.is_some()
    }

    /// The order to use: as asked, else relevance for a typed query and date for browsing.
    pub fn effective_sort(&self) -> SortKey {
        self.sort.unwrap_or(if self.q.trim().is_empty() {
            SortKey::Date
        } else {
            SortKey::Relevance
        })
    }

    /// The query for the index: the typed query in parentheses and every filter.
    pub fn index_query(&self, with_dates: bool) -> String {
        let mut parts: Vec<String> = Vec::new();
        if !self.q.trim().is_empty() {
            parts.push(format!("({})", self.q));
        }
        for (field, values) in &self.filters {
            if !with_dates && matches!(field, Field::Decade | Field::Year) {
                continue;
            }
            // Identifiers are quoted (they hold `:`); they never hold a quote.
            let values: Vec<String> = if field.is_entity() {
                values.iter().map(|v| format!("\"{v}\"")).collect()
            } else {
                values.clone()
            };
            match values.len() {
                0 => {}
                1 => parts.push(format!("{}:{}", field.name(), values[0])),
                _ => parts.push(format!("{}:({})", field.name(), values.join(" OR "))),
            }
        }
        if with_dates {
            if let Some(date) = &self.date {
                parts.push(format!("date:{date}"));
            }
            match (self.from, self.to) {
                (Some(f), Some(t)) => parts.push(format!("year:{f}..{t}")),
                (Some(f), None) => parts.push(format!("year:{f}..")),
                (None, Some(t)) => parts.push(format!("year:..{t}")),
                (None, None) => {}
            }
        }
        parts.join(" ")
    }

    /// The address of these parameters on `path`, after `change` (which may edit a copy);
    /// the page goes back to the first unless `change` sets it.
    pub fn href_on(&self, path: &str, change: impl FnOnce(&mut Params)) -> String {
        let mut p = self.clone();
        p.page = 1;
        change(&mut p);
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if !p.q.is_empty() {
            pairs.push(("q", p.q.clone()));
        }
        for (field, values) in &p.filters {
            for v in values {
                pairs.push((field.name(), v.clone()));
            }
        }
        if let Some(d) = &p.date {
            pairs.push(("date", d.clone()));
        }
        if let Some(f) = p.from {
            pairs.push(("from", f.to_string()));
        }
        if let Some(t) = p.to {
            pairs.push(("to", t.to_string()));
        }
        if let Some(s) = p.sort {
            pairs.push(("sort", s.param().to_string()));
        }
        if p.page > 1 {
            pairs.push(("page", p.page.to_string()));
        }
        url::with_query(path, pairs.iter().map(|(k, v)| (*k, v.as_str())))
    }

    /// Hidden form fields carrying everything but `q`, the year range and the page.
    fn hidden_fields(&self, keep_q: bool) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if keep_q && !self.q.is_empty() {
            out.push(("q", self.q.clone()));
        }
        for (field, values) in &self.filters {
            for v in values {
                out.push((field.name(), v.clone()));
            }
        }
        if let Some(d) = &self.date {
            out.push(("date", d.clone()));
        }
        if let Some(s) = self.sort {
            out.push(("sort", s.param().to_string()));
        }
        out
    }
}

/// One entry of a facet.
#[derive(Debug, Clone)]
pub struct FacetEntry {
    /// What it is.
    pub label: String,
    /// How many results have it.
    pub count: String,
    /// The results with this filter added (or removed, when active).
    pub href: String,
    /// Whether the filter is on.
    pub active: bool,
}

/// A facet in the sidebar.
#[derive(Debug, Clone)]
pub struct FacetGroup {
    /// Its heading.
    pub heading: &'static str,
    /// A stable id for the heading.
    pub id: &'static str,
    /// The first entries.
    pub shown: Vec<FacetEntry>,
    /// The rest, behind "more".
    pub more: Vec<FacetEntry>,
}

/// An active filter, removable.
#[derive(Debug, Clone)]
pub struct Chip {
    /// What it filters by ("Type").
    pub field: &'static str,
    /// Its value as readers see it.
    pub value: String,
    /// The results without it.
    pub remove: String,
}

/// A choice of order.
#[derive(Debug, Clone)]
pub struct SortLink {
    /// Its name.
    pub label: &'static str,
    /// The results in that order.
    pub href: String,
    /// Whether it is the order in use.
    pub current: bool,
}

/// One link of the pagination.
#[derive(Debug, Clone)]
pub struct PageLink {
    /// The page number, or empty for a gap ("…").
    pub number: String,
    /// Its address (empty for a gap).
    pub href: String,
    /// Whether it is the page shown.
    pub current: bool,
}

/// The pagination of a result list.
#[derive(Debug, Clone, Default)]
pub struct Pagination {
    /// The previous page.
    pub prev: Option<String>,
    /// The next page.
    pub next: Option<String>,
    /// Numbered pages, with gaps.
    pub pages: Vec<PageLink>,
    /// Whether results go on beyond the last page offered.
    pub truncated: bool,
}

/// One result.
#[derive(Debug, Clone)]
pub struct HitView {
    /// The document.
    pub link: DocLink,
    /// The best passage, query words marked.
    pub snippet: Markup,
}

/// A suggestion on the no-results page.
#[derive(Debug, Clone)]
pub struct Suggestion {
    /// What to do.
    pub text: String,
    /// Where it leads.
    pub href: String,
}

/// The year range form: its values and the fields it carries along.
#[derive(Debug, Clone)]
pub struct RangeForm {
    /// The first year, as typed.
    pub from: String,
    /// The last year, as typed.
    pub to: String,
    /// Hidden fields.
    pub hidden: Vec<(&'static str, String)>,
    /// The address that clears the range.
    pub clear: Option<String>,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    page: Chrome,
    heading: String,
    summary: String,
    hits: Vec<HitView>,
    first_number: usize,
    facets: Vec<FacetGroup>,
    chips: Vec<Chip>,
    clear_all: Option<String>,
    sorts: Vec<SortLink>,
    pagination: Pagination,
    histogram: Option<Histogram>,
    range: RangeForm,
    fault: Option<QueryFault>,
    suggestions: Vec<Suggestion>,
    ignored: Vec<String>,
    help: &'static str,
    show_help: bool,
}

/// `GET /search?q=…`.
pub async fn page(
    State(state): State<AppState>,
    caller: Caller,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let params = Params::parse(raw.as_deref()).or_page(&state)?;
    // Results depend on the parameters, what the index holds, the viewer and the day.
    let gate = caller.gate();
    let today = state
        .now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date()
        .to_string();
    let validator = Validator::from_parts(&[
        "search",
        raw.as_deref().unwrap_or_default(),
        &state.index().content_tag(),
        gate.cache_tag(),
        &caller.page_tag(),
        &today,
        &state.site().name,
    ]);
    if validator.is_fresh(&headers) {
        return Ok(validator.respond(&headers, || StatusCode::NOT_MODIFIED.into_response()));
    }
    let key = format!("search {}", validator.etag());
    if let Some(body) = super::cached_page(&caller, &key) {
        return Ok(validator.respond(&headers, || super::html_bytes(body)));
    }
    let show_help = url::parse_query(raw.as_deref())
        .iter()
        .any(|(k, _)| k == "help");
    // The typed query alone, so that an error points into what the reader typed.
    let parsed = match query::parse(&params.q) {
        Ok(parsed) => parsed,
        Err(error) => {
            let fault = QueryFault::new(&params.q, &error);
            let for_labels = params.clone();
            let labels = state
                .blocking(move |state| entity_labels(&state, &for_labels, None))
                .await
                .or_page(&state)?;
            let mut chrome = Chrome::new(
                &state,
                &caller,
                "The search could not be read",
                Section::Search,
            );
            chrome.query = params.q.clone();
            chrome.noindex = true;
            let page = SearchPage {
                page: chrome,
                heading: "The search could not be read".into(),
                summary: String::new(),
                hits: Vec::new(),
                first_number: 1,
                facets: Vec::new(),
                chips: chips(&params, &labels),
                clear_all: None,
                sorts: Vec::new(),
                pagination: Pagination::default(),
                histogram: None,
                range: range_form(&params),
                fault: Some(fault),
                suggestions: Vec::new(),
                ignored: Vec::new(),
                help: HELP,
                show_help: true,
            };
            return Ok(html_response(StatusCode::BAD_REQUEST, &page));
        }
    };
    let ignored: Vec<String> = parsed
        .ignored
        .iter()
        .filter_map(|s| params.q.get(s.start..s.end).map(str::to_string))
        .collect();
    let full = params.index_query(true);
    if let Err(error) = query::parse(&full) {
        // Only the joining can fail here (too many clauses or nesting with the filters).
        return Err(PageError::new(
            &state,
            AppError::bad_parameter(
                "q",
                format!(
                    "the search is too complex with its filters: {}",
                    error.message
                ),
            ),
        ));
    }
    let date_filtered = params.values(Field::Decade).len()
        + params.values(Field::Year).len()
        + usize::from(params.from.is_some() || params.to.is_some() || params.date.is_some())
        > 0;
    let sort = params.effective_sort();
    let visibility = gate.visibility();
    let page_number = params.page;
    let undated_query = params.index_query(false);
    let for_labels = params.clone();
    let (results, undated_years, labels) = state
        .blocking(move |state| {
            let store = state.store();
            let index = state.index();
            let mut request = SearchRequest::new(full);
            request.sort = sort.sort();
            request.limit = PAGE_SIZE;
            request.offset = (page_number - 1) * PAGE_SIZE;
            request.facets = true;
            request.snippets = true;
            request.visibility = visibility.clone();
            let results = index.search(&request, store.as_ref())?;
            // The histogram shows the results before any date filter, so the range can be
            // widened again as well as narrowed.
            let years = if date_filtered {
                let mut request = SearchRequest::new(undated_query);
                request.limit = 1;
                request.facets = true;
                request.snippets = false;
                request.visibility = visibility;
                index
                    .search(&request, store.as_ref())?
                    .facets
                    .map(|f| f.year)
            } else {
                None
            };
            let labels = entity_labels(&state, &for_labels, results.facets.as_ref())?;
            Ok((results, years, labels))
        })
        .await
        .or_page(&state)?;
    let chrome = Chrome::new(
        &state,
        &caller,
        if params.q.trim().is_empty() {
            "Documents".to_string()
        } else {
            format!("{} — search", params.q.trim())
        },
        Section::Search,
    );
    let page = results_page(
        chrome,
        &params,
        parsed,
        (results, labels),
        undated_years,
        ignored,
        show_help,
    );
    Ok(validator.respond(&headers, || super::html_cached(&caller, &key, &page)))
}

fn results_page(
    mut chrome: Chrome,
    params: &Params,
    parsed: query::Query,
    (results, labels): (SearchResults, Labels),
    undated_years: Option<Vec<FacetCount>>,
    ignored: Vec<String>,
    show_help: bool,
) -> SearchPage {
    let facets = results.facets.clone().unwrap_or_default();
    let total = results.total;
    let pages_total = usize::try_from(total)
        .unwrap_or(usize::MAX)
        .div_ceil(PAGE_SIZE)
        .max(1);
    let last_page = pages_total.min(MAX_PAGE);

    chrome.query = params.q.clone();
    // Result pages are for readers, not for search engines' indexes.
    chrome.noindex = true;
    let pagination = pagination(params, last_page, pages_total > MAX_PAGE, "/search");
    if let Some(prev) = &pagination.prev {
        chrome.links.push(("prev", prev.clone()));
    }
    if let Some(next) = &pagination.next {
        chrome.links.push(("next", next.clone()));
    }

    let hits: Vec<HitView> = results
        .hits
        .iter()
        .map(|hit| HitView {
            link: DocLink::from_hit(hit),
            snippet: hit.passage.as_ref().map(snippet_markup).unwrap_or_default(),
        })
        .collect();
    let years: Vec<(i64, u64)> = undated_years
        .unwrap_or_else(|| facets.year.clone())
        .iter()
        .filter_map(|f| Some((f.value.parse::<i64>().ok()?, f.count)))
        .collect();
    let histogram = histogram::draw(
        &years,
        |first, last| {
            params.href_on("/search", |p| {
                p.values_mut(Field::Year).clear();
                p.values_mut(Field::Decade).clear();
                p.date = None;
                p.from = Some(first);
                p.to = Some(last);
            })
        },
        |year| in_range(params, year),
    );
    let heading = if params.q.trim().is_empty() {
        if params.has_filters() {
            "Documents".to_string()
        } else {
            "All documents".to_string()
        }
    } else {
        format!("Results for “{}”", params.q.trim())
    };
    let summary = if total == 0 {
        "No documents match.".to_string()
    } else {
        let first = (params.page - 1) * PAGE_SIZE + 1;
        let last = (first + hits.len()).saturating_sub(1);
        format!(
            "{} match{}; showing {}–{}.",
            view::count_noun(total, "document", "documents"),
            if total == 1 { "es" } else { "" },
            view::thousands(first as u64),
            view::thousands(last as u64),
        )
    };
    let suggestions = if total == 0 {
        suggestions(params, &parsed)
    } else {
        Vec::new()
    };
    SearchPage {
        heading,
        summary,
        first_number: (params.page - 1) * PAGE_SIZE + 1,
        facets: facet_groups(params, &facets, "/search", &labels),
        chips: chips(params, &labels),
        clear_all: params
            .has_filters()
            .then(|| url::with_query("/search", [("q", params.q.as_str())])),
        sorts: sort_links(params, "/search"),
        pagination,
        histogram,
        range: range_form(params),
        fault: None,
        suggestions,
        ignored,
        help: HELP,
        show_help: show_help || total == 0,
        hits,
        page: chrome,
    }
}

/// The names of the persons, organizations and places in `facets` and in the filters.
pub fn entity_labels(
    state: &AppState,
    params: &Params,
    facets: Option<&Facets>,
) -> Result<Labels, AppError> {
    let from_facets = facets
        .into_iter()
        .flat_map(|f| f.person.iter().chain(&f.org).chain(&f.place))
        .map(|f| f.value.as_str());
    let from_filters = [Field::Person, Field::Org, Field::Place]
        .into_iter()
        .flat_map(|field| params.values(field).iter().map(String::as_str));
    state
        .names()
        .labels(state.store().as_ref(), from_facets.chain(from_filters))
}

/// Whether `year` lies in the year range chosen (or a year or decade filter).
fn in_range(params: &Params, year: i64) -> bool {
    let ranged = params.from.is_some() || params.to.is_some();
    let in_from_to =
        ranged && params.from.is_none_or(|f| year >= f) && params.to.is_none_or(|t| year <= t);
    let in_years = params
        .values(Field::Year)
        .iter()
        .any(|y| y == &year.to_string());
    let in_decades = params
        .values(Field::Decade)
        .iter()
        .any(|d| d == &format!("{}s", year.div_euclid(10) * 10));
    in_from_to || in_years || in_decades
}

/// A snippet as HTML: its text escaped, the marked ranges in `<mark>`.
pub fn snippet_markup(snippet: &Snippet) -> Markup {
    let mut out = Markup::new();
    let text = snippet.text.as_str();
    let mut at = 0;
    for &(start, end) in &snippet.highlights {
        let (Some(before), Some(marked)) = (text.get(at..start), text.get(start..end)) else {
            continue;
        };
        out.push_text(before);
        out.push_raw("<mark>");
        out.push_text(marked);
        out.push_raw("</mark>");
        at = end;
    }
    out.push_text(text.get(at..).unwrap_or_default());
    out
}

/// The facets of a result set, each entry adding its filter (or removing it when on).
pub fn facet_groups(
    params: &Params,
    facets: &Facets,
    path: &str,
    labels: &Labels,
) -> Vec<FacetGroup> {
    let groups: [(Field, &'static str, &Vec<FacetCount>); 7] = [
        (Field::Type, "facet-type", &facets.doc_type),
        (Field::Lang, "facet-lang", &facets.language),
        (Field::Collection, "facet-collection", &facets.collection),
        (Field::Person, "facet-person", &facets.person),
        (Field::Org, "facet-org", &facets.org),
        (Field::Place, "facet-place", &facets.place),
        (Field::Decade, "facet-decade", &facets.decade),
    ];
    groups
        .into_iter()
        .filter(|(_, _, counts)| !counts.is_empty())
        .map(|(field, id, counts)| {
            let mut entries: Vec<FacetEntry> = counts
                .iter()
                .map(|fc| {
                    let active = params.values(field).contains(&fc.value);
                    let value = fc.value.clone();
                    FacetEntry {
                        label: field.label(&fc.value, labels),
                        count: view::thousands(fc.count),
                        href: params.href_on(path, |p| {
                            let values = p.values_mut(field);
                            if active {
                                values.retain(|v| v != &value);
                            } else {
                                values.push(value.clone());
                            }
                        }),
                        active,
                    }
                })
                .collect();
            // Active entries first, so they are never hidden behind "more".
            entries.sort_by_key(|e| !e.active);
            let more = if entries.len() > FACET_SHOWN + 2 {
                entries.split_off(FACET_SHOWN)
            } else {
                Vec::new()
            };
            FacetGroup {
                heading: field.heading(),
                id,
                shown: entries,
                more,
            }
        })
        .collect()
}

/// The active filters as chips.
pub fn chips(params: &Params, labels: &Labels) -> Vec<Chip> {
    chips_on(params, "/search", labels)
}

/// The active filters as chips, removal links on `path`.
pub fn chips_on(params: &Params, path: &str, labels: &Labels) -> Vec<Chip> {
    let mut out = Vec::new();
    for (field, values) in &params.filters {
        for value in values {
            let v = value.clone();
            let field = *field;
            out.push(Chip {
                field: field.heading(),
                value: field.label(value, labels),
                remove: params.href_on(path, |p| p.values_mut(field).retain(|x| x != &v)),
            });
        }
    }
    if let Some(date) = &params.date {
        out.push(Chip {
            field: "Date",
            value: chancery_model::DocDate::parse_edtf(date)
                .map(|d| d.readable())
                .unwrap_or_else(|_| date.clone()),
            remove: params.href_on(path, |p| p.date = None),
        });
    }
    if params.from.is_some() || params.to.is_some() {
        let value = match (params.from, params.to) {
            (Some(f), Some(t)) if f == t => f.to_string(),
            (Some(f), Some(t)) => format!("{f}–{t}"),
            (Some(f), None) => format!("from {f}"),
            (None, Some(t)) => format!("until {t}"),
            (None, None) => String::new(),
        };
        out.push(Chip {
            field: "Years",
            value,
            remove: params.href_on(path, |p| {
                p.from = None;
                p.to = None;
            }),
        });
    }
    out
}

/// The orders offered.
pub fn sort_links(params: &Params, path: &str) -> Vec<SortLink> {
    let current = params.effective_sort();
    [
        ("Relevance", SortKey::Relevance),
        ("Oldest first", SortKey::Date),
        ("Newest first", SortKey::DateDesc),
    ]
    .into_iter()
    .map(|(label, key)| SortLink {
        label,
        href: params.href_on(path, |p| p.sort = Some(key)),
        current: key == current,
    })
    .collect()
}

/// Pagination links around the current page.
pub fn pagination(params: &Params, last_page: usize, truncated: bool, path: &str) -> Pagination {
    let current = params.page;
    let link = |n: usize| params.href_on(path, |p| p.page = n);
    let mut pages = Vec::new();
    if last_page > 1 {
        let mut shown: Vec<usize> = vec![1, last_page];
        for n in current.saturating_sub(2)..=current + 2 {
            if (1..=last_page).contains(&n) {
                shown.push(n);
            }
        }
        shown.sort_unstable();
        shown.dedup();
        let mut previous = 0;
        for n in shown {
            if n > previous + 1 {
                pages.push(PageLink {
                    number: String::new(),
                    href: String::new(),
                    current: false,
                });
            }
            pages.push(PageLink {
                number: n.to_string(),
                href: link(n),
                current: n == current,
            });
            previous = n;
        }
    }
    Pagination {
        prev: (current > 1).then(|| link(current - 1)),
        next: (current < last_page).then(|| link(current + 1)),
        pages,
        truncated: truncated && current == last_page,
    }
}

fn range_form(params: &Params) -> RangeForm {
    RangeForm {
        from: params.from.map(|f| f.to_string()).unwrap_or_default(),
        to: params.to.map(|t| t.to_string()).unwrap_or_default(),
        hidden: params.hidden_fields(true),
        clear: (params.from.is_some() || params.to.is_some()).then(|| {
            params.href_on("/search", |p| {
                p.from = None;
                p.to = None;
            })
        }),
    }
}

/// What to try when nothing matched.
fn suggestions(params: &Params, parsed: &query::Query) -> Vec<Suggestion> {
    let mut out = Vec::new();
    if params.has_filters() {
        out.push(Suggestion {
            text: if params.q.trim().is_empty() {
                "Remove the filters".to_string()
            } else {
                format!("Search for “{}” without the filters", params.q.trim())
            },
            href: url::with_query("/search", [("q", params.q.as_str())]),
        });
    }
    // Allow for misspellings: every plain word becomes a fuzzy word.
    let mut fuzzy = params.q.clone();
    let mut terms: Vec<(usize, usize)> = Vec::new();
    collect_terms(&parsed.root, false, &mut terms);
    if !terms.is_empty() {
        terms.sort_unstable();
        for (_, end) in terms.iter().rev() {
            if fuzzy.is_char_boundary(*end) {
                fuzzy.insert(*end, '~');
            }
        }
        out.push(Suggestion {
            text: format!("Allow for spelling differences: {fuzzy}"),
            href: params.href_on("/search", |p| p.q = fuzzy.clone()),
        });
    }
    if parsed.positive_terms().len() > 2 {
        out.push(Suggestion {
            text: "Use fewer words, or OR between alternatives".to_string(),
            href: "#query-help".to_string(),
        });
    }
    out
}

/// The spans of plain positive words (not in phrases, not excluded).
fn collect_terms(node: &Node, negated: bool, out: &mut Vec<(usize, usize)>) {
    match node {
        Node::Term { span, .. } if !negated => out.push((span.start, span.end)),
        Node::Title(inner) => collect_terms(inner, negated, out),
        Node::Not(inner) => collect_terms(inner, !negated, out),
        Node::And(children) | Node::Or(children) => {
            for c in children {
                collect_terms(c, negated, out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_join_the_typed_query() {
        let p = Params::parse(Some(
            "q=Kirk+OR+Gromyko&type=telegram&type=aide-memoire&lang=EN&from=1955&to=1950",
        ))
        .unwrap();
        assert_eq!(
            p.index_query(true),
            "(Kirk OR Gromyko) type:(telegram OR aide-memoire) lang:en year:1950..1955"
        );
        assert!(query::parse(&p.index_query(true)).is_ok());
        assert_eq!(
            p.index_query(false),
            "(Kirk OR Gromyko) type:(telegram OR aide-memoire) lang:en"
        );
        let href = p.href_on("/search", |p| p.values_mut(Field::Type).clear());
        assert_eq!(href, "/search?q=Kirk+OR+Gromyko&lang=en&from=1950&to=1955");
    }

    #[test]
    fn entity_filters_are_quoted_identifiers() {
        let p = Params::parse(Some(
            "person=kirk-alan-goodrich&place=place:moscow&place=place:x",
        ))
        .unwrap();
        let q = p.index_query(true);
        assert_eq!(
            q,
            "person:\"kirk-alan-goodrich\" place:(\"place:moscow\" OR \"place:x\")"
        );
        assert!(query::parse(&q).is_ok());
        assert!(Params::parse(Some("org=a%22b")).is_err());
    }

    #[test]
    fn bad_parameters_are_named() {
        for raw in [
            "type=shopping-list",
            "page=0",
            "page=x",
            "sort=up",
            "decade=1955s",
            "date=<x>",
        ] {
            match Params::parse(Some(raw)) {
                Err(AppError::BadRequest { .. }) => {}
                other => panic!("{raw}: {other:?}"),
            }
        }
    }
}
