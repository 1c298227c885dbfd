//! The six verbs and their arguments, checked as the protocol says: an unknown or missing
//! verb is `badVerb`; a missing, repeated, unknown or malformed argument is `badArgument`.

use std::collections::HashMap;

use super::token::Token;

/// An OAI-PMH error condition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OaiError {
    pub(crate) code: &'static str,
    pub(crate) message: String,
}

impl OaiError {
    pub(crate) fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }

    fn bad_argument(message: impl Into<String>) -> Self {
        Self::new("badArgument", message)
    }
}

/// A list request's selection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Selection {
    pub(crate) metadata_prefix: String,
    pub(crate) from: Option<jiff::Timestamp>,
    pub(crate) until: Option<jiff::Timestamp>,
    pub(crate) set: Option<String>,
}

/// A checked request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Request {
    Identify,
    ListMetadataFormats {
        identifier: Option<String>,
    },
    ListSets {
        token: Option<Token>,
    },
    ListIdentifiers(ListArgs),
    ListRecords(ListArgs),
    GetRecord {
        identifier: String,
        metadata_prefix: String,
    },
}

/// The arguments of ListIdentifiers and ListRecords: a new selection or a resumption token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ListArgs {
    Start(Selection),
    Resume(Token),
}

/// The request's arguments, for the `<request>` element (empty for badVerb/badArgument).
pub(crate) type Echo = Vec<(String, String)>;

/// Parses the arguments (from a query string or a form body).
pub(crate) fn parse(pairs: &[(String, String)]) -> Result<(Request, Echo), OaiError> {
    let mut args: HashMap<&str, &str> = HashMap::new();
    for (key, value) in pairs {
        if args.insert(key.as_str(), value.as_str()).is_some() {
            return Err(if key == "verb" {
                OaiError::new("badVerb", "the verb argument is repeated")
            } else {
                OaiError::bad_argument(format!("the argument '{key}' is repeated"))
            });
        }
    }
    let verb = args
        .remove("verb")
        .ok_or_else(|| OaiError::new("badVerb", "the verb argument is missing"))?;
    let allowed: &[&str] = match verb {
        "Identify" => &[],
        "ListMetadataFormats" => &["identifier"],
        "ListSets" => &["resumptionToken"],
        "ListIdentifiers" | "ListRecords" => {
            &["metadataPrefix", "from", "until", "set", "resumptionToken"]
        }
        "GetRecord" => &["identifier", "metadataPrefix"],
        other => {
            return Err(OaiError::new(
                "badVerb",
                format!("'{other}' is not an OAI-PMH verb"),
            ));
        }
    };
    if let Some(unknown) = args.keys().find(|k| !allowed.contains(k)) {
        return Err(OaiError::bad_argument(format!(
            "'{unknown}' is not an argument of {verb}"
        )));
    }
    let mut echo: Echo = vec![("verb".into(), verb.into())];
    let mut keys: Vec<&&str> = args.keys().collect();
    keys.sort();
    for key in keys {
        echo.push(((*key).to_string(), args[*key].to_string()));
    }
    let request = match verb {
        "Identify" => Request::Identify,
        "ListMetadataFormats" => Request::ListMetadataFormats {
            identifier: args.get("identifier").map(|s| s.to_string()),
        },
        "ListSets" => Request::ListSets {
            token: args
                .get("resumptionToken")
                .map(|t| Token::parse(t))
                .transpose()?,
        },
        "GetRecord" => {
            let identifier = required(&args, "identifier")?;
            let metadata_prefix = required(&args, "metadataPrefix")?;
            Request::GetRecord {
                identifier,
                metadata_prefix,
            }
        }
        list => {
            let list_args = if let Some(token) = args.get("resumptionToken") {
                // A resumption token is exclusive: nothing else may come with it.
                if args.len() > 1 {
                    return Err(OaiError::bad_argument(
                        "resumptionToken is an exclusive argument",
                    ));
                }
                ListArgs::Resume(Token::parse(token)?)
            } else {
                let metadata_prefix = required(&args, "metadataPrefix")?;
                let (from, until) = dates(args.get("from").copied(), args.get("until").copied())?;
                ListArgs::Start(Selection {
                    metadata_prefix,
                    from,
                    until,
                    set: args.get("set").map(|s| s.to_string()),
                })
            };
            if list == "ListRecords" {
                Request::ListRecords(list_args)
            } else {
                Request::ListIdentifiers(list_args)
            }
        }
    };
    Ok((request, echo))
}

fn required(args: &HashMap<&str, &str>, name: &str) -> Result<String, OaiError> {
    args.get(name)
        .filter(|v| !v.is_empty())
        .map(|v| v.to_string())
        .ok_or_else(|| OaiError::bad_argument(format!("the argument '{name}' is missing")))
}

/// Whether a date argument is a day (`YYYY-MM-DD`) or a second (`YYYY-MM-DDThh:mm:ssZ`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Granularity {
    Day,
    Second,
}

fn utc_datestamp(text: &str) -> Result<(jiff::Timestamp, Granularity), OaiError> {
    let bad = || {
        OaiError::bad_argument(format!(
            "'{text}' is not a UTC datestamp (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ)"
        ))
    };
    if text.len() == 10 {
        let date: jiff::civil::Date = text.parse().map_err(|_| bad())?;
        let ts = date
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .map_err(|_| bad())?
            .timestamp();
        Ok((ts, Granularity::Day))
    } else if text.len() == 20 && text.ends_with('Z') && text.as_bytes().get(10) == Some(&b'T') {
        let ts: jiff::Timestamp = text.parse().map_err(|_| bad())?;
        Ok((ts, Granularity::Second))
    } else {
        Err(bad())
    }
}

/// `from` and `until` as inclusive bounds: an `until` day reaches to its last microsecond and
/// an `until` second to the end of that second (datestamps are seconds, times are finer).
fn dates(
    from: Option<&str>,
    until: Option<&str>,
) -> Result<(Option<jiff::Timestamp>, Option<jiff::Timestamp>), OaiError> {
    let from = from.map(utc_datestamp).transpose()?;
    let until = until.map(utc_datestamp).transpose()?;
    if let (Some((_, a)), Some((_, b))) = (&from, &until)
        && a != b
    {
        return Err(OaiError::bad_argument(
            "from and until must have the same granularity",
        ));
    }
    let until_end = until.map(|(ts, granularity)| {
        let span = match granularity {
            Granularity::Day => jiff::SignedDuration::from_secs(86_400),
            Granularity::Second => jiff::SignedDuration::from_secs(1),
        };
        ts.checked_add(span - jiff::SignedDuration::from_micros(1))
            .unwrap_or(ts)
    });
    let from = from.map(|(ts, _)| ts);
    if let (Some(f), Some(u)) = (from, until_end)
        && f > u
    {
        return Err(OaiError::bad_argument("from is later than until"));
    }
    Ok((from, until_end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn code(pairs: &[(&str, &str)]) -> &'static str {
        parse(&args(pairs)).unwrap_err().code
    }

    #[test]
    fn verbs_and_arguments_are_checked() {
        assert_eq!(code(&[]), "badVerb");
        assert_eq!(code(&[("verb", "Dance")]), "badVerb");
        assert_eq!(
            code(&[("verb", "Identify"), ("verb", "Identify")]),
            "badVerb"
        );
        assert_eq!(code(&[("verb", "Identify"), ("set", "x")]), "badArgument");
        assert_eq!(code(&[("verb", "ListRecords")]), "badArgument");
        assert_eq!(
            code(&[("verb", "GetRecord"), ("identifier", "x")]),
            "badArgument"
        );
        assert_eq!(
            code(&[
                ("verb", "ListRecords"),
                ("metadataPrefix", "oai_dc"),
                ("from", "2001-01-01"),
                ("until", "2002-01-01T00:00:00Z")
            ]),
            "badArgument"
        );
        assert_eq!(
            code(&[
                ("verb", "ListRecords"),
                ("metadataPrefix", "oai_dc"),
                ("from", "yesterday")
            ]),
            "badArgument"
        );
        assert_eq!(
            code(&[("verb", "ListRecords"), ("resumptionToken", "garbage")]),
            "badResumptionToken"
        );
        assert_eq!(
            code(&[
                ("verb", "ListRecords"),
                ("resumptionToken", "x"),
                ("metadataPrefix", "oai_dc")
            ]),
            "badArgument"
        );
        assert!(parse(&args(&[("verb", "Identify")])).is_ok());
    }

    #[test]
    fn until_days_reach_their_end() {
        let (request, _) = parse(&args(&[
            ("verb", "ListIdentifiers"),
            ("metadataPrefix", "oai_dc"),
            ("until", "2001-01-01"),
        ]))
        .unwrap();
        let Request::ListIdentifiers(ListArgs::Start(selection)) = request else {
            panic!()
        };
        assert_eq!(
            selection.until.unwrap().to_string(),
            "2001-01-01T23:59:59.999999Z"
        );
    }
}
