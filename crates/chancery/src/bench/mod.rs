//! `chancery bench`: measurements on generated documents, reported as figures to compare.

pub mod generate;
mod import;

use crate::Outcome;
use crate::cli::{BenchArgs, BenchWhat};

/// Runs the chosen benchmark.
pub fn run(args: BenchArgs) -> anyhow::Result<Outcome> {
    match args.what {
        BenchWhat::Import { documents, per_file, keep } => import::run(documents, per_file, keep.as_deref()),
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
