//! `chancery users …` and the first administrator of `chancery serve`: accounts from the
//! command line, one-time passwords, and the audit log they write.

use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::Archive;

fn users(archive: &Archive) -> Vec<serde_json::Value> {
    crate::json_lines(&archive.ok(&["users", "list", "--json"]))
}

/// The one-time password a command printed.
fn one_time(out: &str) -> String {
    out.lines()
        .find_map(|l| l.split_once("One-time password for ").map(|(_, r)| r))
        .and_then(|r| r.split_once(": "))
        .map(|(_, p)| p.trim().to_string())
        .expect("a one-time password is printed")
}

#[test]
fn accounts_are_added_listed_changed_and_audited() {
    let archive = Archive::new();
    let out = archive.ok(&["users", "add", "alice", "--role", "editor"]);
    let first = one_time(&out);
    assert_eq!(first.len(), 23, "{first}");
    let listed = users(&archive);
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["name"], "alice");
    assert_eq!(listed[0]["role"], "editor");
    assert_eq!(listed[0]["must_change_password"], true);

    // A chosen password from standard input: no one-time password, nothing to change.
    let mut child = archive
        .command()
        .args([
            "users",
            "add",
            "bob",
            "--role",
            "registered",
            "--password-stdin",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"a long chosen password\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert!(!String::from_utf8_lossy(&out.stdout).contains("One-time"));
    let bob = users(&archive)
        .into_iter()
        .find(|u| u["name"] == "bob")
        .unwrap();
    assert_eq!(bob["must_change_password"], false);

    // Taken names, bad names, bad roles and short passwords are refused.
    assert!(!archive.run(&["users", "add", "alice"]).status.success());
    assert_eq!(archive.run(&["users", "add", "a b"]).status.code(), Some(2));
    assert_eq!(
        archive
            .run(&["users", "add", "carol", "--role", "emperor"])
            .status
            .code(),
        Some(2)
    );

    archive.ok(&["users", "set-role", "bob", "admin"]);
    archive.ok(&["users", "disable", "alice"]);
    let listed = users(&archive);
    assert_eq!(
        listed.iter().find(|u| u["name"] == "bob").unwrap()["role"],
        "admin"
    );
    assert_eq!(
        listed.iter().find(|u| u["name"] == "alice").unwrap()["disabled"],
        true
    );
    archive.ok(&["users", "enable", "alice"]);
    let out = archive.ok(&["users", "reset-password", "bob"]);
    let reset = one_time(&out);
    assert_ne!(reset, first);
    let bob = users(&archive)
        .into_iter()
        .find(|u| u["name"] == "bob")
        .unwrap();
    assert_eq!(bob["must_change_password"], true);
    assert!(
        !archive
            .run(&["users", "disable", "nobody"])
            .status
            .success()
    );
    let table = archive.ok(&["users", "list"]);
    assert!(table.contains("alice") && table.contains("must change password"));

    // Every change is in the audit log.
    let store = chancery_store::SqliteStore::open(archive.data().join("archive.db")).unwrap();
    use chancery_store::Store;
    let log = store.audit_log(None, 100).unwrap();
    let actions: Vec<&str> = log.iter().rev().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "user-created",
            "user-created",
            "role",
            "user-disabled",
            "user-enabled",
            "password-reset"
        ]
    );
    assert!(log.iter().all(|e| e.actor.starts_with("cli")));
    // Only hashes are stored.
    let alice = store.user_by_name("alice").unwrap().unwrap();
    assert!(alice.password_hash.starts_with("$argon2id$"));
    assert!(!alice.password_hash.contains(&first));
}

/// Starts `chancery serve` and returns the child and the lines it printed before
/// listening.
fn serve(archive: &Archive, extra: &[&str]) -> (std::process::Child, Vec<String>) {
    let mut child = archive
        .command()
        .args(["serve", "--bind", "127.0.0.1:0"])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut lines = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if let Ok(line) = rx.recv_timeout(Duration::from_millis(200)) {
            let serving = line.starts_with("Chancery is serving");
            lines.push(line);
            if serving {
                break;
            }
        }
    }
    (child, lines)
}

#[test]
fn the_first_start_creates_an_administrator_once() {
    let archive = Archive::new();
    let (mut child, lines) = serve(&archive, &["--admin", "root"]);
    child.kill().unwrap();
    child.wait().unwrap();
    let text = lines.join("\n");
    assert!(text.contains("created the administrator 'root'"), "{text}");
    let password = one_time(&text);
    let listed = users(&archive);
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["name"], "root");
    assert_eq!(listed[0]["role"], "admin");
    assert_eq!(listed[0]["must_change_password"], true);
    let store = chancery_store::SqliteStore::open(archive.data().join("archive.db")).unwrap();
    use chancery_store::Store;
    let root = store.user_by_name("root").unwrap().unwrap();
    assert!(chancery_server::auth::password::verify(
        &password,
        &root.password_hash
    ));
    assert!(
        store
            .audit_log(None, 10)
            .unwrap()
            .iter()
            .any(|e| e.action == "admin-created")
    );
    drop(store);
    // The next start creates nobody.
    let (mut child, lines) = serve(&archive, &[]);
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(!lines.join("\n").contains("One-time password"));
    assert_eq!(users(&archive).len(), 1);
}

#[test]
fn without_a_name_the_first_administrator_is_admin() {
    let archive = Archive::new();
    let (mut child, lines) = serve(&archive, &[]);
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(lines.join("\n").contains("One-time password for admin: "));
    assert_eq!(users(&archive)[0]["name"], "admin");
}

#[test]
fn imports_and_exports_are_audited() {
    let archive = Archive::new();
    archive.ok(&[
        "import",
        crate::fixture("jsonl/documents.jsonl").to_str().unwrap(),
    ]);
    archive.ok(&["export", "--format", "jsonl"]);
    let store = chancery_store::SqliteStore::open(archive.data().join("archive.db")).unwrap();
    use chancery_store::Store;
    let log = store.audit_log(None, 10).unwrap();
    let actions: Vec<&str> = log.iter().rev().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["import", "export"]);
    assert!(log[1].detail.as_deref().unwrap().contains("new"));
}
