//! The archive's surroundings failing: a full disk, a read-only data directory, a database
//! locked by another process. Each gives an error that names the data directory and says
//! what to do, and none damages the archive.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::{Archive, json_lines};

/// Writes `files` JSON Lines files of `per_file` documents, each about `size` bytes of text.
fn generate(dir: &Path, files: usize, per_file: usize, size: usize) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).unwrap();
    let filler = "Paragraph about the treaty and the frontier. ".repeat(size / 45 + 1);
    (0..files)
        .map(|f| {
            let path = dir.join(format!("part-{f:03}.jsonl"));
            let mut out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
            for d in 0..per_file {
                let n = f * per_file + d;
                writeln!(
                    out,
                    r#"{{"id":"{n:08x}-0000-4000-8000-{n:012x}","title":"Letter {n}","text":"{} {n}"}}"#,
                    &filler[..size]
                )
                .unwrap();
            }
            path
        })
        .collect()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn count(archive: &Archive) -> usize {
    json_lines(&archive.ok(&["list", "--json", "--limit", "100000"])).len()
}

/// A small tmpfs mounted at a folder, unmounted when dropped.
struct Tmpfs {
    at: PathBuf,
}

impl Tmpfs {
    /// Mounts a tmpfs of `size` (e.g. `3m`) at `at`; `None`, with a notice, where mounting is
    /// not permitted (not root, or no `mount`).
    fn mount(at: &Path, size: &str) -> Option<Self> {
        std::fs::create_dir_all(at).unwrap();
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .output()
            .is_ok_and(|out| out.status.success());
        if mounted {
            Some(Self {
                at: at.to_path_buf(),
            })
        } else {
            eprintln!("notice: cannot mount a tmpfs here (not root?); skipping the full-disk test");
            None
        }
    }

    /// Gives the filesystem more room.
    fn grow(&self, size: &str) {
        let status = Command::new("mount")
            .args(["-o", &format!("remount,size={size}")])
            .arg(&self.at)
            .status()
            .unwrap();
        assert!(status.success(), "remounting {}", self.at.display());
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.at).status();
    }
}

#[test]
fn a_full_disk_stops_the_import_between_batches_and_a_rerun_finishes() {
    let archive = Archive::new();
    let input = archive.dir.path().join("input");
    let (files, per_file) = (20, 200);
    generate(&input, files, per_file, 900);
    let data = archive.data();
    // About 4 MB of documents on a 3 MB disk: the disk fills in the middle of the import.
    let Some(disk) = Tmpfs::mount(&data, "3m") else {
        return;
    };

    let out = archive.run(&["import", input.to_str().unwrap()]);
    let text = stderr(&out);
    assert_eq!(out.status.code(), Some(3), "{text}");
    for needle in [
        data.to_str().unwrap(),
        "is full",
        "free some space",
        "run the same import again",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from: {text}");
    }

    // Whole files or nothing, and a consistent store.
    assert!(archive.ok(&["check"]).contains("The store is consistent."));
    let stored = count(&archive);
    assert!(stored > 0 && stored < files * per_file, "{stored}");
    assert_eq!(stored % per_file, 0, "whole files only: {stored}");

    // With room again, the same command finishes the job.
    disk.grow("64m");
    archive.ok(&["import", input.to_str().unwrap()]);
    let listed = json_lines(&archive.ok(&["list", "--json", "--limit", "100000"]));
    assert_eq!(listed.len(), files * per_file);
    assert!(listed.iter().all(|d| d["revision"] == 1));
    assert!(archive.ok(&["check"]).contains("The store is consistent."));
    let found: serde_json::Value =
        serde_json::from_str(&archive.ok(&["search", "--json", "frontier"])).unwrap();
    assert_eq!(found["total"], files * per_file, "the index caught up");
}

/// The names and contents of the files directly in `dir`.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_file())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn a_read_only_data_directory_or_database_is_refused_and_left_as_it_was() {
    let archive = Archive::new();
    let files = generate(&archive.dir.path().join("input"), 2, 3, 100);
    archive.ok(&["import", files[0].to_str().unwrap()]);
    let data = archive.data();
    let before = snapshot(&data);

    // Made read-only by its permissions (refused even for root, who could write anyway).
    for (target, mode, restore) in [
        (data.clone(), 0o555, 0o755),
        (data.join("archive.db"), 0o444, 0o644),
    ] {
        set_mode(&target, mode);
        let out = archive.run(&["import", files[1].to_str().unwrap()]);
        set_mode(&target, restore);
        let text = stderr(&out);
        assert_eq!(out.status.code(), Some(3), "{text}");
        for needle in [data.to_str().unwrap(), "read-only", "check the permissions"] {
            assert!(text.contains(needle), "{needle:?} missing from: {text}");
        }
        assert_eq!(snapshot(&data), before, "nothing was written");
    }

    assert!(archive.ok(&["check"]).contains("The store is consistent."));
    assert_eq!(count(&archive), 3);
    archive.ok(&["import", files[1].to_str().unwrap()]);
    assert_eq!(count(&archive), 6);
}

#[test]
fn a_database_locked_by_another_process_gives_a_clear_error_and_loses_nothing() {
    let archive = Archive::new();
    let files = generate(&archive.dir.path().join("input"), 2, 3, 100);
    archive.ok(&["import", files[0].to_str().unwrap()]);
    let data = archive.data();

    // Another process holds the write lock for longer than chancery waits (5 s).
    let holder = rusqlite::Connection::open(data.join("archive.db")).unwrap();
    holder.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let started = Instant::now();
    let out = archive.run(&["import", files[1].to_str().unwrap()]);
    let waited = started.elapsed();
    let text = stderr(&out);
    assert_eq!(out.status.code(), Some(3), "{text}");
    for needle in [
        data.to_str().unwrap(),
        "is locked",
        "another chancery process",
        "try again",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from: {text}");
    }
    assert!(
        waited >= Duration::from_secs(4),
        "it waited its turn first: {waited:?}"
    );
    // Readers are not held up meanwhile.
    assert_eq!(count(&archive), 3);
    holder.execute_batch("ROLLBACK").unwrap();
    drop(holder);

    assert!(archive.ok(&["check"]).contains("The store is consistent."));
    archive.ok(&["import", files[1].to_str().unwrap()]);
    assert_eq!(count(&archive), 6);
}
