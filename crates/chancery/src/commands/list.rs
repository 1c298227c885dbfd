//! `chancery list`

use chancery_store::{Page, Store};

use crate::Outcome;
use crate::archive::DataDir;
use crate::cli::ListArgs;
use crate::commands::list_filter;

/// Lists documents page by page, as a table or as JSON Lines.
pub fn run(data: &DataDir, args: ListArgs) -> anyhow::Result<Outcome> {
    let store = data.open_existing()?;
    let filter = list_filter(&args.filter)?;
    let page = Page {
        limit: args.limit.max(1),
        after: args.after.clone(),
    };
    let listed = store.list(&filter, &page)?;
    for s in &listed {
        if args.json {
            let line = serde_json::json!({
                "id": s.id.to_string(),
                "title": s.title,
                "type": s.doc_type.map(|t| t.slug()),
                "date": s.date.as_ref().map(|d| d.edtf()),
                "revision": s.revision,
                "updated": s.updated.to_string(),
            });
            println!("{line}");
        } else {
            println!(
                "{}  {:<12}  {:<16}  {}",
                s.id,
                s.date.as_ref().map_or("", |d| d.edtf()),
                s.doc_type.map_or("", |t| t.slug()),
                s.title
            );
        }
    }
    if !args.json {
        let total = store.count(&filter)?;
        eprintln!("{} of {} documents", listed.len(), total);
        if listed.len() == page.limit
            && let Some(last) = listed.last()
        {
            eprintln!("more: chancery list --after {}", last.cursor());
        }
    }
    Ok(Outcome::Success)
}
