//! Names as citations need them: a person split into family and given names when the
//! string clearly splits, and everything else (organizations, names with titles, names in
//! scripts without letter case, single words) kept whole as a literal.
//!
//! The document model gives each sender and recipient as one string ("Alan G. Kirk",
//! "Government of the United States", "毛泽东"). Citation styles invert and abbreviate
//! personal names ("Kirk, A. G."), which is wrong for an organization and mangles names
//! whose order we cannot know, so a name is split only when every word looks like a
//! personal name part.

/// A name ready for a citation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Name {
    /// A person whose name clearly splits.
    Person {
        /// The family name ("Kirk", "Gaulle").
        family: String,
        /// The given names and initials ("Alan G.").
        given: String,
        /// A lowercase particle kept with the family name ("de", "van").
        particle: Option<String>,
        /// A generational suffix ("Jr.", "III").
        suffix: Option<String>,
    },
    /// A name kept as written: an organization, or a name that does not clearly split.
    Literal(String),
}

impl Name {
    /// Reads a name as the document gives it; `None` for an empty one.
    pub(crate) fn parse(raw: &str) -> Option<Name> {
        let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            return None;
        }
        Some(split_person(&name).unwrap_or(Name::Literal(name)))
    }

    /// The name in reading order ("Alan G. Kirk", "Charles de Gaulle").
    pub(crate) fn display(&self) -> String {
        match self {
            Name::Person {
                family,
                given,
                particle,
                suffix,
            } => {
                let mut out = given.clone();
                for part in [
                    particle.as_deref(),
                    Some(family.as_str()),
                    suffix.as_deref(),
                ]
                .into_iter()
                .flatten()
                {
                    out.push(' ');
                    out.push_str(part);
                }
                out
            }
            Name::Literal(name) => name.clone(),
        }
    }

    /// The name a citation key or short form uses: the family name (with its particle), or
    /// the first word of a literal name.
    pub(crate) fn key_word(&self) -> &str {
        match self {
            Name::Person { family, .. } => family,
            Name::Literal(name) => name.split_whitespace().next().unwrap_or(name),
        }
    }
}

/// Generational suffixes written after a name.
const SUFFIXES: &[&str] = &["Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"];

/// Lowercase particles that belong to the family name ("Charles de Gaulle").
const PARTICLES: &[&str] = &[
    "de", "di", "da", "du", "des", "del", "della", "der", "den", "van", "von", "la", "le", "ten",
    "ter", "dos", "das", "do", "zu",
];

/// First words that make a name something other than a plain personal name: titles and
/// ranks (the name may still be a person's, but its parts are not given and family names),
/// and articles that start the names of organizations and publications.
const NOT_GIVEN_NAMES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sir",
    "dame",
    "lord",
    "lady",
    "president",
    "ambassador",
    "general",
    "gen",
    "admiral",
    "adm",
    "secretary",
    "minister",
    "king",
    "queen",
    "prince",
    "princess",
    "emperor",
    "empress",
    "pope",
    "count",
    "countess",
    "baron",
    "baroness",
    "duke",
    "mme",
    "mlle",
    "herr",
    "frau",
    "monsieur",
    "madame",
    "senator",
    "colonel",
    "col",
    "captain",
    "capt",
    "major",
    "rev",
    "reverend",
    "father",
    "chancellor",
    "premier",
    "marshal",
    "the",
    "le",
    "la",
    "les",
    "der",
    "die",
    "das",
];

/// Words that mark the name of an organization, a state or an office.
const ORGANIZATION_WORDS: &[&str] = &[
    "government",
    "embassy",
    "legation",
    "consulate",
    "ministry",
    "department",
    "office",
    "council",
    "committee",
    "commission",
    "union",
    "nations",
    "republic",
    "kingdom",
    "states",
    "state",
    "secretariat",
    "bureau",
    "agency",
    "parliament",
    "assembly",
    "congress",
    "senate",
    "party",
    "company",
    "corporation",
    "bank",
    "institute",
    "university",
    "association",
    "society",
    "league",
    "federation",
    "court",
    "navy",
    "army",
    "command",
    "headquarters",
    "delegation",
    "mission",
    "cabinet",
    "presidium",
    "community",
    "organization",
    "organisation",
    "foundation",
    "press",
    "news",
    "service",
    "staff",
    "board",
    "administration",
    "authority",
    "centre",
    "center",
    "group",
    "conference",
    "forces",
    "chiefs",
    "tribunal",
    "commonwealth",
    "empire",
    "ltd",
    "inc",
    "co",
    "gmbh",
    "sa",
    "archives",
    "library",
    "museum",
    "division",
    "section",
    "directorate",
];

fn bare(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// Whether a word is a given name or an initial: a capital letter followed by letters, with
/// hyphens, apostrophes and a final period allowed ("Alan", "G.", "Jean-Paul", "O'Neill").
fn is_given_word(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    first.is_uppercase()
        && word
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
        && !word.contains("..")
}

/// Whether a word is a family name: like a given name, with at least two letters and no
/// period (so not an initial).
fn is_family_word(word: &str) -> bool {
    is_given_word(word)
        && !word.contains('.')
        && word.chars().filter(|c| c.is_alphabetic()).count() >= 2
}

/// Whether a word is an initial ("G.", "J.-P.").
fn is_initial(word: &str) -> bool {
    word.ends_with('.') && word.chars().filter(|c| c.is_alphabetic()).count() <= 2
}

/// Whether the words before a family name are clearly given names: one full name at most,
/// with any number of initials ("Alan G.", "J. Edgar", "Jean-Paul"). Two full names ("John
/// Foster", "Pierre Mendès") leave it open where the family name starts ("Mendès France"),
/// so such a name stays literal.
fn clear_given_names(words: &[&str]) -> bool {
    !words.is_empty()
        && !NOT_GIVEN_NAMES.contains(&bare(words[0]).as_str())
        && words.iter().all(|w| is_given_word(w))
        && words.iter().filter(|w| !is_initial(w)).count() <= 1
}

fn looks_like_organization(name: &str) -> bool {
    name.chars()
        .any(|c| c.is_ascii_digit() || matches!(c, '&' | '/' | '(' | ')'))
        || name
            .split_whitespace()
            .any(|w| ORGANIZATION_WORDS.contains(&bare(w).as_str()))
}

fn split_person(name: &str) -> Option<Name> {
    if looks_like_organization(name) {
        return None;
    }
    // A suffix written after a comma ("Alan G. Kirk, Jr.") comes off before anything else.
    let (name, suffix) = match name.rsplit_once(", ") {
        Some((rest, suffix)) if SUFFIXES.contains(&suffix) => (rest, Some(suffix.to_string())),
        _ => (name, None),
    };
    if let Some((family, given)) = name.split_once(',') {
        return split_inverted(family.trim(), given.trim(), suffix);
    }
    let mut words: Vec<&str> = name.split(' ').collect();
    let mut suffix = suffix;
    if suffix.is_none()
        && words.len() > 2
        && let Some(last) = words.last()
        && SUFFIXES.contains(last)
    {
        suffix = Some((*last).to_string());
        words.pop();
    }
    if !(2..=5).contains(&words.len()) {
        return None;
    }
    let (family, rest) = words.split_last()?;
    if !is_family_word(family) {
        return None;
    }
    // Particles sit between the given names and the family name.
    let particle_start = rest
        .iter()
        .rposition(|w| !PARTICLES.contains(w))
        .map_or(0, |i| i + 1);
    let (given, particles) = rest.split_at(particle_start);
    if !clear_given_names(given) {
        return None;
    }
    Some(Name::Person {
        family: (*family).to_string(),
        given: given.join(" "),
        particle: (!particles.is_empty()).then(|| particles.join(" ")),
        suffix,
    })
}

/// A name written family name first ("Kirk, Alan G.").
fn split_inverted(family: &str, given: &str, suffix: Option<String>) -> Option<Name> {
    // The comma says where the family name ends, so it may have several words.
    let family_words: Vec<&str> = family.split(' ').collect();
    let given_words: Vec<&str> = given.split(' ').collect();
    let particle_count = family_words
        .iter()
        .take_while(|w| PARTICLES.contains(w))
        .count();
    let (particles, family_words) = family_words.split_at(particle_count);
    if family_words.is_empty()
        || family_words.len() > 3
        || given_words.len() > 4
        || given.contains(',')
        || !family_words.iter().all(|w| is_family_word(w))
        || !clear_given_names(&given_words)
    {
        return None;
    }
    Some(Name::Person {
        family: family_words.join(" "),
        given: given.to_string(),
        particle: (!particles.is_empty()).then(|| particles.join(" ")),
        suffix,
    })
}

#[cfg(test)]
mod tests {
    use super::Name;

    fn person(family: &str, given: &str) -> Name {
        Name::Person {
            family: family.into(),
            given: given.into(),
            particle: None,
            suffix: None,
        }
    }

    fn literal(name: &str) -> Name {
        Name::Literal(name.into())
    }

    #[test]
    fn clear_personal_names_split() {
        assert_eq!(Name::parse("Alan G. Kirk"), Some(person("Kirk", "Alan G.")));
        assert_eq!(
            Name::parse("  Andrei   Gromyko "),
            Some(person("Gromyko", "Andrei"))
        );
        assert_eq!(
            Name::parse("Kirk, Alan G."),
            Some(person("Kirk", "Alan G."))
        );
        assert_eq!(
            Name::parse("Mendès France, Pierre"),
            Some(person("Mendès France", "Pierre"))
        );
        assert_eq!(
            Name::parse("Андрей Громыко"),
            Some(person("Громыко", "Андрей"))
        );
        assert_eq!(
            Name::parse("J. Edgar Hoover"),
            Some(person("Hoover", "J. Edgar"))
        );
        assert_eq!(
            Name::parse("Jean-Paul O'Neill"),
            Some(person("O'Neill", "Jean-Paul"))
        );
    }

    #[test]
    fn particles_and_suffixes_are_kept_apart() {
        assert_eq!(
            Name::parse("Charles de Gaulle"),
            Some(Name::Person {
                family: "Gaulle".into(),
                given: "Charles".into(),
                particle: Some("de".into()),
                suffix: None,
            })
        );
        let jr = Name::Person {
            family: "Kirk".into(),
            given: "Alan G.".into(),
            particle: None,
            suffix: Some("Jr.".into()),
        };
        assert_eq!(Name::parse("Alan G. Kirk, Jr."), Some(jr.clone()));
        assert_eq!(Name::parse("Alan G. Kirk Jr."), Some(jr.clone()));
        assert_eq!(jr.display(), "Alan G. Kirk Jr.");
    }

    #[test]
    fn everything_else_stays_literal() {
        for name in [
            "Government of the United States",
            "United States Government",
            "Department of State",
            "Gromyko",
            "毛泽东",
            "Ambassador Kirk",
            "Sir Winston Churchill",
            "The Times",
            "NATO Council",
            "J. Smith and Sons",
            "A. B.",
            "Kirk, Alan G., Ambassador",
            "Pierre Mendès France",
            "John Foster Dulles",
        ] {
            assert_eq!(Name::parse(name), Some(literal(name)), "{name}");
        }
        assert_eq!(Name::parse("   "), None);
    }

    #[test]
    fn key_words() {
        assert_eq!(Name::parse("Alan G. Kirk").unwrap().key_word(), "Kirk");
        assert_eq!(
            Name::parse("Government of the United States")
                .unwrap()
                .key_word(),
            "Government"
        );
    }
}
