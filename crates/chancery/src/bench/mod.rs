//! `chancery bench`: measurements on generated documents, reported as figures to compare.

mod baseline;
mod enrich;
pub mod generate;
mod import;
mod search;

use crate::Outcome;
use crate::cli::{BenchArgs, BenchWhat};

/// Runs the chosen benchmark.
pub fn run(args: BenchArgs) -> anyhow::Result<Outcome> {
    match args.what {
        BenchWhat::Import {
            documents,
            per_file,
            keep,
        } => import::run(documents, per_file, keep.as_deref()),
        BenchWhat::Enrich {
            documents,
            names,
            rounds,
            readers,
            keep,
        } => enrich::run(enrich::Options {
            documents,
            names,
            rounds,
            readers,
            keep: keep.as_deref(),
        }),
        BenchWhat::Search {
            documents,
            queries,
            keep,
            baseline: no_baseline,
        } => search::run(search::Options {
            documents,
            queries,
            keep: keep.as_deref(),
            baseline: !no_baseline,
        }),
    }
}

/// The process's resident memory now and at its peak, in MiB (Linux; zeros elsewhere).
pub fn memory_mib() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<f64>().ok())
            .map_or(0.0, |kib| kib / 1024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// The size of a directory tree in MiB.
pub fn dir_size_mib(dir: &std::path::Path) -> f64 {
    walk_size(dir) as f64 / 1048576.0
}

fn walk_size(dir: &std::path::Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| match e.file_type() {
                    Ok(t) if t.is_dir() => walk_size(&e.path()),
                    _ => e.metadata().map(|m| m.len()).unwrap_or(0),
                })
                .sum()
        })
        .unwrap_or(0)
}
