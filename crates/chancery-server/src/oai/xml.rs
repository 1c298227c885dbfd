//! A small writer for the OAI-PMH envelope: elements, attributes and text, all escaped.

/// Builds an XML document as a string.
pub(crate) struct Xml {
    out: String,
}

impl Xml {
    pub(crate) fn new() -> Self {
        Self {
            out: String::with_capacity(4096),
        }
    }

    /// `<name attr="value"…>`.
    pub(crate) fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attrs {
            self.out.push(' ');
            self.out.push_str(key);
            self.out.push_str("=\"");
            escape_into(&mut self.out, value);
            self.out.push('"');
        }
        self.out.push('>');
    }

    /// `</name>`.
    pub(crate) fn close(&mut self, name: &str) {
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
    }

    /// `<name attrs>text</name>`.
    pub(crate) fn leaf(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.open(name, attrs);
        escape_into(&mut self.out, text);
        self.close(name);
    }

    /// Markup made elsewhere and known to be well-formed (the metadata writers' output).
    pub(crate) fn raw(&mut self, markup: &str) {
        self.out.push_str(markup);
    }

    pub(crate) fn finish(self) -> String {
        self.out
    }
}

/// Escapes text and attribute values; characters XML 1.0 cannot carry are dropped.
pub(crate) fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}
