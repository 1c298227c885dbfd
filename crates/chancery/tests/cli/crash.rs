//! Crashes lose nothing: `kill -9` in the middle of a large import, and a crash between the
//! store's commit and the index's.

use std::io::Write;
use std::time::{Duration, Instant};

use crate::{Archive, json_lines};

/// Writes `files` JSON Lines files of `per_file` small documents each.
fn generate(dir: &std::path::Path, files: usize, per_file: usize) {
    std::fs::create_dir_all(dir).unwrap();
    for f in 0..files {
        let mut out = std::io::BufWriter::new(
            std::fs::File::create(dir.join(format!("part-{f:04}.jsonl"))).unwrap(),
        );
        for d in 0..per_file {
            let n = f * per_file + d;
            writeln!(
                out,
                r#"{{"id":"{:08x}-0000-4000-8000-{:012x}","title":"Telegram {n}","type":"telegram","date":"19{:02}-0{}-1{}","text":"Paragraph one of document {n} about the treaty.\n\nParagraph two with word{n}."}}"#,
                n, n, n % 100, 1 + n % 9, n % 10
            )
            .unwrap();
        }
    }
}

#[test]
fn kill_9_during_a_large_import_then_rerun_completes_without_duplicates() {
    let archive = Archive::new();
    let input = archive.dir.path().join("input");
    let (files, per_file) = (60, 500);
    generate(&input, files, per_file);
    let mut child = archive
        .command()
        .args(["import", input.to_str().unwrap()])
        .spawn()
        .unwrap();
    // Wait until some batches are committed, then kill without warning.
    let db = archive.data().join("archive.db");
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(30) {
        let wal = archive.data().join("archive.db-wal");
        if db.exists() && wal.metadata().map(|m| m.len() > 2_000_000).unwrap_or(false) {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(
        !status.success(),
        "the import was killed before it finished"
    );
    assert!(
        archive.ok(&["check"]).contains("consistent"),
        "consistent after the kill"
    );

    let out: serde_json::Value =
        serde_json::from_str(&archive.ok(&["import", input.to_str().unwrap(), "--json"])).unwrap();
    let new = out["documents"]["new"].as_u64().unwrap();
    let unchanged = out["documents"]["unchanged"].as_u64().unwrap();
    assert_eq!(new + unchanged, (files * per_file) as u64);
    assert!(unchanged > 0, "the killed run committed something: {out}");
    let listed = json_lines(&archive.ok(&["list", "--json", "--limit", "100000"]));
    assert_eq!(listed.len(), files * per_file);
    let mut ids: Vec<&str> = listed.iter().map(|d| d["id"].as_str().unwrap()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), files * per_file, "no duplicates");
    assert!(listed.iter().all(|d| d["revision"] == 1));
    assert!(archive.ok(&["check"]).contains("consistent"));
}

#[test]
fn a_crash_between_the_store_commit_and_the_index_commit_loses_nothing() {
    let archive = Archive::new();
    let input = archive.dir.path().join("input");
    generate(&input, 2, 50);
    let out = archive
        .command()
        .args(["import", input.to_str().unwrap()])
        .env("CHANCERY_CRASH_BEFORE_INDEX_COMMIT", "1")
        .output()
        .unwrap();
    assert!(
        !out.status.success(),
        "the process aborted before the index commit"
    );
    // The store has everything; the index nothing yet.
    assert_eq!(
        json_lines(&archive.ok(&["list", "--json", "--limit", "1000"])).len(),
        100
    );
    // The next start catches up: store and index agree.
    let results: serde_json::Value =
        serde_json::from_str(&archive.ok(&["search", "--json", "treaty"])).unwrap();
    assert_eq!(results["total"], 100);
    let results: serde_json::Value =
        serde_json::from_str(&archive.ok(&["search", "--json", "word42"])).unwrap();
    assert_eq!(results["total"], 1);
}
