//! clap definitions of the command line (the contract scripts rely on: README and docs/json.md).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::search::vocab::{help_list, FilterField};

/// The index directory used when neither `--index` nor `BAOCAO_INDEX` is given.
pub const DEFAULT_INDEX: &str = "index";

fn filter_help(what: &str, field: FilterField) -> String {
    format!("{what}\n\nValues:\n{}", help_list(field))
}

fn type_help() -> String {
    filter_help(
        "Document type slug; a parent slug matches its children (`bao-cao` matches every \
         report). An unknown value is refused (exit 2) with the closest valid one.",
        FilterField::DocType,
    )
}

fn sector_help() -> String {
    filter_help(
        "Sector slug, repeatable (any of them); a parent slug matches its children \
         (`kinh-te` matches `kinh-te/*`). An unknown value is refused (exit 2).",
        FilterField::Sector,
    )
}

fn role_help() -> String {
    filter_help(
        "Role slug of the section. An unknown value is refused (exit 2).",
        FilterField::Role,
    )
}

fn province_help() -> String {
    "Province name, with or without diacritics and in any case (`lang son`, `Lạng Sơn`). \
     A name that is neither a province of Việt Nam nor in the index is refused (exit 2)."
        .to_string()
}

/// Full-text search over Vietnamese government reports.
///
/// Index report files once, then search them by phrase (with or without diacritics),
/// filter by year, sector, document type, role and province, list the figures behind a
/// phrase, or check how a file is parsed.
#[derive(Debug, Parser)]
#[command(name = "baocao", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// Index directory [default: ./index, built from ./corpus on first use]. A directory
    /// given here (or in BAOCAO_INDEX) that holds no index is an error for the reading
    /// commands, never a new index.
    #[arg(long, global = true, env = "BAOCAO_INDEX", value_name = "DIR")]
    pub index: Option<PathBuf>,

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

impl Cli {
    /// The index directory: `--index`, else `BAOCAO_INDEX`, else `./index`.
    pub fn index_dir(&self) -> PathBuf {
        self.index
            .clone()
            .unwrap_or_else(|| PathBuf::from(DEFAULT_INDEX))
    }

    /// Whether the index directory is the default one (which the reading commands may
    /// build from `./corpus`), not one the user named.
    pub fn index_is_default(&self) -> bool {
        self.index.is_none()
    }
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
    #[command(after_help = EXAMPLES_INDEX)]
    Index(IndexArgs),
    /// Ranked sections and footnotes with highlighted snippets.
    #[command(after_help = EXAMPLES_SEARCH)]
    Search(SearchArgs),
    /// Matching reports and units per year (or period, province, type…): a bar chart.
    #[command(after_help = EXAMPLES_TIMELINE)]
    Timeline(TimelineArgs),
    /// Counts per facet value (year, period, doc_type, sector, role, province, issuer) for a query.
    #[command(after_help = EXAMPLES_FACETS)]
    Facets(FacetsArgs),
    /// The figures (number + unit) in sentences that match a query.
    #[command(after_help = EXAMPLES_FIGURES)]
    Figures(FiguresArgs),
    /// A report's outline (file name or doc id), or one section with its footnotes.
    #[command(after_help = EXAMPLES_SHOW)]
    Show(ShowArgs),
    /// How one file is split and tagged, without indexing.
    #[command(after_help = EXAMPLES_PARSE)]
    Parse(ParseArgs),
    /// Documents, sections, footnotes, index size and per-facet totals.
    #[command(after_help = EXAMPLES_STATS)]
    Stats,
    /// Verify the index: checksums of every segment file, meta.json and baocao.json.
    Check,
    /// A read-only web page (and JSON API) over the index, on this machine.
    #[command(after_help = EXAMPLES_SERVE)]
    Serve(ServeArgs),
    /// Shell completions for bash, zsh, fish, elvish or PowerShell, on stdout.
    #[command(after_help = EXAMPLES_COMPLETIONS)]
    Completions(CompletionsArgs),
    /// The manual page (roff), on stdout or into a folder.
    #[command(after_help = EXAMPLES_MAN)]
    Man(ManArgs),
}

/// Arguments of `baocao serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Port to listen on (0: any free port; the URL is printed on start).
    #[arg(long, default_value_t = 8080, value_name = "PORT")]
    pub port: u16,
    /// Address to listen on; the default serves this machine only.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    pub bind: std::net::IpAddr,
}

const EXAMPLES_INDEX: &str = "Examples:
  baocao index                          # corpus/ (the default)
  baocao index ~/reports 2024/bc.docx   # folders (recursively) and files
  baocao index --prune ~/reports        # also drop reports whose files were deleted
  baocao --index /tmp/idx index --rebuild corpus";

const EXAMPLES_SEARCH: &str = "Examples:
  baocao search \"giải ngân vốn đầu tư công\"
  baocao search \"giai ngan von dau tu cong\" --year 2023
  baocao search '\"đầu tư công\" -\"trung ương\"'          # phrase, excluded phrase
  baocao search '\"giải ngân đầu tư\"~3'                     # words within 3 of each other
  baocao search 'thuỷ* OR heading:(điện lực)' --type bao-cao/thang
  baocao search \"giải ngân\" --group report                 # one entry per report
  baocao --json search \"giải ngân\" --limit 100 | jq -r '.hits[].id'";

const EXAMPLES_TIMELINE: &str = "Examples:
  baocao timeline \"giải ngân vốn đầu tư công\"               # per year
  baocao timeline \"giai ngan\" --by period --count reports
  baocao timeline \"giải ngân\" --by province --sector kinh-te
  baocao timeline \"giải ngân\" --csv > giai-ngan-theo-nam.csv";

const EXAMPLES_FACETS: &str = "Examples:
  baocao facets \"giải ngân\"                                 # every facet
  baocao facets \"giải ngân\" --field sector --limit 5
  baocao facets --count reports                              # reports, not units
  baocao --json facets \"giải ngân\" | jq '.facets.year'";

const EXAMPLES_FIGURES: &str = "Examples:
  baocao figures \"giải ngân\" --year 2024
  baocao figures \"giai ngan\" --csv > giai-ngan.csv
  baocao figures \"thu ngân sách\" --limit 20 --offset 20     # figures 21-40
  baocao --json figures \"thu ngân sách\" --type bao-cao/thang";

const EXAMPLES_SHOW: &str = "Examples:
  baocao show 000_15b6f46b6783cbe2.txt                 # outline of a report
  baocao show '000-15b6f46b6783cbe2#II.1.3'            # one section (as printed by search)
  baocao show corpus/000_15b6f46b6783cbe2.txt:120      # the section at a file's line
  baocao show 004-423ec5bd75490e40#Phan I.II.1.5        # without diacritics, unquoted";

const EXAMPLES_PARSE: &str = "Examples:
  baocao parse corpus/003_3d8158ef19581955.txt
  baocao --json parse report.docx | jq '.sections[].id'";

const EXAMPLES_STATS: &str = "Examples:
  baocao stats
  baocao --json stats | jq .reports";

const EXAMPLES_SERVE: &str = "Examples:
  baocao serve                           # http://127.0.0.1:8080/ over the index
  baocao serve --port 0                  # any free port (the URL is printed)
  curl 'http://127.0.0.1:8080/api/search?q=giai+ngan&year=2024'";

const EXAMPLES_COMPLETIONS: &str = "Examples:
  baocao completions bash > ~/.local/share/bash-completion/completions/baocao
  baocao completions zsh > ~/.zfunc/_baocao
  baocao completions fish > ~/.config/fish/completions/baocao.fish";

const EXAMPLES_MAN: &str = "Examples:
  baocao man | man -l -
  baocao man --dir ~/.local/share/man/man1     # baocao.1 and one page per command";

/// Arguments of `baocao index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Files and folders to index (folders recursively: .txt, .md and other supported formats).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Remove from the index the reports whose files have vanished.
    #[arg(long)]
    pub prune: bool,
    /// Build the index anew beside the old one, then swap it in (the old index stays
    /// searchable until the new one is complete, and is kept if the rebuild fails).
    #[arg(long)]
    pub rebuild: bool,
    /// Leave out of the folders walked the paths matching GLOB (gitignore syntax, relative
    /// to each folder given: `*.pdf`, `drafts/`); repeatable. `.ignore` and `.gitignore`
    /// files are honoured too.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Commit after every MB megabytes (10^6 bytes) of parsed source (default 64): a killed
    /// run loses at most that much work.
    #[arg(long, value_name = "MB", value_parser = clap::value_parser!(u64).range(1..))]
    pub commit_every: Option<u64>,
    /// Largest file read, in MB (default 32); also the most text one file may expand to.
    #[arg(long, value_name = "MB", value_parser = clap::value_parser!(u64).range(1..=4096))]
    pub max_file_mb: Option<u64>,
    /// Seconds a converter (pdftotext, antiword) may take on one file before it is
    /// stopped and the file skipped (default 120).
    #[arg(long, value_name = "SECS", value_parser = clap::value_parser!(u64).range(1..=86400))]
    pub convert_timeout: Option<u64>,
}

/// Filters shared by `search`, `timeline`, `facets` and `figures`.
#[derive(Debug, Args, Clone, Default)]
pub struct FilterArgs {
    /// Year or range of years covered by the report: `2024`, `2017..2019`.
    #[arg(long, value_name = "YEAR|FROM..TO")]
    pub year: Option<String>,
    /// Sector slug (repeatable); a parent slug matches its children.
    #[arg(long, value_name = "SLUG", long_help = sector_help())]
    pub sector: Vec<String>,
    /// Document type slug, e.g. `bao-cao/thang` (`bao-cao` matches all reports).
    #[arg(long = "type", value_name = "SLUG", long_help = type_help())]
    pub doc_type: Option<String>,
    /// Period of the report as `facets` lists it: `2024`, `2024-02`, `2024-Q3`.
    #[arg(long, value_name = "PERIOD")]
    pub period: Option<String>,
    /// Role slug: tinh-hinh, han-che, nhiem-vu, kien-nghi.
    #[arg(long, value_name = "SLUG", long_help = role_help())]
    pub role: Option<String>,
    /// Province name, with or without diacritics.
    #[arg(long, value_name = "NAME", long_help = province_help())]
    pub province: Option<String>,
    /// Issuing body, with or without diacritics: all of it (`"Sở Nội vụ tỉnh Lâm Đồng"`) or
    /// its first words (`"so noi vu"` matches every Sở Nội vụ).
    #[arg(long, value_name = "NAME")]
    pub issuer: Option<String>,
    /// Which units to count and return.
    #[arg(long, value_enum, default_value_t = KindFilter::All)]
    pub kind: KindFilter,
}

/// `--limit` and `--offset` of the commands that page through a list.
#[derive(Debug, Args, Clone)]
pub struct PageArgs {
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

/// How `search` groups its results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GroupBy {
    /// One entry per report, with its best units under it.
    Report,
}

/// What a count counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum CountWhat {
    /// Matching sections and footnotes.
    #[default]
    Units,
    /// Reports with at least one matching unit.
    Reports,
}

/// Arguments of `baocao search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words, "quoted phrases", "phrase"~N, prefix*, -excluded, OR, heading: and text:.
    #[arg(value_name = "QUERY", allow_hyphen_values = true, long_help = QUERY_HELP)]
    pub query: String,
    /// Order of the hits: best match first, or newest report first (its date, else the
    /// end of its period).
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    pub sort: SortArg,
    /// Filters.
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Paging (with --group report: of reports).
    #[command(flatten)]
    pub page: PageArgs,
    /// One entry per report, with its best units under it (limit/offset count reports).
    #[arg(long, value_enum, value_name = "WHAT")]
    pub group: Option<GroupBy>,
    /// Only the exact spelling of every word, diacritics included (`heading:lâm` does not
    /// find "làm"); also written by starting the query with `=`.
    #[arg(long)]
    pub exact: bool,
    /// The words as typed only: no number words (hai = 2), no abbreviations (CCHC = cải
    /// cách hành chính) and no "missing one word" results when few units match.
    #[arg(long)]
    pub no_expand: bool,
    /// At most N units of one report in the list (the others counted as "+N more in this
    /// report"); units with the same text are shown once ("also in …"). 0 = all
    /// [default: 2 in human output; JSON lists every unit unless this is given].
    #[arg(long, value_name = "N")]
    pub per_report: Option<usize>,
}

/// The query syntax, for `--help`.
pub const QUERY_HELP: &str = "The query. Words are all required (AND between them is \
allowed and changes nothing); \"quoted phrase\" keeps the words together; \"phrase\"~N allows \
N other words between them in all; word* is a prefix (at most a few dozen indexed words may \
start with it); -word, -\"phrase\" or NOT word excludes; a OR b needs one of them; ( … ) \
groups; heading: and text: restrict a word, phrase or group. Operators are upper case. \
Fuzzy word~, boosts word^2, ? wildcards and other field: prefixes are refused (exit 2).";

/// Arguments of `baocao timeline`.
#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// The query (same syntax as `search`).
    #[arg(value_name = "QUERY", allow_hyphen_values = true, long_help = QUERY_HELP)]
    pub query: String,
    /// Filters.
    #[command(flatten)]
    pub filters: FilterArgs,
    /// The facet to count by: year, period, type (doc_type), province, sector, role, or
    /// another facet field of the index.
    #[arg(long, default_value = "year", value_name = "FACET")]
    pub by: String,
    /// What the bars measure (both counts are printed).
    #[arg(long, value_enum, default_value_t = CountWhat::Units)]
    pub count: CountWhat,
    /// CSV output (RFC 4180, UTF-8, header row).
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
    /// Width of the chart in columns [default: the terminal's, or COLUMNS, or 80].
    #[arg(long, value_name = "COLS", value_parser = clap::value_parser!(u16).range(20..))]
    pub width: Option<u16>,
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
    /// What to count per value.
    #[arg(long, value_enum, default_value_t = CountWhat::Units)]
    pub count: CountWhat,
    /// At most N values per facet (the largest counts; years and periods: the latest).
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
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
    /// Paging over the figures (not the sections).
    #[command(flatten)]
    pub page: PageArgs,
}

/// Arguments of `baocao show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A file name or doc id (outline); a unit id like `doc_id#II.1.3` as printed by
    /// `search` (case, diacritics and quoting optional: words of an id with spaces may be
    /// given as separate arguments); or FILE:LINE (the section holding that line).
    #[arg(value_name = "TARGET", required = true, num_args = 1..)]
    pub target: Vec<String>,
}

/// Arguments of `baocao parse`.
#[derive(Debug, Args)]
pub struct ParseArgs {
    /// The report file to parse.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

/// Arguments of `baocao completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

/// Arguments of `baocao man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write baocao.1 and one page per command (baocao-search.1 …) into this folder
    /// instead of printing baocao.1.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}
