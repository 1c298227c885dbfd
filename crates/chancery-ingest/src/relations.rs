//! Finding the documents that references point to, over the whole archive: "in reply to
//! your note of June 27" names a note of that day written by this document's recipient.

use std::collections::HashMap;

use chancery_enrich::references::{DocumentLookup, Party, Reference};
use chancery_model::{AgentRef, DocDate, DocType, Document, DocumentId};

/// What the lookup keeps of each document (little: it holds the whole archive).
#[derive(Debug, Clone)]
struct Entry {
    id: DocumentId,
    doc_type: Option<DocType>,
    title: String,
    senders: Vec<Who>,
}

/// A correspondent as an authority id, else a folded name.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Who {
    Id(String),
    Name(String),
}

impl Who {
    fn of(agent: &AgentRef) -> Who {
        match &agent.id {
            Some(id) => Who::Id(id.clone()),
            None => Who::Name(agent.name.to_lowercase()),
        }
    }
}

/// The archive's dated documents by day, for [`DocumentLookup`].
#[derive(Debug, Default)]
pub struct ArchiveLookup {
    by_day: HashMap<i64, Vec<Entry>>,
}

impl ArchiveLookup {
    /// An empty lookup.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a document (only documents dated to one day can be found).
    pub fn add(&mut self, doc: &Document) {
        let Some(day) = single_day(doc.date.as_ref()) else {
            return;
        };
        self.by_day.entry(day).or_default().push(Entry {
            id: doc.id,
            doc_type: doc.doc_type,
            title: doc.title.clone(),
            senders: doc.senders.iter().map(Who::of).collect(),
        });
    }
}

impl DocumentLookup for ArchiveLookup {
    /// The one document of the reference's day (and type, when it names one) written by the
    /// party it names; `None` when there is none or more than one could be meant.
    fn find(&self, reference: &Reference, context: &Document) -> Option<DocumentId> {
        let date = DocDate::parse_edtf(reference.date.as_deref()?).ok()?;
        let day = single_day(Some(&date))?;
        let authors: Option<Vec<Who>> = match &reference.author {
            Party::Sender => Some(context.senders.iter().map(Who::of).collect()),
            Party::Recipient => Some(context.recipients.iter().map(Who::of).collect()),
            Party::Named(_) | Party::Unknown => None,
        };
        let mut found: Vec<&Entry> = self
            .by_day
            .get(&day)?
            .iter()
            .filter(|e| e.id != context.id)
            .filter(|e| reference.doc_type.is_none_or(|t| e.doc_type == Some(t)))
            .filter(|e| match (&authors, &reference.author) {
                (Some(who), _) => e.senders.iter().any(|s| who.contains(s)),
                (None, Party::Named(name)) => {
                    let name = name.to_lowercase();
                    e.senders.iter().any(|s| match s {
                        Who::Name(n) => n.contains(&name),
                        Who::Id(id) => id.contains(&name.replace(' ', "-")),
                    }) || e.title.to_lowercase().contains(&name)
                }
                (None, _) => true,
            })
            .collect();
        if found.len() > 1
            && let Some(number) = reference.number.as_deref()
        {
            found.retain(|e| {
                e.title
                    .split(|c: char| !c.is_alphanumeric() && c != '-')
                    .any(|w| w == number)
            });
        }
        match found.as_slice() {
            [one] => Some(one.id),
            _ => None,
        }
    }
}

fn single_day(date: Option<&DocDate>) -> Option<i64> {
    let date = date?;
    match (date.earliest(), date.latest()) {
        (Some(e), Some(l)) if e == l => Some(e),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chancery_enrich::references::find_references;

    fn doc(key: &str, title: &str, date: &str, t: DocType, from: &str, to: &str) -> Document {
        let mut d = Document::new(DocumentId::from_key(key), title, "Text.");
        d.date = Some(DocDate::parse_edtf(date).unwrap());
        d.doc_type = Some(t);
        d.senders = vec![AgentRef::named(from)];
        d.recipients = vec![AgentRef::named(to)];
        d
    }

    #[test]
    fn a_reply_finds_the_note_its_recipient_sent_that_day() {
        let note = doc(
            "note",
            "Soviet note",
            "1950-06-29",
            DocType::Note,
            "Gromyko",
            "Kirk",
        );
        let other = doc(
            "other",
            "A note",
            "1950-06-29",
            DocType::Note,
            "Bevin",
            "Kirk",
        );
        let telegram = doc(
            "tel",
            "Telegram",
            "1950-06-29",
            DocType::Telegram,
            "Gromyko",
            "Kirk",
        );
        let mut lookup = ArchiveLookup::new();
        for d in [&note, &other, &telegram] {
            lookup.add(d);
        }
        let reply = doc(
            "reply",
            "Reply",
            "1950-07-03",
            DocType::Note,
            "Kirk",
            "Gromyko",
        );
        let refs = find_references("In reply to your note of June 29", Some(1950), None);
        assert_eq!(refs.len(), 1);
        assert_eq!(lookup.find(&refs[0], &reply), Some(note.id));
        // The same words from someone else point nowhere.
        let stranger = doc("x", "X", "1950-07-03", DocType::Note, "Kirk", "Acheson");
        assert_eq!(lookup.find(&refs[0], &stranger), None);
    }

    #[test]
    fn ambiguous_references_find_nothing() {
        let a = doc(
            "a",
            "Note A",
            "1950-06-29",
            DocType::Note,
            "Gromyko",
            "Kirk",
        );
        let b = doc(
            "b",
            "Note B",
            "1950-06-29",
            DocType::Note,
            "Gromyko",
            "Kirk",
        );
        let mut lookup = ArchiveLookup::new();
        lookup.add(&a);
        lookup.add(&b);
        let reply = doc(
            "reply",
            "Reply",
            "1950-07-03",
            DocType::Note,
            "Kirk",
            "Gromyko",
        );
        let refs = find_references("In reply to your note of June 29", Some(1950), None);
        assert_eq!(lookup.find(&refs[0], &reply), None);
    }
}
