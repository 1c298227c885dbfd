//! `chancery search QUERY`

use std::io::IsTerminal;

use chancery_index::{DateMode, Facets, IndexError, SearchRequest, Snippet, Visibility};

use crate::Outcome;
use crate::archive::DataDir;
use crate::cli::SearchArgs;

/// Searches and prints results as text or JSON.
pub fn run(data: &DataDir, args: SearchArgs) -> anyhow::Result<Outcome> {
    let store = data.open_existing()?;
    let index = data.current_index(&store, &mut |_| {})?;
    let request = SearchRequest {
        query: args.query.clone(),
        sort: args.sort,
        limit: args.limit,
        offset: args.offset,
        facets: args.facets,
        date_mode: if args.contain {
            DateMode::Contain
        } else {
            DateMode::Overlap
        },
        // The command line runs as the archive's owner: everything is visible.
        visibility: Visibility::everything(),
        snippets: true,
    };
    let results = match index.search(&request, &store) {
        Ok(results) => results,
        Err(IndexError::Query(e)) => {
            eprintln!("error: the query is malformed:\n{}", e.render(&args.query));
            return Ok(Outcome::Usage);
        }
        Err(IndexError::Unsupported(message)) => {
            eprintln!("error: {message}");
            return Ok(Outcome::Usage);
        }
        Err(e) => return Err(e.into()),
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&results)?);
        return Ok(Outcome::Success);
    }
    let bold = std::io::stdout().is_terminal();
    println!(
        "{} {} ({:.1} ms)",
        results.total,
        if results.total == 1 {
            "result"
        } else {
            "results"
        },
        results.took_ms
    );
    for (i, hit) in results.hits.iter().enumerate() {
        let meta = [hit.doc_type.as_deref(), hit.date.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
        println!("\n{}. {}  [{}]", args.offset + i + 1, hit.title, meta);
        println!("   {}  score {:.2}", hit.id, hit.score);
        if let Some(passage) = &hit.passage
            && !passage.text.is_empty()
        {
            println!("   {}", marked(passage, bold));
        }
    }
    if let Some(facets) = &results.facets {
        print_facets(facets);
    }
    Ok(Outcome::Success)
}

/// The passage with its marks as bold (terminal) or «guillemets» (elsewhere).
fn marked(passage: &Snippet, bold: bool) -> String {
    let (open, close) = if bold {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("«", "»")
    };
    let mut out = String::new();
    let mut at = 0;
    for &(start, end) in &passage.highlights {
        out.push_str(&passage.text[at..start]);
        out.push_str(open);
        out.push_str(&passage.text[start..end]);
        out.push_str(close);
        at = end;
    }
    out.push_str(&passage.text[at..]);
    out
}

fn print_facets(facets: &Facets) {
    println!();
    let line = |name: &str, counts: &[chancery_index::FacetCount]| {
        if !counts.is_empty() {
            let parts: Vec<String> = counts
                .iter()
                .take(12)
                .map(|c| format!("{} ({})", c.value, c.count))
                .collect();
            let more = if counts.len() > 12 {
                format!(", … {} more", counts.len() - 12)
            } else {
                String::new()
            };
            println!("{name:<11}{}{more}", parts.join(", "));
        }
    };
    line("type", &facets.doc_type);
    line("language", &facets.language);
    line("collection", &facets.collection);
    line("person", &facets.person);
    line("org", &facets.org);
    line("place", &facets.place);
    line("decade", &facets.decade);
    line("year", &facets.year);
}
