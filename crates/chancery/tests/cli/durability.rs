//! Backups while the archive serves and imports, restored into a new data directory.

use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::{Archive, json_lines};

#[test]
fn a_backup_during_serving_and_importing_restores_whole() {
    let archive = Archive::new();
    let input = archive.dir.path().join("input");
    std::fs::create_dir_all(&input).unwrap();
    let write_batch = |name: &str, from: usize, count: usize| {
        let lines: String = (from..from + count)
            .map(|n| format!("{{\"title\":\"Letter {n}\",\"text\":\"Text of letter {n}.\",\"id\":\"{:08x}-0000-4000-8000-000000000000\"}}\n", n))
            .collect();
        std::fs::write(input.join(name), lines).unwrap();
    };
    write_batch("first.jsonl", 0, 300);
    archive.ok(&["import", input.join("first.jsonl").to_str().unwrap()]);
    let before = json_lines(&archive.ok(&["list", "--json", "--limit", "10000"])).len();
    assert_eq!(before, 300);

    // The archive serves, and a large import runs, while the backup is taken.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut server = archive
        .command()
        .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(started.elapsed() < Duration::from_secs(20));
        std::thread::sleep(Duration::from_millis(50));
    }
    for part in 0..10 {
        write_batch(&format!("more-{part}.jsonl"), 1000 + part * 500, 500);
    }
    let mut importer = archive
        .command()
        .args(["import", input.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let backup = archive.dir.path().join("backup");
    let out = archive.ok(&["backup", backup.to_str().unwrap()]);
    assert!(out.starts_with("Backed up"), "{out}");
    importer.wait().unwrap();
    let _ = server.kill();
    let _ = server.wait();

    let restored = Archive::new();
    let out = restored.ok(&["restore", backup.to_str().unwrap()]);
    assert!(
        out.contains("the store is consistent and the index rebuilt"),
        "{out}"
    );
    assert!(restored.ok(&["check"]).contains("The store is consistent."));
    let listed = json_lines(&restored.ok(&["list", "--json", "--limit", "100000"]));
    assert!(
        listed.len() >= before,
        "every document committed before the backup began"
    );
    for n in 0..300 {
        let id = format!("{n:08x}-0000-4000-8000-000000000000");
        assert!(
            listed.iter().any(|d| d["id"] == id.as_str()),
            "{id} missing"
        );
    }
    let found: serde_json::Value =
        serde_json::from_str(&restored.ok(&["search", "--json", "letter"])).unwrap();
    assert_eq!(
        found["total"].as_u64().unwrap() as usize,
        listed.len(),
        "the index holds what the store holds"
    );

    // Restoring is only into an empty data directory; a damaged backup is refused.
    assert!(
        !restored
            .run(&["restore", backup.to_str().unwrap()])
            .status
            .success()
    );
    let db = backup.join("archive.db");
    let mut bytes = std::fs::read(&db).unwrap();
    let last = bytes.len() - 100;
    bytes[last] ^= 0xff;
    std::fs::write(&db, bytes).unwrap();
    let out = Archive::new().run(&["restore", backup.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("damaged"));
}
