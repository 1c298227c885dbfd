//! HTML built in Rust rather than in a template: a [`Markup`] value can only be made by
//! escaping text or by code in this crate that escapes everything it takes in, so templates
//! can print it unescaped without ever printing untrusted text raw.

use std::fmt;

/// A fragment of HTML that is safe to print as is: every piece of text in it was escaped
/// when it went in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Markup(String);

impl Markup {
    /// An empty fragment.
    pub fn new() -> Self {
        Self(String::new())
    }

    /// A fragment holding `text`, escaped.
    pub fn text(text: &str) -> Self {
        let mut m = Self::new();
        m.push_text(text);
        m
    }

    /// Wraps HTML written by this crate's own code (never text from a document, a request
    /// or any other outside source: those go through [`Markup::push_text`]).
    pub(crate) fn trusted(html: impl Into<String>) -> Self {
        Self(html.into())
    }

    /// Appends `text`, escaped.
    pub fn push_text(&mut self, text: &str) {
        escape_into(&mut self.0, text);
    }

    /// Appends markup written by this crate (a tag, an entity), not outside text.
    pub(crate) fn push_raw(&mut self, html: &str) {
        self.0.push_str(html);
    }

    /// Appends another fragment.
    pub fn push(&mut self, other: &Markup) {
        self.0.push_str(&other.0);
    }

    /// Appends `<tag attr="value" …>` with every value escaped; `tag` and the attribute
    /// names are this crate's constants.
    pub(crate) fn open(&mut self, tag: &str, attributes: &[(&str, &str)]) {
        self.0.push('<');
        self.0.push_str(tag);
        for (name, value) in attributes {
            self.0.push(' ');
            self.0.push_str(name);
            self.0.push_str("=\"");
            escape_into(&mut self.0, value);
            self.0.push('"');
        }
        self.0.push('>');
    }

    /// Appends `</tag>`.
    pub(crate) fn close(&mut self, tag: &str) {
        self.0.push_str("</");
        self.0.push_str(tag);
        self.0.push('>');
    }

    /// Whether the fragment is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The HTML.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The HTML, owned.
    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for Markup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Askama prints [`Markup`] without escaping it again.
impl askama::filters::HtmlSafe for Markup {}

/// Escapes `text` for HTML text and attribute values (double- or single-quoted).
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
}

/// `text` escaped for HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped() {
        let mut m = Markup::new();
        m.open("a", &[("href", "/x?a=1&b=\"2\"")]);
        m.push_text("<script>alert('x')</script>");
        m.close("a");
        assert_eq!(
            m.as_str(),
            "<a href=\"/x?a=1&amp;b=&quot;2&quot;\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</a>"
        );
    }
}
