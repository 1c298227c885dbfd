//! `/api/v1/authorities`: the persons, organizations and places documents are linked to.
//! One record by identifier (the archive's own authority records, else the built-in
//! baseline gazetteer's), and the archive's own records in name order, in pages.
//!
//! Authority records are not documents: they are public whoever asks. What documents say of
//! an entity is found through the documents and search endpoints (`person:`, `org:`,
//! `place:` filters), which go through the caller's gate.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use chancery_model::Authority;
use serde::Serialize;
use utoipa::{IntoParams, ToSchema};

use super::cached_json;
use super::params::{Params, PathId};
use super::schema::ErrorSchema;
use crate::error::{ApiError, AppError};
use crate::http::caching::Validator;
use crate::names::{Kind, Origin};
use crate::state::AppState;

/// The parameters of `GET /api/v1/authorities`.
pub const LIST_PARAMETERS: &[&str] = &["kind", "limit", "cursor"];

/// What a record names.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AuthorityKind {
    /// A person.
    Person,
    /// An organization, government or office.
    Organization,
    /// A place.
    Place,
}

/// Where a record comes from.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AuthoritySource {
    /// The archive's own authority records.
    Archive,
    /// The built-in baseline gazetteer.
    Baseline,
}

/// A position held.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuthorityPosition {
    /// The title.
    pub title: String,
    /// Whose office it is: an identifier or a name.
    pub organization: Option<String>,
    /// Where it was held: an identifier or a name.
    pub place: Option<String>,
    /// When, as EDTF.
    pub dates: Option<String>,
}

/// An identifier in another authority file.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuthorityIdentifier {
    /// The authority file (`viaf`, `wikidata`, `pocom`, …).
    pub scheme: String,
    /// The identifier there.
    pub value: String,
}

/// A person, organization or place.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuthorityRecord {
    /// The identifier documents link to.
    #[schema(example = "kirk-alan-goodrich")]
    pub id: String,
    /// What it names.
    pub kind: AuthorityKind,
    /// The name to show.
    pub preferred_name: String,
    /// Other names and spellings.
    pub alternate_names: Vec<String>,
    /// Life (persons) or existence (organizations) dates, as EDTF.
    pub dates: Option<String>,
    /// Positions held (persons).
    pub positions: Vec<AuthorityPosition>,
    /// Identifiers in other authority files.
    pub identifiers: Vec<AuthorityIdentifier>,
    /// Free notes.
    pub notes: Option<String>,
    /// Where the record comes from.
    pub source: AuthoritySource,
    /// The entity's page in the reading room.
    pub page: String,
}

impl AuthorityRecord {
    fn new(record: Authority, origin: Origin) -> Self {
        let kind = Kind::of_record(&record);
        let page = kind.href(record.id());
        let source = match origin {
            Origin::Archive => AuthoritySource::Archive,
            Origin::Baseline => AuthoritySource::Baseline,
        };
        let kind_name = match kind {
            Kind::Person => AuthorityKind::Person,
            Kind::Organization => AuthorityKind::Organization,
            Kind::Place => AuthorityKind::Place,
        };
        let identifiers = |ids: Vec<chancery_model::ExternalId>| {
            ids.into_iter()
                .map(|i| AuthorityIdentifier {
                    scheme: i.scheme,
                    value: i.value,
                })
                .collect()
        };
        match record {
            Authority::Agent(a) => Self {
                id: a.id,
                kind: kind_name,
                preferred_name: a.preferred_name,
                alternate_names: a.alternate_names,
                dates: a.dates.map(|d| d.edtf().to_string()),
                positions: a
                    .positions
                    .into_iter()
                    .map(|p| AuthorityPosition {
                        title: p.title,
                        organization: p.organization,
                        place: p.place,
                        dates: p.dates.map(|d| d.edtf().to_string()),
                    })
                    .collect(),
                identifiers: identifiers(a.identifiers),
                notes: a.notes,
                source,
                page,
            },
            Authority::Place(p) => Self {
                id: p.id,
                kind: kind_name,
                preferred_name: p.preferred_name,
                alternate_names: p.alternate_names,
                dates: None,
                positions: Vec::new(),
                identifiers: identifiers(p.identifiers),
                notes: p.notes,
                source,
                page,
            },
        }
    }
}

/// A page of the archive's authority records.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuthorityPage {
    /// The records, in name order.
    pub authorities: Vec<AuthorityRecord>,
    /// Pass as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
}

/// One person, organization or place by identifier: the archive's record, else the
/// built-in baseline's.
#[utoipa::path(
    get,
    path = "/api/v1/authorities/{id}",
    tag = "authorities",
    operation_id = "get_authority",
    params(("id" = String, Path, description = "The authority identifier",
        pattern = "^[A-Za-z0-9_.:-]{1,200}$", example = "place:soviet-union")),
    responses(
        (status = 200, description = "The record", body = AuthorityRecord,
            headers(("ETag" = String, description = "Validator of this answer"))),
        (status = 304, description = "The copy named in `If-None-Match` is current"),
        (status = 400, description = "A query parameter was given (there are none)", body = ErrorSchema),
        (status = 308, description = "The record was merged into another: `Location` is the other's address",
            headers(("Location" = String, description = "The record it was merged into"))),
        (status = 404, description = "No record by this identifier", body = ErrorSchema),
    )
)]
pub async fn get_authority(
    State(state): State<AppState>,
    PathId(id): PathId,
    headers: HeaderMap,
    params: Params,
) -> Result<Response, ApiError> {
    params.accept_only(&[])?;
    let found = state
        .blocking(move |state| {
            let store = state.store();
            if let Some((record, origin)) = state.names().record(store.as_ref(), &id)? {
                return Ok(Ok(AuthorityRecord::new(record, origin)));
            }
            match store.authority_merged_into(&id)? {
                Some(into) => Ok(Err(into)),
                None => Err(AppError::not_found(
                    "no authority record by this identifier",
                )),
            }
        })
        .await?;
    match found {
        Ok(record) => respond(&headers, "api:authority", &record),
        // Merged into another record: that record's address, for good.
        Err(into) => Ok(axum::response::IntoResponse::into_response(
            axum::response::Redirect::permanent(&format!(
                "/api/v1/authorities/{}",
                crate::html::url::path_segment(&into)
            )),
        )),
    }
}

/// Parameters of the list of authority records.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct AuthorityListParams {
    /// Only records of this kind.
    #[param(inline)]
    kind: Option<AuthorityKind>,
    /// Records per page.
    #[param(minimum = 1, maximum = 500, default = 100)]
    limit: Option<u32>,
    /// The `next_cursor` of the previous page.
    cursor: Option<String>,
}

/// The archive's own authority records (not the baseline's), in name order, in pages.
#[utoipa::path(
    get,
    path = "/api/v1/authorities",
    tag = "authorities",
    operation_id = "list_authorities",
    params(AuthorityListParams),
    responses(
        (status = 200, description = "A page of records", body = AuthorityPage,
            headers(("ETag" = String, description = "Validator of this answer"))),
        (status = 304, description = "The copy named in `If-None-Match` is current"),
        (status = 400, description = "A parameter is wrong (`bad_parameter`, naming it)", body = ErrorSchema),
    )
)]
pub async fn list_authorities(
    State(state): State<AppState>,
    headers: HeaderMap,
    params: Params,
) -> Result<Response, ApiError> {
    params.accept_only(LIST_PARAMETERS)?;
    let kind = params.choice(
        "kind",
        &[
            ("person", Some("person")),
            ("organization", Some("organization")),
            ("place", Some("place")),
        ],
        None,
    )?;
    let limit = params.integer("limit", 100, 1, 500)?;
    let offset = match params.text("cursor") {
        None => 0,
        Some(c) => c
            .parse::<usize>()
            .ok()
            .filter(|_| c.bytes().all(|b| b.is_ascii_digit()))
            .ok_or_else(|| {
                AppError::bad_parameter("cursor", format!("'{c}' is not a cursor of this list"))
            })?,
    };
    let page = state
        .blocking(move |state| {
            let all = state.store().authorities(kind)?;
            let next_cursor =
                (all.len() > offset.saturating_add(limit)).then(|| (offset + limit).to_string());
            Ok(AuthorityPage {
                authorities: all
                    .into_iter()
                    .skip(offset)
                    .take(limit)
                    .map(|r| AuthorityRecord::new(r, Origin::Archive))
                    .collect(),
                next_cursor,
            })
        })
        .await?;
    respond(&headers, "api:authorities", &page)
}

/// The answer with a validator made of its own content, or 304.
fn respond<T: Serialize>(headers: &HeaderMap, what: &str, body: &T) -> Result<Response, ApiError> {
    let json = serde_json::to_string(body)
        .map_err(|e| AppError::Internal(format!("a record could not be written: {e}")))?;
    let validator = Validator::from_parts(&[what, &json]);
    Ok(cached_json(headers, &validator, body))
}
