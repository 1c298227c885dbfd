//! Enriching one document: its date, its mentions in text, title and caption, its
//! correspondents and its references to other documents.

use chancery_model::{
    AgentRef, DocDate, Document, Mention, MentionField, MentionSource, MentionStatus,
};

use crate::correspondence::{CorrespondenceSource, Reader};
use crate::dates::{self, DocumentDate};
use crate::gazetteer::Gazetteer;
use crate::link::Linker;
use crate::mentions::{self, Setting};
use crate::references::{self, Reference};
use crate::tokens::Tokens;

/// Settings for [`enrich_with`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The state whose offices a title names when it names no country ("the Secretary of
    /// State", "the President"), as an entity id. `place:united-states` by default: the
    /// archives Chancery serves first are American; `None` links such titles only when the
    /// text says whose office it is.
    pub home: Option<String>,
    /// Whether to look for references to other documents ([`Enrichment::references`]).
    /// On by default; an import, which cannot relate them before every document is in,
    /// turns it off and leaves them to `chancery enrich`.
    pub references: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            home: Some("place:united-states".into()),
            references: true,
        }
    }
}

/// What enrichment found in a document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Enrichment {
    /// Mentions in the plain text (offsets into [`Document::text`]), sorted: the ones found
    /// now, and the document's own mentions that are kept as given (from markup, by an
    /// editor, confirmed or rejected).
    pub mentions: Vec<Mention>,
    /// Mentions in the title, by byte offsets into [`Document::title`]
    /// ([`MentionField::Title`]), with the kept ones.
    pub title_mentions: Vec<Mention>,
    /// Mentions in the caption, by byte offsets into [`Document::caption`]
    /// ([`MentionField::Caption`]), with the kept ones.
    pub caption_mentions: Vec<Mention>,
    /// The document's own date as found in its title, dateline, caption or heading (also
    /// when the document already has one).
    pub date: Option<DocumentDate>,
    /// Senders or authors found.
    pub senders: Vec<AgentRef>,
    /// Recipients found.
    pub recipients: Vec<AgentRef>,
    /// Where senders and recipients were read.
    pub correspondence: Option<CorrespondenceSource>,
    /// References to other documents in the text (none when [`Options::references`] is
    /// off); see [`references::relations`] to turn them into relations.
    pub references: Vec<Reference>,
}

impl Enrichment {
    /// Writes the findings into `doc`: its mentions become those of the text, the title and
    /// the caption (earlier automatic mentions are replaced; kept ones stay); its date, senders and recipients are
    /// filled in only where it has none, so that what a reader or an editor gave wins.
    pub fn apply(self, doc: &mut Document) {
        let mut mentions = self.mentions;
        mentions.extend(self.title_mentions);
        mentions.extend(self.caption_mentions);
        doc.mentions = mentions;
        if doc.date.is_none() {
            doc.date = self.date.map(|d| d.date);
        }
        if doc.senders.is_empty() {
            doc.senders = self.senders;
        }
        if doc.recipients.is_empty() {
            doc.recipients = self.recipients;
        }
    }
}

/// Enriches `doc` against `gazetteer` with the default [`Options`].
pub fn enrich(doc: &Document, gazetteer: &Gazetteer) -> Enrichment {
    enrich_with(doc, gazetteer, &Options::default())
}

/// Whether a mention of the document is kept as it is: given by markup or an editor, or
/// judged by an editor (a rejection sticks: the same mention is not proposed again).
pub fn is_kept(m: &Mention) -> bool {
    matches!(m.source, MentionSource::Markup | MentionSource::Editor)
        || matches!(m.status, MentionStatus::Confirmed | MentionStatus::Rejected)
}

/// Enriches `doc` against `gazetteer`.
pub fn enrich_with(doc: &Document, gazetteer: &Gazetteer, options: &Options) -> Enrichment {
    let text = doc.text();
    let title_toks = Tokens::new(&doc.title);
    let caption_toks = doc.caption.as_deref().map(Tokens::new);
    let found_date = dates::document_date_from(doc, &title_toks, caption_toks.as_ref());
    let date: Option<&DocDate> = doc.date.as_ref().or(found_date.as_ref().map(|d| &d.date));
    let (doc_day, context_year) = time_of(date);
    let home = options.home.as_deref().and_then(|h| gazetteer.index_of(h));
    let setting = Setting {
        gazetteer,
        doc_day,
        context_year,
        home,
    };
    let kept_in = |field: MentionField| -> Vec<Mention> {
        doc.mentions
            .iter()
            .filter(|m| m.field == field && is_kept(m))
            .cloned()
            .collect()
    };
    let (kept, kept_title, kept_caption) = (
        kept_in(MentionField::Text),
        kept_in(MentionField::Title),
        kept_in(MentionField::Caption),
    );
    let toks = Tokens::new(&text);
    let mut text_mentions = mentions::scan(&toks, &setting, &kept);
    let mut title_mentions = in_field(
        mentions::scan(&title_toks, &setting, &kept_title),
        MentionField::Title,
    );
    let mut caption_mentions = in_field(
        caption_toks
            .as_ref()
            .map(|c| mentions::scan(c, &setting, &kept_caption))
            .unwrap_or_default(),
        MentionField::Caption,
    );

    // The linker remembers who the document names, so that correspondents are read in the
    // light of its mentions.
    let mut linker = Linker::new(gazetteer, home);
    for m in text_mentions
        .iter()
        .chain(&title_mentions)
        .chain(&caption_mentions)
    {
        if let Some(i) = m.entity_id.as_deref().and_then(|id| gazetteer.index_of(id)) {
            linker.note(i);
        }
    }
    let reader = Reader {
        linker: &linker,
        day: doc_day,
    };
    let correspondents = reader.read(
        doc,
        &text_mentions,
        &caption_mentions,
        caption_toks.as_ref(),
    );
    let references = if options.references {
        references::find_in(&toks, context_year, doc_day)
    } else {
        Vec::new()
    };

    // Kept mentions stay in the document, rejected ones too: that is how a rejection sticks.
    for (found, kept) in [
        (&mut text_mentions, kept),
        (&mut title_mentions, kept_title),
        (&mut caption_mentions, kept_caption),
    ] {
        found.extend(kept);
        found.sort_by_key(|m| (m.start, m.end));
    }
    let (senders, recipients, correspondence) = match correspondents {
        Some(c) => (c.senders, c.recipients, Some(c.source)),
        None => (Vec::new(), Vec::new(), None),
    };
    Enrichment {
        mentions: text_mentions,
        title_mentions,
        caption_mentions,
        date: found_date,
        senders,
        recipients,
        correspondence,
        references,
    }
}

/// Marks mentions found in the title or the caption as such.
fn in_field(mut found: Vec<Mention>, field: MentionField) -> Vec<Mention> {
    for m in &mut found {
        m.field = field;
    }
    found
}

/// The day a document speaks from (its date's middle, when the date spans at most a year)
/// and the year that completes dates written without one.
fn time_of(date: Option<&DocDate>) -> (Option<i64>, Option<i64>) {
    let Some(date) = date else {
        return (None, None);
    };
    match (date.earliest(), date.latest()) {
        (Some(e), Some(l)) if l - e <= 366 => {
            let (year, _, _) = chancery_model::date::days::to_civil(e);
            let (last_year, _, _) = chancery_model::date::days::to_civil(l);
            (Some(e + (l - e) / 2), (year == last_year).then_some(year))
        }
        _ => (None, None),
    }
}
