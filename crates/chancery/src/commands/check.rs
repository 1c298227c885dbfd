//! `chancery check`

use chancery_store::Store;

use crate::Outcome;
use crate::archive::DataDir;

/// Verifies the store and says what is wrong, if anything.
pub fn run(data: &DataDir) -> anyhow::Result<Outcome> {
    let store = data.open_existing()?;
    let report = store.check()?;
    println!(
        "Checked {} documents ({} deleted), {} revisions, {} change-log entries, {} import runs.",
        report.documents,
        report.deleted_documents,
        report.revisions,
        report.changes,
        report.import_runs
    );
    if report.is_clean() {
        println!("The store is consistent.");
        Ok(Outcome::Success)
    } else {
        println!(
            "{} problems:",
            report.problems.len() as u64 + report.unlisted_problems
        );
        for p in &report.problems {
            println!("  {p}");
        }
        if report.unlisted_problems > 0 {
            println!("  … and {} more", report.unlisted_problems);
        }
        Ok(Outcome::Partial)
    }
}
