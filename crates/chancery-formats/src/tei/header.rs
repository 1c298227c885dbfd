//! The `teiHeader`: metadata that applies to every record of a file.

use std::str::FromStr;

use chancery_model::{
    AccessLevel, AgentRef, DocDate, DocType, DocumentId, Mention, Relation, RelationKind, Rights,
};
use roxmltree::Node;

use super::body::{inline_text, opt_text};
use super::dates::{self, Notices};
use super::names::{
    CHANCERY_NS, COLLECTIONS_SCHEME, DOCTYPE_SCHEME, child, children, is, path, tei,
};

/// What a file's header says.
#[derive(Debug, Default)]
pub(crate) struct Header {
    /// The file's title (`complete`, else `main`, else the first `title` of `titleStmt`).
    pub title: Option<String>,
    /// The identifier Chancery wrote (`idno type="chancery"`): the file is Chancery's own
    /// export, whose header is complete, so nothing is guessed for it.
    pub chancery_id: Option<DocumentId>,
    /// `publicationStmt/publisher`.
    pub publisher: Option<String>,
    /// `publicationStmt/pubPlace`.
    pub pub_place: Option<String>,
    /// The year of the publication date.
    pub year: Option<i32>,
    /// `idno type="URL"`.
    pub url: Option<String>,
    /// `availability`.
    pub rights: Rights,
    /// A `bibl` (or `biblStruct`) in `sourceDesc`: a source citation exists even when empty.
    pub has_bibl: bool,
    /// The citation as written in `sourceDesc`.
    pub source_text: Option<String>,
    /// The title of the source publication (`sourceDesc//title`).
    pub source_title: Option<String>,
    /// `sourceDesc//biblScope[@unit='page']`.
    pub pages: Option<String>,
    /// `sourceDesc//extent`.
    pub extent: Option<String>,
    /// `profileDesc/langUsage/language/@ident`.
    pub language: Option<String>,
    /// `profileDesc/abstract`.
    pub caption: Option<String>,
    /// `textClass/keywords/term`.
    pub subjects: Vec<String>,
    /// `keywords` in Chancery's collections scheme.
    pub collections: Vec<String>,
    /// `classCode` in Chancery's document type scheme.
    pub doc_type: Option<DocType>,
    /// `correspAction type="sent"`.
    pub senders: Vec<AgentRef>,
    /// `correspAction type="received"`.
    pub recipients: Vec<AgentRef>,
    /// `notesStmt/relatedItem`.
    pub relations: Vec<Relation>,
    /// `date type="source-updated"`.
    pub source_updated: Option<jiff::civil::Date>,
    /// The date the document was written: `date type="created"`, `creation/date` or the
    /// date of `correspAction type="sent"`.
    pub created: Option<DocDate>,
    /// Where it was written: `creation/placeName` or that of `correspAction type="sent"`.
    pub place: Option<String>,
    /// The mentions Chancery wrote as JSON (`xenoData/chancery:mentions`) when the markup
    /// of the text could not hold them all.
    pub mentions: Option<Vec<Mention>>,
}

impl Header {
    /// Reads `header` (a `teiHeader`), noting what it had to leave out.
    pub(crate) fn read(header: Node<'_, '_>, notices: &mut Notices) -> Self {
        let mut h = Header::default();
        let file_desc = child(header, "fileDesc");
        let profile = child(header, "profileDesc");
        if let Some(stmt) = file_desc.and_then(|f| child(f, "titleStmt")) {
            let titles: Vec<_> = children(stmt, "title").collect();
            let pick = |kind: &str| {
                titles
                    .iter()
                    .copied()
                    .find(|t| t.attribute("type") == Some(kind))
            };
            h.title = pick("complete")
                .or_else(|| pick("main"))
                .or(titles.first().copied())
                .and_then(opt_text);
        }
        if let Some(publication) = file_desc.and_then(|f| child(f, "publicationStmt")) {
            h.read_publication(publication, notices);
        }
        if let Some(notes) = file_desc.and_then(|f| child(f, "notesStmt")) {
            h.read_relations(notes, notices);
        }
        if let Some(source) = file_desc.and_then(|f| child(f, "sourceDesc")) {
            h.read_source(source);
        }
        if let Some(profile) = profile {
            h.read_profile(profile, notices);
        }
        h.read_mentions(header, notices);
        // Dates typed as the creation date anywhere else in the header (FRUS puts it in
        // `publicationStmt`); those in `creation` and `correspAction` were read above.
        let elsewhere = |n: &Node<'_, '_>| {
            !n.parent()
                .is_some_and(|p| is(p, "creation") || is(p, "correspAction"))
        };
        for node in header
            .descendants()
            .filter(|n| is(*n, "date") && elsewhere(n))
        {
            match node.attribute("type") {
                Some("created") if h.created.is_none() => {
                    h.created = dates::date_element(node, notices)
                }
                Some("source-updated") if h.source_updated.is_none() => {
                    h.source_updated = civil_date(node, "when", notices);
                }
                _ => {}
            }
        }
        h
    }

    fn read_publication(&mut self, publication: Node<'_, '_>, notices: &mut Notices) {
        self.publisher = child(publication, "publisher").and_then(opt_text);
        self.pub_place = child(publication, "pubPlace").and_then(opt_text);
        // The publication's own date: not the date the document was written, nor one of the
        // dates Chancery keeps beside it.
        self.year = children(publication, "date")
            .find(|d| {
                !matches!(
                    d.attribute("type"),
                    Some("created" | "source-updated" | "embargo")
                )
            })
            .and_then(year_of);
        for idno in children(publication, "idno") {
            match idno.attribute("type") {
                Some("chancery") => match inline_text(idno).parse::<DocumentId>() {
                    Ok(id) if !id.is_nil() => self.chancery_id = Some(id),
                    _ => notices.push((
                        idno.range().start,
                        "idno type=\"chancery\" is not a UUID; ignored".into(),
                    )),
                },
                Some("URL" | "url") => {
                    let url = inline_text(idno);
                    if url.starts_with("http://") || url.starts_with("https://") {
                        self.url = Some(url);
                    } else if !url.is_empty() {
                        notices.push((
                            idno.range().start,
                            format!("'{url}' is not an http(s) address; the URL is left out"),
                        ));
                    }
                }
                _ => {}
            }
        }
        if let Some(availability) = child(publication, "availability") {
            self.rights = rights(availability, notices);
        }
    }

    fn read_relations(&mut self, notes: Node<'_, '_>, notices: &mut Notices) {
        for item in children(notes, "relatedItem") {
            let kind = item.attribute("type").and_then(relation_kind);
            match (kind, item.attribute("target")) {
                (Some(kind), Some(target)) => self.relations.push(Relation {
                    kind,
                    target: target.to_string(),
                    label: child(item, "bibl").map(inline_text),
                }),
                _ => notices.push((
                    item.range().start,
                    "relatedItem without a known type (in_reply_to, references, encloses, translation_of, \
                     part_of) and a target; left out"
                        .into(),
                )),
            }
        }
    }

    fn read_source(&mut self, source: Node<'_, '_>) {
        let bibl = child(source, "bibl");
        self.has_bibl = source.children().any(|c| {
            matches!(
                tei(c),
                Some("bibl" | "biblStruct" | "biblFull" | "listBibl")
            )
        });
        self.source_text = match bibl {
            Some(bibl) => opt_text(bibl),
            None => {
                let text = children(source, "p")
                    .map(inline_text)
                    .filter(|t| !t.is_empty())
                    .collect::<Vec<_>>();
                (!text.is_empty()).then(|| text.join(" "))
            }
        };
        let find = |name: &str, pred: &dyn Fn(Node<'_, '_>) -> bool| {
            source
                .descendants()
                .find(|d| is(*d, name) && pred(*d))
                .and_then(opt_text)
        };
        self.source_title = find("title", &|_| true);
        self.pages = find("biblScope", &|d| {
            matches!(d.attribute("unit"), None | Some("page" | "pages" | "pp"))
        });
        self.extent = find("extent", &|_| true);
        // A structured citation may also name the publisher, place and date.
        if self.publisher.is_none() {
            self.publisher = find("publisher", &|_| true);
        }
        if self.pub_place.is_none() {
            self.pub_place = find("pubPlace", &|_| true);
        }
        if self.year.is_none() {
            self.year = source
                .descendants()
                .find(|d| is(*d, "date"))
                .and_then(year_of);
        }
    }

    /// `xenoData/chancery:mentions`: the JSON of the document's mentions.
    fn read_mentions(&mut self, header: Node<'_, '_>, notices: &mut Notices) {
        let Some(node) = children(header, "xenoData")
            .flat_map(|x| x.children())
            .find(|n| {
                n.tag_name().namespace() == Some(CHANCERY_NS)
                    && n.has_tag_name((CHANCERY_NS, "mentions"))
            })
        else {
            return;
        };
        let json: String = node
            .descendants()
            .filter(|n| n.is_text())
            .filter_map(|n| n.text())
            .collect();
        match serde_json::from_str(&json) {
            Ok(mentions) => self.mentions = Some(mentions),
            Err(err) => notices.push((
                node.range().start,
                format!("the mentions in chancery:mentions cannot be read ({err}); those marked up in the text are kept"),
            )),
        }
    }

    fn read_profile(&mut self, profile: Node<'_, '_>, notices: &mut Notices) {
        self.language = path(profile, &["langUsage", "language"])
            .and_then(|l| l.attribute("ident"))
            .map(str::to_string);
        if let Some(abstract_) = child(profile, "abstract") {
            let paragraphs: Vec<_> = children(abstract_, "p").collect();
            self.caption = if paragraphs.is_empty() {
                opt_text(abstract_)
            } else if let [only] = paragraphs.as_slice() {
                opt_text(*only)
            } else {
                let texts: Vec<_> = paragraphs
                    .into_iter()
                    .map(inline_text)
                    .filter(|t| !t.is_empty())
                    .collect();
                (!texts.is_empty()).then(|| texts.join(" "))
            };
        }
        if let Some(creation) = child(profile, "creation") {
            if let Some(date) = child(creation, "date") {
                self.created = dates::date_element(date, notices);
            }
            self.place = child(creation, "placeName").and_then(opt_text);
        }
        for class in children(profile, "textClass") {
            for keywords in children(class, "keywords") {
                let terms = keywords
                    .descendants()
                    .filter(|d| is(*d, "term"))
                    .map(inline_text);
                if keywords.attribute("scheme") == Some(COLLECTIONS_SCHEME) {
                    self.collections.extend(terms);
                } else {
                    self.subjects.extend(terms);
                }
            }
            for code in children(class, "classCode")
                .filter(|c| c.attribute("scheme") == Some(DOCTYPE_SCHEME))
            {
                let name = inline_text(code);
                match DocType::from_name(&name) {
                    Some(t) => self.doc_type = Some(t),
                    None => notices.push((
                        code.range().start,
                        format!("unknown document type '{name}'; left out"),
                    )),
                }
            }
        }
        for corresp in children(profile, "correspDesc") {
            for action in children(corresp, "correspAction") {
                let agents = action
                    .children()
                    .filter(|c| matches!(tei(*c), Some("persName" | "orgName" | "name" | "rs")))
                    .map(|a| AgentRef {
                        id: a
                            .attribute("ref")
                            .or_else(|| a.attribute("key"))
                            .map(str::to_string),
                        name: inline_text(a),
                    });
                match action.attribute("type") {
                    Some("sent") => {
                        self.senders.extend(agents);
                        if self.created.is_none() {
                            self.created =
                                child(action, "date").and_then(|d| dates::date_element(d, notices));
                        }
                        if self.place.is_none() {
                            self.place = child(action, "placeName").and_then(opt_text);
                        }
                    }
                    Some("received") => self.recipients.extend(agents),
                    _ => {}
                }
            }
        }
    }
}

/// Rights from `availability`: the statement from its `licence` and `p` texts, the URI from
/// `licence/@target`, the access level from `@n` (Chancery's) or `@status`, the embargo from a
/// `date type="embargo"` inside.
fn rights(availability: Node<'_, '_>, notices: &mut Notices) -> Rights {
    let mut rights = Rights::default();
    let mut statements = Vec::new();
    for part in availability
        .children()
        .filter(|c| matches!(tei(*c), Some("licence" | "p" | "ab")))
    {
        if is(part, "licence") && rights.uri.is_none() {
            rights.uri = part.attribute("target").map(str::to_string);
        }
        if let Some(text) = opt_text(part) {
            statements.push(text);
        }
    }
    if !statements.is_empty() {
        rights.statement = Some(statements.join(" "));
    }
    rights.access = match availability.attribute("n").map(AccessLevel::from_str) {
        Some(Ok(level)) => level,
        _ => match availability.attribute("status") {
            Some("restricted") => {
                notices.push((
                    availability.range().start,
                    "availability status=\"restricted\": the document is kept for staff only"
                        .into(),
                ));
                AccessLevel::Staff
            }
            _ => AccessLevel::Public,
        },
    };
    if let Some(embargo) = availability
        .descendants()
        .find(|d| is(*d, "date") && d.attribute("type") == Some("embargo"))
    {
        rights.embargo_until = civil_date(embargo, "when", notices);
    }
    if rights.access == AccessLevel::Embargoed && rights.embargo_until.is_none() {
        notices.push((
            availability.range().start,
            "embargoed without an embargo date: kept for staff only".into(),
        ));
        rights.access = AccessLevel::Staff;
    }
    if rights.access != AccessLevel::Embargoed && rights.embargo_until.take().is_some() {
        notices.push((
            availability.range().start,
            "an embargo date on a document that is not embargoed; left out".into(),
        ));
    }
    rights
}

fn civil_date(
    node: Node<'_, '_>,
    attribute: &str,
    notices: &mut Notices,
) -> Option<jiff::civil::Date> {
    let value = node.attribute(attribute)?;
    match value.trim().parse() {
        Ok(date) => Some(date),
        Err(_) => {
            notices.push((
                node.range().start,
                format!("{attribute}=\"{value}\" is not a date (YYYY-MM-DD); left out"),
            ));
            None
        }
    }
}

/// The year of a publication `date`: from `@when`, else from its wording.
fn year_of(date: Node<'_, '_>) -> Option<i32> {
    if let Some(when) = date.attribute("when") {
        let (sign, body) = match when.trim().strip_prefix('-') {
            Some(rest) => (-1, rest),
            None => (1, when.trim()),
        };
        let digits = body.split('-').next().unwrap_or(body);
        return digits
            .parse::<i64>()
            .ok()
            .and_then(|y| i32::try_from(sign * y).ok());
    }
    let text = inline_text(date);
    let date = DocDate::from_written(&text)
        .ok()
        .or_else(|| dates::first_full_date(&text, false).map(|(d, _)| d))?;
    date.year().and_then(|y| i32::try_from(y).ok())
}

/// A relation kind by its JSON name (`in_reply_to`, …); hyphens are accepted too.
pub(crate) fn relation_kind(name: &str) -> Option<RelationKind> {
    match name.replace('-', "_").as_str() {
        "in_reply_to" => Some(RelationKind::InReplyTo),
        "references" => Some(RelationKind::References),
        "encloses" => Some(RelationKind::Encloses),
        "translation_of" => Some(RelationKind::TranslationOf),
        "part_of" => Some(RelationKind::PartOf),
        _ => None,
    }
}

/// The name `relation_kind` reads.
pub(crate) fn relation_name(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::InReplyTo => "in_reply_to",
        RelationKind::References => "references",
        RelationKind::Encloses => "encloses",
        RelationKind::TranslationOf => "translation_of",
        RelationKind::PartOf => "part_of",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relation_names_round_trip() {
        for kind in [
            RelationKind::InReplyTo,
            RelationKind::References,
            RelationKind::Encloses,
            RelationKind::TranslationOf,
            RelationKind::PartOf,
        ] {
            assert_eq!(relation_kind(relation_name(kind)), Some(kind));
        }
        assert_eq!(relation_kind("in-reply-to"), Some(RelationKind::InReplyTo));
    }
}
