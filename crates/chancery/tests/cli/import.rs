//! `chancery import`: good files go in exactly once, broken ones are named with their
//! problem, and the store stays consistent.

use crate::{Archive, GOOD, corpora, gather, json_lines};

#[test]
fn a_mixed_batch_imports_every_good_file_and_names_every_broken_one() {
    let archive = Archive::new();
    let input = archive.dir.path().join("input");
    gather(&input, GOOD);
    gather(
        &input.join("broken"),
        &[
            ("tei/malformed.xml", "malformed.xml"),
            ("tei/doctype.xml", "entities.xml"),
            ("encoding/empty.txt", "empty.txt"),
            ("encoding/binary.png", "binary.xml"),
            ("jsonl/broken.jsonl", "broken.jsonl"),
            ("cvce/bad_last_updated.txt", "bad-date.txt"),
        ],
    );
    std::fs::write(input.join("NOTES.md"), "not a record").unwrap();

    let out = archive.run(&["import", input.to_str().unwrap(), "--json"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "exit status 1 when some files fail"
    );
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let failed: Vec<String> = summary["failures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            f["file"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        failed,
        [
            "bad-date.txt",
            "binary.xml",
            "broken.jsonl",
            "empty.txt",
            "entities.xml",
            "malformed.xml"
        ]
    );
    for f in summary["failures"].as_array().unwrap() {
        let e = &f["errors"][0];
        assert!(!e["message"].as_str().unwrap().is_empty());
    }
    let malformed = summary["failures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["file"].as_str().unwrap().ends_with("malformed.xml"))
        .unwrap();
    assert!(
        malformed["errors"][0]["line"].is_u64() && malformed["errors"][0]["column"].is_u64(),
        "{malformed}"
    );
    assert_eq!(summary["files_read"], 5);
    assert_eq!(summary["files_skipped"].as_array().unwrap().len(), 1);
    let new = summary["documents"]["new"].as_u64().unwrap();
    assert!(new >= 8, "{summary}");

    // The good documents are all there, and the store is consistent.
    let listed = json_lines(&archive.ok(&["list", "--json", "--limit", "1000"]));
    assert_eq!(listed.len() as u64, new);
    assert!(archive.ok(&["check"]).contains("The store is consistent."));

    // The human summary names each broken file with line and column where known.
    let out = archive.run(&["import", input.join("broken").to_str().unwrap()]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("malformed.xml:"), "{text}");
    assert!(text.contains("bad-date.txt:7:15: Last updated"), "{text}");
}

#[test]
fn re_importing_changes_nothing_and_a_changed_file_gives_a_new_revision() {
    let archive = Archive::new();
    let input = archive.dir.path().join("input");
    gather(&input, GOOD);
    let first: serde_json::Value =
        serde_json::from_str(&archive.ok(&["import", input.to_str().unwrap(), "--json"])).unwrap();
    let total = first["documents"]["new"].as_u64().unwrap();
    let again: serde_json::Value =
        serde_json::from_str(&archive.ok(&["import", input.to_str().unwrap(), "--json"])).unwrap();
    assert_eq!(again["documents"]["unchanged"].as_u64().unwrap(), total);
    assert_eq!(again["documents"]["new"], 0);
    assert_eq!(again["documents"]["changed"], 0);

    // Edit one record's text: one document changes, the rest stay.
    let path = input.join("netherlands-note.txt");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("further study", "careful further study");
    std::fs::write(&path, text).unwrap();
    let third: serde_json::Value =
        serde_json::from_str(&archive.ok(&["import", input.to_str().unwrap(), "--json"])).unwrap();
    assert_eq!(third["documents"]["changed"], 1);
    assert_eq!(third["documents"]["unchanged"].as_u64().unwrap(), total - 1);
    let shown: serde_json::Value = serde_json::from_str(&archive.ok(&[
        "show",
        "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
        "--json",
    ]))
    .unwrap();
    assert_eq!(shown["revision"], 2);
    assert!(
        shown["text"]
            .as_str()
            .unwrap()
            .contains("careful further study")
    );
    let old: serde_json::Value = serde_json::from_str(&archive.ok(&[
        "show",
        "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
        "--json",
        "--revision",
        "1",
    ]))
    .unwrap();
    assert!(!old["text"].as_str().unwrap().contains("careful"));
    assert!(archive.ok(&["check"]).contains("consistent"));
}

#[test]
fn show_list_and_check_speak_plainly() {
    let archive = Archive::new();
    let input = archive.dir.path().join("input");
    gather(&input, &GOOD[..1]);
    archive.ok(&["import", input.to_str().unwrap()]);
    let shown = archive.ok(&["show", "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"]);
    assert!(
        shown.starts_with("Note from the Netherlands embassy (4 March 1952)\n"),
        "{shown}"
    );
    assert!(
        shown.contains("Date           4 March 1952 (EDTF 1952-03-04)"),
        "{shown}"
    );
    let listed = json_lines(&archive.ok(&[
        "list", "--json", "--type", "note", "--from", "1952", "--to", "1952-03",
    ]));
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["date"], "1952-03-04");
    assert_eq!(listed[0]["revision"], 1);
    assert!(json_lines(&archive.ok(&["list", "--json", "--from", "1953"])).is_empty());

    let missing = archive.run(&["show", "00000000-0000-4000-8000-000000000000"]);
    assert_eq!(missing.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no document"));
    let bad = archive.run(&["show", "not-a-uuid"]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("is not a document identifier"));
    let empty = Archive::new();
    let none = empty.run(&["list"]);
    assert!(
        String::from_utf8_lossy(&none.stderr).contains("no archive in"),
        "{none:?}"
    );
}

#[test]
fn the_corpora_import_with_zero_failures_and_again_unchanged() {
    let Some(root) = corpora() else { return };
    let archive = Archive::new();
    let paths: Vec<String> = ["frus-history", "milestones", "cvce"]
        .iter()
        .map(|p| root.join(p).display().to_string())
        .collect();
    let mut args = vec!["import", "--json"];
    args.extend(paths.iter().map(String::as_str));
    let first: serde_json::Value = serde_json::from_str(&archive.ok(&args)).unwrap();
    assert_eq!(first["failures"].as_array().unwrap().len(), 0);
    assert_eq!(first["documents"]["new"], 144);
    let second: serde_json::Value = serde_json::from_str(&archive.ok(&args)).unwrap();
    assert_eq!(second["documents"]["unchanged"], 144);
    assert!(archive.ok(&["check"]).contains("The store is consistent."));

    // The seed record, exactly.
    let seed: serde_json::Value = serde_json::from_str(&archive.ok(&[
        "show",
        "5118690c-57ed-4ad7-a473-188be44d8d2e",
        "--json",
    ]))
    .unwrap();
    assert_eq!(seed["title"], "United States aide-memoire (27 June 1950)");
    assert_eq!(seed["type"], "aide-memoire");
    assert_eq!(seed["date"]["edtf"], "1950-06-27");
    assert_eq!(seed["language"], "en");
    assert_eq!(seed["source_updated"], "2015-07-03");
    assert_eq!(seed["source"]["pages"], "91");
    assert!(
        seed["text"]
            .as_str()
            .unwrap()
            .starts_with("U.S. “aide-memoire” of June 27, 1950\n\n“My Government")
    );
}
