//! The `chancery` binary: parse the command line, open the archive, run the command, and map
//! the outcome to an exit status (0 success, 1 some input failed, 2 usage error, 3 the
//! archive could not do its work, 130 interrupted).

mod archive;
mod bench;
mod cli;
mod commands;
mod progress;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, Command};

/// mimalloc instead of the system allocator: an import allocates documents on its reader
/// threads and frees them on the committing one, and glibc's allocator then spends a tenth
/// of the readers' time waiting on its arena locks.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// What a command reports back to `main`.
pub enum Outcome {
    /// Everything asked for was done.
    Success,
    /// The command ran, but some input could not go in (see its report).
    Partial,
    /// The user stopped the command.
    Interrupted,
    /// The request itself was malformed (the error was printed).
    Usage,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging(cli.verbose);
    let data = archive::DataDir::new(&cli.data);
    let result = match cli.command {
        Command::Serve(args) => commands::serve::run(&data, args),
        Command::Import(args) => commands::import::run(&data, args),
        Command::Harvest(args) => commands::harvest::run(&data, args),
        Command::Show(args) => commands::show::run(&data, args),
        Command::List(args) => commands::list::run(&data, args),
        Command::Export(args) => commands::export::run(&data, args),
        Command::Search(args) => commands::search::run(&data, args),
        Command::Delete(args) => commands::edit::delete(&data, args),
        Command::Revert(args) => commands::edit::revert(&data, args),
        Command::Reindex => commands::reindex::run(&data),
        Command::Check => commands::check::run(&data),
        Command::Backup(args) => commands::backup::backup(&data, args),
        Command::Restore(args) => commands::backup::restore(&data, args),
        Command::Bench(args) => bench::run(args),
        Command::Users(args) => commands::users::run(&data, args),
        Command::Authorities(args) => commands::authorities::run(&data, args),
        Command::Enrich(args) => commands::enrich::run(&data, args),
        Command::Eval(args) => commands::eval::run(&data, args),
    };
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Partial) => ExitCode::from(1),
        Ok(Outcome::Interrupted) => ExitCode::from(130),
        Ok(Outcome::Usage) => ExitCode::from(2),
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(3)
        }
    }
}

fn init_logging(verbose: u8) {
    let default = match verbose {
        0 => "warn",
        1 => "debug",
        _ => "trace",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("CHANCERY_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .init();
}
