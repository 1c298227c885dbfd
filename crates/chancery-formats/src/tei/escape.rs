//! XML escaping for the writer.

/// Appends `text` as XML character data.
pub(crate) fn text(out: &mut String, text: &str) {
    escape(out, text, false);
}

/// Appends `value` escaped for a double-quoted attribute.
pub(crate) fn attr(out: &mut String, value: &str) {
    escape(out, value, true);
}

fn escape(out: &mut String, s: &str, attribute: bool) {
    out.reserve(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            // `>` only matters in `]]>`, but escaping it always is simpler and safe.
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            // Parsers turn a raw CR (and CRLF) into LF, and tabs and newlines in attributes
            // into spaces; character references survive both.
            '\r' => out.push_str("&#xD;"),
            '\n' if attribute => out.push_str("&#xA;"),
            '\t' if attribute => out.push_str("&#x9;"),
            c if is_xml_char(c) => out.push(c),
            // XML 1.0 cannot carry other control characters at all, even as references.
            _ => out.push('\u{FFFD}'),
        }
    }
}

/// Whether XML 1.0 allows `c` in a document.
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_line_ends() {
        let mut out = String::new();
        text(&mut out, "a < b & c > d \"q\"\r\n\u{1}");
        assert_eq!(out, "a &lt; b &amp; c &gt; d \"q\"&#xD;\n\u{FFFD}");
        let mut out = String::new();
        attr(&mut out, "x\"y\tz\n");
        assert_eq!(out, "x&quot;y&#x9;z&#xA;");
    }
}
