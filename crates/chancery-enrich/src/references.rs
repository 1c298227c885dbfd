//! References from one document to another — "in reply to your note of June 27", "your
//! telegram 123", "my despatch No. 45 of May 3", "reference: Deptel 456" — read as structured
//! [`Reference`]s, and turned into [`Relation`]s by a [`DocumentLookup`] that knows the
//! archive, so that an exchange reads as a thread.

use chancery_model::{DocType, Document, DocumentId, Relation, RelationKind};

use crate::dates;
use crate::tokens::{self, Kind, Token, Tokens};

/// Whether a reference answers the other document or only refers to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReferenceKind {
    /// "In reply to …", "reurtel …": this document answers the other.
    Reply,
    /// Any other reference.
    Reference,
}

/// Who wrote the document referred to, as far as the wording tells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Party {
    /// "my", "our", "mytel": this document's sender.
    Sender,
    /// "your", "urtel": this document's recipient.
    Recipient,
    /// Named: "the Department's telegram", "Deptel", "Embtel".
    Named(String),
    /// Not said.
    Unknown,
}

/// A reference to another document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// Reply or reference.
    pub kind: ReferenceKind,
    /// The kind of document referred to (note, telegram, despatch …).
    pub doc_type: Option<DocType>,
    /// Its number, as written ("123", "45-A").
    pub number: Option<String>,
    /// Its date as EDTF, with the year taken from this document's date when not written
    /// (and the year before when that would put it after this document).
    pub date: Option<String>,
    /// Who wrote it.
    pub author: Party,
    /// The reference as written ("your telegram 123 of June 3").
    pub label: String,
    /// Byte offset of the reference in the text.
    pub start: usize,
    /// Byte offset just past it.
    pub end: usize,
}

/// Finds documents of the archive that references point to.
pub trait DocumentLookup {
    /// The document `reference`, written in `context`, refers to, if the archive holds it.
    /// An implementation typically looks for a document of the reference's type, number and
    /// date written by the party the reference names (the sender or the recipient of
    /// `context`).
    fn find(&self, reference: &Reference, context: &Document) -> Option<DocumentId>;
}

/// The relations `references` make, through `lookup`: `InReplyTo` for replies,
/// `References` otherwise; each target once, never the document itself.
pub fn relations(
    context: &Document,
    references: &[Reference],
    lookup: &impl DocumentLookup,
) -> Vec<Relation> {
    let mut out: Vec<Relation> = Vec::new();
    for r in references {
        let Some(id) = lookup.find(r, context) else {
            continue;
        };
        if id == context.id {
            continue;
        }
        let target = id.to_string();
        let kind = match r.kind {
            ReferenceKind::Reply => RelationKind::InReplyTo,
            ReferenceKind::Reference => RelationKind::References,
        };
        match out.iter_mut().find(|x| x.target == target) {
            // A reply outranks a mere reference to the same document.
            Some(existing) => {
                if kind == RelationKind::InReplyTo {
                    existing.kind = kind;
                }
            }
            None => out.push(Relation {
                kind,
                target,
                label: Some(r.label.clone()),
            }),
        }
    }
    out
}

/// Words naming kinds of documents.
fn doc_type_of(key: &str) -> Option<DocType> {
    Some(match key {
        "note" | "notes" => DocType::Note,
        "letter" | "letters" => DocType::Letter,
        "telegram" | "telegrams" | "cable" | "cables" | "tel" => DocType::Telegram,
        "despatch" | "dispatch" | "despatches" | "dispatches" => DocType::Despatch,
        "memorandum" | "memo" => DocType::Memorandum,
        "aide memoire" => DocType::AideMemoire,
        "airgram" => DocType::Airgram,
        "instruction" | "instructions" => DocType::Instruction,
        // Diplomatic "messages" and "circulars" travel as telegrams; "communications" as
        // notes.
        "message" | "circular" => DocType::Telegram,
        "communication" => DocType::Note,
        "report" => DocType::Report,
        _ => return None,
    })
}

/// Telegraphic abbreviations: the party that wrote, the kind, and whether it is a reply.
fn abbreviation(key: &str) -> Option<(Party, DocType, bool)> {
    let department = || Party::Named("Department of State".into());
    let embassy = || Party::Named("Embassy".into());
    Some(match key {
        "deptel" | "deptels" => (department(), DocType::Telegram, false),
        "depcirtel" | "circtel" => (department(), DocType::Telegram, false),
        "embtel" | "embtels" => (embassy(), DocType::Telegram, false),
        "embdes" => (embassy(), DocType::Despatch, false),
        "urtel" | "urtels" => (Party::Recipient, DocType::Telegram, false),
        "reurtel" => (Party::Recipient, DocType::Telegram, true),
        "urdes" => (Party::Recipient, DocType::Despatch, false),
        "redeptel" => (department(), DocType::Telegram, true),
        "mytel" | "mytels" | "ourtel" => (Party::Sender, DocType::Telegram, false),
        "mydes" => (Party::Sender, DocType::Despatch, false),
        _ => return None,
    })
}

/// Finds the references in `text`. `year` completes dates written without one; `day`
/// (this document's date) keeps them from falling after it.
pub fn find_references(text: &str, year: Option<i64>, day: Option<i64>) -> Vec<Reference> {
    find_in(&Tokens::new(text), year, day)
}

/// Finds the references in a text already split into tokens.
pub(crate) fn find_in(toks: &Tokens<'_>, year: Option<i64>, day: Option<i64>) -> Vec<Reference> {
    let (text, tokens) = (toks.text, &toks.list);
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i];
        if t.kind != Kind::Word {
            i += 1;
            continue;
        }
        let key = toks.key(i);
        // Only words beginning like "your", "my", "our", "the", "Deptel", "Embtel", "urtel",
        // "reurtel", "circtel" can start a reference.
        if !key.as_bytes().first().is_some_and(|b| {
            matches!(
                b,
                b'y' | b'm' | b'o' | b'd' | b'e' | b't' | b'h' | b'c' | b'u' | b'r'
            )
        }) {
            i += 1;
            continue;
        }
        // Telegraphic abbreviations: "Deptel 456", "reurtel 123". All end in "tel", "tels"
        // or "des": a test of the ending spares most words the lookup.
        if (key.ends_with("tel") || key.ends_with("tels") || key.ends_with("des"))
            && let Some((author, doc_type, reply)) = abbreviation(key)
        {
            let (number, next) = number_after(toks, i + 1);
            let (date, next) = date_after(toks, next, year, day);
            if number.is_some() || date.is_some() {
                let reply = reply || replying_before(toks, i);
                out.push(reference(
                    text,
                    tokens,
                    i,
                    next,
                    reply,
                    Some(doc_type),
                    number,
                    date,
                    author,
                ));
                i = next.max(i + 1);
                continue;
            }
        }
        // "your telegram 123 of June 3", "my despatch No. 45", "the Department's note".
        let author = match key {
            "your" | "yours" => Some(Party::Recipient),
            "my" | "our" => Some(Party::Sender),
            "department s" | "departments" => Some(Party::Named("Department of State".into())),
            "embassy s" => Some(Party::Named("Embassy".into())),
            "the" | "this" | "that" | "his" | "their" => Some(Party::Unknown),
            _ => None,
        };
        if let Some(mut author) = author {
            let mut k = i + 1;
            // "the Department's …": the possessive follows the noun.
            if author == Party::Unknown
                && matches!(toks.key(k), "department" | "embassy")
                && tokens.get(k + 1).is_some_and(|a| a.is_punct('\''))
            {
                author = Party::Named(if toks.key(k) == "department" {
                    "Department of State".into()
                } else {
                    "Embassy".into()
                });
                k += 3;
            }
            let doc_type = doc_type_of(toks.key(k));
            let (number, next) = match doc_type {
                Some(_) => number_after(toks, k + 1),
                // "your 123": a telegram by number alone.
                None if matches!(author, Party::Recipient | Party::Sender) => {
                    let (n, next) = number_after(toks, k);
                    (n.filter(|n| n.len() >= 2), next)
                }
                None => (None, k),
            };
            let doc_type = doc_type.or(number.as_ref().map(|_| DocType::Telegram));
            if doc_type.is_some() {
                let (date, next) = date_after(toks, next, year, day);
                if !(author == Party::Unknown && number.is_none() && date.is_none()) {
                    let reply = replying_before(toks, i);
                    out.push(reference(
                        text, tokens, i, next, reply, doc_type, number, date, author,
                    ));
                    i = next.max(i + 1);
                    continue;
                }
            }
        }
        i += 1;
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn reference(
    text: &str,
    tokens: &[Token],
    first: usize,
    next: usize,
    reply: bool,
    doc_type: Option<DocType>,
    number: Option<String>,
    date: Option<String>,
    author: Party,
) -> Reference {
    let start = tokens.get(first).map_or(0, |t| t.start);
    let end = tokens
        .get(next.saturating_sub(1))
        .map_or(start, |t| t.end)
        .max(start);
    Reference {
        kind: if reply {
            ReferenceKind::Reply
        } else {
            ReferenceKind::Reference
        },
        doc_type,
        number,
        date,
        author,
        label: text.get(start..end).unwrap_or("").to_string(),
        start,
        end,
    }
}

/// Whether words just before token `i` say that this document answers: "in reply to",
/// "in answer to", "replying to", "in response to", "re".
fn replying_before(toks: &Tokens<'_>, i: usize) -> bool {
    let words: Vec<&str> = (i.saturating_sub(3)..i)
        .filter(|&k| toks.get(k).is_some_and(|t| t.is_word()))
        .map(|k| toks.key(k))
        .collect();
    matches!(
        words.as_slice(),
        [.., "reply", "to"]
            | [.., "answer", "to"]
            | [.., "replying", "to"]
            | [.., "response", "to"]
            | [.., "answering"]
            | [.., "re"]
            | [.., "reurtel"]
    )
}

/// A number after token `k`: "123", "No. 45", "number 45-A", "#12".
fn number_after(toks: &Tokens<'_>, k: usize) -> (Option<String>, usize) {
    let (text, tokens) = (toks.text, &toks.list);
    let mut k = k;
    if let Some(t) = tokens.get(k)
        && (t.is_punct('#') || t.is_word() && matches!(toks.key(k), "no" | "number" | "nr"))
    {
        k += 1;
        if tokens.get(k).is_some_and(|t| t.is_punct('.')) {
            k += 1;
        }
    }
    match tokens.get(k) {
        Some(t) if t.kind == Kind::Number && t.text(text).len() <= 8 => {
            let mut number = t.text(text).to_string();
            let mut next = k + 1;
            // "45-A", "1234/5".
            if let (Some(sep), Some(more)) = (tokens.get(next), tokens.get(next + 1))
                && (sep.is_punct('-') || sep.is_punct('/'))
                && !sep.spaced
                && !more.spaced
                && (more.kind == Kind::Number || more.is_word() && more.text(text).len() <= 2)
            {
                number.push_str(sep.text(text));
                number.push_str(more.text(text));
                next += 2;
            }
            (Some(number), next)
        }
        _ => (None, k),
    }
}

/// A date after token `k`: "of June 27", ", June 3", "dated May 3, 1950".
fn date_after(
    toks: &Tokens<'_>,
    k: usize,
    year: Option<i64>,
    day: Option<i64>,
) -> (Option<String>, usize) {
    let (text, tokens) = (toks.text, &toks.list);
    let mut j = k;
    if tokens.get(j).is_some_and(|t| t.is_punct(',')) {
        j += 1;
    }
    if tokens.get(j).is_some_and(|t| t.is_word()) && matches!(toks.key(j), "of" | "dated") {
        j += 1;
    }
    let Some(start) = tokens.get(j).map(|t| t.start) else {
        return (None, k);
    };
    let end = tokens
        .get((j + 5).min(tokens.len().saturating_sub(1)))
        .map_or(start, |t| t.end);
    let Some(window) = text.get(start..end) else {
        return (None, k);
    };
    let found = dates::find(&Tokens::new(window), year);
    let Some(first) = found.into_iter().find(|d| d.start == 0) else {
        return (None, k);
    };
    let mut edtf = first.edtf;
    // A document answers what came before it: a year taken from the context that would put
    // the other document after this one is the year before.
    if first.year_from_context
        && let (Some(e), Some(day)) = (edtf.as_deref(), day)
        && let Ok(d) = chancery_model::DocDate::parse_edtf(e)
        && d.earliest().is_some_and(|x| x > day)
        && let Some(y) = d.year()
    {
        edtf = Some(format!("{}{}", y - 1, &e[4.min(e.len())..]));
    }
    let end_abs = start + first.end;
    let next = tokens::index_at(tokens, end_abs);
    (edtf, next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chancery_model::date::days;

    fn refs(text: &str) -> Vec<Reference> {
        find_references(text, Some(1950), Some(days::from_civil(1950, 7, 1)))
    }

    #[test]
    fn replies_numbers_dates_and_parties() {
        let r = refs(
            "In reply to your note of June 27, the Government states … See your telegram 123 \
             and my despatch No. 45 of May 3. Reference: Deptel 456. Reurtel 789.",
        );
        type Row<'a> = (
            ReferenceKind,
            Option<DocType>,
            Option<&'a str>,
            Option<&'a str>,
            Party,
        );
        let got: Vec<Row<'_>> = r
            .iter()
            .map(|r| {
                (
                    r.kind,
                    r.doc_type,
                    r.number.as_deref(),
                    r.date.as_deref(),
                    r.author.clone(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    ReferenceKind::Reply,
                    Some(DocType::Note),
                    None,
                    Some("1950-06-27"),
                    Party::Recipient
                ),
                (
                    ReferenceKind::Reference,
                    Some(DocType::Telegram),
                    Some("123"),
                    None,
                    Party::Recipient
                ),
                (
                    ReferenceKind::Reference,
                    Some(DocType::Despatch),
                    Some("45"),
                    Some("1950-05-03"),
                    Party::Sender
                ),
                (
                    ReferenceKind::Reference,
                    Some(DocType::Telegram),
                    Some("456"),
                    None,
                    Party::Named("Department of State".into())
                ),
                (
                    ReferenceKind::Reply,
                    Some(DocType::Telegram),
                    Some("789"),
                    None,
                    Party::Recipient
                ),
            ]
        );
        assert_eq!(r[0].label, "your note of June 27");
    }

    #[test]
    fn a_date_after_the_document_belongs_to_the_year_before() {
        let r = find_references(
            "in reply to your letter of December 20",
            Some(1951),
            Some(days::from_civil(1951, 1, 5)),
        );
        assert_eq!(r[0].date.as_deref(), Some("1950-12-20"));
    }

    struct Archive(DocumentId);

    impl DocumentLookup for Archive {
        fn find(&self, reference: &Reference, _context: &Document) -> Option<DocumentId> {
            (reference.date.as_deref() == Some("1950-06-27")).then_some(self.0)
        }
    }

    #[test]
    fn a_lookup_makes_relations() {
        let target = DocumentId::from_key("note-of-june-27");
        let doc = Document::new(
            DocumentId::from_key("reply"),
            "Reply",
            "In reply to your note of June 27.",
        );
        let r = refs(&doc.text());
        let rel = relations(&doc, &r, &Archive(target));
        assert_eq!(rel.len(), 1);
        assert_eq!(rel[0].kind, RelationKind::InReplyTo);
        assert_eq!(rel[0].target, target.to_string());
    }
}
