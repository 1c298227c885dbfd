//! Namespaces, attribute helpers and the element classes the reader sorts TEI into.

use roxmltree::Node;

/// The TEI P5 namespace.
pub(crate) const TEI_NS: &str = "http://www.tei-c.org/ns/1.0";
/// The namespace of the attributes FRUS volumes add (`frus:doc-dateTime-min`, …).
pub(crate) const FRUS_NS: &str = "http://history.state.gov/frus/ns/1.0";
/// The namespace of `xml:id`, `xml:lang` and `xml:space`.
pub(crate) const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
/// Chancery's own attributes, written only where TEI has no way to say what the model holds.
pub(crate) const CHANCERY_NS: &str = "https://chancery.invalid/ns/tei";
/// The `classCode/@scheme` that names a document type of Chancery's vocabulary.
pub(crate) const DOCTYPE_SCHEME: &str = "https://chancery.invalid/doctype";
/// The `keywords/@scheme` whose terms are Chancery collection identifiers.
pub(crate) const COLLECTIONS_SCHEME: &str = "https://chancery.invalid/collections";

/// The local name of `node` when it is an element in the TEI namespace.
pub(crate) fn tei<'a>(node: Node<'a, '_>) -> Option<&'a str> {
    if node.is_element() && node.tag_name().namespace() == Some(TEI_NS) {
        Some(node.tag_name().name())
    } else {
        None
    }
}

/// Whether `node` is the TEI element `name`.
pub(crate) fn is(node: Node<'_, '_>, name: &str) -> bool {
    tei(node) == Some(name)
}

/// The TEI element children of `node` named `name`.
pub(crate) fn children<'a, 'input>(
    node: Node<'a, 'input>,
    name: &'static str,
) -> impl Iterator<Item = Node<'a, 'input>> {
    node.children().filter(move |c| is(*c, name))
}

/// The first TEI element child of `node` named `name`.
pub(crate) fn child<'a, 'input>(
    node: Node<'a, 'input>,
    name: &'static str,
) -> Option<Node<'a, 'input>> {
    children(node, name).next()
}

/// The first TEI element at the end of a path of child names.
pub(crate) fn path<'a, 'input>(
    node: Node<'a, 'input>,
    names: &[&'static str],
) -> Option<Node<'a, 'input>> {
    names.iter().try_fold(node, |n, name| child(n, name))
}

/// `xml:id`.
pub(crate) fn xml_id<'a>(node: Node<'a, '_>) -> Option<&'a str> {
    node.attribute((XML_NS, "id"))
}

/// `xml:lang`.
pub(crate) fn xml_lang<'a>(node: Node<'a, '_>) -> Option<&'a str> {
    node.attribute((XML_NS, "lang"))
}

/// Whether `xml:space` asks to keep whitespace, given what the parent asked.
pub(crate) fn preserve(node: Node<'_, '_>, inherited: bool) -> bool {
    match node.attribute((XML_NS, "space")) {
        Some("preserve") => true,
        Some("default") => false,
        _ => inherited,
    }
}

/// Whether whitespace is kept at `node`, looking up its ancestors.
pub(crate) fn preserve_at(node: Node<'_, '_>) -> bool {
    node.ancestors()
        .find_map(|a| a.attribute((XML_NS, "space")))
        .is_some_and(|v| v == "preserve")
}

/// One of Chancery's own attributes.
pub(crate) fn chancery<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attribute((CHANCERY_NS, name))
}

/// Whether Chancery marked `node` to be kept even when empty.
pub(crate) fn keep(node: Node<'_, '_>) -> bool {
    chancery(node, "keep") == Some("true")
}

/// Whether `c` is XML whitespace (space, tab, carriage return, line feed). Other Unicode
/// spaces, such as the no-break space, are text.
pub(crate) fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// Collapses runs of XML whitespace into single spaces and trims the ends.
pub(crate) fn squeeze(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(is_xml_space).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Elements dropped with everything in them: embedded players and scripts, images and their
/// descriptions, deleted text, printers' forme work.
pub(crate) fn is_dropped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "object"
            | "param"
            | "iframe"
            | "embed"
            | "noscript"
            | "audio"
            | "video"
            | "source"
            | "media"
            | "binaryObject"
            | "graphic"
            | "figDesc"
            | "teiHeader"
            | "del"
            | "fw"
    )
}

/// Dropped elements a user should hear about: embedded content that carried no text of the
/// document (images and deletions are expected and go silently).
pub(crate) fn is_embedded_content(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "object"
            | "iframe"
            | "embed"
            | "noscript"
            | "audio"
            | "video"
            | "media"
            | "binaryObject"
    )
}

/// Elements that carry no text and no feature the model keeps.
pub(crate) fn is_silent(name: &str) -> bool {
    matches!(
        name,
        "milestone"
            | "anchor"
            | "cb"
            | "gb"
            | "ptr"
            | "index"
            | "interp"
            | "interpGrp"
            | "link"
            | "linkGrp"
            | "join"
            | "joinGrp"
            | "alt"
            | "altGrp"
            | "span"
            | "spanGrp"
            | "certainty"
            | "precision"
            | "respons"
            | "fs"
            | "fLib"
            | "fvLib"
            | "timeline"
            | "substJoin"
    )
}

/// Phrase-level elements: at block level their text joins the loose paragraph around them.
pub(crate) fn is_phrase(name: &str) -> bool {
    matches!(
        name,
        "hi" | "emph"
            | "title"
            | "persName"
            | "placeName"
            | "orgName"
            | "name"
            | "rs"
            | "date"
            | "time"
            | "term"
            | "gloss"
            | "abbr"
            | "expan"
            | "foreign"
            | "num"
            | "measure"
            | "measureGrp"
            | "said"
            | "add"
            | "unclear"
            | "supplied"
            | "corr"
            | "reg"
            | "orig"
            | "sic"
            | "choice"
            | "seg"
            | "ref"
            | "gap"
            | "mentioned"
            | "soCalled"
            | "distinct"
            | "geogName"
            | "roleName"
            | "forename"
            | "surname"
            | "addName"
            | "genName"
            | "nameLink"
            | "country"
            | "settlement"
            | "region"
            | "district"
            | "bloc"
            | "geogFeat"
            | "offset"
            | "c"
            | "w"
            | "pc"
            | "s"
            | "cl"
            | "phr"
            | "m"
            | "g"
            | "unit"
            | "subst"
            | "damage"
            | "restore"
            | "space"
            | "handShift"
            | "mod"
            | "ex"
            | "am"
            | "secl"
            | "surplus"
            | "app"
            | "lem"
            | "rdg"
            | "idno"
            | "email"
            | "affiliation"
            | "objectName"
            | "lb"
            | "pb"
            | "note"
    )
}

/// Elements that make blocks of their own: inside running text they end the block around
/// them (a list inside a paragraph), except inside notes, cells and headings, which are
/// flattened to one block.
pub(crate) fn is_blockish(name: &str) -> bool {
    matches!(
        name,
        "p" | "ab"
            | "list"
            | "listBibl"
            | "table"
            | "figure"
            | "lg"
            | "l"
            | "div"
            | "div1"
            | "div2"
            | "div3"
            | "div4"
            | "div5"
            | "div6"
            | "div7"
            | "head"
            | "opener"
            | "closer"
            | "dateline"
            | "salute"
            | "signed"
            | "byline"
            | "trailer"
            | "postscript"
            | "epigraph"
            | "argument"
            | "floatingText"
            | "sp"
            | "castList"
    )
}

/// Elements that stand for a line: their text is set apart by spaces.
pub(crate) fn is_lineish(name: &str) -> bool {
    matches!(
        name,
        "item" | "label" | "addrLine" | "row" | "cell" | "bibl" | "docDate" | "titlePart"
    )
}

/// Whether `name` is a division (`div`, `div1` … `div7`).
pub(crate) fn is_div(name: &str) -> bool {
    name == "div"
        || (name.len() == 4 && name.starts_with("div") && name.as_bytes()[3].is_ascii_digit())
}

/// Whether `node` holds block structure (paragraphs, lists, …) rather than running text.
pub(crate) fn has_block_children(node: Node<'_, '_>) -> bool {
    node.children().any(|c| {
        tei(c).is_some_and(|n| {
            is_blockish(n) || ((n == "quote" || n == "q") && has_block_children(c))
        })
    })
}

/// Whether an element unknown to the reader holds blocks (any child that is not phrase-level).
pub(crate) fn has_structure(node: Node<'_, '_>) -> bool {
    node.children()
        .filter(|c| c.is_element())
        .any(|c| match tei(c) {
            Some(n) => !(is_phrase(n) || is_silent(n) || is_dropped(n) || n == "q" || n == "quote"),
            None => false,
        })
}

/// Line and column lookups for byte offsets, in O(log n) after one pass over the text:
/// big volumes give many warnings, and counting lines from the start each time would be
/// quadratic.
pub(crate) struct LineIndex<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    /// Indexes the line starts of `text`.
    pub(crate) fn new(text: &'t str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Self { text, starts }
    }

    /// The line and column (from 1; the column counts characters) of byte `offset`.
    pub(crate) fn position(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let column = self
            .text
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }

    /// A warning text with the position of `offset` in front.
    pub(crate) fn warning(&self, offset: usize, message: &str) -> String {
        let (line, column) = self.position(offset);
        format!("{line}:{column}: {message}")
    }

    /// An error at byte `offset`.
    pub(crate) fn error(&self, offset: usize, message: impl Into<String>) -> crate::FormatError {
        let (line, column) = self.position(offset);
        crate::FormatError::at(line, column, message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn squeeze_collapses_only_xml_whitespace() {
        assert_eq!(squeeze("  a \n\t b\u{a0}c  "), "a b\u{a0}c");
        assert_eq!(squeeze(""), "");
    }

    #[test]
    fn line_index_agrees_with_the_error_module() {
        let text = "ab\ncdé\nf";
        let index = LineIndex::new(text);
        for offset in [0, 1, 3, 4, 7, 8, 99] {
            assert_eq!(
                index.position(offset),
                crate::error::line_column(text, offset),
                "{offset}"
            );
        }
    }

    #[test]
    fn numbered_divs_are_divs() {
        assert!(is_div("div") && is_div("div3"));
        assert!(!is_div("divGen") && !is_div("dive"));
    }
}
