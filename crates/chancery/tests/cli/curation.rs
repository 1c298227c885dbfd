//! `chancery authorities merge`: a duplicate record merged into another, its documents
//! relinked (each a revision), search and enrichment following.

use crate::Archive;

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap()
}

#[test]
fn merging_a_duplicate_relinks_its_documents() {
    let a = Archive::new();
    let authorities = a.dir.path().join("people.jsonl");
    std::fs::write(
        &authorities,
        concat!(
            r#"{"id":"petrovsky-ivan","kind":"person","preferred_name":"Ivan Petrovsky","dates":"1899/1970"}"#,
            "\n",
            r#"{"id":"petrovskii-ivan","kind":"person","preferred_name":"Ivan Petrovskii","alternate_names":["I. Petrovskii"],"identifiers":[{"scheme":"viaf","value":"12345"}]}"#,
            "\n",
        ),
    )
    .unwrap();
    a.ok(&["authorities", "import", authorities.to_str().unwrap()]);
    let docs = a.dir.path().join("notes.jsonl");
    std::fs::write(
        &docs,
        concat!(
            r#"{"title":"Note from Ivan Petrovskii","type":"note","date":"1950-06-29","text":"Ivan Petrovskii received the ambassador.","senders":[{"name":"Ivan Petrovskii"}]}"#,
            "\n",
            r#"{"title":"Another note","type":"note","date":"1950-06-30","text":"Ivan Petrovsky replied.","senders":[{"name":"Ivan Petrovsky"}]}"#,
            "\n",
        ),
    )
    .unwrap();
    a.ok(&["import", docs.to_str().unwrap()]);
    let dup = json(&a.ok(&["search", "person:petrovskii-ivan", "--json"]));
    assert_eq!(dup["total"], 1, "{dup}");

    // Bad merges are refused and change nothing.
    for (args, expected) in [
        (["petrovskii-ivan", "petrovskii-ivan"], "into itself"),
        (["petrovskii-ivan", "place:soviet-union"], "is a person"),
        (["nobody", "petrovsky-ivan"], "no authority record 'nobody'"),
    ] {
        let out = a.run(&["authorities", "merge", args[0], args[1]]);
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(expected), "{expected}: {err}");
    }

    let report = json(&a.ok(&[
        "authorities",
        "merge",
        "petrovskii-ivan",
        "petrovsky-ivan",
        "--reason",
        "one man, two spellings",
        "--json",
    ]));
    assert_eq!(report["relinked"], 1, "{report}");
    assert_eq!(report["conflicts"], 0);
    let kept = json(&a.ok(&["authorities", "show", "petrovsky-ivan"]));
    assert_eq!(
        kept["alternate_names"],
        serde_json::json!(["Ivan Petrovskii", "I. Petrovskii"])
    );
    assert_eq!(kept["identifiers"][0]["value"], "12345");
    let out = a.run(&["authorities", "show", "petrovskii-ivan"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("merged into 'petrovsky-ivan'"));
    let list = a.ok(&["authorities", "list"]);
    assert!(!list.contains("petrovskii-ivan"), "{list}");

    // Search follows; the relinked document is a new revision with the reason.
    assert_eq!(
        json(&a.ok(&["search", "person:petrovsky-ivan", "--json"]))["total"],
        2
    );
    let gone = json(&a.ok(&["search", "person:petrovskii-ivan", "--json"]));
    assert_eq!(gone["total"], 0);
    let id = dup["hits"][0]["id"].as_str().unwrap().to_string();
    let doc = json(&a.ok(&["show", &id, "--json"]));
    assert_eq!(doc["revision"], 2);
    let linked: Vec<&str> = doc["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["entity_id"].as_str())
        .collect();
    assert!(linked.contains(&"petrovsky-ivan"), "{doc}");
    assert!(!linked.contains(&"petrovskii-ivan"), "{doc}");
    // Enrichment run again agrees with the merge: nothing to change.
    let again = json(&a.ok(&["enrich", "--json"]));
    assert_eq!(again["changed"], 0, "{again}");
}
