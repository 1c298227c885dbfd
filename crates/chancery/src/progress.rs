//! Progress of long work: a bar on a terminal, plain lines in logs.

use std::io::IsTerminal;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use chancery_ingest::Observer;
use indicatif::{ProgressBar, ProgressStyle};

/// Reports an import's progress on standard error.
pub enum ImportProgress {
    /// An interactive terminal: a bar with files, documents, rate and ETA.
    Bar {
        bar: ProgressBar,
        documents: AtomicUsize,
    },
    /// Logs: a line every few seconds.
    Lines { state: Mutex<LineState> },
}

/// What the plain-line reporter remembers between lines.
pub struct LineState {
    total: usize,
    files: usize,
    documents: usize,
    started: Instant,
    last: Instant,
}

impl ImportProgress {
    /// A bar when standard error is a terminal, plain lines otherwise.
    pub fn new() -> Self {
        if std::io::stderr().is_terminal() {
            let bar = ProgressBar::new(0);
            let style = ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} files · {msg} · ETA {eta}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar.enable_steady_tick(Duration::from_millis(200));
            Self::Bar {
                bar,
                documents: AtomicUsize::new(0),
            }
        } else {
            let now = Instant::now();
            Self::Lines {
                state: Mutex::new(LineState {
                    total: 0,
                    files: 0,
                    documents: 0,
                    started: now,
                    last: now,
                }),
            }
        }
    }

    /// Removes the bar before the summary is printed.
    pub fn finish(&self) {
        if let Self::Bar { bar, .. } = self {
            bar.finish_and_clear();
        }
    }
}

impl Observer for ImportProgress {
    fn started(&self, files: usize) {
        match self {
            Self::Bar { bar, .. } => bar.set_length(files as u64),
            Self::Lines { state } => {
                if let Ok(mut s) = state.lock() {
                    s.total = files;
                }
                eprintln!("importing {files} files");
            }
        }
    }

    fn file_read(&self, _path: &str, documents: usize, _failed: bool) {
        match self {
            Self::Bar {
                bar,
                documents: total,
            } => {
                let docs = total.fetch_add(documents, Ordering::Relaxed) + documents;
                let secs = bar.elapsed().as_secs_f64().max(0.001);
                bar.set_message(format!(
                    "{docs} documents · {:.0} docs/s",
                    docs as f64 / secs
                ));
                bar.inc(1);
            }
            Self::Lines { state } => {
                let Ok(mut s) = state.lock() else { return };
                s.files += 1;
                s.documents += documents;
                if s.last.elapsed() >= Duration::from_secs(5) || s.files == s.total {
                    s.last = Instant::now();
                    let secs = s.started.elapsed().as_secs_f64().max(0.001);
                    eprintln!(
                        "read {}/{} files, {} documents ({:.0} documents/s)",
                        s.files,
                        s.total,
                        s.documents,
                        s.documents as f64 / secs
                    );
                }
            }
        }
    }
}
