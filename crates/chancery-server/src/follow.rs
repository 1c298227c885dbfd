//! The server's index follower: it holds the index writer and applies the store's change
//! log as it grows (imports by other processes included), and switches to a new index
//! generation when `chancery reindex` swaps one in.

use std::sync::atomic::AtomicBool;
use std::time::Duration;

use chancery_index::{IndexError, SearchIndex};

use crate::state::AppState;

/// How often the follower looks for new changes.
const TICK: Duration = Duration::from_millis(500);

/// Follows the change log until the process ends.
pub async fn run(state: AppState) {
    let mut interval = tokio::time::interval(TICK);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        interval.tick().await;
        let state = state.clone();
        let outcome = tokio::task::spawn_blocking(move || step(&state)).await;
        match outcome {
            Ok(Ok(())) => {}
            Ok(Err(e)) => tracing::warn!(error = %e, "the index could not follow the store"),
            Err(e) => tracing::error!(error = %e, "the index follower failed"),
        }
    }
}

/// One look at the store: switch generations if a rebuild swapped one in, then apply new
/// changes.
fn step(state: &AppState) -> Result<(), IndexError> {
    let index = state.index();
    if index.is_stale()? {
        let fresh = SearchIndex::open(state.index_root())?;
        tracing::info!(
            generation = fresh.generation(),
            "switching to the rebuilt index"
        );
        state.replace_index(fresh);
        return Ok(());
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
            Ok(())
        }
        Ok(_) => Ok(()),
        // Another process (an import) holds the writer for now; try again next tick.
        Err(IndexError::Busy(_)) => {
            index.reload()?;
            Ok(())
        }
        Err(e) => Err(e),
    }
}
