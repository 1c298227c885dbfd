//! `chancery search`: results, facets, and malformed queries that say what is wrong.

use crate::{Archive, GOOD, gather};

fn imported() -> Archive {
    let archive = Archive::new();
    let input = archive.dir.path().join("input");
    gather(&input, GOOD);
    archive.ok(&["import", input.to_str().unwrap()]);
    archive
}

fn search(archive: &Archive, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["search", "--json"];
    all.extend_from_slice(args);
    serde_json::from_str(&archive.ok(&all)).unwrap()
}

#[test]
fn import_leaves_the_index_current_and_search_finds_documents() {
    let archive = imported();
    let results = search(&archive, &["aide memoire Gromyko"]);
    assert_eq!(
        results["hits"][0]["id"],
        "5118690c-57ed-4ad7-a473-188be44d8d2e"
    );
    assert!(
        results["hits"][0]["snippet"]
            .as_str()
            .unwrap()
            .contains("<mark>"),
        "{results}"
    );
    assert!(results["took_ms"].is_number());

    let everything = search(&archive, &["", "--facets", "--limit", "100"]);
    let total = everything["total"].as_u64().unwrap();
    let listed = archive
        .ok(&["list", "--json", "--limit", "1000"])
        .lines()
        .count() as u64;
    assert_eq!(total, listed, "index and store agree");
    let types = everything["facets"]["type"].as_array().unwrap();
    assert!(
        types.iter().any(|t| t["value"] == "aide-memoire"),
        "{types:?}"
    );
    assert!(!everything["facets"]["year"].as_array().unwrap().is_empty());

    let dated = search(&archive, &["date:1950-06", "--sort", "date"]);
    let dates: Vec<&str> = dated["hits"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h["date"].as_str())
        .collect();
    // Ordered by the first day each date may denote ("1950?" starts on 1 January 1950).
    let starts: Vec<String> = dates.iter().map(|d| first_day(d)).collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    assert!(dates.contains(&"1950-06-27"));
    assert!(search(&archive, &["date:1951 aide"])["total"] == 0);
}

#[test]
fn a_malformed_query_points_at_the_problem() {
    let archive = imported();
    let out = archive.run(&["search", "treaty (korea"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("treaty (korea\n       ^"), "{err}");
    assert!(err.contains("never closed"), "{err}");
}

#[test]
fn reindex_rebuilds_and_swaps() {
    let archive = imported();
    let before = search(&archive, &[""])["total"].clone();
    let out = archive.ok(&["reindex"]);
    assert!(out.starts_with("Rebuilt the search index"), "{out}");
    assert_eq!(search(&archive, &[""])["total"], before);
    let generations: Vec<String> = std::fs::read_dir(archive.data().join("index"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("gen-"))
        .collect();
    assert_eq!(generations, ["gen-000002"]);
}

/// The first day of a simple EDTF date, as YYYY-MM-DD.
fn first_day(edtf: &str) -> String {
    let plain = edtf.trim_end_matches(['?', '~', '%']);
    let mut parts: Vec<&str> = plain.split('-').collect();
    parts.resize(3, "01");
    parts.join("-")
}
