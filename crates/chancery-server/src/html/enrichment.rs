//! What enrichment adds to a document's page: its senders and recipients linked to their
//! pages, its mentions of persons, organizations and places as links in the text and as a
//! list with counts, the dates it mentions, and its relations to other documents.
//!
//! A relation's target is shown only when the viewer's gate allows it; a hidden or missing
//! target is left out entirely (neither its title nor its identifier shows). Relations are
//! shown from this document outwards: documents pointing at this one are not listed (the
//! index keeps no field for them).

use std::collections::BTreeMap;

use chancery_model::{
    AgentRef, DocDate, Document, DocumentId, MentionField, MentionKind, MentionStatus, RelationKind,
};

use super::entities::NameLink;
use super::render::TextLink;
use super::url;
use super::view::DocLink;
use crate::access::Gate;
use crate::error::AppError;
use crate::names::{self, Kind};
use crate::state::AppState;

/// A linked entity of the document and how often it is mentioned.
#[derive(Debug, Clone)]
pub struct EntityCount {
    /// Its name and page.
    pub link: NameLink,
    /// Mentions in the text, title and caption.
    pub count: usize,
}

/// The linked entities of one kind.
#[derive(Debug, Clone)]
pub struct EntityGroup {
    /// "People", "Organizations" or "Places".
    pub heading: &'static str,
    /// The entities, the most mentioned first.
    pub entities: Vec<EntityCount>,
}

/// A date the text mentions.
#[derive(Debug, Clone)]
pub struct DateMention {
    /// The date, readable.
    pub date: String,
    /// How the text writes it, when that differs.
    pub written: String,
    /// The documents of that date.
    pub href: Option<String>,
}

/// A relation to another document the viewer may see.
#[derive(Debug, Clone)]
pub struct RelationView {
    /// "In reply to", "Refers to", …
    pub label: &'static str,
    /// The other document, when it is in the archive and visible.
    pub link: Option<DocLink>,
    /// How the relation was written ("your telegram 123"), or an outside reference.
    pub text: String,
}

/// Everything enrichment adds to a document's page.
#[derive(Debug, Clone, Default)]
pub struct Enriched {
    /// Senders, linked when they have an identifier.
    pub senders: Vec<NameLink>,
    /// Recipients, likewise.
    pub recipients: Vec<NameLink>,
    /// Links to put around mentions in the text.
    pub text_links: Vec<TextLink>,
    /// The linked entities by kind (kinds without any left out).
    pub groups: Vec<EntityGroup>,
    /// The dates mentioned, in date order.
    pub dates: Vec<DateMention>,
    /// Relations to visible documents and outside references.
    pub relations: Vec<RelationView>,
    /// Visible documents relating to this one (replies, references), oldest first.
    pub incoming: Vec<RelationView>,
}

/// What `doc` names and relates to, for a viewer with `gate`.
pub fn load(state: &AppState, gate: &Gate, doc: &Document) -> Result<Enriched, AppError> {
    let store = state.store();
    let names = state.names();
    let agent = |a: &AgentRef| -> Result<NameLink, AppError> {
        let href = match a.id.as_deref().filter(|id| names::is_valid_id(id)) {
            Some(id) => Some(names.resolve(store.as_ref(), id)?.href()),
            None => None,
        };
        Ok(NameLink {
            name: a.name.clone(),
            href,
        })
    };
    let senders = doc.senders.iter().map(agent).collect::<Result<_, _>>()?;
    let recipients = doc.recipients.iter().map(agent).collect::<Result<_, _>>()?;

    let mut text_links = Vec::new();
    // Identifier → (resolved, count).
    let mut counts: BTreeMap<&str, (names::Resolved, usize)> = BTreeMap::new();
    let mut dates: BTreeMap<(i64, String), DateMention> = BTreeMap::new();
    for mention in doc
        .mentions
        .iter()
        .filter(|m| m.status != MentionStatus::Rejected)
    {
        if mention.kind == MentionKind::Date {
            if let Some(date) = mention
                .normalized
                .as_deref()
                .and_then(|n| DocDate::parse_edtf(n).ok())
            {
                let readable = date.readable();
                let edtf = date.edtf().to_string();
                let written = if mention.text.trim() == readable {
                    String::new()
                } else {
                    mention.text.trim().to_string()
                };
                let href = is_date_filter(&edtf).then(|| {
                    url::with_query("/search", [("date", edtf.as_str()), ("sort", "date")])
                });
                dates
                    .entry((date.earliest().unwrap_or(i64::MIN), edtf))
                    .or_insert(DateMention {
                        date: readable,
                        written,
                        href,
                    });
            }
            continue;
        }
        let Some(id) = mention
            .entity_id
            .as_deref()
            .filter(|id| names::is_valid_id(id))
        else {
            continue;
        };
        if !counts.contains_key(id) {
            counts.insert(id, (names.resolve(store.as_ref(), id)?, 0));
        }
        let Some((resolved, count)) = counts.get_mut(id) else {
            continue;
        };
        *count += 1;
        if mention.field == MentionField::Text {
            text_links.push(TextLink {
                start: mention.start as usize,
                end: mention.end as usize,
                href: resolved.href(),
            });
        }
    }
    let mut groups = Vec::new();
    for (kind, heading) in [
        (Kind::Person, "People"),
        (Kind::Organization, "Organizations"),
        (Kind::Place, "Places"),
    ] {
        let mut entities: Vec<EntityCount> = counts
            .values()
            .filter(|(r, _)| r.kind == kind)
            .map(|(r, count)| EntityCount {
                link: NameLink {
                    name: r.name.clone(),
                    href: Some(r.href()),
                },
                count: *count,
            })
            .collect();
        entities.sort_by(|a, b| b.count.cmp(&a.count).then(a.link.name.cmp(&b.link.name)));
        if !entities.is_empty() {
            groups.push(EntityGroup { heading, entities });
        }
    }

    let mut relations = Vec::new();
    for relation in &doc.relations {
        let label = relation_label(relation.kind);
        let text = relation.label.clone().unwrap_or_default();
        match relation.target.trim().parse::<DocumentId>() {
            Ok(target) => match store.get(target)? {
                Some(stored) if !stored.deleted && gate.allows(&stored.document) => {
                    let other = &stored.document;
                    relations.push(RelationView {
                        label,
                        link: Some(DocLink::new(
                            &other.id.to_string(),
                            &other.title,
                            other.date.as_ref().map(DocDate::edtf),
                        )),
                        text,
                    });
                }
                // Missing or hidden: nothing of it shows.
                _ => {}
            },
            Err(_) => relations.push(RelationView {
                label,
                link: None,
                text: if text.is_empty() {
                    relation.target.clone()
                } else {
                    text
                },
            }),
        }
    }
    let incoming = incoming(state, gate, doc)?;
    Ok(Enriched {
        senders,
        recipients,
        text_links,
        groups,
        dates: dates.into_values().collect(),
        relations,
        incoming,
    })
}

/// The documents the viewer may see that relate to `doc` (replies to it, references to it),
/// oldest first: what makes an exchange read as a thread in both directions.
fn incoming(state: &AppState, gate: &Gate, doc: &Document) -> Result<Vec<RelationView>, AppError> {
    let store = state.store();
    let id = doc.id.to_string();
    let sources = state
        .index()
        .documents_relating_to(&id, &gate.visibility(), MAX_INCOMING)?;
    let mut found: Vec<(Option<i64>, RelationView)> = Vec::new();
    for source in sources {
        let Ok(source_id) = source.parse::<DocumentId>() else {
            continue;
        };
        let Some(stored) = store.get(source_id)? else {
            continue;
        };
        let other = &stored.document;
        if stored.deleted || !gate.allows(other) {
            continue;
        }
        for relation in other
            .relations
            .iter()
            .filter(|r| r.target.trim().parse::<DocumentId>().ok() == Some(doc.id))
        {
            found.push((
                other.date.as_ref().and_then(DocDate::earliest),
                RelationView {
                    label: incoming_label(relation.kind),
                    link: Some(DocLink::new(
                        &other.id.to_string(),
                        &other.title,
                        other.date.as_ref().map(DocDate::edtf),
                    )),
                    text: relation.label.clone().unwrap_or_default(),
                },
            ));
        }
    }
    found.sort_by(|a, b| {
        a.0.cmp(&b.0).then_with(|| {
            let title = |v: &RelationView| v.link.as_ref().map(|l| l.title.clone());
            title(&a.1).cmp(&title(&b.1))
        })
    });
    Ok(found.into_iter().map(|(_, view)| view).collect())
}

/// The most documents listed as relating to one document.
const MAX_INCOMING: usize = 50;

/// How a relation reads from the other side, before the relating document's title.
fn incoming_label(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::InReplyTo => "Answered by",
        RelationKind::References => "Referred to by",
        RelationKind::Encloses => "Enclosed in",
        RelationKind::TranslationOf => "Translated as",
        RelationKind::PartOf => "Contains",
    }
}

/// How a relation reads before the other document's title.
fn relation_label(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::InReplyTo => "In reply to",
        RelationKind::References => "Refers to",
        RelationKind::Encloses => "Encloses",
        RelationKind::TranslationOf => "Translation of",
        RelationKind::PartOf => "Part of",
    }
}

/// Whether the search page's `date` parameter takes `edtf` as it is.
fn is_date_filter(edtf: &str) -> bool {
    edtf.len() <= 64
        && edtf
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '.' | '/' | 'X' | '?' | '~'))
}
