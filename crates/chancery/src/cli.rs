//! The command line, as clap parses it (stage one: raw arguments; `main` validates them and
//! opens the archive).

use std::path::PathBuf;

use chancery_formats::Format;
use chancery_model::DocType;
use clap::{Args, Parser, Subcommand, ValueEnum};

/// Chancery: a self-hosted archive for historical primary sources.
#[derive(Debug, Parser)]
#[command(name = "chancery", version, about, max_term_width = 100)]
pub struct Cli {
    /// The archive's data directory (created by `import` when absent).
    #[arg(
        long,
        global = true,
        env = "CHANCERY_DATA",
        default_value = "chancery-data"
    )]
    pub data: PathBuf,

    /// Log more (-v: debug, -vv: trace). Logs go to standard error.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the reading room and the JSON API over HTTP.
    Serve(ServeArgs),
    /// Import files and folders (recursively) into the archive.
    Import(ImportArgs),
    /// Harvest documents from an OAI-PMH provider (incrementally: the next run fetches only
    /// what changed).
    Harvest(HarvestArgs),
    /// Show one document.
    Show(ShowArgs),
    /// List documents, with filters.
    List(ListArgs),
    /// Export documents as JSON Lines, TEI, Dublin Core or CSV.
    Export(ExportArgs),
    /// Search the archive (see `chancery search --help` for the query language).
    #[command(after_help = chancery_index::query::HELP)]
    Search(SearchArgs),
    /// Delete a document: a tombstone revision; earlier revisions stay and `revert` undoes it.
    Delete(DeleteArgs),
    /// Bring back an earlier revision of a document (as a new revision; also undeletes).
    Revert(RevertArgs),
    /// Rebuild the search index from the store (the old index serves until the swap).
    Reindex,
    /// Verify the store: revision hashes, change-log continuity, current state.
    Check,
    /// Write a consistent copy of the archive (even while it serves and imports) to a new
    /// folder.
    Backup(BackupArgs),
    /// Bring a backup back into an empty or absent data directory (`--data NEW restore DIR`);
    /// the search index is rebuilt.
    Restore(RestoreArgs),
    /// Measure the archive's speed on generated documents.
    Bench(BenchArgs),
    /// Manage accounts: add, list, disable, enable, set-role, reset-password.
    Users(UsersArgs),
    /// Authority records (persons, organizations, places): import POCOM, JSON, TEI lists or CSV;
    /// list, show, merge duplicates.
    Authorities(AuthoritiesArgs),
    /// Run enrichment again over the whole archive (after importing authorities): each
    /// document whose findings change gets a new revision.
    Enrich(EnrichArgs),
    /// Measure enrichment on TEI files whose names and dates are marked up: recall per
    /// kind, dates normalized, and samples of found mentions for checking precision by hand.
    Eval(EvalArgs),
}

/// `chancery authorities`.
#[derive(Debug, Args)]
pub struct AuthoritiesArgs {
    /// What to do.
    #[command(subcommand)]
    pub what: AuthoritiesCommand,
}

/// The authority commands.
#[derive(Debug, Subcommand)]
pub enum AuthoritiesCommand {
    /// Import authority records: a POCOM folder (the State Department's Principal Officers
    /// and Chiefs of Mission: people with their posts), or JSON, TEI (`listPerson`,
    /// `listOrg`, `listPlace`) or CSV files (see docs/formats.md).
    /// Records are matched by id: new ones are added, changed ones revised. Run
    /// `chancery enrich` afterwards to link the documents already in the archive.
    Import(AuthoritiesImportArgs),
    /// List authority records.
    List(AuthoritiesListArgs),
    /// Show one authority record as JSON.
    Show(AuthoritiesShowArgs),
    /// Merge a duplicate record into the record it duplicates: the kept record takes in
    /// its names, identifiers, positions and notes, its address leads to the kept record,
    /// and every document linked to it is relinked (each a revision).
    Merge(AuthoritiesMergeArgs),
}

/// `chancery authorities import`.
#[derive(Debug, Args)]
pub struct AuthoritiesImportArgs {
    /// POCOM folders, or files: `.xml` is read as TEI, `.csv` as CSV, any other as JSON or
    /// JSON Lines (a folder with a `people/` subfolder is read as POCOM).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

/// `chancery authorities list`.
#[derive(Debug, Args)]
pub struct AuthoritiesListArgs {
    /// Only this kind: person, organization or place.
    #[arg(long, value_parser = ["person", "organization", "place"])]
    pub kind: Option<String>,
    /// Print JSON Lines (one record a line).
    #[arg(long)]
    pub json: bool,
}

/// `chancery authorities show`.
#[derive(Debug, Args)]
pub struct AuthoritiesShowArgs {
    /// The record's identifier (e.g. `kirk-alan-goodrich`, `place:moscow`).
    pub id: String,
}

/// `chancery authorities merge`.
#[derive(Debug, Args)]
pub struct AuthoritiesMergeArgs {
    /// The duplicate record's identifier (it must be a record of this archive).
    pub duplicate: String,
    /// The identifier of the record to keep (of this archive or the built-in baseline).
    pub into: String,
    /// Why (kept with every revision the merge writes).
    #[arg(long, default_value = "duplicate authority records merged")]
    pub reason: String,
    /// Print what was done as JSON.
    #[arg(long)]
    pub json: bool,
}

/// `chancery enrich`.
#[derive(Debug, Args)]
pub struct EnrichArgs {
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
}

/// `chancery eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// TEI files or folders with `persName`, `placeName`, `orgName` and `date` markup.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Print a random sample of this many found mentions per kind (persons, places), with
    /// their context, to check precision by hand.
    #[arg(long, value_name = "N")]
    pub sample: Option<usize>,
    /// The sample's seed (the same seed draws the same sample).
    #[arg(long, default_value_t = 20_261_129)]
    pub seed: u64,
    /// List marked names that were not found, and dates normalized differently.
    #[arg(long)]
    pub misses: bool,
    /// Print the figures as JSON.
    #[arg(long)]
    pub json: bool,
}

/// `chancery users`.
#[derive(Debug, Args)]
pub struct UsersArgs {
    /// What to do.
    #[command(subcommand)]
    pub what: UsersCommand,
}

/// The account commands. Each is written to the audit log.
#[derive(Debug, Subcommand)]
pub enum UsersCommand {
    /// Add an account. Without --password-stdin a one-time password is printed once; the
    /// user must choose a new one at the first sign-in.
    Add {
        /// The sign-in name (letters, digits, `.`, `_`, `-`, `@`; at most 64).
        name: String,
        /// admin, editor or registered (a registered reader).
        #[arg(long, default_value = "registered")]
        role: String,
        /// Read the password from standard input (its first line) instead.
        #[arg(long)]
        password_stdin: bool,
    },
    /// List the accounts.
    List {
        /// As JSON Lines.
        #[arg(long)]
        json: bool,
    },
    /// Disable an account: no sign-in, its sessions end and its API tokens stop working.
    Disable {
        /// The account.
        name: String,
    },
    /// Enable a disabled account again.
    Enable {
        /// The account.
        name: String,
    },
    /// Change an account's role.
    SetRole {
        /// The account.
        name: String,
        /// admin, editor or registered.
        role: String,
    },
    /// Give an account a new one-time password (printed once); its sessions end.
    ResetPassword {
        /// The account.
        name: String,
    },
}

/// `chancery serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The address and port to listen on.
    #[arg(long, default_value = "127.0.0.1:8080", env = "CHANCERY_BIND")]
    pub bind: std::net::SocketAddr,
    /// The public address of the archive, for canonical links, sitemaps and citations
    /// (default: http:// and the bind address).
    #[arg(long, env = "CHANCERY_BASE_URL")]
    pub base_url: Option<String>,
    /// The archive's name, shown on every page.
    #[arg(long, default_value = "Chancery", env = "CHANCERY_NAME")]
    pub name: String,
    /// The contact address OAI-PMH harvesters are given (default: archivist@ the host).
    #[arg(long, env = "CHANCERY_ADMIN_EMAIL")]
    pub admin_email: Option<String>,
    /// Records per OAI-PMH list page.
    #[arg(long, default_value_t = 100, env = "CHANCERY_OAI_PAGE_SIZE")]
    pub oai_page_size: usize,
    /// On an archive without accounts: the first administrator's name (default `admin`).
    /// Its one-time password is printed once.
    #[arg(long, value_name = "NAME", env = "CHANCERY_ADMIN")]
    pub admin: Option<String>,
    /// JSON API requests a minute per API token or client address (0: no limit).
    #[arg(long, default_value_t = 600, env = "CHANCERY_API_RATE_LIMIT")]
    pub api_rate_limit: u32,
    /// JSON API requests at once after a quiet spell (the rate limit's burst).
    #[arg(long, default_value_t = 120, env = "CHANCERY_API_BURST")]
    pub api_burst: u32,
}

/// `chancery import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Files or folders to import (folders are walked recursively).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Read every file with this reader instead of detecting the format.
    #[arg(long, value_parser = parse_format)]
    pub format: Option<Format>,
    /// Stop at the first file that fails.
    #[arg(long)]
    pub strict: bool,
    /// For TEI: one record per `div` of this type instead of `document` (e.g. `section`).
    #[arg(long, value_name = "DIV_TYPE")]
    pub split: Option<String>,
    /// Refuse files larger than this many bytes (default 64 MiB).
    #[arg(long, value_name = "BYTES", default_value_t = chancery_ingest::DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: u64,
    /// Add every imported document to this collection (repeatable; the name becomes an
    /// identifier such as `korean-war` for `Korean War`).
    #[arg(long = "collection", value_name = "NAME")]
    pub collections: Vec<String>,
    /// Import without enrichment (no mentions, senders or recipients are looked for;
    /// `chancery enrich` can add them later).
    #[arg(long)]
    pub no_enrich: bool,
    /// Print the summary as JSON on standard output.
    #[arg(long)]
    pub json: bool,
}

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse()
}

/// `chancery search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query, e.g. `"aide memoire" Gromyko date:1950-06` (quote it for the shell).
    #[arg(default_value = "")]
    pub query: String,
    /// Print the results as JSON: {total, hits, facets, took_ms}.
    #[arg(long)]
    pub json: bool,
    /// Order: relevance, date (oldest first) or -date (newest first).
    #[arg(long, default_value = "relevance", value_parser = parse_sort, allow_hyphen_values = true)]
    pub sort: chancery_index::Sort,
    /// Results per page.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Results to skip (for later pages).
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Count results by type, language, collection, year and decade.
    #[arg(long)]
    pub facets: bool,
    /// Date filters keep documents whose date lies wholly inside the range (default: any overlap).
    #[arg(long)]
    pub contain: bool,
}

fn parse_sort(s: &str) -> Result<chancery_index::Sort, String> {
    match s {
        "relevance" => Ok(chancery_index::Sort::Relevance),
        "date" => Ok(chancery_index::Sort::DateAscending),
        "-date" => Ok(chancery_index::Sort::DateDescending),
        other => Err(format!(
            "unknown order '{other}' (expected relevance, date or -date)"
        )),
    }
}

/// `chancery harvest`.
#[derive(Debug, Args)]
pub struct HarvestArgs {
    /// The provider's base URL, e.g. https://archive.example.org/oai.
    pub url: String,
    /// Only this set.
    #[arg(long)]
    pub set: Option<String>,
    /// The metadata format to ask for: oai_dc, or tei from another Chancery (lossless).
    #[arg(long, default_value = "oai_dc")]
    pub metadata_prefix: String,
    /// Only records changed from this datestamp on (default: since the last harvest of this
    /// provider, set and format).
    #[arg(long)]
    pub from: Option<String>,
    /// Add every harvested document to this collection (repeatable).
    #[arg(long = "collection", value_name = "NAME")]
    pub collections: Vec<String>,
    /// Retries of a failed request (with exponential backoff).
    #[arg(long, default_value_t = 5)]
    pub retries: u32,
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
    /// Harvest without enrichment (`chancery enrich` can add it later).
    #[arg(long)]
    pub no_enrich: bool,
}

/// `chancery delete`.
#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// The document's identifier.
    pub id: String,
    /// Why (recorded in the change log).
    #[arg(long, default_value = "deleted from the command line")]
    pub reason: String,
}

/// `chancery revert`.
#[derive(Debug, Args)]
pub struct RevertArgs {
    /// The document's identifier.
    pub id: String,
    /// The revision to bring back (default: the last one with content).
    #[arg(long)]
    pub revision: Option<u64>,
    /// Why (recorded in the change log).
    #[arg(long, default_value = "restored from the command line")]
    pub reason: String,
}

/// `chancery backup`.
#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The folder to write (must not exist, or be empty).
    pub dest: PathBuf,
}

/// `chancery restore`.
#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// A folder written by `chancery backup`.
    pub backup: PathBuf,
}

/// `chancery show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The document's identifier (a UUID).
    pub id: String,
    /// Print the document as JSON (the documented shape).
    #[arg(long)]
    pub json: bool,
    /// Show this revision instead of the current one.
    #[arg(long)]
    pub revision: Option<u64>,
}

/// `chancery list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// At most this many documents.
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    /// Continue after this cursor (printed at the end of a full page).
    #[arg(long)]
    pub after: Option<String>,
    /// JSON Lines: one object per document with id, title, type, date and revision.
    #[arg(long)]
    pub json: bool,
}

/// Filters shared by `list` and `export`.
#[derive(Debug, Args, Clone, Default)]
pub struct FilterArgs {
    /// Only documents of this type (e.g. telegram, aide-memoire).
    #[arg(long = "type", value_parser = parse_doc_type)]
    pub doc_type: Option<DocType>,
    /// Only documents dated on or after this day, month or year (e.g. 1950-06).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Only documents dated on or before this day, month or year.
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Only documents whose title contains this text (case and accents ignored).
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// Only documents in this collection.
    #[arg(long)]
    pub collection: Option<String>,
}

fn parse_doc_type(s: &str) -> Result<DocType, String> {
    s.parse()
        .map_err(|e: chancery_model::doctype::UnknownDocType| e.to_string())
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// JSON Lines: one document per line, the full shape (lossless).
    Jsonl,
    /// TEI P5: a teiCorpus with one TEI per document (lossless).
    Tei,
    /// Dublin Core XML: a <records> file of oai_dc records (what Dublin Core can hold).
    Dc,
    /// CSV with the documented columns (structure flattened to paragraphs).
    Csv,
    /// CSL-JSON: an array of citation items (for reference managers and citeproc).
    CslJson,
    /// BibTeX entries.
    Bibtex,
    /// RIS records.
    Ris,
    /// A BagIt package (RFC 8493) for preservation: a folder (give it with --output) holding
    /// the documents as JSON Lines with SHA-256 manifests.
    Bagit,
}

/// `chancery export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
    pub format: ExportFormat,
    /// Write to this file instead of standard output (written in full, then renamed into place).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Include documents that are not public (registered, staff-only, still embargoed).
    #[arg(long)]
    pub all: bool,
    /// The archive's public address, for the citation formats' links to documents.
    #[arg(
        long,
        env = "CHANCERY_BASE_URL",
        default_value = "http://127.0.0.1:8080"
    )]
    pub base_url: String,
    /// The archive's name, for citations and the BagIt package.
    #[arg(long, env = "CHANCERY_NAME", default_value = "Chancery")]
    pub name: String,
    #[command(flatten)]
    pub filter: FilterArgs,
}

/// `chancery bench`.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// What to measure.
    #[command(subcommand)]
    pub what: BenchWhat,
}

/// Benchmarks.
#[derive(Debug, Subcommand)]
pub enum BenchWhat {
    /// Import generated documents (~2 KB each) into a fresh store and report documents/s.
    Import {
        /// How many documents.
        #[arg(long, default_value_t = 100_000)]
        documents: usize,
        /// Documents per generated JSON Lines file.
        #[arg(long, default_value_t = 1000)]
        per_file: usize,
        /// Keep the generated files and archive in this folder instead of a temporary one.
        #[arg(long)]
        keep: Option<PathBuf>,
    },
    /// Import generated documents (~2 KB, each naming a few authorities) without and with
    /// enrichment against generated authority names, in alternating rounds, and report what
    /// enrichment adds (medians of the rounds).
    Enrich {
        /// How many documents.
        #[arg(long, default_value_t = 100_000)]
        documents: usize,
        /// How many authority names to generate (persons, organizations, places).
        #[arg(long, default_value_t = 20_000)]
        names: usize,
        /// Rounds of the two imports, plain then enriched, each into fresh archives: the
        /// medians are compared, so one slow moment of a shared machine does not decide.
        #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..=20))]
        rounds: u32,
        /// Reader threads for both imports (default: as `chancery import`, one less than
        /// the cores).
        #[arg(long)]
        readers: Option<usize>,
        /// Keep the generated files and archives in this folder instead of a temporary one.
        #[arg(long)]
        keep: Option<PathBuf>,
    },
    /// Import generated documents (200–2,000 words) with indexing, then time a fixed query
    /// mix; the same on tantivy alone gives the ratio of what Chancery adds.
    Search {
        /// How many documents.
        #[arg(long, default_value_t = 100_000)]
        documents: usize,
        /// Queries per class.
        #[arg(long, default_value_t = 200)]
        queries: usize,
        /// Keep (and on a later run reuse) the generated archive in this folder.
        #[arg(long)]
        keep: Option<PathBuf>,
        /// Skip the tantivy-alone comparison.
        #[arg(long = "no-baseline")]
        baseline: bool,
    },
}
