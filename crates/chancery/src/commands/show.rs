//! `chancery show ID`

use std::fmt::Write as _;

use anyhow::bail;
use chancery_model::{BlockKind, Document};
use chancery_store::Store;

use crate::Outcome;
use crate::archive::DataDir;
use crate::cli::ShowArgs;
use crate::commands::parse_id;

/// Prints one document, readable or as JSON.
pub fn run(data: &DataDir, args: ShowArgs) -> anyhow::Result<Outcome> {
    let store = data.open_existing()?;
    let id = parse_id(&args.id)?;
    let (doc, deleted) = match args.revision {
        Some(rev) => match store.get_revision(id, rev)? {
            Some(doc) => (doc, false),
            None => bail!("document {id} has no revision {rev}"),
        },
        None => match store.get(id)? {
            Some(stored) => (stored.document, stored.deleted),
            None => bail!("no document {id} in this archive"),
        },
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&doc)?);
    } else {
        print!("{}", render(&doc, deleted));
    }
    Ok(Outcome::Success)
}

/// The document as a reader would like to see it in a terminal.
pub fn render(doc: &Document, deleted: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", doc.title);
    let _ = writeln!(out, "{}", "=".repeat(doc.title.chars().count().min(100)));
    if deleted {
        let _ = writeln!(
            out,
            "(deleted: this document is a tombstone; earlier revisions remain)"
        );
    }
    let mut field = |name: &str, value: Option<String>| {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            let _ = writeln!(out, "{name:<15}{v}");
        }
    };
    field("Identifier", Some(doc.id.to_string()));
    field("Type", doc.doc_type.map(|t| t.label().to_string()));
    field(
        "Date",
        doc.date
            .as_ref()
            .map(|d| format!("{} (EDTF {})", d.readable(), d.edtf())),
    );
    field("Place", doc.place.clone());
    field("Language", doc.language.clone());
    let names = |agents: &[chancery_model::AgentRef]| {
        agents
            .iter()
            .map(|a| a.name.clone())
            .collect::<Vec<_>>()
            .join("; ")
    };
    field("From", Some(names(&doc.senders)));
    field("To", Some(names(&doc.recipients)));
    field("Collections", Some(doc.collections.join(", ")));
    field(
        "Source",
        doc.source
            .as_ref()
            .and_then(|s| s.text.clone().or_else(|| s.title.clone())),
    );
    field("URL", doc.url.clone());
    field("Access", Some(doc.rights.access.as_str().to_string()));
    field("Source updated", doc.source_updated.map(|d| d.to_string()));
    field(
        "Provenance",
        doc.provenance.as_ref().map(|p| {
            [p.file.as_deref(), p.format.as_deref(), p.record.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · ")
        }),
    );
    field(
        "Revision",
        Some(format!(
            "{}{}",
            doc.revision,
            doc.updated.map(|u| format!(" ({u})")).unwrap_or_default()
        )),
    );
    if let Some(caption) = &doc.caption {
        let _ = writeln!(out, "\n{caption}");
    }
    let _ = writeln!(out);
    for block in &doc.body {
        match block.kind {
            BlockKind::Heading => {
                let _ = writeln!(out, "## {}\n", block.text);
            }
            BlockKind::ListItem => {
                let indent = "  ".repeat(usize::from(block.level.saturating_sub(1)));
                let label = block.n.as_deref().unwrap_or("•");
                let _ = writeln!(out, "{indent}{label} {}", block.text);
            }
            BlockKind::Note => {
                let _ = writeln!(
                    out,
                    "[{}] {}\n",
                    block.n.as_deref().unwrap_or("*"),
                    block.text
                );
            }
            BlockKind::Quote => {
                let _ = writeln!(out, "    {}\n", block.text);
            }
            BlockKind::TableRow => {
                let _ = writeln!(out, "| {} |", block.text.replace('\t', " | "));
            }
            _ => {
                let _ = writeln!(out, "{}\n", block.text);
            }
        }
    }
    if let Some(rights) = &doc.rights.statement {
        let _ = writeln!(out, "Rights: {}", rights.replace("\n\n", " "));
    }
    out
}
