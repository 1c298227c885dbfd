//! Field filters (`type:telegram`, `lang:fr`, …): the known fields and their values.

use chancery_model::DocType;
use chancery_model::authority;

use super::ast::{Node, Span};
use super::dates;
use super::error::{Error, Result};

/// A field a query can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    /// `title:`, whose value is text searched in the title.
    Title,
    /// Any other field, whose value selects documents by metadata.
    Filter(Filter),
}

/// A metadata field, whose value becomes a filter node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Filter {
    Type,
    Lang,
    Collection,
    Date,
    Year,
    Decade,
    Person,
    Place,
    Org,
}

/// Every field, in the order the help and error messages list them.
const FIELDS: &[(&str, Field)] = &[
    ("title", Field::Title),
    ("type", Field::Filter(Filter::Type)),
    ("lang", Field::Filter(Filter::Lang)),
    ("collection", Field::Filter(Filter::Collection)),
    ("date", Field::Filter(Filter::Date)),
    ("year", Field::Filter(Filter::Year)),
    ("decade", Field::Filter(Filter::Decade)),
    ("person", Field::Filter(Filter::Person)),
    ("place", Field::Filter(Filter::Place)),
    ("org", Field::Filter(Filter::Org)),
];

/// Other names a field may be written with (errors and the help use the names above).
const ALIASES: &[(&str, Field)] = &[
    ("organization", Field::Filter(Filter::Org)),
    ("organisation", Field::Filter(Filter::Org)),
];

/// Names people reach for that mean one of our fields, for "did you mean" hints.
const HINTS: &[(&str, &str)] = &[
    ("kind", "type"),
    ("doctype", "type"),
    ("author", "person"),
    ("sender", "person"),
    ("recipient", "person"),
    ("who", "person"),
    ("location", "place"),
    ("country", "place"),
    ("city", "place"),
    ("where", "place"),
    ("when", "date"),
];

impl Field {
    /// The field a name (or alias) stands for, ignoring case.
    pub(crate) fn from_name(name: &str) -> Option<Self> {
        FIELDS
            .iter()
            .chain(ALIASES)
            .find(|(known, _)| known.eq_ignore_ascii_case(name))
            .map(|&(_, f)| f)
    }

    /// The field's name as written in queries.
    pub(crate) fn name(self) -> &'static str {
        FIELDS
            .iter()
            .find(|&&(_, f)| f == self)
            .map_or("", |&(name, _)| name)
    }
}

/// The error for `name:` when `name` is no field. `literal` is the text the user may have
/// meant to search for (the field and the word after it), for the quoting hint.
pub(crate) fn unknown_field(name: &str, span: Span, literal: &str) -> Error {
    let lower = name.to_lowercase();
    let hint = suggestion(&lower)
        .map(|s| format!(" (did you mean '{s}:'?)"))
        .unwrap_or_default();
    let known = FIELDS
        .iter()
        .map(|(n, _)| *n)
        .collect::<Vec<_>>()
        .join(", ");
    Error::new(
        span,
        format!(
            "unknown field '{name}:'{hint}; to search for this text, quote it: \"{literal}\" \
             (the fields are {known})"
        ),
    )
}

/// A known field the unknown `name` (lowercase) was probably meant to be.
fn suggestion(name: &str) -> Option<&'static str> {
    if let Some(&(_, field)) = HINTS.iter().find(|(hint, _)| *hint == name) {
        return Some(field);
    }
    FIELDS.iter().map(|(known, _)| *known).find(|known| {
        (name.len() >= 2 && (name.starts_with(known) || known.starts_with(name)))
            || within_one_edit(name, known)
    })
}

/// Whether `a` and `b` differ by at most one insertion, deletion, substitution or swap of
/// neighbours ("titel" for "title").
fn within_one_edit(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    if short.len() == long.len() {
        let (rest_a, rest_b) = (&short[prefix..], &long[prefix..]);
        rest_a.get(1..) == rest_b.get(1..)
            || (rest_a.len() >= 2
                && rest_a[0] == rest_b[1]
                && rest_a[1] == rest_b[0]
                && rest_a[2..] == rest_b[2..])
    } else {
        short[prefix..] == long[prefix + 1..]
    }
}

/// A field's value as written: a word or the content of a phrase.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Value<'a> {
    /// The text: the word, or the text between the quotes.
    pub(crate) text: &'a str,
    /// Where the text itself starts (after an opening quote).
    pub(crate) text_start: usize,
    /// The whole value as written, quotes included.
    pub(crate) span: Span,
    /// Whether it was quoted.
    pub(crate) quoted: bool,
}

/// Turns the value of a metadata field into its filter node.
pub(crate) fn filter(filter: Filter, value: Value<'_>) -> Result<Node> {
    let name = Field::Filter(filter).name();
    if value.text.trim().is_empty() {
        return Err(Error::new(
            value.span,
            format!("the value after '{name}:' is empty"),
        ));
    }
    if !value.quoted {
        // A leading minus is a year before the common era in dates, and a misplaced
        // exclusion anywhere else.
        let dated = matches!(filter, Filter::Date | Filter::Year | Filter::Decade);
        if value.text.starts_with('-') && !dated {
            return Err(misplaced_minus(Field::Filter(filter), value.span));
        }
        // A star or tilde would silently be taken as part of a name; say what they do mean.
        // In dates, `~` is EDTF's "approximately".
        let special = if filter == Filter::Date {
            &['*'][..]
        } else {
            &['*', '~'][..]
        };
        if let Some(at) = value.text.find(special) {
            let span = Span::new(value.text_start + at, value.text_start + at + 1);
            let message = if filter == Filter::Date {
                "'*' has no place in a date; for a span of years write 19XX or 1900..1999"
                    .to_string()
            } else {
                format!(
                    "'{name}:' takes an exact value; '*' and '~' are for words (and titles) only"
                )
            };
            return Err(Error::new(span, message));
        }
    }
    match filter {
        Filter::Type => value
            .text
            .trim()
            .parse::<DocType>()
            .map(Node::Type)
            .map_err(|unknown| Error::new(value.span, unknown.to_string())),
        Filter::Lang => lang(value).map(Node::Lang),
        Filter::Collection => {
            let slug = authority::slug(value.text);
            if slug.is_empty() {
                return Err(Error::new(
                    value.span,
                    "a collection is named by its identifier, which has letters or digits",
                ));
            }
            Ok(Node::Collection(slug))
        }
        Filter::Date => dates::date(value).map(Node::Date),
        Filter::Year => dates::year(value).map(Node::Date),
        Filter::Decade => dates::decade(value).map(Node::Date),
        Filter::Person => entity_name(name, value).map(Node::Person),
        Filter::Place => entity_name(name, value).map(Node::Place),
        Filter::Org => entity_name(name, value).map(Node::Org),
    }
}

/// The error for `title:-draft`: the minus belongs before the field.
pub(crate) fn misplaced_minus(field: Field, span: Span) -> Error {
    let name = field.name();
    Error::new(
        span,
        format!("to exclude, put the '-' before the field: -{name}:…"),
    )
}

/// A person, place or organization: an authority identifier or a name, as written, with
/// spaces tidied.
fn entity_name(field: &str, value: Value<'_>) -> Result<String> {
    if !value.text.chars().any(char::is_alphanumeric) {
        return Err(Error::new(
            value.span,
            format!("'{field}:' needs a name with letters or digits"),
        ));
    }
    Ok(value.text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Language names people type instead of codes, for a hint.
const LANGUAGE_NAMES: &[(&str, &str)] = &[
    ("english", "en"),
    ("french", "fr"),
    ("francais", "fr"),
    ("français", "fr"),
    ("german", "de"),
    ("deutsch", "de"),
    ("russian", "ru"),
    ("spanish", "es"),
    ("italian", "it"),
    ("portuguese", "pt"),
    ("dutch", "nl"),
    ("polish", "pl"),
    ("chinese", "zh"),
    ("japanese", "ja"),
    ("korean", "ko"),
    ("arabic", "ar"),
];

/// A BCP 47 primary language subtag, lowercased.
///
/// BCP 47 allows 2–3 letters (ISO 639) and reserves 4 and 5–8 letters for future use, with
/// nothing registered there; so only 2–3 letters are accepted, which also catches
/// `lang:english` instead of letting it match nothing.
fn lang(value: Value<'_>) -> Result<String> {
    let text = value.text.trim();
    if (2..=3).contains(&text.len()) && text.chars().all(|c| c.is_ascii_alphabetic()) {
        return Ok(text.to_ascii_lowercase());
    }
    let lower = text.to_lowercase();
    let hint = if let Some((_, code)) = LANGUAGE_NAMES.iter().find(|(n, _)| *n == lower) {
        format!(" (for {text}, write lang:{code})")
    } else if let Some((primary, _)) = text.split_once(['-', '_'])
        && (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
    {
        format!(" (for {text}, write lang:{})", primary.to_ascii_lowercase())
    } else {
        String::new()
    };
    Err(Error::new(
        value.span,
        format!(
            "'{text}' is not a primary language tag; 'lang:' takes a two- or three-letter code \
             such as en, fr, de or ru{hint}"
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names_ignore_case() {
        assert_eq!(Field::from_name("TITLE"), Some(Field::Title));
        assert_eq!(
            Field::from_name("Decade"),
            Some(Field::Filter(Filter::Decade))
        );
        assert_eq!(Field::from_name("titles"), None);
        assert_eq!(
            Field::from_name("Organization"),
            Some(Field::Filter(Filter::Org))
        );
        assert_eq!(
            Field::from_name("organisation"),
            Some(Field::Filter(Filter::Org))
        );
        for &(name, field) in FIELDS {
            assert_eq!(field.name(), name);
        }
    }

    #[test]
    fn suggestions_for_near_misses() {
        assert_eq!(suggestion("language"), Some("lang"));
        assert_eq!(suggestion("orgs"), Some("org"));
        assert_eq!(suggestion("organizations"), Some("org"));
        assert_eq!(suggestion("titel"), Some("title"));
        assert_eq!(suggestion("tite"), Some("title"));
        assert_eq!(suggestion("dates"), Some("date"));
        assert_eq!(suggestion("yaer"), Some("year"));
        assert_eq!(suggestion("plaec"), Some("place"));
        assert_eq!(suggestion("author"), Some("person"));
        assert_eq!(suggestion("re"), None);
        assert_eq!(suggestion("http"), None);
        assert_eq!(suggestion("x"), None);
    }

    #[test]
    fn one_edit_apart() {
        assert!(within_one_edit("title", "title"));
        assert!(within_one_edit("titl", "title"));
        assert!(within_one_edit("tiitle", "title"));
        assert!(within_one_edit("tutle", "title"));
        assert!(within_one_edit("itle", "title"));
        assert!(!within_one_edit("itlte", "title"));
        assert!(!within_one_edit("ttle", "type"));
        assert!(!within_one_edit("abc", "xyz"));
        assert!(!within_one_edit("", "ab"));
    }
}
