//! `chancery reindex`

use chancery_index::SearchIndex;

use crate::Outcome;
use crate::archive::DataDir;

/// Rebuilds the search index from the store into a new generation and swaps it in.
pub fn run(data: &DataDir) -> anyhow::Result<Outcome> {
    let store = data.open_existing()?;
    let started = std::time::Instant::now();
    let (_, done) = SearchIndex::rebuild(&data.index_path(), &store, &mut |n| {
        tracing::info!("indexed {n} documents");
    })?;
    println!(
        "Rebuilt the search index: {} documents in {:.1} s (change-log sequence {}).",
        done.documents,
        started.elapsed().as_secs_f64(),
        done.seq
    );
    Ok(Outcome::Success)
}
