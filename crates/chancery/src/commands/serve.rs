//! `chancery serve`

use std::sync::Arc;

use anyhow::Context;
use chancery_server::{AppState, OaiConfig, SiteConfig};
use chancery_store::SystemClock;

use crate::Outcome;
use crate::archive::DataDir;
use crate::cli::ServeArgs;

/// Opens the archive (creating an empty one if needed) and serves it until Ctrl-C or
/// SIGTERM, then finishes the requests in flight.
pub fn run(data: &DataDir, args: ServeArgs) -> anyhow::Result<Outcome> {
    let store = data.create_or_open()?;
    let index = data.open_index(&store)?;
    let base_url = args
        .base_url
        .clone()
        .unwrap_or_else(|| format!("http://{}", args.bind))
        .trim_end_matches('/')
        .to_string();
    let site = SiteConfig {
        name: args.name.clone(),
        base_url: base_url.clone(),
    };
    let state = AppState::new(Arc::new(store), index, Arc::new(SystemClock), site);
    let admin_email = args
        .admin_email
        .clone()
        .unwrap_or_else(|| state.oai().admin_email.clone());
    let state = state.with_oai(OaiConfig {
        page_size: args.oai_page_size.max(1),
        admin_email,
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(args.bind)
            .await
            .with_context(|| format!("cannot listen on {}", args.bind))?;
        let local = listener.local_addr()?;
        println!(
            "Chancery is serving {} at http://{local}/ (Ctrl-C stops it)",
            data_label(data)
        );
        if base_url != format!("http://{local}") {
            println!("public address: {base_url}");
        }
        chancery_server::serve(state, listener, shutdown_signal())
            .await
            .context("the server failed")
    })?;
    println!("stopped");
    Ok(Outcome::Success)
}

fn data_label(data: &DataDir) -> String {
    data.store_path()
        .parent()
        .map(|p| p.display().to_string())
        .unwrap_or_default()
}

/// Completes on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
}
