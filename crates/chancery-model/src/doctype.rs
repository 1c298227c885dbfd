//! The controlled vocabulary of document types, with the synonyms archives use for them.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::fold::fold;

macro_rules! doc_types {
    ($( $variant:ident => $slug:literal, $label:literal, [$($synonym:literal),*] ;)*) => {
        /// A kind of document, from a controlled vocabulary. Serialized as its slug.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum DocType {
            $(
                #[doc = $label]
                $variant,
            )*
        }

        impl DocType {
            /// Every type, in vocabulary order.
            pub const ALL: &'static [DocType] = &[$(DocType::$variant),*];

            /// The stable machine name, e.g. `aide-memoire`.
            pub fn slug(self) -> &'static str {
                match self { $(DocType::$variant => $slug),* }
            }

            /// The name shown to readers, e.g. `Aide-mémoire`.
            pub fn label(self) -> &'static str {
                match self { $(DocType::$variant => $label),* }
            }

            /// Other names for the type, folded (lowercase, no accents, spaces for hyphens).
            pub fn synonyms(self) -> &'static [&'static str] {
                match self { $(DocType::$variant => &[$($synonym),*]),* }
            }
        }
    };
}

doc_types! {
    AideMemoire => "aide-memoire", "Aide-mémoire", ["aide memoire", "aide memoir", "aides memoire"];
    NoteVerbale => "note-verbale", "Note verbale", ["note verbale", "notes verbales", "verbal note"];
    Note => "note", "Note", ["note", "diplomatic note", "notes"];
    Memorandum => "memorandum", "Memorandum", ["memorandum", "memo", "memoranda", "memorandums"];
    MemorandumOfConversation => "memorandum-of-conversation", "Memorandum of conversation",
        ["memorandum of conversation", "memcon", "conversation memorandum"];
    Telegram => "telegram", "Telegram", ["telegram", "cable", "cablegram", "telegramme", "wire", "circular telegram"];
    Airgram => "airgram", "Airgram", ["airgram"];
    Letter => "letter", "Letter", ["letter", "lettre", "brief", "personal letter", "letters"];
    Despatch => "despatch", "Despatch", ["despatch", "dispatch"];
    Instruction => "instruction", "Instruction", ["instruction", "instructions"];
    Minutes => "minutes", "Minutes", ["minutes", "minute", "proces verbal", "record of meeting", "summary record"];
    Transcript => "transcript", "Transcript", ["transcript", "verbatim record"];
    Speech => "speech", "Speech", ["speech", "address", "discours", "rede", "remarks", "toast"];
    Statement => "statement", "Statement", ["statement", "declaration", "press statement"];
    Communique => "communique", "Communiqué", ["communique", "joint communique", "press communique"];
    PressRelease => "press-release", "Press release", ["press release", "news release"];
    Treaty => "treaty", "Treaty", ["treaty", "traite", "vertrag", "convention", "pact", "protocol"];
    Agreement => "agreement", "Agreement", ["agreement", "accord", "exchange of notes"];
    Resolution => "resolution", "Resolution", ["resolution"];
    Report => "report", "Report", ["report", "rapport", "bericht"];
    Article => "article", "Article", ["article", "essay", "chapter", "editorial"];
    EditorialNote => "editorial-note", "Editorial note", ["editorial note"];
    Interview => "interview", "Interview", ["interview"];
    Chronology => "chronology", "Chronology", ["chronology", "timeline"];
}

impl DocType {
    /// Finds the type a name stands for: its slug, label or any synonym, ignoring case,
    /// accents and hyphens ("Aide-mémoire", "aide memoire" and "AIDE-MEMOIRE" all match).
    pub fn from_name(name: &str) -> Option<Self> {
        let folded = fold(name);
        if folded.is_empty() {
            return None;
        }
        DocType::ALL.iter().copied().find(|t| {
            fold(t.slug()) == folded
                || fold(t.label()) == folded
                || t.synonyms().contains(&folded.as_str())
        })
    }

    /// Guesses the type from a title by looking for the longest vocabulary term in it as
    /// whole words ("United States aide-memoire (27 June 1950)" is an aide-memoire).
    pub fn from_title(title: &str) -> Option<Self> {
        let folded = format!(" {} ", fold(title));
        let mut best: Option<(usize, DocType)> = None;
        for t in DocType::ALL {
            let label = fold(t.label());
            let terms = t
                .synonyms()
                .iter()
                .copied()
                .chain(std::iter::once(label.as_str()));
            for term in terms.filter(|term| !TOO_GENERAL_FOR_TITLES.contains(term)) {
                let longer = best.is_none_or(|(len, _)| term.len() > len);
                if longer && folded.contains(&format!(" {term} ")) {
                    best = Some((term.len(), *t));
                }
            }
        }
        best.map(|(_, t)| t)
    }
}

/// Words that name a type but say too little in a title ("Notes on …", "Address by …").
const TOO_GENERAL_FOR_TITLES: &[&str] = &[
    "brief",
    "address",
    "wire",
    "accord",
    "remarks",
    "toast",
    "notes",
    "minute",
    "letters",
    "declaration",
    "protocol",
    "chapter",
    "convention",
    "essay",
    "article",
];

impl fmt::Display for DocType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.slug())
    }
}

/// The name given is not in the vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown document type '{0}' (known types: {known})", known = known_slugs())]
pub struct UnknownDocType(pub String);

fn known_slugs() -> String {
    DocType::ALL
        .iter()
        .map(|t| t.slug())
        .collect::<Vec<_>>()
        .join(", ")
}

impl FromStr for DocType {
    type Err = UnknownDocType;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DocType::from_name(s).ok_or_else(|| UnknownDocType(s.to_string()))
    }
}

impl Serialize for DocType {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.slug())
    }
}

impl<'de> Deserialize<'de> for DocType {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        name.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_with_accents_and_hyphens_resolve() {
        for name in [
            "aide-mémoire",
            "Aide memoire",
            "AIDE-MEMOIRE",
            "aide-memoire",
        ] {
            assert_eq!(
                DocType::from_name(name),
                Some(DocType::AideMemoire),
                "{name}"
            );
        }
        assert_eq!(DocType::from_name("cable"), Some(DocType::Telegram));
        assert_eq!(DocType::from_name("Communiqué"), Some(DocType::Communique));
        assert_eq!(
            DocType::from_name("note verbale"),
            Some(DocType::NoteVerbale)
        );
        assert_eq!(DocType::from_name("dispatch"), Some(DocType::Despatch));
        assert_eq!(DocType::from_name("shopping list"), None);
    }

    #[test]
    fn slugs_round_trip_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for t in DocType::ALL {
            assert!(seen.insert(t.slug()));
            assert_eq!(DocType::from_name(t.slug()), Some(*t));
            assert_eq!(DocType::from_name(t.label()), Some(*t));
        }
    }

    #[test]
    fn type_from_title() {
        assert_eq!(
            DocType::from_title("United States aide-memoire (27 June 1950)"),
            Some(DocType::AideMemoire)
        );
        assert_eq!(
            DocType::from_title("Memorandum of Conversation, Washington"),
            Some(DocType::MemorandumOfConversation)
        );
        assert_eq!(
            DocType::from_title("HAC Meeting Minutes, November 1958"),
            Some(DocType::Minutes)
        );
        assert_eq!(
            DocType::from_title("Richard W. Leopold to George F. Kennan"),
            None
        );
    }

    #[test]
    fn unknown_type_lists_the_vocabulary() {
        let err = "foo".parse::<DocType>().unwrap_err();
        assert!(err.to_string().contains("aide-memoire"));
    }
}
