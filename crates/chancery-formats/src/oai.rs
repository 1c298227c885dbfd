//! OAI-PMH responses, as a harvester reads them: the records of a `ListRecords` page (header
//! and metadata), the resumption token, and protocol errors.
//!
//! Each record's metadata comes out as a standalone XML text — its element with every
//! namespace in scope declared on it — so that the Dublin Core or TEI reader reads it like a
//! file.

use roxmltree::Node;

use crate::FormatError;
use crate::xml;

const OAI_NS: &str = "http://www.openarchives.org/OAI/2.0/";

/// One page of a list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OaiPage {
    /// The provider's `responseDate` (the next incremental harvest starts from the first
    /// page's).
    pub response_date: Option<String>,
    /// The records of the page.
    pub records: Vec<OaiRecord>,
    /// The token for the next page; `None` or empty when the list is complete.
    pub resumption_token: Option<String>,
    /// The list's size, when the provider says.
    pub complete_list_size: Option<u64>,
}

/// One record: its header and, unless deleted, its metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OaiRecord {
    /// The OAI identifier.
    pub identifier: String,
    /// The record's datestamp.
    pub datestamp: String,
    /// Whether the provider deleted it.
    pub deleted: bool,
    /// Its sets.
    pub sets: Vec<String>,
    /// The metadata element as a standalone XML text.
    pub metadata: Option<String>,
}

/// What can go wrong reading a response.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OaiResponseError {
    /// The provider answered with a protocol error (other than `noRecordsMatch`, which is an
    /// empty page).
    #[error("the provider answered {code}: {message}")]
    Protocol {
        /// The error code.
        code: String,
        /// The provider's message.
        message: String,
    },
    /// The response is not a readable OAI-PMH document.
    #[error("the response is not OAI-PMH: {0}")]
    Malformed(FormatError),
}

/// Reads a `ListRecords` (or `ListIdentifiers`, `GetRecord`) response.
pub fn parse_response(text: &str) -> Result<OaiPage, OaiResponseError> {
    let doc = xml::parse(text).map_err(OaiResponseError::Malformed)?;
    let root = doc.root_element();
    if !root.has_tag_name((OAI_NS, "OAI-PMH")) {
        return Err(OaiResponseError::Malformed(xml::error_at(
            text,
            root,
            format!(
                "expected the root element OAI-PMH, found <{}>",
                root.tag_name().name()
            ),
        )));
    }
    let mut page = OaiPage::default();
    for child in root.children().filter(Node::is_element) {
        match child.tag_name().name() {
            "responseDate" => page.response_date = child.text().map(|t| t.trim().to_string()),
            "error" => {
                let code = child.attribute("code").unwrap_or("unknown").to_string();
                if code == "noRecordsMatch" {
                    return Ok(page);
                }
                return Err(OaiResponseError::Protocol {
                    code,
                    message: xml::squeezed_text(child),
                });
            }
            "ListRecords" | "ListIdentifiers" | "GetRecord" => {
                for item in child.children().filter(Node::is_element) {
                    match item.tag_name().name() {
                        "record" => page.records.push(record(text, item)?),
                        "header" => page.records.push(header(text, item, None)?),
                        "resumptionToken" => {
                            let token = item.text().unwrap_or_default().trim().to_string();
                            page.resumption_token = (!token.is_empty()).then_some(token);
                            page.complete_list_size = item
                                .attribute("completeListSize")
                                .and_then(|s| s.parse().ok());
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    Ok(page)
}

fn record(text: &str, node: Node<'_, '_>) -> Result<OaiRecord, OaiResponseError> {
    let header_node = node
        .children()
        .find(|n| n.has_tag_name((OAI_NS, "header")))
        .ok_or_else(|| {
            OaiResponseError::Malformed(xml::error_at(text, node, "a record without a header"))
        })?;
    let metadata = node
        .children()
        .find(|n| n.has_tag_name((OAI_NS, "metadata")))
        .and_then(|m| m.children().find(Node::is_element))
        .map(|element| standalone(text, element));
    header(text, header_node, metadata)
}

fn header(
    text: &str,
    node: Node<'_, '_>,
    metadata: Option<String>,
) -> Result<OaiRecord, OaiResponseError> {
    let field = |name: &str| {
        node.children()
            .find(|n| n.has_tag_name((OAI_NS, name)))
            .map(xml::squeezed_text)
    };
    let identifier = field("identifier")
        .filter(|s| !s.is_empty())
        .ok_or_else(|| {
            OaiResponseError::Malformed(xml::error_at(text, node, "a header without an identifier"))
        })?;
    let deleted = node.attribute("status") == Some("deleted");
    Ok(OaiRecord {
        identifier,
        datestamp: field("datestamp").unwrap_or_default(),
        deleted,
        sets: node
            .children()
            .filter(|n| n.has_tag_name((OAI_NS, "setSpec")))
            .map(xml::squeezed_text)
            .collect(),
        metadata: if deleted { None } else { metadata },
    })
}

/// The element's own text, with every namespace in scope declared on its start tag.
fn standalone(text: &str, element: Node<'_, '_>) -> String {
    let own = &text[element.range()];
    let name_end = own
        .char_indices()
        .skip(1)
        .find(|(_, c)| c.is_whitespace() || *c == '>' || *c == '/')
        .map_or(own.len(), |(i, _)| i);
    let head_end = own.find('>').unwrap_or(own.len());
    let start_tag = &own[..head_end];
    let mut declarations = String::new();
    for ns in element.namespaces() {
        let attr = match ns.name() {
            Some(prefix) => format!("xmlns:{prefix}="),
            None => "xmlns=".to_string(),
        };
        if ns.name() == Some("xml") || start_tag.contains(&attr) {
            continue;
        }
        declarations.push(' ');
        declarations.push_str(&attr);
        declarations.push('"');
        for c in ns.uri().chars() {
            match c {
                '&' => declarations.push_str("&amp;"),
                '<' => declarations.push_str("&lt;"),
                '"' => declarations.push_str("&quot;"),
                other => declarations.push(other),
            }
        }
        declarations.push('"');
    }
    format!("{}{}{}", &own[..name_end], declarations, &own[name_end..])
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <responseDate>2026-11-29T12:00:00Z</responseDate>
  <request verb="ListRecords">http://example.org/oai</request>
  <ListRecords>
    <record>
      <header><identifier>oai:example.org:1</identifier><datestamp>2026-01-01</datestamp><setSpec>letters</setSpec></header>
      <metadata><oai_dc:dc><dc:title>A &amp; B</dc:title><dc:description>Text.</dc:description></oai_dc:dc></metadata>
    </record>
    <record>
      <header status="deleted"><identifier>oai:example.org:2</identifier><datestamp>2026-01-02</datestamp></header>
    </record>
    <resumptionToken completeListSize="5" cursor="0">next-page</resumptionToken>
  </ListRecords>
</OAI-PMH>"#;

    #[test]
    fn reads_records_tokens_and_declares_namespaces() {
        let page = parse_response(PAGE).unwrap();
        assert_eq!(page.response_date.as_deref(), Some("2026-11-29T12:00:00Z"));
        assert_eq!(page.resumption_token.as_deref(), Some("next-page"));
        assert_eq!(page.complete_list_size, Some(5));
        assert_eq!(page.records.len(), 2);
        let first = &page.records[0];
        assert_eq!(first.sets, ["letters"]);
        let metadata = first.metadata.as_deref().unwrap();
        assert!(
            metadata.starts_with("<oai_dc:dc ")
                && metadata.contains(" xmlns:dc=\"http://purl.org/dc/elements/1.1/\""),
            "{metadata}"
        );
        let docs = crate::dc::read(metadata, &crate::ReadContext::new("x")).unwrap();
        assert_eq!(docs.documents[0].title, "A & B");
        assert!(page.records[1].deleted && page.records[1].metadata.is_none());
    }

    #[test]
    fn errors_and_empty_lists() {
        let error = r#"<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><error code="badArgument">no</error></OAI-PMH>"#;
        assert!(
            matches!(parse_response(error), Err(OaiResponseError::Protocol { code, .. }) if code == "badArgument")
        );
        let none = r#"<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><error code="noRecordsMatch"/></OAI-PMH>"#;
        assert_eq!(parse_response(none).unwrap().records.len(), 0);
        assert!(matches!(
            parse_response("<html/>"),
            Err(OaiResponseError::Malformed(_))
        ));
    }
}
