//! The one access gate (DESIGN.md, principle 5): who may see which document. Every path
//! that can reveal a document — pages, the API, search hits and facet counts, sitemaps,
//! exports, citations, neighbours — asks this module, and no handler filters on its own.
//!
//! Until accounts exist every visitor is anonymous: public documents, and embargoed
//! documents whose embargo has ended, are visible; registered and staff documents are not.

use chancery_index::Visibility;
use chancery_model::date::days;
use chancery_model::{AccessLevel, Document};

/// Who is asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    /// Anyone on the web.
    Anonymous,
    /// The archive's operator (the command line, tests): sees everything.
    Staff,
}

/// The access gate for one request: a viewer at a moment.
#[derive(Debug, Clone, Copy)]
pub struct Gate {
    viewer: Viewer,
    /// Today as a day number, for embargoes.
    today: i64,
}

impl Gate {
    /// The gate for `viewer` at time `now`.
    pub fn new(viewer: Viewer, now: jiff::Timestamp) -> Self {
        let date = now.to_zoned_datetime(jiff::tz::TimeZone::UTC).date();
        let today = days::from_civil(i64::from(date.year()), date.month() as u8, date.day() as u8);
        Self { viewer, today }
    }

    /// Who is asking.
    pub fn viewer(&self) -> Viewer {
        self.viewer
    }

    /// Whether the viewer may see `doc`.
    pub fn allows(&self, doc: &Document) -> bool {
        match (self.viewer, doc.rights.access) {
            (Viewer::Staff, _) | (_, AccessLevel::Public) => true,
            (Viewer::Anonymous, AccessLevel::Embargoed) => {
                doc.rights.embargo_until.is_some_and(|until| {
                    days::from_civil(
                        i64::from(until.year()),
                        until.month() as u8,
                        until.day() as u8,
                    ) <= self.today
                })
            }
            (Viewer::Anonymous, AccessLevel::Registered | AccessLevel::Staff) => false,
        }
    }

    /// What the search index may show this viewer.
    pub fn visibility(&self) -> Visibility {
        match self.viewer {
            Viewer::Staff => Visibility::everything(),
            Viewer::Anonymous => Visibility {
                levels: vec![AccessLevel::Public],
                today: Some(self.today),
            },
        }
    }

    /// What the store may show this viewer when it walks documents without reading them
    /// (OAI-PMH headers).
    pub fn store_visibility(&self) -> chancery_store::VisibleTo {
        match self.viewer {
            Viewer::Staff => chancery_store::VisibleTo {
                levels: vec![
                    AccessLevel::Public,
                    AccessLevel::Registered,
                    AccessLevel::Staff,
                    AccessLevel::Embargoed,
                ],
                embargo_ended_by: None,
            },
            Viewer::Anonymous => {
                let (y, m, d) = days::to_civil(self.today);
                let today = i16::try_from(y)
                    .ok()
                    .and_then(|y| jiff::civil::Date::new(y, m as i8, d as i8).ok());
                chancery_store::VisibleTo {
                    levels: vec![AccessLevel::Public],
                    embargo_ended_by: today,
                }
            }
        }
    }

    /// A short tag naming what this viewer sees, for cache keys: two viewers with the same
    /// tag see the same pages.
    pub fn cache_tag(&self) -> &'static str {
        match self.viewer {
            Viewer::Anonymous => "public",
            Viewer::Staff => "staff",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chancery_model::DocumentId;

    fn doc(access: AccessLevel, until: Option<jiff::civil::Date>) -> Document {
        let mut d = Document::new(DocumentId::from_key("x"), "T", "text");
        d.rights.access = access;
        d.rights.embargo_until = until;
        d
    }

    #[test]
    fn anonymous_visitors_see_public_and_ended_embargoes_only() {
        let now: jiff::Timestamp = "2030-01-01T12:00:00Z".parse().unwrap();
        let gate = Gate::new(Viewer::Anonymous, now);
        assert!(gate.allows(&doc(AccessLevel::Public, None)));
        assert!(!gate.allows(&doc(AccessLevel::Registered, None)));
        assert!(!gate.allows(&doc(AccessLevel::Staff, None)));
        assert!(gate.allows(&doc(
            AccessLevel::Embargoed,
            Some(jiff::civil::date(2030, 1, 1))
        )));
        assert!(!gate.allows(&doc(
            AccessLevel::Embargoed,
            Some(jiff::civil::date(2030, 1, 2))
        )));
        let staff = Gate::new(Viewer::Staff, now);
        assert!(staff.allows(&doc(AccessLevel::Staff, None)));
    }
}
