//! The one access gate (DESIGN.md, principle 5): who may see which document. Every path
//! that can reveal a document — pages, the API, search hits and facet counts, sitemaps,
//! exports, citations, neighbours, OAI-PMH — asks this module, and no handler filters on its
//! own.
//!
//! | access level | anonymous | registered reader | editor, administrator |
//! | --- | --- | --- | --- |
//! | public | yes | yes | yes |
//! | registered | no | yes | yes |
//! | staff | no | no | yes |
//! | embargoed until a day | from that day on | from that day on | yes |
//!
//! An embargo ends by itself: the gate is made for a moment (the server's injected clock),
//! and from the embargo's last day on the document is public, with no job to run.

use chancery_index::Visibility;
use chancery_model::date::days;
use chancery_model::{AccessLevel, Document};
use chancery_store::Role;

/// Who is asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Viewer {
    /// Anyone on the web (and anyone signed in who must first choose a new password).
    Anonymous,
    /// A registered reader: also documents for registered readers.
    Registered,
    /// An editor: everything, and may edit.
    Editor,
    /// An administrator: everything, may edit, and manages accounts and reads the audit log.
    Admin,
}

impl Viewer {
    /// The viewer a signed-in user with `role` is.
    pub fn from_role(role: Role) -> Self {
        match role {
            Role::Registered => Viewer::Registered,
            Role::Editor => Viewer::Editor,
            Role::Admin => Viewer::Admin,
        }
    }

    /// Whether the viewer sees everything (staff-only and embargoed documents).
    pub fn is_staff(self) -> bool {
        matches!(self, Viewer::Editor | Viewer::Admin)
    }

    /// Whether the viewer may edit documents.
    pub fn may_edit(self) -> bool {
        self.is_staff()
    }

    /// Whether the viewer may read the audit log and manage accounts.
    pub fn is_admin(self) -> bool {
        self == Viewer::Admin
    }

    /// The viewer's name, for people and logs.
    pub fn as_str(self) -> &'static str {
        match self {
            Viewer::Anonymous => "anonymous",
            Viewer::Registered => "registered",
            Viewer::Editor => "editor",
            Viewer::Admin => "admin",
        }
    }
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

    /// The gate of an anonymous visitor at `now` (search engines, harvesters, sitemaps).
    pub fn anonymous(now: jiff::Timestamp) -> Self {
        Self::new(Viewer::Anonymous, now)
    }

    /// Who is asking.
    pub fn viewer(&self) -> Viewer {
        self.viewer
    }

    /// Whether the viewer may see `doc`.
    pub fn allows(&self, doc: &Document) -> bool {
        if self.viewer.is_staff() {
            return true;
        }
        match doc.rights.access {
            AccessLevel::Public => true,
            AccessLevel::Registered => self.viewer == Viewer::Registered,
            AccessLevel::Staff => false,
            AccessLevel::Embargoed => doc.rights.embargo_until.is_some_and(|until| {
                days::from_civil(
                    i64::from(until.year()),
                    until.month() as u8,
                    until.day() as u8,
                ) <= self.today
            }),
        }
    }

    /// The access levels the viewer sees whatever the date.
    fn levels(&self) -> Vec<AccessLevel> {
        match self.viewer {
            Viewer::Anonymous => vec![AccessLevel::Public],
            Viewer::Registered => vec![AccessLevel::Public, AccessLevel::Registered],
            Viewer::Editor | Viewer::Admin => vec![
                AccessLevel::Public,
                AccessLevel::Registered,
                AccessLevel::Staff,
                AccessLevel::Embargoed,
            ],
        }
    }

    /// What the search index may show this viewer.
    pub fn visibility(&self) -> Visibility {
        if self.viewer.is_staff() {
            return Visibility::everything();
        }
        Visibility {
            levels: self.levels(),
            today: Some(self.today),
        }
    }

    /// What the store may show this viewer when it walks documents without reading them
    /// (OAI-PMH headers).
    pub fn store_visibility(&self) -> chancery_store::VisibleTo {
        let embargo_ended_by = if self.viewer.is_staff() {
            None
        } else {
            let (y, m, d) = days::to_civil(self.today);
            i16::try_from(y)
                .ok()
                .and_then(|y| jiff::civil::Date::new(y, m as i8, d as i8).ok())
        };
        chancery_store::VisibleTo {
            levels: self.levels(),
            embargo_ended_by,
        }
    }

    /// A short tag naming what this viewer sees, for cache keys and validators: two viewers
    /// with the same tag see the same documents and counts (editors and administrators see
    /// the same).
    pub fn cache_tag(&self) -> &'static str {
        match self.viewer {
            Viewer::Anonymous => "public",
            Viewer::Registered => "registered",
            Viewer::Editor | Viewer::Admin => "staff",
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
    }

    #[test]
    fn each_role_sees_its_levels() {
        let now: jiff::Timestamp = "2030-01-01T12:00:00Z".parse().unwrap();
        let embargoed = doc(AccessLevel::Embargoed, Some(jiff::civil::date(2100, 1, 1)));
        let registered = Gate::new(Viewer::Registered, now);
        assert!(registered.allows(&doc(AccessLevel::Registered, None)));
        assert!(!registered.allows(&doc(AccessLevel::Staff, None)));
        assert!(!registered.allows(&embargoed));
        for viewer in [Viewer::Editor, Viewer::Admin] {
            let gate = Gate::new(viewer, now);
            assert!(gate.allows(&doc(AccessLevel::Staff, None)));
            assert!(gate.allows(&embargoed));
            assert_eq!(gate.cache_tag(), "staff");
        }
        assert_ne!(registered.cache_tag(), Gate::anonymous(now).cache_tag());
        assert_eq!(
            registered.visibility().levels,
            vec![AccessLevel::Public, AccessLevel::Registered]
        );
    }
}
