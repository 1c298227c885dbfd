//! Document identifiers: UUIDs, taken from the record when it carries one, otherwise derived
//! from a stable key (file and record locator) so that re-importing finds the same document.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The namespace for name-based (version 5) document UUIDs.
const NAMESPACE: Uuid = Uuid::from_u128(0x5f0c_6a1e_9b7d_4c3a_8e21_c4a0_ce00_0001);

/// A document's identifier.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
#[serde(transparent)]
pub struct DocumentId(Uuid);

impl DocumentId {
    /// Wraps a UUID.
    pub fn new(uuid: Uuid) -> Self {
        Self(uuid)
    }

    /// The identifier derived from a stable key, e.g. `tei:1957-03-21-kennan-to-leopold#leopold-to-kennan`.
    pub fn from_key(key: &str) -> Self {
        Self(Uuid::new_v5(&NAMESPACE, key.as_bytes()))
    }

    /// The nil identifier, which stands for "not given" on input.
    pub fn nil() -> Self {
        Self(Uuid::nil())
    }

    /// Whether this is the nil identifier.
    pub fn is_nil(&self) -> bool {
        self.0.is_nil()
    }

    /// The UUID.
    pub fn uuid(&self) -> Uuid {
        self.0
    }
}

impl fmt::Display for DocumentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.hyphenated().fmt(f)
    }
}

impl FromStr for DocumentId {
    type Err = uuid::Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Uuid::parse_str(s.trim()).map(Self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_give_stable_ids() {
        let a = DocumentId::from_key("tei:file#d1");
        assert_eq!(a, DocumentId::from_key("tei:file#d1"));
        assert_ne!(a, DocumentId::from_key("tei:file#d2"));
        assert_eq!(a.to_string().parse::<DocumentId>().unwrap(), a);
    }
}
