//! `chancery delete` and `chancery revert`: an operator's corrections, each a revision.

use anyhow::{Context, bail};
use chancery_store::{Store, WriteMeta};

use crate::Outcome;
use crate::archive::DataDir;
use crate::cli::{DeleteArgs, RevertArgs};
use crate::commands::{operator, parse_id};

/// Writes a tombstone revision.
pub fn delete(data: &DataDir, args: DeleteArgs) -> anyhow::Result<Outcome> {
    let store = data.open_existing()?;
    let id = parse_id(&args.id)?;
    let change = store.delete(id, WriteMeta::new(operator(), args.reason), None)?;
    data.current_index(&store, &mut |_| {})?;
    println!(
        "Deleted {id} (revision {}); `chancery revert {id}` brings it back.",
        change.revision
    );
    Ok(Outcome::Success)
}

/// Writes a revision with an earlier revision's content.
pub fn revert(data: &DataDir, args: RevertArgs) -> anyhow::Result<Outcome> {
    let store = data.open_existing()?;
    let id = parse_id(&args.id)?;
    let revision = match args.revision {
        Some(r) => r,
        None => {
            let history = store.history(id)?;
            let Some(last) = history
                .iter()
                .rev()
                .find(|r| r.kind != chancery_store::ChangeKind::Delete)
            else {
                bail!("document {id} has no revision with content to restore");
            };
            last.revision
        }
    };
    let change = store
        .restore(id, revision, WriteMeta::new(operator(), args.reason))
        .with_context(|| format!("cannot restore revision {revision} of {id}"))?;
    data.current_index(&store, &mut |_| {})?;
    println!(
        "Restored {id} to the content of revision {revision} (now revision {}).",
        change.revision
    );
    Ok(Outcome::Success)
}
