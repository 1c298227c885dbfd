//! Offices: the positions that titles and roles in documents name ("Ambassador", "the
//! Soviet Foreign Minister", "Secretary of State"), reduced to a small vocabulary so that a
//! title in a text can be compared with a position held in an authority record.

use crate::fold;

/// An office, as far as matching titles against positions needs to tell them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Office {
    /// A reigning monarch: king, queen, emperor, tsar, kaiser, shah, sultan.
    Monarch,
    /// A president (head of state or of a government).
    President,
    /// A vice president.
    VicePresident,
    /// A prime minister, premier or chairman of a council of ministers.
    PrimeMinister,
    /// A chancellor (German or Austrian head of government).
    Chancellor,
    /// A foreign minister, foreign secretary or commissar for foreign affairs.
    ForeignMinister,
    /// The United States Secretary of State.
    SecretaryOfState,
    /// A deputy secretary of state.
    DeputySecretary,
    /// An under secretary (of state).
    UnderSecretary,
    /// An assistant secretary (of state).
    AssistantSecretary,
    /// A minister or secretary of defense or war.
    DefenseMinister,
    /// A minister of finance or of the treasury.
    FinanceMinister,
    /// An ambassador.
    Ambassador,
    /// A minister plenipotentiary, envoy or minister resident (a chief of mission below
    /// ambassador).
    Envoy,
    /// A chargé d'affaires.
    ChargeDAffaires,
    /// A consul or consul general.
    Consul,
    /// A representative to an international organization.
    Representative,
    /// The secretary-general of an international organization.
    SecretaryGeneral,
    /// The leader of a ruling party: general secretary, first secretary, chairman.
    PartyLeader,
    /// A national security adviser.
    NationalSecurityAdviser,
    /// The pope.
    Pope,
}

impl Office {
    /// The office's key as written in the baseline data (`foreign-minister`).
    pub fn key(self) -> &'static str {
        match self {
            Office::Monarch => "monarch",
            Office::President => "president",
            Office::VicePresident => "vice-president",
            Office::PrimeMinister => "prime-minister",
            Office::Chancellor => "chancellor",
            Office::ForeignMinister => "foreign-minister",
            Office::SecretaryOfState => "secretary-of-state",
            Office::DeputySecretary => "deputy-secretary",
            Office::UnderSecretary => "under-secretary",
            Office::AssistantSecretary => "assistant-secretary",
            Office::DefenseMinister => "defense-minister",
            Office::FinanceMinister => "finance-minister",
            Office::Ambassador => "ambassador",
            Office::Envoy => "envoy",
            Office::ChargeDAffaires => "charge",
            Office::Consul => "consul",
            Office::Representative => "representative",
            Office::SecretaryGeneral => "secretary-general",
            Office::PartyLeader => "party-leader",
            Office::NationalSecurityAdviser => "national-security-adviser",
            Office::Pope => "pope",
        }
    }

    /// The office with `key` (see [`Office::key`]).
    pub fn from_key(key: &str) -> Option<Office> {
        ALL.iter().copied().find(|o| o.key() == key)
    }

    /// A readable title for the office ("Foreign Minister").
    pub fn label(self) -> &'static str {
        match self {
            Office::Monarch => "Monarch",
            Office::President => "President",
            Office::VicePresident => "Vice President",
            Office::PrimeMinister => "Prime Minister",
            Office::Chancellor => "Chancellor",
            Office::ForeignMinister => "Foreign Minister",
            Office::SecretaryOfState => "Secretary of State",
            Office::DeputySecretary => "Deputy Secretary of State",
            Office::UnderSecretary => "Under Secretary of State",
            Office::AssistantSecretary => "Assistant Secretary of State",
            Office::DefenseMinister => "Minister of Defense",
            Office::FinanceMinister => "Minister of Finance",
            Office::Ambassador => "Ambassador",
            Office::Envoy => "Minister",
            Office::ChargeDAffaires => "Chargé d'Affaires",
            Office::Consul => "Consul",
            Office::Representative => "Representative",
            Office::SecretaryGeneral => "Secretary-General",
            Office::PartyLeader => "General Secretary",
            Office::NationalSecurityAdviser => "National Security Adviser",
            Office::Pope => "Pope",
        }
    }

    /// Reads the office a position's title names, e.g. "Ambassador Extraordinary and
    /// Plenipotentiary" → [`Office::Ambassador`], "Secretary of State for Foreign Affairs"
    /// → [`Office::ForeignMinister`]. The longest known phrase in the title decides.
    pub fn from_title(title: &str) -> Option<Office> {
        let folded = format!(" {} ", fold::key(title));
        spaced_phrases()
            .iter()
            .filter(|(phrase, _)| folded.contains(phrase.as_str()))
            .max_by_key(|(phrase, _)| phrase.len())
            .map(|(_, office)| *office)
    }

    /// Whether a title naming `self` may refer to someone holding `held`: "Ambassador Kirk"
    /// also names a representative to the United Nations, "Secretary Acheson" the
    /// Secretary of State, "Minister Adams" an envoy.
    pub fn accepts(self, held: Office) -> bool {
        self == held
            || matches!(
                (self, held),
                (Office::Ambassador, Office::Representative | Office::Envoy)
                    | (Office::Envoy, Office::Ambassador | Office::ForeignMinister)
                    | (Office::PrimeMinister, Office::Chancellor)
                    | (Office::Chancellor, Office::PrimeMinister)
                    | (Office::Representative, Office::Ambassador)
                    | (
                        Office::SecretaryOfState,
                        Office::DeputySecretary | Office::ForeignMinister
                    )
            )
    }
}

const ALL: &[Office] = &[
    Office::Monarch,
    Office::President,
    Office::VicePresident,
    Office::PrimeMinister,
    Office::Chancellor,
    Office::ForeignMinister,
    Office::SecretaryOfState,
    Office::DeputySecretary,
    Office::UnderSecretary,
    Office::AssistantSecretary,
    Office::DefenseMinister,
    Office::FinanceMinister,
    Office::Ambassador,
    Office::Envoy,
    Office::ChargeDAffaires,
    Office::Consul,
    Office::Representative,
    Office::SecretaryGeneral,
    Office::PartyLeader,
    Office::NationalSecurityAdviser,
    Office::Pope,
];

/// [`PHRASES`] with a space on either side, for matching whole words.
fn spaced_phrases() -> &'static [(String, Office)] {
    static SPACED: std::sync::OnceLock<Vec<(String, Office)>> = std::sync::OnceLock::new();
    SPACED.get_or_init(|| {
        PHRASES
            .iter()
            .map(|(p, o)| (format!(" {p} "), *o))
            .collect()
    })
}

/// Phrases naming offices, folded. Longer phrases win over the shorter ones they contain
/// ("secretary of state for foreign affairs" over "secretary of state").
pub(crate) const PHRASES: &[(&str, Office)] = &[
    ("king", Office::Monarch),
    ("queen", Office::Monarch),
    ("emperor", Office::Monarch),
    ("empress", Office::Monarch),
    ("tsar", Office::Monarch),
    ("czar", Office::Monarch),
    ("tsarina", Office::Monarch),
    ("kaiser", Office::Monarch),
    ("shah", Office::Monarch),
    ("sultan", Office::Monarch),
    ("emir", Office::Monarch),
    ("monarch", Office::Monarch),
    ("president", Office::President),
    ("vice president", Office::VicePresident),
    ("vice presidents", Office::VicePresident),
    ("presidents", Office::President),
    ("prime minister", Office::PrimeMinister),
    ("premier", Office::PrimeMinister),
    (
        "chairman of the council of ministers",
        Office::PrimeMinister,
    ),
    ("president of the council", Office::PrimeMinister),
    (
        "president of the council of ministers",
        Office::PrimeMinister,
    ),
    ("chancellor", Office::Chancellor),
    ("foreign minister", Office::ForeignMinister),
    ("foreign secretary", Office::ForeignMinister),
    ("foreign commissar", Office::ForeignMinister),
    ("minister of foreign affairs", Office::ForeignMinister),
    ("minister for foreign affairs", Office::ForeignMinister),
    ("minister of external affairs", Office::ForeignMinister),
    (
        "secretary of state for foreign affairs",
        Office::ForeignMinister,
    ),
    (
        "secretary of state for foreign and commonwealth affairs",
        Office::ForeignMinister,
    ),
    ("secretary for foreign affairs", Office::ForeignMinister),
    ("secretary of foreign affairs", Office::ForeignMinister),
    (
        "people s commissar for foreign affairs",
        Office::ForeignMinister,
    ),
    ("commissar for foreign affairs", Office::ForeignMinister),
    ("secretary of state", Office::SecretaryOfState),
    ("deputy secretary", Office::DeputySecretary),
    ("deputy secretary of state", Office::DeputySecretary),
    ("under secretary", Office::UnderSecretary),
    ("undersecretary", Office::UnderSecretary),
    ("under secretary of state", Office::UnderSecretary),
    ("assistant secretary", Office::AssistantSecretary),
    ("assistant secretary of state", Office::AssistantSecretary),
    ("secretary of defense", Office::DefenseMinister),
    ("secretary of war", Office::DefenseMinister),
    ("defense secretary", Office::DefenseMinister),
    ("defence secretary", Office::DefenseMinister),
    ("minister of defense", Office::DefenseMinister),
    ("minister of defence", Office::DefenseMinister),
    ("defense minister", Office::DefenseMinister),
    ("defence minister", Office::DefenseMinister),
    ("war minister", Office::DefenseMinister),
    ("secretary of the treasury", Office::FinanceMinister),
    ("treasury secretary", Office::FinanceMinister),
    ("chancellor of the exchequer", Office::FinanceMinister),
    ("finance minister", Office::FinanceMinister),
    ("minister of finance", Office::FinanceMinister),
    ("ambassador", Office::Ambassador),
    ("ambassadors", Office::Ambassador),
    (
        "ambassador extraordinary and plenipotentiary",
        Office::Ambassador,
    ),
    ("minister", Office::Envoy),
    ("envoy", Office::Envoy),
    ("minister plenipotentiary", Office::Envoy),
    ("minister resident", Office::Envoy),
    (
        "envoy extraordinary and minister plenipotentiary",
        Office::Envoy,
    ),
    ("charge d affaires", Office::ChargeDAffaires),
    ("charge", Office::ChargeDAffaires),
    ("consul", Office::Consul),
    ("consul general", Office::Consul),
    ("representative", Office::Representative),
    ("permanent representative", Office::Representative),
    ("secretary general", Office::SecretaryGeneral),
    ("general secretary", Office::PartyLeader),
    ("first secretary", Office::PartyLeader),
    ("chairman", Office::PartyLeader),
    ("national security adviser", Office::NationalSecurityAdviser),
    ("national security advisor", Office::NationalSecurityAdviser),
    (
        "assistant to the president for national security affairs",
        Office::NationalSecurityAdviser,
    ),
    ("pope", Office::Pope),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_name_offices() {
        let cases = [
            (
                "Ambassador Extraordinary and Plenipotentiary",
                Office::Ambassador,
            ),
            (
                "Envoy Extraordinary and Minister Plenipotentiary",
                Office::Envoy,
            ),
            ("Secretary of State", Office::SecretaryOfState),
            (
                "Secretary of State for Foreign Affairs",
                Office::ForeignMinister,
            ),
            ("Chargé d'Affaires ad interim", Office::ChargeDAffaires),
            (
                "Representative of the U.S.A. to the United Nations",
                Office::Representative,
            ),
            (
                "People's Commissar for Foreign Affairs",
                Office::ForeignMinister,
            ),
            (
                "Under Secretary of State for Political Affairs",
                Office::UnderSecretary,
            ),
        ];
        for (title, office) in cases {
            assert_eq!(Office::from_title(title), Some(office), "{title}");
        }
        assert_eq!(Office::from_title("Historian"), None);
    }

    #[test]
    fn keys_round_trip() {
        for office in ALL {
            assert_eq!(Office::from_key(office.key()), Some(*office));
        }
    }
}
