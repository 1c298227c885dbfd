//! Names and dates marked in the text (`persName`, `orgName`, `placeName`, `name` and `rs`
//! with a `type`, `date`) as mentions, and what the writer needs to mark them again.
//!
//! The reader and the writer share [`attributes`] and [`link`], so the writer knows exactly
//! what the reader will make of the attributes it writes.

use chancery_model::body::block_offsets;
use chancery_model::{
    Block, DocDate, Document, Mention, MentionField, MentionKind, MentionSource, MentionStatus,
};
use roxmltree::Node;

use super::dates;
use super::names::is_xml_space;

/// A mention found in one block, by byte offsets into the block's text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Mark {
    /// What it names.
    pub kind: MentionKind,
    /// Where it starts in the block's text.
    pub start: u32,
    /// Where it ends; `None` while its element is open (and for good when the block was
    /// split inside it).
    pub end: Option<u32>,
    /// `@ref`, else `@key`.
    pub entity_id: Option<String>,
    /// For dates: the EDTF of the attributes.
    pub normalized: Option<String>,
}

impl Mark {
    /// A mark for the element `node` of `kind`, starting at `start`.
    pub(crate) fn open(node: Node<'_, '_>, kind: MentionKind, start: u32) -> Self {
        let (entity_id, normalized) = link(kind, |name| node.attribute(name));
        Self {
            kind,
            start,
            end: None,
            entity_id,
            normalized,
        }
    }

    /// The mark fitted to the finished block's `text`: whitespace at either end left out;
    /// `None` when it was never closed or covers no text.
    pub(crate) fn fit(mut self, text: &str) -> Option<Self> {
        let len = u32::try_from(text.len()).ok()?;
        let end = self.end?.min(len) as usize;
        let start = (self.start as usize).min(end);
        let slice = text.get(start..end)?;
        let trimmed = slice.trim_start_matches(is_xml_space);
        let start = start + (slice.len() - trimmed.len());
        let end = start + trimmed.trim_end_matches(is_xml_space).len();
        if start == end {
            return None;
        }
        self.start = u32::try_from(start).ok()?;
        self.end = Some(u32::try_from(end).ok()?);
        Some(self)
    }
}

/// The kind of mention the TEI element `name` marks: `persName`, `orgName`, `placeName`,
/// `date`, and `name` or `rs` whose `type` names a person, an organization or a place.
pub(crate) fn kind(node: Node<'_, '_>, name: &str) -> Option<MentionKind> {
    match name {
        "persName" => Some(MentionKind::Person),
        "orgName" => Some(MentionKind::Organization),
        "placeName" => Some(MentionKind::Place),
        "date" => Some(MentionKind::Date),
        "name" | "rs" => node.attribute("type").and_then(kind_of_type),
        _ => None,
    }
}

fn kind_of_type(value: &str) -> Option<MentionKind> {
    match value.trim().to_ascii_lowercase().as_str() {
        "person" | "pers" | "persname" => Some(MentionKind::Person),
        "org" | "organization" | "organisation" | "orgname" => Some(MentionKind::Organization),
        "place" | "placename" | "country" | "settlement" | "city" => Some(MentionKind::Place),
        _ => None,
    }
}

/// The entity and the normalized date given by an element's attributes (`get` looks one
/// up): for names, `@ref`, else `@corresp` (as FRUS points into a volume's list of
/// persons), each without a leading `#` (the first of several), else `@key`; for
/// dates, the EDTF of `@when-custom`, `@when`, `@from`/`@to` or `@notBefore`/`@notAfter`,
/// in its canonical form, or nothing when it is not valid EDTF.
pub(crate) fn link<'v>(
    kind: MentionKind,
    get: impl Fn(&str) -> Option<&'v str>,
) -> (Option<String>, Option<String>) {
    if kind == MentionKind::Date {
        let normalized = dates::edtf_attribute(&get)
            .and_then(|(edtf, _)| DocDate::parse_edtf(&edtf).ok())
            .map(|date| date.edtf().to_string());
        return (None, normalized);
    }
    let pointer = |name: &str| {
        get(name)
            .and_then(|r| r.split_ascii_whitespace().next())
            .map(|r| r.strip_prefix('#').unwrap_or(r))
            .filter(|r| !r.is_empty())
    };
    let key = || get("key").map(str::trim).filter(|k| !k.is_empty());
    let id = pointer("ref").or_else(|| pointer("corresp")).or_else(key);
    // Organization and place identifiers carry their kind (`org:nato`, `place:moscow`), as
    // authority records of those kinds are written.
    let prefix = match kind {
        MentionKind::Organization => "org:",
        MentionKind::Place => "place:",
        MentionKind::Person | MentionKind::Date => "",
    };
    let id = id.map(|id| {
        if id.starts_with(prefix) {
            id.to_string()
        } else {
            format!("{prefix}{id}")
        }
    });
    (id, None)
}

/// The attributes that say `entity_id` and `normalized` for an element marking a mention of
/// `kind`: `ref` for names (without the `org:` or `place:` its element implies); `when`, `from`/`to` or (for other EDTF) `when-custom` for dates.
pub(crate) fn attributes(
    kind: MentionKind,
    entity_id: Option<&str>,
    normalized: Option<&str>,
) -> Vec<(&'static str, String)> {
    if kind != MentionKind::Date {
        // The element says the kind: `<orgName ref="nato">` reads back as `org:nato`.
        let bare = |id: &str| {
            let prefix = match kind {
                MentionKind::Organization => "org:",
                MentionKind::Place => "place:",
                MentionKind::Person | MentionKind::Date => "",
            };
            id.strip_prefix(prefix).unwrap_or(id).to_string()
        };
        return entity_id
            .map(|id| vec![("ref", bare(id))])
            .unwrap_or_default();
    }
    let Some(edtf) = normalized else {
        return Vec::new();
    };
    if is_plain_iso(edtf) {
        return vec![("when", edtf.to_string())];
    }
    if let Some((from, to)) = edtf.split_once('/')
        && is_plain_iso(from)
        && is_plain_iso(to)
    {
        return vec![("from", from.to_string()), ("to", to.to_string())];
    }
    vec![
        ("when-custom", edtf.to_string()),
        ("datingMethod", "#edtf".to_string()),
    ]
}

/// The TEI element that marks a mention of `kind`.
pub(crate) fn element(kind: MentionKind) -> &'static str {
    match kind {
        MentionKind::Person => "persName",
        MentionKind::Organization => "orgName",
        MentionKind::Place => "placeName",
        MentionKind::Date => "date",
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a four-digit year of the common era.
pub(crate) fn is_plain_iso(edtf: &str) -> bool {
    let b = edtf.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    match b.len() {
        4 => digits(0..4),
        7 => digits(0..4) && b[4] == b'-' && digits(5..7),
        10 => digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10),
        _ => false,
    }
}

/// The mentions of a body whose blocks carry the marks beside them, in the order mentions
/// are kept: by start in the plain text, an enclosing mention before those inside it.
pub(crate) fn from_marks(blocks: &[Block], marks: Vec<Vec<Mark>>) -> Vec<Mention> {
    let offsets = block_offsets(blocks);
    let mut mentions = Vec::new();
    for ((block, at), marks) in blocks.iter().zip(offsets).zip(marks) {
        let Some(at) = at else { continue };
        for mark in marks {
            if let Some(mention) = to_mention(block, at, mark) {
                mentions.push(mention);
            }
        }
    }
    mentions.sort_by_key(order_key);
    mentions
}

fn to_mention(block: &Block, at: usize, mark: Mark) -> Option<Mention> {
    let end = mark.end?;
    let text = block.text.get(mark.start as usize..end as usize)?;
    let offset = |o: u32| u32::try_from(at + o as usize).ok();
    Some(Mention {
        kind: mark.kind,
        text: text.to_string(),
        start: offset(mark.start)?,
        end: offset(end)?,
        entity_id: mark.entity_id,
        normalized: mark.normalized,
        confidence: 1.0,
        status: MentionStatus::Confirmed,
        source: MentionSource::Markup,
        field: MentionField::Text,
    })
}

/// Whether the offsets of every mention point at its text in the field it names.
pub(crate) fn all_fit(doc: &Document, mentions: &[Mention]) -> bool {
    let text = doc.text();
    mentions.iter().all(|m| {
        let field = match m.field {
            MentionField::Text => text.as_str(),
            MentionField::Title => doc.title.as_str(),
            MentionField::Caption => doc.caption.as_deref().unwrap_or_default(),
        };
        m.start <= m.end && field.get(m.start as usize..m.end as usize) == Some(m.text.as_str())
    })
}

/// The order the reader gives mentions: by start, the longer first (ties keep their order).
pub(crate) fn order_key(m: &Mention) -> (u32, std::cmp::Reverse<u32>) {
    (m.start, std::cmp::Reverse(m.end))
}

/// Whether the writer marks `m` up in the text: a mention of the text given by markup or an
/// editor, or confirmed by one. Automatic mentions are found again by enrichment; rejected
/// ones name nothing.
pub(crate) fn is_marked_up(m: &Mention) -> bool {
    m.field == MentionField::Text
        && m.status != MentionStatus::Rejected
        && (matches!(m.source, MentionSource::Markup | MentionSource::Editor)
            || m.status == MentionStatus::Confirmed)
}

/// Whether reading `m` back from the markup the writer gives it yields `m` itself: a
/// confirmed mention from markup, whose entity and date the attributes say exactly.
pub(crate) fn reads_back(m: &Mention) -> bool {
    let attrs = attributes(m.kind, m.entity_id.as_deref(), m.normalized.as_deref());
    let get = |name: &str| {
        attrs
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    };
    m.source == MentionSource::Markup
        && m.status == MentionStatus::Confirmed
        && m.confidence == 1.0
        && m.field == MentionField::Text
        && link(m.kind, get) == (m.entity_id.clone(), m.normalized.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get<'v>(attrs: &'v [(&'v str, &'v str)]) -> impl Fn(&str) -> Option<&'v str> {
        move |name| attrs.iter().find(|(k, _)| *k == name).map(|(_, v)| *v)
    }

    #[test]
    fn organizations_and_places_are_given_their_kind() {
        let org = MentionKind::Organization;
        let place = MentionKind::Place;
        assert_eq!(
            link(org, get(&[("ref", "#nato")])).0.as_deref(),
            Some("org:nato")
        );
        assert_eq!(
            link(org, get(&[("ref", "org:nato")])).0.as_deref(),
            Some("org:nato")
        );
        assert_eq!(
            link(place, get(&[("key", "moscow")])).0.as_deref(),
            Some("place:moscow")
        );
    }

    #[test]
    fn refs_lose_their_hash_and_keys_stand_in() {
        let person = MentionKind::Person;
        assert_eq!(
            link(person, get(&[("ref", "#p_AGD1")])).0.as_deref(),
            Some("p_AGD1")
        );
        assert_eq!(
            link(person, get(&[("ref", " "), ("key", "kirk")]))
                .0
                .as_deref(),
            Some("kirk")
        );
        assert_eq!(
            link(person, get(&[("corresp", "#p_AGD1 #p_X")]))
                .0
                .as_deref(),
            Some("p_AGD1")
        );
        assert_eq!(link(person, get(&[])), (None, None));
    }

    #[test]
    fn dates_are_normalized_and_invalid_ones_left_out() {
        let date = MentionKind::Date;
        let normalized = |attrs| link(date, get(attrs)).1;
        assert_eq!(
            normalized(&[("when", "1950-06-27T10:00:00")]).as_deref(),
            Some("1950-06-27")
        );
        assert_eq!(
            normalized(&[("from", "1950-06"), ("to", "1950-07")]).as_deref(),
            Some("1950-06/1950-07")
        );
        assert_eq!(
            normalized(&[("notBefore", "1950")]).as_deref(),
            Some("1950/..")
        );
        assert_eq!(normalized(&[("when", "June 1950")]), None);
    }

    #[test]
    fn the_attributes_written_read_back() {
        for edtf in [
            "1950",
            "1950-06-27",
            "1950/1951-02",
            "1950?",
            "../1950",
            "-0044",
        ] {
            let attrs = attributes(MentionKind::Date, None, Some(edtf));
            let pairs: Vec<(&str, &str)> = attrs.iter().map(|(k, v)| (*k, v.as_str())).collect();
            assert_eq!(
                link(MentionKind::Date, get(&pairs)).1.as_deref(),
                Some(edtf),
                "{attrs:?}"
            );
        }
    }

    #[test]
    fn marks_are_trimmed_to_their_text() {
        let mark = Mark {
            kind: MentionKind::Person,
            start: 3,
            end: Some(9),
            entity_id: None,
            normalized: None,
        };
        let fitted = mark.clone().fit("an  Kirk ").unwrap();
        assert_eq!((fitted.start, fitted.end), (4, Some(8)));
        assert_eq!(mark.clone().fit("an   "), None);
        assert_eq!(Mark { end: None, ..mark }.fit("an Kirk"), None);
    }

    #[test]
    fn plain_iso_dates_are_told_apart() {
        assert!(is_plain_iso("1950") && is_plain_iso("1950-06") && is_plain_iso("1950-06-27"));
        assert!(
            !is_plain_iso("1950?") && !is_plain_iso("-0043") && !is_plain_iso("1950-06/1950-07")
        );
    }
}
