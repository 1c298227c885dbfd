//! Hostile input through the real binary: entity tricks, a 1 GB file, XML nested 100,000
//! deep, markup in titles, a 100 KB query, and paths that would reach into the data
//! directory. Each gets a clear answer, fast, and the archive stays whole.

use std::time::{Duration, Instant};

use crate::{Archive, json_lines};

const TEI_HEAD: &str = r#"<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader><text><body>"#;
const TEI_TAIL: &str = "</body></text></TEI>";

/// The classic exponential entity expansion.
pub fn billion_laughs() -> String {
    let mut text =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
    for level in 1..=9 {
        let previous = if level == 1 {
            "lol".to_string()
        } else {
            format!("lol{}", level - 1)
        };
        text.push_str(&format!(
            " <!ENTITY lol{level} \"{}\">\n",
            format!("&{previous};").repeat(10)
        ));
    }
    text.push_str("]>\n");
    text.push_str(TEI_HEAD);
    text.push_str("<p>&lol9;</p>");
    text.push_str(TEI_TAIL);
    text
}

/// External entities: a file of the machine, and a parameter entity fetching a DTD.
pub fn external_entities() -> [String; 2] {
    [
        format!(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE TEI [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n{TEI_HEAD}<p>&xxe;</p>{TEI_TAIL}"
        ),
        format!(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE TEI [<!ENTITY % remote SYSTEM \"http://127.0.0.1:9/evil.dtd\"> %remote;]>\n{TEI_HEAD}<p>x</p>{TEI_TAIL}"
        ),
    ]
}

fn import_json(archive: &Archive, path: &std::path::Path) -> serde_json::Value {
    let out = archive.run(&["import", path.to_str().unwrap(), "--json"]);
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "{out:?}"
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The failure messages of an import summary, by file name.
fn failures(summary: &serde_json::Value) -> Vec<(String, String)> {
    summary["failures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["file"]
                    .as_str()
                    .unwrap()
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_string(),
                f["errors"][0]["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn entity_tricks_a_huge_file_and_deep_nesting_are_refused_quickly_and_the_rest_goes_in() {
    let archive = Archive::new();
    let input = archive.dir.path().join("input");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(input.join("laughs.xml"), billion_laughs()).unwrap();
    let [file, parameter] = external_entities();
    std::fs::write(input.join("xxe-file.xml"), file).unwrap();
    std::fs::write(input.join("xxe-parameter.xml"), parameter).unwrap();
    // An entity used without any declaration is no way around the refusal either.
    std::fs::write(
        input.join("undeclared.xml"),
        format!("{TEI_HEAD}<p>&xxe;</p>{TEI_TAIL}"),
    )
    .unwrap();
    // 1 GB, sparse: refused by its size before a byte is read.
    let huge = std::fs::File::create(input.join("huge.xml")).unwrap();
    huge.set_len(1 << 30).unwrap();
    drop(huge);
    // 100,000 levels of elements, in XML and in JSON.
    std::fs::write(
        input.join("deep.xml"),
        format!(
            "{TEI_HEAD}{}{}{TEI_TAIL}",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        ),
    )
    .unwrap();
    std::fs::write(
        input.join("deep.json"),
        format!(
            "{{\"title\":\"x\",\"text\":\"y\",\"subjects\":{}{}}}",
            "[".repeat(100_000),
            "]".repeat(100_000)
        ),
    )
    .unwrap();
    std::fs::write(
        input.join("good.jsonl"),
        "{\"title\":\"A good letter\",\"text\":\"It goes in.\"}\n",
    )
    .unwrap();

    let started = Instant::now();
    let summary = import_json(&archive, &input);
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "refused without reading or expanding: {:?}",
        started.elapsed()
    );
    let failed = failures(&summary);
    let message = |name: &str| {
        failed
            .iter()
            .find(|(file, _)| file == name)
            .map(|(_, m)| m.clone())
            .unwrap_or_else(|| panic!("{name} was not refused: {failed:?}"))
    };
    for name in ["laughs.xml", "xxe-file.xml", "xxe-parameter.xml"] {
        assert!(
            message(name).contains("DOCTYPE"),
            "{name}: {}",
            message(name)
        );
    }
    assert!(message("undeclared.xml").contains("xxe"), "{failed:?}");
    assert!(
        message("huge.xml").contains("over the limit"),
        "{}",
        message("huge.xml")
    );
    assert!(message("deep.xml").contains("nested"), "{failed:?}");
    assert!(!message("deep.json").is_empty());
    assert_eq!(failed.len(), 7, "{failed:?}");
    assert_eq!(summary["documents"]["new"], 1);

    let listed = json_lines(&archive.ok(&["list", "--json"]));
    assert_eq!(listed.len(), 1);
    let export = archive.ok(&["export", "--format", "jsonl", "--all"]);
    assert!(!export.contains("root:"), "no file of the machine was read");
    assert!(!export.contains("lollol"), "no entity was expanded");
    assert!(archive.ok(&["check"]).contains("The store is consistent."));
}

#[test]
fn markup_in_titles_and_text_comes_out_escaped_in_every_export() {
    let archive = Archive::new();
    let input = archive.dir.path().join("hostile.jsonl");
    let title = "<script>alert('t')</script> & \"Q\"";
    std::fs::write(
        &input,
        format!(
            "{}\n",
            serde_json::json!({
                "id": "0badc0de-0000-4000-8000-000000000001",
                "title": title,
                "text": "<img src=x onerror=alert(1)> </p> & text",
                "caption": "<b>bold</b>",
            })
        ),
    )
    .unwrap();
    archive.ok(&["import", input.to_str().unwrap()]);
    for format in ["tei", "dc"] {
        let out = archive.ok(&["export", "--format", format]);
        assert!(!out.contains("<script>"), "{format}: {out}");
        assert!(!out.contains("<img"), "{format}: {out}");
        assert!(out.contains("&lt;script&gt;"), "{format}: {out}");
    }
    // What was escaped on the way out comes back as the same text.
    let tei = archive.dir.path().join("back.xml");
    archive.ok(&[
        "export",
        "--format",
        "tei",
        "--output",
        tei.to_str().unwrap(),
    ]);
    let other = Archive::new();
    other.ok(&["import", tei.to_str().unwrap()]);
    let shown: serde_json::Value = serde_json::from_str(&other.ok(&[
        "show",
        "0badc0de-0000-4000-8000-000000000001",
        "--json",
    ]))
    .unwrap();
    assert_eq!(shown["title"], title);
}

#[test]
fn a_100_kb_query_gets_a_clear_error() {
    let archive = Archive::new();
    let input = archive.dir.path().join("one.jsonl");
    std::fs::write(&input, "{\"title\":\"A letter\",\"text\":\"Hello.\"}\n").unwrap();
    archive.ok(&["import", input.to_str().unwrap()]);
    let query = "treaty ".repeat(100 * 1024 / 7);
    // Refused by length before any parsing (the parser's own test shows it is refused at
    // once; no timing here, the machine may be busy).
    let out = archive.run(&["search", &query]);
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(text.contains("too long"), "{text}");
    assert!(text.len() < 2000, "the error does not echo the whole query");
}

#[test]
fn paths_into_the_data_directory_and_ids_that_are_paths_are_refused() {
    let archive = Archive::new();
    let input = archive.dir.path().join("one.jsonl");
    std::fs::write(&input, "{\"title\":\"A letter\",\"text\":\"Hello.\"}\n").unwrap();
    archive.ok(&["import", input.to_str().unwrap()]);
    let data = archive.data();
    let store = data.join("archive.db");
    let outside = archive.dir.path().join("elsewhere");
    std::fs::create_dir_all(&outside).unwrap();
    let sneaky = |inside: &str| format!("{}/../data/{inside}", outside.display());

    let attempts: Vec<Vec<String>> = vec![
        vec![
            "export".into(),
            "--output".into(),
            store.display().to_string(),
        ],
        vec!["export".into(), "--output".into(), sneaky("archive.db")],
        vec!["export".into(), "--output".into(), sneaky("index/CURRENT")],
        vec![
            "export".into(),
            "--format".into(),
            "bagit".into(),
            "--output".into(),
            sneaky("new/../bag"),
        ],
        vec!["backup".into(), sneaky("backup")],
    ];
    for args in attempts {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = archive.run(&args);
        let text = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} was accepted");
        assert!(
            text.contains("inside the data directory"),
            "{args:?}: {text}"
        );
    }
    let header = std::fs::read(&store).unwrap();
    assert!(
        header.starts_with(b"SQLite format 3\0"),
        "the store is still a database"
    );
    assert_eq!(json_lines(&archive.ok(&["list", "--json"])).len(), 1);
    assert!(!data.join("bag").exists() && !data.join("backup").exists());
    assert!(archive.ok(&["check"]).contains("The store is consistent."));

    // The same commands write outside it.
    archive.ok(&[
        "export",
        "--output",
        outside.join("all.jsonl").to_str().unwrap(),
    ]);
    archive.ok(&["backup", outside.join("backup").to_str().unwrap()]);

    // Document identifiers are UUIDs: a path is no identifier.
    for id in ["../../etc/passwd", "..%2F..%2Fetc", "/etc/passwd"] {
        for command in [["show", id], ["delete", id]] {
            let out = archive.run(&command);
            let text = String::from_utf8_lossy(&out.stderr);
            assert!(!out.status.success());
            assert!(text.contains("is not a document identifier"), "{text}");
        }
    }
}
