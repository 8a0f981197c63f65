//! clap definitions of the command line (the contract scripts rely on, SPEC §3).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Full-text search over Vietnamese government reports.
///
/// Index report files once, then search them by phrase (with or without diacritics),
/// filter by year, sector, document type, role and province, list the figures behind a
/// phrase, or check how a file is parsed.
#[derive(Debug, Parser)]
#[command(name = "baocao", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// Index directory.
    #[arg(
        long,
        global = true,
        env = "BAOCAO_INDEX",
        default_value = "index",
        value_name = "DIR"
    )]
    pub index: PathBuf,

    /// Machine output on stdout (JSON), nothing else on stdout.
    #[arg(long, global = true)]
    pub json: bool,

    /// When to colour the output (NO_COLOR is honoured with `auto`).
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// When to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// The sub-commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse and index report files and folders (default: corpus/). Incremental.
    Index(IndexArgs),
    /// Ranked sections and footnotes with highlighted snippets.
    Search(SearchArgs),
    /// Counts per facet value (year, sector, doc_type, role, province, issuer) for a query.
    Facets(FacetsArgs),
    /// The figures (number + unit) in sentences that match a query.
    Figures(FiguresArgs),
    /// A report's outline (file name or doc id), or one section with its footnotes.
    Show(ShowArgs),
    /// How one file is split and tagged, without indexing.
    Parse(ParseArgs),
    /// Documents, sections, footnotes, index size and per-facet totals.
    Stats,
}

/// Arguments of `baocao index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Files and folders to index (folders recursively: .txt, .md and other supported formats).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Remove from the index the reports whose files have vanished.
    #[arg(long)]
    pub prune: bool,
    /// Delete the index and build it anew.
    #[arg(long)]
    pub rebuild: bool,
    /// Leave out of the folders walked the paths matching GLOB (gitignore syntax, relative
    /// to each folder given: `*.pdf`, `drafts/`); repeatable. `.ignore` and `.gitignore`
    /// files are honoured too.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Commit after every MB megabytes of parsed source (default 64): a killed run loses at
    /// most that much work.
    #[arg(long, value_name = "MB", value_parser = clap::value_parser!(u64).range(1..))]
    pub commit_every: Option<u64>,
}

/// Filters shared by `search`, `facets` and `figures`.
#[derive(Debug, Args, Clone, Default)]
pub struct FilterArgs {
    /// Year or range of years covered by the report: `2024`, `2017..2019`.
    #[arg(long, value_name = "YEAR|FROM..TO")]
    pub year: Option<String>,
    /// Sector slug; a parent slug matches its children (`kinh-te` matches `kinh-te/*`).
    #[arg(long, value_name = "SLUG")]
    pub sector: Vec<String>,
    /// Document type slug, e.g. `bao-cao/thang` (`bao-cao` matches all reports).
    #[arg(long = "type", value_name = "SLUG")]
    pub doc_type: Option<String>,
    /// Role slug: tinh-hinh, han-che, nhiem-vu, kien-nghi.
    #[arg(long, value_name = "SLUG")]
    pub role: Option<String>,
    /// Province name, with or without diacritics.
    #[arg(long, value_name = "NAME")]
    pub province: Option<String>,
    /// Issuing body, with or without diacritics: all of it (`"Sở Nội vụ tỉnh Lâm Đồng"`) or
    /// its first words (`"so noi vu"` matches every Sở Nội vụ).
    #[arg(long, value_name = "NAME")]
    pub issuer: Option<String>,
    /// Which units to return.
    #[arg(long, value_enum, default_value_t = KindFilter::All)]
    pub kind: KindFilter,
    /// Maximum number of results.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub limit: usize,
    /// Number of results to skip.
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub offset: usize,
}

/// Which indexed units a query returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum KindFilter {
    /// Sections only.
    Section,
    /// Footnotes only.
    Footnote,
    /// Both.
    #[default]
    All,
}

/// The order of `search` hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum SortArg {
    /// Best match first.
    #[default]
    Relevance,
    /// Newest report first.
    Date,
}

/// Arguments of `baocao search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words, "quoted phrases", -excluded, OR, heading: and text: prefixes.
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: String,
    /// Order of the hits: best match first, or newest report first (its date, else the
    /// end of its period).
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    pub sort: SortArg,
    /// Filters.
    #[command(flatten)]
    pub filters: FilterArgs,
}

/// Arguments of `baocao facets`.
#[derive(Debug, Args)]
pub struct FacetsArgs {
    /// Optional query; without it, counts over the whole index.
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: Option<String>,
    /// Only this facet: year, period, sector, doc_type, role, province, issuer.
    #[arg(long, value_name = "F")]
    pub field: Option<String>,
    /// Filters.
    #[command(flatten)]
    pub filters: FilterArgs,
}

/// Arguments of `baocao figures`.
#[derive(Debug, Args)]
pub struct FiguresArgs {
    /// The query whose matching sentences are searched for figures.
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: String,
    /// CSV output (RFC 4180, UTF-8, header row).
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
    /// Filters.
    #[command(flatten)]
    pub filters: FilterArgs,
}

/// Arguments of `baocao show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A file name or doc id (outline), or a section id like `doc_id#II.1.3`.
    #[arg(value_name = "TARGET")]
    pub target: String,
}

/// Arguments of `baocao parse`.
#[derive(Debug, Args)]
pub struct ParseArgs {
    /// The report file to parse.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}
