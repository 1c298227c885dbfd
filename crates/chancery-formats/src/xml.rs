//! Safe XML parsing shared by the XML readers: no DTDs (so no entity expansion, ever), a
//! bound on nesting depth, and errors with line and column.

use roxmltree::{Document, Node, ParsingOptions};

use crate::error::FormatError;

/// Elements nested deeper than this are refused: no archival format needs it, and walking
/// such a tree could exhaust the stack.
pub(crate) const MAX_DEPTH: usize = 256;

/// Parses `text` as XML, refusing DTDs and excessive nesting.
pub(crate) fn parse(text: &str) -> Result<Document<'_>, FormatError> {
    if let Some(offset) = find_doctype(text) {
        return Err(FormatError::at_offset(
            text,
            offset,
            "XML with a document type declaration (<!DOCTYPE …>) is refused: Chancery never \
             reads DTDs or expands entities; remove the DOCTYPE and replace named entities \
             with the characters themselves",
        ));
    }
    let options = ParsingOptions {
        allow_dtd: false,
        nodes_limit: 50_000_000,
        entity_resolver: None,
    };
    let doc = Document::parse_with_options(text, options).map_err(|e| {
        let pos = e.pos();
        let message = e.to_string();
        // roxmltree appends " at L:C"; the position is reported separately.
        let message = match message.rsplit_once(" at ") {
            Some((head, tail))
                if tail.contains(':') && tail.chars().all(|c| c.is_ascii_digit() || c == ':') =>
            {
                head
            }
            _ => &message,
        };
        FormatError::at(
            pos.row as usize,
            pos.col as usize,
            format!("malformed XML: {message}"),
        )
    })?;
    check_depth(text, &doc)?;
    Ok(doc)
}

/// The byte offset of a `<!DOCTYPE` outside comments, if any.
fn find_doctype(text: &str) -> Option<usize> {
    let mut rest = 0;
    while let Some(found) = text[rest..].find("<!") {
        let at = rest + found;
        let tail = &text[at..];
        if tail.starts_with("<!--") {
            rest = at + tail.find("-->").map_or(tail.len(), |e| e + 3);
        } else if tail.starts_with("<![CDATA[") {
            rest = at + tail.find("]]>").map_or(tail.len(), |e| e + 3);
        } else if tail
            .get(2..9)
            .is_some_and(|s| s.eq_ignore_ascii_case("DOCTYPE"))
        {
            return Some(at);
        } else {
            rest = at + 2;
        }
    }
    None
}

fn check_depth(text: &str, doc: &Document<'_>) -> Result<(), FormatError> {
    // Nodes come in document order, parents before children, so one pass fills the depths.
    let mut depths: Vec<u16> = Vec::new();
    for node in doc.descendants() {
        let index = node.id().get_usize();
        let depth = node.parent().map_or(0, |p| {
            depths.get(p.id().get_usize()).copied().unwrap_or(0) + 1
        });
        if usize::from(depth) > MAX_DEPTH {
            return Err(FormatError::at_offset(
                text,
                node.range().start,
                format!("elements are nested more than {MAX_DEPTH} deep"),
            ));
        }
        if depths.len() <= index {
            depths.resize(index + 1, 0);
        }
        depths[index] = depth;
    }
    Ok(())
}

/// An error located at `node`.
pub(crate) fn error_at(text: &str, node: Node<'_, '_>, message: impl Into<String>) -> FormatError {
    FormatError::at_offset(text, node.range().start, message)
}

/// The text content of `node` and its descendants, with whitespace runs collapsed.
pub(crate) fn squeezed_text(node: Node<'_, '_>) -> String {
    let mut raw = String::new();
    for d in node.descendants().filter(|d| d.is_text()) {
        raw.push_str(d.text().unwrap_or_default());
    }
    squeeze(&raw)
}

/// Collapses whitespace runs into single spaces and trims the ends.
pub(crate) fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_doctype_with_position() {
        let text = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">]>\n<a>&lol;</a>";
        let err = parse(text).unwrap_err();
        assert_eq!((err.line, err.column), (Some(2), Some(1)));
        assert!(err.message.contains("DOCTYPE"), "{err}");
    }

    #[test]
    fn doctype_inside_a_comment_is_harmless() {
        assert!(parse("<!-- <!DOCTYPE x> --><a/>").is_ok());
    }

    #[test]
    fn malformed_xml_reports_line_and_column() {
        let err = parse("<a>\n  <b></c>\n</a>").unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.message.starts_with("malformed XML"), "{err}");
    }

    #[test]
    fn unknown_entities_are_errors() {
        let err = parse("<a>&nbsp;</a>").unwrap_err();
        assert!(err.message.contains("nbsp"), "{err}");
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = format!(
            "{}{}",
            "<a>".repeat(MAX_DEPTH + 1),
            "</a>".repeat(MAX_DEPTH + 1)
        );
        let err = parse(&text).unwrap_err();
        assert!(err.message.contains("nested"), "{err}");
    }
}
