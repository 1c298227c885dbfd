//! Who an authority identifier names: the archive's own authority records first, then the
//! built-in baseline gazetteer of `chancery-enrich`, and for anything else the identifier
//! itself made readable ("kirk-alan-goodrich" → "Kirk Alan Goodrich").
//!
//! The baseline's entities are indexed by identifier once, when the server starts
//! ([`Names::baseline`], kept in [`crate::state::AppState`]); records in the store are asked
//! for each time, so records imported while the server runs show at once.

use std::collections::HashMap;

use chancery_enrich::Entity;
use chancery_model::Authority;
use chancery_model::authority::AgentKind;
use chancery_store::Store;

use crate::error::AppError;

/// The longest identifier accepted in an address or a filter.
pub const MAX_ID_LEN: usize = 200;

/// What an identifier names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A person (`kirk-alan-goodrich`).
    Person,
    /// An organization, government or office (`org:un-security-council`).
    Organization,
    /// A place (`place:soviet-union`).
    Place,
}

impl Kind {
    /// `person`, `organization` or `place`, as the API writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Organization => "organization",
            Kind::Place => "place",
        }
    }

    /// The kind an identifier's prefix gives (`org:`, `place:`; a person otherwise), as the
    /// index classifies senders and recipients.
    pub fn of_id(id: &str) -> Kind {
        if id.starts_with("org:") {
            Kind::Organization
        } else if id.starts_with("place:") {
            Kind::Place
        } else {
            Kind::Person
        }
    }

    /// The kind of an authority record.
    pub fn of_record(record: &Authority) -> Kind {
        match record {
            Authority::Agent(a) if a.kind == AgentKind::Organization => Kind::Organization,
            Authority::Agent(_) => Kind::Person,
            Authority::Place(_) => Kind::Place,
        }
    }

    /// The section of the reading room listing entities of this kind (`/people`, …).
    pub fn section(self) -> &'static str {
        match self {
            Kind::Person => "/people",
            Kind::Organization => "/organizations",
            Kind::Place => "/places",
        }
    }

    /// The field of the query language filtering by this kind (`person`, `org`, `place`).
    pub fn query_field(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Organization => "org",
            Kind::Place => "place",
        }
    }

    /// The address of an entity's page.
    pub fn href(self, id: &str) -> String {
        format!("{}/{}", self.section(), id_segment(id))
    }
}

/// An identifier's display name and kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// The identifier.
    pub id: String,
    /// The name to show.
    pub name: String,
    /// What it names.
    pub kind: Kind,
    /// Whether a record (the archive's or the baseline's) knows it.
    pub known: bool,
}

impl Resolved {
    /// The entity's page.
    pub fn href(&self) -> String {
        self.kind.href(&self.id)
    }
}

/// Where a record came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The archive's own authority records.
    Archive,
    /// The built-in baseline gazetteer.
    Baseline,
}

impl Origin {
    /// `archive` or `baseline`.
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Archive => "archive",
            Origin::Baseline => "baseline",
        }
    }
}

/// The baseline's entities by identifier.
#[derive(Debug, Clone, Default)]
pub struct Names {
    baseline: HashMap<&'static str, &'static Entity>,
}

impl Names {
    /// The index of the built-in baseline (parsed once per process).
    pub fn baseline() -> Self {
        let baseline = chancery_enrich::baseline::entities()
            .iter()
            .map(|e| (e.id.as_str(), e))
            .collect();
        Self { baseline }
    }

    /// The full record of `id` with its origin: the store's, else the baseline's.
    pub fn record(
        &self,
        store: &dyn Store,
        id: &str,
    ) -> Result<Option<(Authority, Origin)>, AppError> {
        if !is_valid_id(id) {
            return Ok(None);
        }
        if let Some(record) = store.authority(id)? {
            return Ok(Some((record, Origin::Archive)));
        }
        Ok(self
            .baseline
            .get(id)
            .and_then(|entity| Some((entity.to_authority()?, Origin::Baseline))))
    }

    /// The name and kind of `id`; an unknown identifier is humanized, its kind taken from
    /// its prefix.
    pub fn resolve(&self, store: &dyn Store, id: &str) -> Result<Resolved, AppError> {
        if is_valid_id(id) {
            if let Some(record) = store.authority(id)? {
                return Ok(Resolved {
                    id: id.to_string(),
                    name: record.preferred_name().to_string(),
                    kind: Kind::of_record(&record),
                    known: true,
                });
            }
            // A record merged into another is shown as the other (documents not yet
            // relinked still say the old identifier).
            if !self.baseline.contains_key(id)
                && let Some(into) = store.authority_merged_into(id)?
                && into != id
                && let Some(record) = store.authority(&into)?
            {
                return Ok(Resolved {
                    name: record.preferred_name().to_string(),
                    kind: Kind::of_record(&record),
                    id: into,
                    known: true,
                });
            }
        }
        Ok(match self.baseline.get(id) {
            Some(entity) => Resolved {
                id: id.to_string(),
                name: entity.preferred_name().to_string(),
                kind: match entity.kind {
                    chancery_enrich::EntityKind::Person => Kind::Person,
                    chancery_enrich::EntityKind::Organization => Kind::Organization,
                    chancery_enrich::EntityKind::Place => Kind::Place,
                },
                known: true,
            },
            None => Resolved {
                id: id.to_string(),
                name: humanize(id),
                kind: Kind::of_id(id),
                known: false,
            },
        })
    }

    /// The display names of many identifiers at once.
    pub fn labels<'a>(
        &self,
        store: &dyn Store,
        ids: impl IntoIterator<Item = &'a str>,
    ) -> Result<Labels, AppError> {
        let mut labels = Labels::default();
        for id in ids {
            if !labels.0.contains_key(id) {
                let resolved = self.resolve(store, id)?;
                labels.0.insert(id.to_string(), resolved.name);
            }
        }
        Ok(labels)
    }
}

/// Display names looked up beforehand (for facets and chips), by identifier.
#[derive(Debug, Clone, Default)]
pub struct Labels(HashMap<String, String>);

impl Labels {
    /// The name of `id`: as looked up, else the identifier humanized.
    pub fn name(&self, id: &str) -> String {
        self.0.get(id).cloned().unwrap_or_else(|| humanize(id))
    }
}

/// Whether `id` can be an authority identifier: 1 to [`MAX_ID_LEN`] bytes of ASCII letters,
/// digits and `-_.:`, so that it is safe in an address and as a quoted query value.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
}

/// An identifier as a path segment: only valid identifiers are linked, and their `:` stays
/// as it is (allowed in a path segment).
fn id_segment(id: &str) -> String {
    id.split(':')
        .map(crate::html::url::path_segment)
        .collect::<Vec<_>>()
        .join(":")
}

/// An identifier made readable: its kind's prefix left out, words capitalized.
pub fn humanize(id: &str) -> String {
    let bare = id
        .strip_prefix("org:")
        .or_else(|| id.strip_prefix("place:"))
        .unwrap_or(id);
    let words: Vec<String> = bare
        .split(['-', '_', ':'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .collect();
    if words.is_empty() {
        id.to_string()
    } else {
        words.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_humanized_and_checked() {
        assert_eq!(humanize("kirk-alan-goodrich"), "Kirk Alan Goodrich");
        assert_eq!(humanize("place:soviet-union"), "Soviet Union");
        assert_eq!(humanize("org:un-security-council"), "Un Security Council");
        assert_eq!(Kind::of_id("org:nato"), Kind::Organization);
        assert_eq!(Kind::of_id("place:moscow"), Kind::Place);
        assert_eq!(Kind::of_id("gromyko-andrei"), Kind::Person);
        assert!(is_valid_id("place:soviet-union"));
        for bad in ["", "a b", "x\"y", "<script>", &"a".repeat(201)] {
            assert!(!is_valid_id(bad), "{bad}");
        }
        assert_eq!(
            Kind::Place.href("place:soviet-union"),
            "/places/place:soviet-union"
        );
    }
}
