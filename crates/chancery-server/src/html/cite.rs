//! "Cite this": a document formatted in Chicago, APA and MLA for its page, and
//! `/documents/{id}/cite?style=…` serving a citation as a download (BibTeX, RIS, CSL-JSON,
//! or a formatted style as plain text).

use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chancery_formats::cite::{self, CiteContext, Style};
use chancery_model::Document;

use super::document::load_visible;
use super::error::{OrPage, PageError};
use super::markup::Markup;
use super::url;
use crate::auth::caller::Caller;
use crate::error::AppError;
use crate::state::AppState;

/// One formatted citation on a document page.
#[derive(Debug, Clone)]
pub struct Citation {
    /// The style's name as readers know it.
    pub label: &'static str,
    /// The style's machine name (element ids, the download's address).
    pub name: &'static str,
    /// The citation as HTML (escaped by the formatter; titles in italics).
    pub html: Markup,
    /// The citation as plain text (what "copy" copies).
    pub text: String,
    /// The plain-text download.
    pub href: String,
}

/// A download offered beside the citations.
#[derive(Debug, Clone)]
pub struct Download {
    /// The format's name.
    pub label: &'static str,
    /// Its address.
    pub href: String,
    /// The file's name.
    pub filename: String,
}

/// The context of a citation: this archive, the document's canonical page, today.
pub fn context(state: &AppState, doc: &Document) -> CiteContext {
    let now = state.now().to_zoned_datetime(jiff::tz::TimeZone::UTC);
    CiteContext {
        archive: state.site().name.clone(),
        archive_url: format!("{}{}", state.site().base_url, url::document_id(doc.id)),
        accessed: now.date(),
    }
}

/// The styles a document page shows (the Chicago bibliography entry is a download).
const SHOWN: [Style; 3] = [Style::ChicagoNote, Style::Apa, Style::Mla];

/// The formatted citations of `doc` (styles the formatter could not format are left out,
/// and logged).
pub fn citations(doc: &Document, ctx: &CiteContext) -> Vec<Citation> {
    SHOWN
        .iter()
        .filter_map(|&style| match cite::formatted(doc, ctx, style) {
            Ok(f) => Some(Citation {
                label: style.label(),
                name: style.name(),
                html: Markup::trusted(f.html),
                text: f.text,
                href: url::with_query(&format!("{}/cite", url::document_id(doc.id)), [("style", style.name())]),
            }),
            Err(e) => {
                tracing::warn!(id = %doc.id, style = style.name(), error = %e, "a citation could not be formatted");
                None
            }
        })
        .collect()
}

/// The downloads of `doc`'s citation.
pub fn downloads(doc: &Document) -> Vec<Download> {
    let base = format!("{}/cite", url::document_id(doc.id));
    [
        ("BibTeX", "bibtex", "bib"),
        ("RIS", "ris", "ris"),
        ("CSL-JSON", "csl-json", "json"),
    ]
    .into_iter()
    .map(|(label, style, ext)| Download {
        label,
        href: url::with_query(&base, [("style", style)]),
        filename: format!("{}.{ext}", doc.id),
    })
    .collect()
}

/// What `?style=` asks for.
enum Wanted {
    Formatted(Style),
    Bibtex,
    Ris,
    CslJson,
}

fn wanted(raw: Option<&str>) -> Result<Wanted, AppError> {
    let style = url::parse_query(raw)
        .into_iter()
        .find(|(k, _)| k == "style")
        .map(|(_, v)| v)
        .unwrap_or_else(|| "chicago".into());
    match style.trim().to_ascii_lowercase().as_str() {
        "bibtex" | "bib" => Ok(Wanted::Bibtex),
        "ris" => Ok(Wanted::Ris),
        "csl-json" | "csl" | "json" => Ok(Wanted::CslJson),
        other => other.parse::<Style>().map(Wanted::Formatted).map_err(|_| {
            AppError::bad_parameter(
                "style",
                format!(
                    "'{other}' is not a citation format: use chicago, chicago-bibliography, apa, \
                     mla, bibtex, ris or csl-json"
                ),
            )
        }),
    }
}

/// `GET /documents/{id}/cite?style=chicago|apa|mla|bibtex|ris|csl-json`: the citation as a
/// file to save.
pub async fn download(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, PageError> {
    let wanted = wanted(raw.as_deref()).or_page(&state)?;
    let gate = caller.gate();
    let doc = state
        .blocking(move |state| load_visible(&state, &gate, &id))
        .await
        .or_page(&state)?;
    let ctx = context(&state, &doc);
    let (body, media_type, ext) = match wanted {
        Wanted::Bibtex => (
            cite::bibtex(&doc, &ctx),
            "application/x-bibtex; charset=utf-8",
            "bib",
        ),
        Wanted::Ris => (
            cite::ris(&doc, &ctx),
            "application/x-research-info-systems; charset=utf-8",
            "ris",
        ),
        Wanted::CslJson => (
            serde_json::to_string_pretty(&serde_json::Value::Array(vec![cite::csl_json(
                &doc, &ctx,
            )]))
            .unwrap_or_else(|_| "[]".into()),
            "application/vnd.citationstyles.csl+json",
            "json",
        ),
        Wanted::Formatted(style) => match cite::formatted(&doc, &ctx, style) {
            Ok(f) => (format!("{}\n", f.text), "text/plain; charset=utf-8", "txt"),
            Err(e) => {
                return Err(PageError::new(
                    &state,
                    AppError::Internal(format!("citation of {} in {style}: {e}", doc.id)),
                ));
            }
        },
    };
    let mut response = (StatusCode::OK, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(media_type));
    let disposition = format!("attachment; filename=\"{}.{ext}\"", doc.id);
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}
