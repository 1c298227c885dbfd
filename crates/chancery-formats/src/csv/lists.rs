//! Cells holding several values (senders, recipients, collections, subjects).
//!
//! Values are separated by `;`, and the spaces around each are dropped. An agent linked to
//! an authority is written `Name <id>`. A backslash makes the next `;`, `<`, `>` or `\`
//! an ordinary character (`Smith\; John`); any other backslash is itself.

use chancery_model::AgentRef;

/// A character of a cell, and whether a backslash made it ordinary.
type Token = (char, bool);

/// The cell's characters with escapes resolved.
fn tokens(cell: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(cell.len());
    let mut chars = cell.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('\\', Some(&next @ ('\\' | ';' | '<' | '>'))) => {
                chars.next();
                out.push((next, true));
            }
            _ => out.push((c, false)),
        }
    }
    out
}

/// The items of a cell, split at unescaped `;`, trimmed, empty ones dropped.
fn items(cell: &str) -> Vec<Vec<Token>> {
    tokens(cell)
        .split(|&(c, escaped)| c == ';' && !escaped)
        .map(trim)
        .filter(|item| !item.is_empty())
        .map(<[Token]>::to_vec)
        .collect()
}

fn trim(tokens: &[Token]) -> &[Token] {
    let is_space = |t: &Token| t.0.is_whitespace() && !t.1;
    let start = tokens
        .iter()
        .position(|t| !is_space(t))
        .unwrap_or(tokens.len());
    let end = tokens
        .iter()
        .rposition(|t| !is_space(t))
        .map_or(start, |i| i + 1);
    &tokens[start..end]
}

fn text(tokens: &[Token]) -> String {
    tokens.iter().map(|t| t.0).collect()
}

/// The plain values of a cell (collections, subjects).
pub(super) fn values(cell: &str) -> Vec<String> {
    items(cell).iter().map(|item| text(item)).collect()
}

/// The agents of a cell (senders, recipients).
///
/// # Errors
///
/// An item of the form `<id>` with no name.
pub(super) fn agents(cell: &str) -> Result<Vec<AgentRef>, String> {
    items(cell).iter().map(|item| agent(item)).collect()
}

fn agent(item: &[Token]) -> Result<AgentRef, String> {
    let closes = item.last() == Some(&('>', false));
    let open = item.iter().rposition(|&t| t == ('<', false));
    let (name, id) = match open {
        Some(open) if closes => (
            trim(&item[..open]),
            Some(trim(&item[open + 1..item.len() - 1])),
        ),
        _ => (item, None),
    };
    if name.is_empty() {
        return Err(format!(
            "'{}' has an id but no name (write the agent as Name <id>)",
            text(item)
        ));
    }
    Ok(AgentRef {
        id: id.filter(|id| !id.is_empty()).map(text),
        name: text(name),
    })
}

/// A cell holding `values`, escaped so that [`values`] reads them back.
pub(super) fn write_values<'a>(values: impl IntoIterator<Item = &'a String>) -> String {
    join(values.into_iter().map(|v| escape(v, &['\\', ';'])))
}

/// A cell holding `agents`, escaped so that [`agents`] reads them back.
pub(super) fn write_agents(agents: &[AgentRef]) -> String {
    const SPECIAL: &[char] = &['\\', ';', '<', '>'];
    join(agents.iter().map(|a| match &a.id {
        Some(id) => format!("{} <{}>", escape(&a.name, SPECIAL), escape(id, SPECIAL)),
        None => escape(&a.name, SPECIAL),
    }))
}

fn join(items: impl Iterator<Item = String>) -> String {
    items.collect::<Vec<_>>().join("; ")
}

fn escape(value: &str, special: &[char]) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.trim().chars() {
        if special.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_split_at_semicolons() {
        assert_eq!(
            values(" Korean War ;Soviet Union;; "),
            ["Korean War", "Soviet Union"]
        );
        assert_eq!(
            values("Smith\\; Jones; C:\\files; a\\\\b"),
            ["Smith; Jones", "C:\\files", "a\\b"]
        );
        assert!(values("  ").is_empty());
    }

    #[test]
    fn agents_with_and_without_ids() {
        let got =
            agents("Alan G. Kirk <kirk-alan-goodrich>; Andrei Gromyko ; A \\<B\\> <x>; 1 < 2")
                .unwrap();
        assert_eq!(
            got,
            [
                AgentRef {
                    id: Some("kirk-alan-goodrich".into()),
                    name: "Alan G. Kirk".into()
                },
                AgentRef::named("Andrei Gromyko"),
                AgentRef {
                    id: Some("x".into()),
                    name: "A <B>".into()
                },
                AgentRef::named("1 < 2"),
            ]
        );
        assert_eq!(agents("Kirk <>").unwrap(), [AgentRef::named("Kirk")]);
        assert!(agents("<kirk>").unwrap_err().contains("no name"));
    }

    #[test]
    fn written_cells_read_back() {
        let tricky = vec![
            AgentRef {
                id: Some("a;b<c>".into()),
                name: "Smith; John <the elder> \\".into(),
            },
            AgentRef::named("Plain"),
        ];
        let cell = write_agents(&tricky);
        assert_eq!(
            cell,
            "Smith\\; John \\<the elder\\> \\\\ <a\\;b\\<c\\>>; Plain"
        );
        assert_eq!(agents(&cell).unwrap(), tricky);
        let subjects = vec!["War; peace".to_string(), "a\\b".to_string()];
        assert_eq!(values(&write_values(&subjects)), subjects);
    }
}
