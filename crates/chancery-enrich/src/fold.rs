//! Folding names for matching: the same folding [`Tokens`] gives a text, so that a name and
//! the text it is found in always agree. "Kirk’s", "U.S.S.R." and "Gromýko" fold to "kirk
//! s", "u s s r" and "gromyko".

use crate::tokens::Tokens;

/// Folds a name: the key it is found under. Empty when the name has no letters or digits.
pub(crate) fn key(name: &str) -> String {
    let toks = Tokens::new(name);
    let mut s = String::with_capacity(toks.haystack.len());
    // Line breaks inside a name count as spaces; runs of separators become one space.
    for c in toks.haystack.chars() {
        if c == ' ' || c == '\n' {
            if !s.is_empty() && !s.ends_with(' ') {
                s.push(' ');
            }
        } else {
            s.push(c);
        }
    }
    if s.ends_with(' ') {
        s.pop();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_case_diacritics_and_punctuation() {
        assert_eq!(
            key("Union of Soviet Socialist Republics"),
            "union of soviet socialist republics"
        );
        assert_eq!(key("U.S."), "u s");
        assert_eq!(key("Gromýko’s, Ngô Đình Diệm"), "gromyko s ngo dinh diem");
        assert_eq!(key("Austria–Hungary"), "austria hungary");
        assert_eq!(key("Straße"), "strasse");
        assert_eq!(key("  "), "");
    }
}
