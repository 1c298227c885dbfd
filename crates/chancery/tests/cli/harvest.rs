//! `chancery harvest`: from a small OAI-PMH provider written in Python, and from a second
//! `chancery serve`, incrementally: a second run fetches only what changed.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::{Archive, GOOD, gather, json_lines};

/// A child process killed when dropped.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn wait_for_file(path: &Path) -> String {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(20) {
        if let Ok(text) = std::fs::read_to_string(path)
            && !text.is_empty()
        {
            return text;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("{} never appeared", path.display());
}

fn harvest(archive: &Archive, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["harvest", "--json", "--retries", "1"];
    all.extend_from_slice(args);
    serde_json::from_str(&archive.ok(&all)).unwrap()
}

fn records(ids: &[(&str, &str, &str)]) -> serde_json::Value {
    serde_json::Value::Array(
        ids.iter()
            .map(|(id, datestamp, title)| {
                serde_json::json!({
                    "id": id, "datestamp": datestamp, "title": title, "date": "1950-06-27",
                    "description": format!("The text of {title}."), "deleted": false,
                })
            })
            .collect(),
    )
}

#[test]
fn harvests_a_python_provider_incrementally() {
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("notice: python3 is absent; skipping the Python provider test");
        return;
    }
    let archive = Archive::new();
    let dir = archive.dir.path();
    let data = dir.join("records.json");
    let initial = records(&[
        ("1", "2020-01-01T00:00:00Z", "First note"),
        ("2", "2020-01-02T00:00:00Z", "Second note"),
        ("3", "2020-01-03T00:00:00Z", "Third note"),
        ("4", "2020-01-04T00:00:00Z", "Fourth note"),
        ("5", "2020-01-05T00:00:00Z", "Fifth note"),
    ]);
    std::fs::write(&data, initial.to_string()).unwrap();
    let port_file = dir.join("port");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli/oai_provider.py");
    let _provider = Running(
        Command::new("python3")
            .arg(&script)
            .arg(&data)
            .arg(&port_file)
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let url = format!("http://127.0.0.1:{}/oai", wait_for_file(&port_file).trim());

    let first = harvest(&archive, &[&url]);
    assert_eq!(first["documents"]["new"], 5, "{first}");
    assert_eq!(first["pages"], 3);
    assert_eq!(first["from"], serde_json::Value::Null);
    let listed = json_lines(&archive.ok(&["list", "--json", "--limit", "100"]));
    assert_eq!(listed.len(), 5);
    let shown: serde_json::Value =
        serde_json::from_str(&archive.ok(&["show", listed[0]["id"].as_str().unwrap(), "--json"]))
            .unwrap();
    assert!(
        shown["provenance"]["record"]
            .as_str()
            .unwrap()
            .starts_with("oai:test.example:")
    );
    assert!(shown["provenance"]["datestamp"].is_string());

    // At the source: one record changes, one is deleted, one is added; the others stay.
    let mut changed = records(&[
        ("1", "2020-01-01T00:00:00Z", "First note"),
        ("2", "2099-01-01T00:00:00Z", "Second note, corrected"),
        ("3", "2020-01-03T00:00:00Z", "Third note"),
        ("5", "2020-01-05T00:00:00Z", "Fifth note"),
        ("6", "2099-01-02T00:00:00Z", "Sixth note"),
    ]);
    changed
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"id": "4", "datestamp": "2099-01-03T00:00:00Z", "deleted": true}));
    std::fs::write(&data, changed.to_string()).unwrap();
    let second = harvest(&archive, &[&url]);
    assert_eq!(
        second["records"], 3,
        "only what changed is fetched: {second}"
    );
    assert_eq!(second["documents"]["new"], 1);
    assert_eq!(second["documents"]["changed"], 1);
    assert_eq!(second["documents"]["deleted"], 1);
    assert!(second["from"].is_string(), "{second}");
    let titles: Vec<String> = json_lines(&archive.ok(&["list", "--json", "--limit", "100"]))
        .iter()
        .map(|d| d["title"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(titles.len(), 5);
    assert!(titles.contains(&"Second note, corrected".to_string()));
    assert!(!titles.contains(&"Fourth note".to_string()));
    assert!(archive.ok(&["check"]).contains("consistent"));
    // The index follows: the new document is found.
    let found: serde_json::Value =
        serde_json::from_str(&archive.ok(&["search", "--json", "sixth"])).unwrap();
    assert_eq!(found["total"], 1);
}

#[test]
fn harvests_another_chancery_losslessly_and_incrementally() {
    let source = Archive::new();
    let input = source.dir.path().join("input");
    gather(&input, GOOD);
    source.ok(&["import", input.to_str().unwrap()]);
    let port_file = source.dir.path().join("port");
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    std::fs::write(&port_file, port.to_string()).unwrap();
    let _server = Running(
        source
            .command()
            .args([
                "serve",
                "--bind",
                &format!("127.0.0.1:{port}"),
                "--oai-page-size",
                "3",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let url = format!("http://127.0.0.1:{port}/oai");
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the source server did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }

    // Datestamps have whole seconds and `from` includes its second: let the import's second
    // pass so that the next harvest's `from` lies after it.
    std::thread::sleep(Duration::from_millis(1100));
    let copy = Archive::new();
    let first = harvest(&copy, &[&url, "--metadata-prefix", "tei"]);
    let total = json_lines(&source.ok(&["list", "--json", "--limit", "1000"])).len() as u64;
    assert_eq!(first["documents"]["new"], total, "{first}");

    // The same documents, field for field (the store's own fields and provenance aside).
    let strip = |archive: &Archive| -> Vec<serde_json::Value> {
        let mut docs = json_lines(&archive.ok(&["export", "--format", "jsonl"]));
        for d in &mut docs {
            let obj = d.as_object_mut().unwrap();
            for key in ["revision", "created", "updated", "provenance"] {
                obj.remove(key);
            }
        }
        docs.sort_by_key(|d| d["id"].as_str().unwrap().to_string());
        docs
    };
    assert_eq!(strip(&copy), strip(&source));

    // A change and a deletion at the source: the second harvest fetches just those.
    let victim = json_lines(&source.ok(&["list", "--json", "--limit", "1"]))[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    std::thread::sleep(Duration::from_millis(1100));
    source.ok(&["delete", &victim, "--reason", "test"]);
    let path = input.join("netherlands-note.txt");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("further study", "careful further study");
    std::fs::write(&path, text).unwrap();
    source.ok(&["import", input.to_str().unwrap()]);
    let second = harvest(&copy, &[&url, "--metadata-prefix", "tei"]);
    assert_eq!(second["records"], 2, "{second}");
    assert_eq!(second["documents"]["changed"], 1);
    assert_eq!(second["documents"]["deleted"], 1);
    assert_eq!(strip(&copy), strip(&source));
}
