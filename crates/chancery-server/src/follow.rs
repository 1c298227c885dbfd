//! The server's index follower: it holds the index writer and applies the store's change
//! log as it grows (imports by other processes included), and switches to a new index
//! generation when `chancery reindex` swaps one in.
//!
//! The work runs on a thread of its own at a lower scheduling priority
//! ([`chancery_index::priority`]), and tantivy's indexing and merging threads, started from
//! it, inherit that priority: while a large import streams in, readers' pages come first.
//! After a look that indexed something the follower pauses longer, so that a stream of
//! changes is committed in a few larger steps rather than many small ones (each commit
//! makes a segment to merge and a new index version that cached pages are checked against).

use std::sync::atomic::AtomicBool;
use std::sync::mpsc;
use std::time::Duration;

use chancery_index::{IndexError, SearchIndex};

use crate::state::AppState;

/// How often the follower looks for new changes when the archive is quiet.
const TICK: Duration = Duration::from_millis(500);

/// How long it waits after a look that indexed something.
const BUSY_PAUSE: Duration = Duration::from_secs(3);

/// Follows the change log until the process ends (or the runtime this task runs on stops:
/// the worker thread then ends with it).
pub async fn run(state: AppState) {
    let (ticks, work) = mpsc::channel::<tokio::sync::oneshot::Sender<usize>>();
    let worker = std::thread::Builder::new()
        .name("index-follower".into())
        .spawn(move || {
            if let Err(e) = chancery_index::priority::run_in_background() {
                tracing::debug!(error = %e, "the index follower runs at normal priority");
            }
            // The writer's threads start here, at this thread's priority.
            if let Err(e) = state.index().claim_writer() {
                tracing::warn!(error = %e, "the index writer could not be opened yet");
            }
            while let Ok(reply) = work.recv() {
                let indexed = match step(&state) {
                    Ok(n) => n,
                    Err(e) => {
                        tracing::warn!(error = %e, "the index could not follow the store");
                        0
                    }
                };
                let _ = reply.send(indexed);
            }
        });
    if let Err(e) = worker {
        tracing::error!(error = %e, "the index follower could not start");
        return;
    }
    loop {
        let (reply, answer) = tokio::sync::oneshot::channel();
        if ticks.send(reply).is_err() {
            tracing::error!("the index follower stopped");
            return;
        }
        let pause = match answer.await {
            Ok(0) => TICK,
            Ok(_) => BUSY_PAUSE,
            Err(_) => {
                tracing::error!("the index follower failed");
                return;
            }
        };
        tokio::time::sleep(pause).await;
    }
}

/// One look at the store: switch generations if a rebuild swapped one in, then apply new
/// changes.
/// Returns how many documents were indexed.
fn step(state: &AppState) -> Result<usize, IndexError> {
    let index = state.index();
    if index.is_stale()? {
        let fresh = SearchIndex::open(state.index_root())?;
        tracing::info!(
            generation = fresh.generation(),
            "switching to the rebuilt index"
        );
        state.replace_index(fresh);
        return Ok(0);
    }
    let store = state.store();
    let done = AtomicBool::new(true);
    match index.follow(store.as_ref(), &done, &mut |_| {}) {
        Ok(caught) if caught.documents > 0 => {
            tracing::info!(
                documents = caught.documents,
                seq = caught.seq,
                "index caught up"
            );
            Ok(caught.documents)
        }
        Ok(_) => Ok(0),
        // Another process (an import) holds the writer for now; try again next tick.
        Err(IndexError::Busy(_)) => {
            index.reload()?;
            Ok(0)
        }
        Err(e) => Err(e),
    }
}
