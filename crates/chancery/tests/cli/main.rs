//! End-to-end tests of the `chancery` binary: each test runs the real program on a data
//! directory of its own.

// Test helpers outside #[test] functions may unwrap: a failure is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod crash;
mod curation;
mod durability;
mod enrichment;
mod failures;
mod harvest;
mod hostile;
mod import;
mod roundtrip;
mod search;
mod users;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// An archive in a temporary directory, and the binary to run on it.
pub struct Archive {
    /// The temporary directory: the data directory and any input live in it.
    pub dir: tempfile::TempDir,
}

impl Default for Archive {
    fn default() -> Self {
        Self::new()
    }
}

impl Archive {
    /// A new, empty archive.
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// The data directory.
    pub fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// A command running the binary on this archive.
    pub fn command(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_chancery"));
        cmd.arg("--data")
            .arg(self.data())
            .env_remove("CHANCERY_DATA")
            .env_remove("CHANCERY_LOG");
        cmd
    }

    /// Runs `chancery ARGS…` and returns its output.
    pub fn run(&self, args: &[&str]) -> Output {
        self.command().args(args).output().unwrap()
    }

    /// Runs and expects success; returns standard output.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "chancery {args:?} failed with {:?}\nstdout:\n{}\nstderr:\n{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }
}

/// A fixture of the formats crate (written for the project).
pub fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../chancery-formats/tests/fixtures")
        .join(path)
}

/// Copies fixtures into `dir` under new names.
pub fn gather(dir: &Path, files: &[(&str, &str)]) {
    std::fs::create_dir_all(dir).unwrap();
    for (from, to) in files {
        std::fs::copy(fixture(from), dir.join(to)).unwrap();
    }
}

/// The shared corpora, when present.
pub fn corpora() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora");
    if path.is_dir() {
        Some(path)
    } else {
        eprintln!(
            "notice: {} is absent; skipping this corpus test",
            path.display()
        );
        None
    }
}

/// The good fixtures: one of each format.
pub const GOOD: &[(&str, &str)] = &[
    ("cvce/aide_memoire.txt", "netherlands-note.txt"),
    ("tei/frus-volume.xml", "frus-volume.xml"),
    ("csv/letters.csv", "letters.csv"),
    ("dc/listrecords.xml", "dc-records.xml"),
    ("jsonl/documents.jsonl", "documents.jsonl"),
];

/// Parses JSON Lines output.
pub fn json_lines(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}
