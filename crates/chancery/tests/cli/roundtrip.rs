//! Exports read back: JSON Lines and TEI give the same documents in an empty archive;
//! Dublin Core and CSV give back what they can hold.

use std::collections::BTreeMap;

use crate::{Archive, GOOD, corpora, gather, json_lines};

/// Every document's JSON without the store's own fields, by id.
fn contents(archive: &Archive) -> BTreeMap<String, serde_json::Value> {
    json_lines(&archive.ok(&["export", "--format", "jsonl"]))
        .into_iter()
        .map(|mut d| {
            let obj = d.as_object_mut().unwrap();
            for key in ["revision", "created", "updated", "provenance"] {
                obj.remove(key);
            }
            (obj["id"].as_str().unwrap().to_string(), d)
        })
        .collect()
}

fn populated() -> Archive {
    let archive = Archive::new();
    let input = archive.dir.path().join("input");
    gather(&input, GOOD);
    archive.ok(&["import", input.to_str().unwrap()]);
    if let Some(root) = corpora() {
        archive.ok(&[
            "import",
            root.join("frus-history").to_str().unwrap(),
            root.join("cvce").to_str().unwrap(),
        ]);
    }
    archive
}

fn reimport(from: &Archive, format: &str) -> Archive {
    let file = from.dir.path().join(format!(
        "export.{}",
        if format == "tei" || format == "dc" {
            "xml"
        } else {
            format
        }
    ));
    from.ok(&[
        "export",
        "--format",
        format,
        "--output",
        file.to_str().unwrap(),
    ]);
    let to = Archive::new();
    to.ok(&["import", file.to_str().unwrap()]);
    to
}

#[test]
fn json_lines_and_tei_exports_import_as_the_same_documents() {
    let archive = populated();
    let original = contents(&archive);
    assert!(original.len() >= 8);
    for format in ["jsonl", "tei"] {
        let copy = contents(&reimport(&archive, format));
        assert_eq!(copy.len(), original.len(), "{format}");
        for (id, doc) in &original {
            assert_eq!(copy.get(id), Some(doc), "{format}: document {id} differs");
        }
    }
}

#[test]
fn dublin_core_and_csv_exports_keep_what_they_can_hold() {
    let archive = populated();
    let original = contents(&archive);
    for format in ["dc", "csv"] {
        let copy = contents(&reimport(&archive, format));
        assert_eq!(copy.len(), original.len(), "{format}");
        for (id, doc) in &original {
            let other = copy
                .get(id)
                .unwrap_or_else(|| panic!("{format}: {id} missing"));
            for field in ["title", "type", "date", "language", "text", "url"] {
                let (a, b) = (&doc[field], &other[field]);
                let same = match field {
                    // Dates keep their EDTF; the original wording is not a Dublin Core field.
                    "date" => a.get("edtf") == b.get("edtf"),
                    // XML readers fold runs of white space (an em space becomes a space).
                    "text" => squeezed(a) == squeezed(b),
                    _ => a == b,
                };
                assert!(same, "{format}: {id} field {field}: {a} != {b}");
            }
        }
    }
}

#[test]
fn exports_to_a_file_are_all_or_nothing() {
    let archive = populated();
    let target = archive.dir.path().join("out/export.jsonl");
    let out = archive.run(&["export", "--output", target.to_str().unwrap()]);
    assert!(!out.status.success(), "a missing folder is an error");
    assert!(!target.exists());
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    archive.ok(&["export", "--output", target.to_str().unwrap()]);
    assert!(target.exists());
    assert!(!target.with_file_name("export.jsonl.partial").exists());
}

fn squeezed(v: &serde_json::Value) -> String {
    v.as_str()
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_bagit_package_validates_and_imports_back() {
    let archive = populated();
    let people = archive.dir.path().join("people.jsonl");
    std::fs::write(
        &people,
        concat!(
            r#"{"id":"kirk-alan-goodrich","kind":"person","preferred_name":"Alan Goodrich Kirk","alternate_names":["Alan G. Kirk"],"dates":"1888/1963"}"#,
            "\n",
            r#"{"id":"place:pyongyang","kind":"place","preferred_name":"Pyongyang"}"#,
            "\n"
        ),
    )
    .unwrap();
    archive.ok(&["authorities", "import", people.to_str().unwrap()]);
    let bag = archive.dir.path().join("bag");
    archive.ok(&[
        "export",
        "--format",
        "bagit",
        "--output",
        bag.to_str().unwrap(),
    ]);
    for name in [
        "bagit.txt",
        "bag-info.txt",
        "manifest-sha256.txt",
        "tagmanifest-sha256.txt",
        "data/documents.jsonl",
        "data/authorities.jsonl",
    ] {
        assert!(bag.join(name).is_file(), "{name} missing");
    }
    let info = std::fs::read_to_string(bag.join("bag-info.txt")).unwrap();
    assert!(info.contains("Payload-Oxum: "), "{info}");
    // The Library of Congress's own validator, when installed (scripts/test installs it).
    let validator = std::process::Command::new("python3")
        .args(["-c", "import bagit"])
        .output();
    if validator.is_ok_and(|o| o.status.success()) {
        let out = std::process::Command::new("python3")
            .args(["-m", "bagit", "--validate"])
            .arg(&bag)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    } else {
        eprintln!("notice: the Python bagit package is absent; the bag was not validated by it");
    }
    let copy = Archive::new();
    copy.ok(&[
        "authorities",
        "import",
        bag.join("data/authorities.jsonl").to_str().unwrap(),
    ]);
    // Without enrichment, so that the documents come back as they were found (enriching
    // them again with the authorities now known could add links).
    copy.ok(&[
        "import",
        "--no-enrich",
        bag.join("data/documents.jsonl").to_str().unwrap(),
    ]);
    assert_eq!(contents(&copy), contents(&archive));
    let records = |a: &Archive| a.ok(&["authorities", "list", "--json"]);
    assert_eq!(records(&copy), records(&archive));
    assert_eq!(json_lines(&records(&copy)).len(), 2);
    // A bag is a new folder: exporting onto an existing one is refused.
    assert!(
        !archive
            .run(&[
                "export",
                "--format",
                "bagit",
                "--output",
                bag.to_str().unwrap()
            ])
            .status
            .success()
    );
}

#[test]
fn exports_leave_out_what_is_not_public_unless_asked() {
    let archive = Archive::new();
    let file = archive.dir.path().join("mixed.jsonl");
    std::fs::write(
        &file,
        concat!(
            r#"{"title":"Open letter","text":"Anyone may read this."}"#,
            "\n",
            r#"{"title":"Staff memo","text":"Only staff.","rights":{"access":"staff"}}"#,
            "\n",
            r#"{"title":"Embargoed report","text":"Later.","rights":{"access":"embargoed","embargo_until":"2100-01-01"}}"#,
            "\n",
        ),
    )
    .unwrap();
    archive.ok(&["import", file.to_str().unwrap()]);
    let public = json_lines(&archive.ok(&["export"]));
    assert_eq!(public.len(), 1);
    assert_eq!(public[0]["title"], "Open letter");
    assert_eq!(json_lines(&archive.ok(&["export", "--all"])).len(), 3);
    let csl: serde_json::Value =
        serde_json::from_str(&archive.ok(&["export", "--format", "csl-json"])).unwrap();
    assert_eq!(csl.as_array().unwrap().len(), 1);
    assert!(
        archive
            .ok(&["export", "--format", "bibtex", "--all"])
            .matches("@misc")
            .count()
            == 3
    );
    assert!(
        archive
            .ok(&["export", "--format", "ris"])
            .matches("ER  - ")
            .count()
            == 1
    );
}
