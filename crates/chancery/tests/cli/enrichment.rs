//! Enrichment end to end: authorities imported, documents enriched on import, `chancery
//! enrich` linking replies, and the search filters that use the links.

use std::path::Path;

use crate::{Archive, corpora};

fn pocom_fixture() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../chancery-enrich/tests/fixtures/pocom")
}

/// The CVCE record with POCOM imported as authorities: Kirk to Gromyko, the states and the
/// Security Council named, the dates found with the year of "June 25" resolved.
#[test]
fn the_cvce_record_is_linked_to_pocom_and_the_baseline() {
    let Some(corpora) = corpora() else { return };
    let a = Archive::new();
    let out = a.ok(&[
        "authorities",
        "import",
        corpora.join("pocom").to_str().unwrap(),
    ]);
    assert!(out.contains("new"), "{out}");
    a.ok(&["import", corpora.join("cvce").to_str().unwrap()]);
    let doc: serde_json::Value =
        serde_json::from_str(&a.ok(&["show", "5118690c-57ed-4ad7-a473-188be44d8d2e", "--json"]))
            .unwrap();
    assert_eq!(doc["senders"][0]["id"], "kirk-alan-goodrich");
    assert_eq!(doc["senders"][0]["name"], "Alan G. Kirk");
    assert_eq!(doc["recipients"][0]["name"], "Andrei Gromyko");
    let mentions = doc["mentions"].as_array().unwrap();
    let linked = |id: &str, text: &str| {
        mentions
            .iter()
            .any(|m| m["entity_id"] == id && m["text"].as_str() == Some(text))
    };
    assert!(linked(
        "place:soviet-union",
        "Union of Soviet Socialist Republics"
    ));
    assert!(linked("place:north-korea", "North Korea"));
    assert!(linked("place:south-korea", "Republic of Korea"));
    assert!(linked(
        "org:un-security-council",
        "United Nations Security Council"
    ));
    assert!(linked("place:parallel-38", "38th parallel"));
    let dates: Vec<&str> = mentions
        .iter()
        .filter(|m| m["kind"] == "date")
        .filter_map(|m| m["normalized"].as_str())
        .collect();
    assert!(dates.contains(&"1950-06-27"), "{dates:?}");
    assert!(dates.contains(&"1950-06-25"), "{dates:?}");
    // Offsets point at the text they name, in the field they name.
    let text = doc["text"].as_str().unwrap();
    for m in mentions.iter().filter(|m| m.get("field").is_none()) {
        let (s, e) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], m["text"].as_str().unwrap());
    }
    // The links are searchable.
    let hits: serde_json::Value =
        serde_json::from_str(&a.ok(&["search", "person:kirk-alan-goodrich", "--json"])).unwrap();
    assert_eq!(hits["total"], 1);
    let hits: serde_json::Value =
        serde_json::from_str(&a.ok(&["search", "place:north-korea", "--json", "--facets"]))
            .unwrap();
    assert_eq!(hits["total"], 1);
    assert!(
        hits["facets"]["person"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["value"] == "gromyko-andrei")
    );
}

/// Authorities from POCOM are kept as records; a second import changes nothing.
#[test]
fn authorities_import_lists_shows_and_is_idempotent() {
    let a = Archive::new();
    let pocom = pocom_fixture();
    let first = a.ok(&["authorities", "import", pocom.to_str().unwrap()]);
    assert!(first.contains("0 changed, 0 unchanged"), "{first}");
    let again = a.ok(&["authorities", "import", pocom.to_str().unwrap()]);
    assert!(again.contains("0 new, 0 changed"), "{again}");
    let list = a.ok(&["authorities", "list", "--kind", "person"]);
    assert!(list.contains("kirk-alan-goodrich"), "{list}");
    let shown: serde_json::Value =
        serde_json::from_str(&a.ok(&["authorities", "show", "kirk-alan-goodrich"])).unwrap();
    assert_eq!(shown["kind"], "person");
    assert!(!shown["positions"].as_array().unwrap().is_empty());
    // A missing record and a bad file are clear errors.
    let out = a.run(&["authorities", "show", "nobody"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("nobody"));
    let bad = a.dir.path().join("bad.json");
    std::fs::write(&bad, "{\"agents\": [{\"id\": 3}]}").unwrap();
    let out = a.run(&["authorities", "import", bad.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.json") && err.contains("line 1"), "{err}");
}

/// TEI lists (`listPerson`, `listOrg`, `listPlace`) and CSV are read by their extension:
/// names, life dates and identifiers kept, ids given their kind's prefix or made from names.
#[test]
fn authorities_import_reads_tei_lists_and_csv() {
    let a = Archive::new();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let tei = fixtures.join("authorities.tei.xml");
    let csv = fixtures.join("authorities.csv");
    let out = a.ok(&[
        "authorities",
        "import",
        tei.to_str().unwrap(),
        csv.to_str().unwrap(),
    ]);
    assert!(out.contains("6 authority records: 6 new"), "{out}");
    let show = |id: &str| -> serde_json::Value {
        serde_json::from_str(&a.ok(&["authorities", "show", id])).unwrap()
    };

    let gromyko = show("gromyko-andrei");
    assert_eq!(gromyko["kind"], "person");
    assert_eq!(gromyko["preferred_name"], "Andrei Gromyko");
    assert_eq!(
        gromyko["alternate_names"],
        serde_json::json!(["Andrei Andreyevich Gromyko", "A. A. Gromyko"])
    );
    assert_eq!(gromyko["dates"]["edtf"], "1909-07-18/1989-07-02");
    assert_eq!(
        gromyko["positions"][0]["title"],
        "Minister of Foreign Affairs of the Soviet Union"
    );
    assert_eq!(gromyko["positions"][0]["place"], "place:soviet-union");
    assert_eq!(gromyko["positions"][0]["dates"]["edtf"], "1957/1985");
    assert_eq!(
        gromyko["identifiers"],
        serde_json::json!([
            {"scheme": "viaf", "value": "66474709"},
            {"scheme": "wikidata", "value": "Q155775"}
        ])
    );
    assert_eq!(gromyko["notes"], "Soviet diplomat.");
    let ministry = show("org:soviet-foreign-ministry");
    assert_eq!(ministry["kind"], "organization");
    assert_eq!(ministry["alternate_names"][0], "Soviet Foreign Ministry");
    let soviet = show("place:soviet-union");
    assert_eq!(soviet["kind"], "place");
    assert_eq!(soviet["alternate_names"], serde_json::json!(["USSR"]));
    assert_eq!(soviet["identifiers"][0]["value"], "Q15180");

    // From the CSV: one record a row; a missing id is made from the name.
    let petrovsky = show("petrovsky-ivan");
    assert_eq!(petrovsky["dates"]["edtf"], "1899/1970");
    assert_eq!(petrovsky["notes"], "Soviet official, test record");
    let listed: Vec<serde_json::Value> = a
        .ok(&["authorities", "list", "--json"])
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let record = |id: &str| listed.iter().find(|r| r["id"] == id).unwrap();
    let army = record("org:korean-peoples-army");
    assert_eq!(army["preferred_name"], "Korean People's Army");
    assert_eq!(
        army["alternate_names"],
        serde_json::json!(["KPA", "Inmin Gun"])
    );
    assert_eq!(army["dates"]["edtf"], "1948/..");
    assert_eq!(army["identifiers"][0]["scheme"], "wikidata");
    let kaesong = record("place:kaesong");
    assert_eq!(kaesong["kind"], "place");
    assert_eq!(
        kaesong["alternate_names"],
        serde_json::json!(["Kaesŏng", "Gaeseong"])
    );
    assert_eq!(kaesong["identifiers"][0]["value"], "Q31984");

    // A bad cell is an error naming the file, line and column; nothing is imported.
    let bad = a.dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "kind,preferred_name,dates\nperson,Nobody,not a date\n",
    )
    .unwrap();
    let out = a.run(&["authorities", "import", bad.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.csv: line 2, column 15: dates:"), "{err}");
    assert!(!a.run(&["authorities", "show", "nobody"]).status.success());
}

/// Documents imported before their authorities are linked by `chancery enrich`, as new
/// revisions; a reply is linked to the note it answers; a second run changes nothing.
#[test]
fn enrich_links_what_came_before_and_threads_replies() {
    let a = Archive::new();
    let docs = a.dir.path().join("notes.jsonl");
    std::fs::write(
        &docs,
        concat!(
            r#"{"title":"Note from Ivan Petrovsky to Alan G. Kirk","type":"note","date":"1950-06-29","text":"The Government of the Union of Soviet Socialist Republics has received the aide-memoire.","senders":[{"name":"Ivan Petrovsky"}],"recipients":[{"name":"Alan G. Kirk"}]}"#,
            "\n",
            r#"{"title":"Note from Alan G. Kirk to Ivan Petrovsky","type":"note","date":"1950-07-03","text":"In reply to your note of June 29, I have the honour to inform you that Petrovsky will be received.","senders":[{"name":"Alan G. Kirk"}],"recipients":[{"name":"Ivan Petrovsky"}]}"#,
            "\n"
        ),
    )
    .unwrap();
    a.ok(&["import", "--no-enrich", docs.to_str().unwrap()]);
    let none: serde_json::Value =
        serde_json::from_str(&a.ok(&["search", "place:soviet-union", "--json"])).unwrap();
    assert_eq!(none["total"], 0);
    let authority = a.dir.path().join("petrovsky.json");
    std::fs::write(
        &authority,
        r#"[{"id":"petrovsky-ivan","kind":"person","preferred_name":"Ivan Petrovsky","dates":"1899/1970"}]"#,
    )
    .unwrap();
    a.ok(&["authorities", "import", authority.to_str().unwrap()]);
    let out: serde_json::Value = serde_json::from_str(&a.ok(&["enrich", "--json"])).unwrap();
    assert_eq!(out["documents"], 2);
    assert_eq!(out["changed"], 2);
    assert_eq!(out["relations"], 1);
    let found: serde_json::Value =
        serde_json::from_str(&a.ok(&["search", "person:petrovsky-ivan", "--json"])).unwrap();
    assert_eq!(found["total"], 2);
    let soviet: serde_json::Value =
        serde_json::from_str(&a.ok(&["search", "place:soviet-union", "--json"])).unwrap();
    assert_eq!(soviet["total"], 1);
    let reply_id = found["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["date"] == "1950-07-03")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let note_id = found["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["date"] == "1950-06-29")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let reply: serde_json::Value =
        serde_json::from_str(&a.ok(&["show", &reply_id, "--json"])).unwrap();
    assert_eq!(reply["revision"], 2);
    assert_eq!(reply["relations"][0]["kind"], "in_reply_to");
    assert_eq!(reply["relations"][0]["target"], note_id.as_str());
    let again: serde_json::Value = serde_json::from_str(&a.ok(&["enrich", "--json"])).unwrap();
    assert_eq!(again["changed"], 0);
}
