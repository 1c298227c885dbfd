//! XML as Chancery reads it everywhere (authority files here): document type declarations
//! refused, so no entity is ever expanded; nodes and depth bounded; errors with the file,
//! line and column.

use crate::error::EnrichError;

/// Elements nested deeper than this are refused (POCOM needs five, TEI lists a dozen).
const MAX_DEPTH: usize = 64;

/// Parses `text` (the file `path`).
pub(crate) fn parse<'t>(path: &str, text: &'t str) -> Result<roxmltree::Document<'t>, EnrichError> {
    let failed = |message: String| EnrichError::Authority {
        path: path.to_string(),
        message,
    };
    if let Some(at) = text.find("<!DOCTYPE").or_else(|| text.find("<!doctype")) {
        let line = text[..at].matches('\n').count() + 1;
        return Err(failed(format!(
            "line {line}: XML with a document type declaration is refused (Chancery never reads DTDs or expands entities)"
        )));
    }
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: 1_000_000,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = roxmltree::Document::parse_with_options(text, options).map_err(|e| {
        let pos = e.pos();
        failed(format!(
            "line {}, column {}: malformed XML: {e}",
            pos.row, pos.col
        ))
    })?;
    let mut depths: Vec<u16> = vec![0; doc.descendants().count() + 1];
    for node in doc.descendants() {
        let depth = node.parent().map_or(0, |p| {
            depths.get(p.id().get_usize()).copied().unwrap_or(0) + 1
        });
        if usize::from(depth) > MAX_DEPTH {
            let pos = doc.text_pos_at(node.range().start);
            return Err(failed(format!(
                "line {}, column {}: elements are nested more than {MAX_DEPTH} deep",
                pos.row, pos.col
            )));
        }
        if let Some(slot) = depths.get_mut(node.id().get_usize()) {
            *slot = depth;
        }
    }
    Ok(doc)
}
