//! `chancery serve`

use std::sync::Arc;

use anyhow::Context;
use chancery_server::auth::password;
use chancery_server::auth::rate::ApiRate;
use chancery_server::{AppState, OaiConfig, SiteConfig};
use chancery_store::{Role, Store, SystemClock};

use crate::Outcome;
use crate::archive::DataDir;
use crate::cli::ServeArgs;

/// Opens the archive (creating an empty one if needed) and serves it until Ctrl-C or
/// SIGTERM, then finishes the requests in flight.
pub fn run(data: &DataDir, args: ServeArgs) -> anyhow::Result<Outcome> {
    let store = data.create_or_open()?;
    first_administrator(&store, args.admin.as_deref())?;
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
    let api_rate = (args.api_rate_limit > 0).then(|| ApiRate {
        per_minute: args.api_rate_limit,
        burst: args.api_burst.max(1),
    });
    let state = state
        .with_oai(OaiConfig {
            page_size: args.oai_page_size.max(1),
            admin_email,
        })
        .with_api_rate(api_rate)
        .with_data_dir(data.root().to_path_buf());
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

/// On an archive without accounts, creates the first administrator (named `name`, or
/// `admin`) with a one-time password printed on the console.
fn first_administrator(store: &dyn Store, name: Option<&str>) -> anyhow::Result<()> {
    if !store.users()?.is_empty() {
        if let Some(name) = name {
            tracing::info!("accounts exist already; --admin {name} is ignored");
        }
        return Ok(());
    }
    let name = name.unwrap_or("admin");
    if let Err(message) = crate::commands::users::check_name(name) {
        anyhow::bail!("--admin: {message}");
    }
    let secret = password::generate().map_err(|e| anyhow::anyhow!("{e}"))?;
    let user = crate::commands::users::create(store, name, Role::Admin, &secret, true)?;
    crate::commands::audit(
        store,
        "admin-created",
        Some(user.name.clone()),
        Some("the first administrator, on the first start".into()),
    );
    println!(
        "This archive had no accounts: created the administrator '{}'.",
        user.name
    );
    crate::commands::users::print_one_time(&user.name, &secret);
    println!("Sign in at /login.");
    Ok(())
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
