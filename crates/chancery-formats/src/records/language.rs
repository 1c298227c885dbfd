//! Languages as records name them ("eng", "fre", "English", "français", "en_GB") turned
//! into the BCP 47 tags the model keeps ("en", "fr", "en-GB").

use chancery_model::fold::fold;
use language_tags::LanguageTag;

/// ISO 639-2 codes (bibliographic and terminology forms) of the languages archives hold
/// most, with their two-letter ISO 639-1 codes. BCP 47 requires the two-letter code where
/// one exists, so `eng` must become `en`.
const ISO_639_2: &[(&str, &str)] = &[
    ("afr", "af"),
    ("alb", "sq"),
    ("sqi", "sq"),
    ("ara", "ar"),
    ("arm", "hy"),
    ("hye", "hy"),
    ("baq", "eu"),
    ("eus", "eu"),
    ("bel", "be"),
    ("ben", "bn"),
    ("bos", "bs"),
    ("bul", "bg"),
    ("cat", "ca"),
    ("chi", "zh"),
    ("zho", "zh"),
    ("cze", "cs"),
    ("ces", "cs"),
    ("dan", "da"),
    ("dut", "nl"),
    ("nld", "nl"),
    ("eng", "en"),
    ("epo", "eo"),
    ("est", "et"),
    ("fin", "fi"),
    ("fre", "fr"),
    ("fra", "fr"),
    ("geo", "ka"),
    ("kat", "ka"),
    ("ger", "de"),
    ("deu", "de"),
    ("gle", "ga"),
    ("glg", "gl"),
    ("gre", "el"),
    ("ell", "el"),
    ("heb", "he"),
    ("hin", "hi"),
    ("hrv", "hr"),
    ("hun", "hu"),
    ("ice", "is"),
    ("isl", "is"),
    ("ind", "id"),
    ("ita", "it"),
    ("jpn", "ja"),
    ("kor", "ko"),
    ("lat", "la"),
    ("lav", "lv"),
    ("lit", "lt"),
    ("ltz", "lb"),
    ("mac", "mk"),
    ("mkd", "mk"),
    ("may", "ms"),
    ("msa", "ms"),
    ("mlt", "mt"),
    ("nor", "no"),
    ("nob", "nb"),
    ("nno", "nn"),
    ("per", "fa"),
    ("fas", "fa"),
    ("pol", "pl"),
    ("por", "pt"),
    ("rum", "ro"),
    ("ron", "ro"),
    ("rus", "ru"),
    ("slo", "sk"),
    ("slk", "sk"),
    ("slv", "sl"),
    ("spa", "es"),
    ("srp", "sr"),
    ("swa", "sw"),
    ("swe", "sv"),
    ("tha", "th"),
    ("tur", "tr"),
    ("ukr", "uk"),
    ("urd", "ur"),
    ("vie", "vi"),
    ("wel", "cy"),
    ("cym", "cy"),
    ("yid", "yi"),
];

/// Language names, folded (lowercase, no accents): English names, the languages' own
/// names, and the French and German names European catalogues use.
const NAMES: &[(&str, &str)] = &[
    ("afrikaans", "af"),
    ("albanian", "sq"),
    ("arabic", "ar"),
    ("armenian", "hy"),
    ("basque", "eu"),
    ("euskara", "eu"),
    ("belarusian", "be"),
    ("bengali", "bn"),
    ("bosnian", "bs"),
    ("bulgarian", "bg"),
    ("catalan", "ca"),
    ("catala", "ca"),
    ("chinese", "zh"),
    ("croatian", "hr"),
    ("hrvatski", "hr"),
    ("czech", "cs"),
    ("cestina", "cs"),
    ("danish", "da"),
    ("dansk", "da"),
    ("dutch", "nl"),
    ("flemish", "nl"),
    ("nederlands", "nl"),
    ("neerlandais", "nl"),
    ("english", "en"),
    ("anglais", "en"),
    ("englisch", "en"),
    ("esperanto", "eo"),
    ("estonian", "et"),
    ("eesti", "et"),
    ("finnish", "fi"),
    ("suomi", "fi"),
    ("french", "fr"),
    ("francais", "fr"),
    ("franzosisch", "fr"),
    ("galician", "gl"),
    ("georgian", "ka"),
    ("german", "de"),
    ("deutsch", "de"),
    ("allemand", "de"),
    ("greek", "el"),
    ("modern greek", "el"),
    ("hebrew", "he"),
    ("hindi", "hi"),
    ("hungarian", "hu"),
    ("magyar", "hu"),
    ("icelandic", "is"),
    ("indonesian", "id"),
    ("irish", "ga"),
    ("gaeilge", "ga"),
    ("italian", "it"),
    ("italiano", "it"),
    ("italien", "it"),
    ("italienisch", "it"),
    ("japanese", "ja"),
    ("korean", "ko"),
    ("latin", "la"),
    ("latvian", "lv"),
    ("lithuanian", "lt"),
    ("luxembourgish", "lb"),
    ("letzebuergesch", "lb"),
    ("macedonian", "mk"),
    ("malay", "ms"),
    ("maltese", "mt"),
    ("malti", "mt"),
    ("norwegian", "no"),
    ("norsk", "no"),
    ("persian", "fa"),
    ("farsi", "fa"),
    ("polish", "pl"),
    ("polski", "pl"),
    ("portuguese", "pt"),
    ("portugues", "pt"),
    ("portugais", "pt"),
    ("romanian", "ro"),
    ("romana", "ro"),
    ("russian", "ru"),
    ("russe", "ru"),
    ("russisch", "ru"),
    ("serbian", "sr"),
    ("slovak", "sk"),
    ("slovencina", "sk"),
    ("slovenian", "sl"),
    ("slovene", "sl"),
    ("slovenscina", "sl"),
    ("spanish", "es"),
    ("castilian", "es"),
    ("espanol", "es"),
    ("castellano", "es"),
    ("espagnol", "es"),
    ("spanisch", "es"),
    ("swahili", "sw"),
    ("swedish", "sv"),
    ("svenska", "sv"),
    ("thai", "th"),
    ("turkish", "tr"),
    ("turkce", "tr"),
    ("ukrainian", "uk"),
    ("urdu", "ur"),
    ("vietnamese", "vi"),
    ("welsh", "cy"),
    ("cymraeg", "cy"),
    ("yiddish", "yi"),
];

/// The BCP 47 tag for a language as a record names it: a tag (any case, `_` or `-`), an
/// ISO 639-2 code, or a language name. `None` when it is none of these, or names a
/// language the IANA registry does not know.
pub(crate) fn to_bcp47(name: &str) -> Option<String> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        return None;
    }
    let folded = fold(trimmed);
    if let Some((_, code)) = NAMES.iter().find(|(n, _)| *n == folded) {
        return Some((*code).to_string());
    }
    let hyphenated = trimmed.replace('_', "-");
    let (primary, rest) = match hyphenated.split_once('-') {
        Some((primary, rest)) => (primary, Some(rest)),
        None => (hyphenated.as_str(), None),
    };
    let primary = primary.to_ascii_lowercase();
    let primary = ISO_639_2
        .iter()
        .find(|(three, _)| *three == primary)
        .map_or(primary.as_str(), |(_, two)| two);
    let candidate = match rest {
        Some(rest) => format!("{primary}-{rest}"),
        None => primary.to_string(),
    };
    let tag = LanguageTag::parse(&candidate).ok()?;
    tag.is_valid().then(|| tag.into_string())
}

#[cfg(test)]
mod tests {
    use super::to_bcp47;

    #[test]
    fn codes_names_and_tags_become_bcp47() {
        let cases = [
            ("eng", "en"),
            ("English", "en"),
            ("fre", "fr"),
            ("fra", "fr"),
            ("French", "fr"),
            ("français", "fr"),
            ("ger", "de"),
            ("deu", "de"),
            ("Deutsch", "de"),
            ("spa", "es"),
            ("ita", "it"),
            ("rus", "ru"),
            ("por", "pt"),
            ("dut", "nl"),
            ("nld", "nl"),
            ("en", "en"),
            ("EN", "en"),
            ("en_gb", "en-GB"),
            ("en-GB", "en-GB"),
            ("fre-FR", "fr-FR"),
            (" čeština ", "cs"),
            ("haw", "haw"),
        ];
        for (input, expected) in cases {
            assert_eq!(to_bcp47(input).as_deref(), Some(expected), "{input}");
        }
    }

    #[test]
    fn what_is_not_a_language_is_refused() {
        for input in ["", "  ", "Klingon", "English; French", "e", "123", "en-"] {
            assert_eq!(to_bcp47(input), None, "{input}");
        }
    }
}
