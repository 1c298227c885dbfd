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

/// The processor time this process has used so far, over all its threads, user and system,
/// in seconds (Linux, from `/proc/self/stat`, whose clock ticks are a fixed hundredth of a
/// second; `None` elsewhere).
pub fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name (the second field) is in parentheses and may hold spaces: the
    // fields are counted from the state, the third, after it.
    let mut fields = stat.rsplit_once(')')?.1.split_whitespace();
    let user: f64 = fields.nth(11)?.parse().ok()?;
    let system: f64 = fields.next()?.parse().ok()?;
    Some((user + system) / 100.0)
}

/// One timed stage of a benchmark: its wall-clock time and the processor time it used.
pub struct Stage {
    started: std::time::Instant,
    cpu: Option<f64>,
}

/// What a [`Stage`] took.
#[derive(Debug, Clone, Copy)]
pub struct Took {
    /// Wall-clock seconds.
    pub secs: f64,
    /// Processor seconds over all threads, when known.
    pub cpu_secs: Option<f64>,
}

impl Stage {
    /// Starts timing.
    pub fn start() -> Self {
        Self {
            started: std::time::Instant::now(),
            cpu: cpu_seconds(),
        }
    }

    /// What the stage took so far.
    pub fn took(&self) -> Took {
        Took {
            secs: self.started.elapsed().as_secs_f64(),
            cpu_secs: self
                .cpu
                .zip(cpu_seconds())
                .map(|(start, now)| (now - start).max(0.0)),
        }
    }
}

impl Took {
    /// Processor time per item, in microseconds.
    pub fn cpu_micros_each(&self, items: u64) -> Option<f64> {
        self.cpu_secs.map(|cpu| cpu * 1e6 / items.max(1) as f64)
    }

    /// Prints "`what`: N documents in S s = R documents/s; C cores busy, P µs of processor
    /// time a document".
    pub fn report(&self, what: &str, documents: u64) {
        println!(
            "{what}: {documents} documents in {:.1} s = {:.0} documents/s{}",
            self.secs,
            documents as f64 / self.secs.max(1e-9),
            self.processor_note(documents)
        );
    }

    /// "1.94 cores busy, 740 µs of processor time a document", or nothing when unknown.
    pub fn processor_note(&self, items: u64) -> String {
        match (self.cpu_secs, self.cpu_micros_each(items)) {
            (Some(cpu), Some(each)) => format!(
                "; {:.2} cores busy, {each:.0} µs of processor time a document",
                cpu / self.secs.max(1e-9)
            ),
            _ => String::new(),
        }
    }
}

/// Reads and parses every file of `input` on this thread, as an import's reader does;
/// returns how many documents they hold and what reading them took.
pub fn read_all(input: &std::path::Path) -> anyhow::Result<(u64, Took)> {
    let mut files: Vec<_> = std::fs::read_dir(input)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let stage = Stage::start();
    let mut documents = 0u64;
    for path in &files {
        documents += chancery_ingest::read_file(path, &chancery_ingest::ReadOptions::default())
            .outcome
            .map_or(0, |d| d.len() as u64);
    }
    Ok((documents, stage.took()))
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

#[cfg(test)]
mod tests {
    use super::{Stage, cpu_seconds};

    #[test]
    fn processor_time_grows_with_work() {
        if cpu_seconds().is_none() {
            println!("no /proc/self/stat here: processor time is not measured");
            return;
        }
        let stage = Stage::start();
        // Work until the process has used a twentieth of a second (five clock ticks) more;
        // a reading that never grows fails after twenty seconds.
        let mut x = 0u64;
        let took = loop {
            for _ in 0..1_000_000 {
                x = std::hint::black_box(x.wrapping_mul(6364136223846793005).wrapping_add(1));
            }
            let took = stage.took();
            if took.cpu_secs.unwrap_or(0.0) >= 0.05 || took.secs > 20.0 {
                break took;
            }
        };
        let cpu = took.cpu_secs.unwrap_or(0.0);
        assert!(
            cpu >= 0.05,
            "{:.1} s of work used {cpu} s of processor time",
            took.secs
        );
        assert_eq!(
            took.cpu_micros_each(10).map(|each| each >= 5000.0),
            Some(true)
        );
        assert!(
            took.processor_note(10)
                .contains("µs of processor time a document")
        );
    }
}
