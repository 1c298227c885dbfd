//! Folding text for comparison: lowercase, no diacritics, one space between words.

use deunicode::deunicode;

/// Folds `text` for matching: diacritics removed, lowercased, punctuation and hyphens turned
/// into single spaces. "Aide-Mémoire" and "aide memoire" fold to the same "aide memoire".
pub fn fold(text: &str) -> String {
    let ascii = deunicode(text);
    let mut out = String::with_capacity(ascii.len());
    let mut pending_space = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c.to_ascii_lowercase());
        } else if c == '\'' {
            // Apostrophes join: "Kirk's" folds to "kirks", "O'Neill" to "oneill".
        } else {
            pending_space = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folds_case_accents_hyphens_and_spaces() {
        assert_eq!(fold("Aide-Mémoire"), "aide memoire");
        assert_eq!(fold("  Note   verbale "), "note verbale");
        assert_eq!(fold("Communiqué"), "communique");
        assert_eq!(fold("Gromýko’s"), "gromykos");
    }
}
