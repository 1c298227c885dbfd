//! Places found by the shape of their names, for places the gazetteer does not know: "Lake
//! Success", "Gulf of Tonkin", "Yalu River", "Long Island", "Fort Sumter", "Golan Heights".

use crate::names::Class;
use crate::tokens::{Kind, Tokens};

/// Words that make the capitalized words before them a place: "Yalu River".
const AFTER: &[&str] = &[
    "river",
    "bay",
    "strait",
    "straits",
    "island",
    "islands",
    "sea",
    "ocean",
    "peninsula",
    "valley",
    "mountains",
    "canal",
    "harbor",
    "harbour",
    "desert",
    "heights",
    "strip",
    "pass",
    "falls",
    "coast",
    "territory",
    "province",
    "delta",
    "basin",
    "plateau",
    "lake",
    "archipelago",
    "atoll",
    "gulf",
    "sound",
    "channel",
    "estuary",
    "glacier",
    "square",
];

/// Words that make the capitalized words after them a place: "Lake Success", "Fort Sumter".
const BEFORE: &[&str] = &["lake", "cape", "mount", "fort", "port", "camp", "isle"];

/// Words that make the capitalized words after "of" a place: "Gulf of Tonkin".
const BEFORE_OF: &[&str] = &[
    "gulf", "bay", "strait", "straits", "sea", "isle", "cape", "island", "islands", "lake",
];

/// A place found by the shape of its name.
#[derive(Debug, Clone)]
pub(crate) struct PlaceRule {
    pub(crate) start: usize,
    pub(crate) end: usize,
}

fn place_word(toks: &Tokens<'_>, i: usize) -> bool {
    let Some(t) = toks.get(i) else {
        return false;
    };
    if t.kind != Kind::Word || !t.cap {
        return false;
    }
    !toks
        .class(i)
        .has(Class::FUNCTION | Class::TITLE | Class::STOP)
}

/// Finds places by the shape of their names.
pub(crate) fn find(toks: &Tokens<'_>) -> Vec<PlaceRule> {
    let tokens = &toks.list;
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i];
        if t.kind != Kind::Word || !t.cap {
            i += 1;
            continue;
        }
        let key = toks.key(i);
        // "Gulf of Tonkin", "Bay of Pigs".
        if BEFORE_OF.contains(&key) && toks.key(i + 1) == "of" {
            let mut k = i + 2;
            if toks.key(k) == "the" {
                k += 1;
            }
            let start_name = k;
            while k < tokens.len() && k - start_name < 3 && place_word(toks, k) {
                k += 1;
            }
            if k > start_name {
                out.push(PlaceRule {
                    start: t.start,
                    end: tokens[k - 1].end,
                });
                i = k;
                continue;
            }
        }
        // "Lake Success", "Fort Sumter".
        if BEFORE.contains(&key)
            && tokens.get(i + 1).is_some_and(|n| n.spaced)
            && place_word(toks, i + 1)
        {
            let mut k = i + 1;
            while k < tokens.len() && k - i <= 2 && tokens[k].spaced && place_word(toks, k) {
                k += 1;
            }
            out.push(PlaceRule {
                start: t.start,
                end: tokens[k - 1].end,
            });
            i = k;
            continue;
        }
        // "Yalu River", "Long Island", "Golan Heights": up to three capitalized words and
        // the place word.
        if place_word(toks, i) || toks.class(i).has(Class::ADJECTIVE) {
            let mut k = i;
            let mut end = None;
            while k < tokens.len() && k - i < 3 {
                let w = tokens[k];
                if k > i && !w.spaced {
                    break;
                }
                let wk = toks.key(k);
                if w.is_word() && w.cap && AFTER.contains(&wk) && k > i {
                    end = Some(w.end);
                    break;
                }
                if !(place_word(toks, k) || (w.cap && toks.class(k).has(Class::ADJECTIVE))) {
                    break;
                }
                k += 1;
            }
            if let Some(end) = end {
                out.push(PlaceRule {
                    start: t.start,
                    end,
                });
                i = tokens.partition_point(|x| x.start < end);
                continue;
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_by_shape() {
        let text = "From Lake Success to the Gulf of Tonkin, the Yalu River, Long Island and \
                    Fort Sumter; not the Security Council.";
        let toks = Tokens::new(text);
        let got: Vec<&str> = find(&toks).iter().map(|p| &text[p.start..p.end]).collect();
        assert_eq!(
            got,
            [
                "Lake Success",
                "Gulf of Tonkin",
                "Yalu River",
                "Long Island",
                "Fort Sumter"
            ]
        );
    }
}
