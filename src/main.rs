//! The `zanbook` command line: parse arguments, call the library, map errors to exit codes
//! (0 success, 1 wrong input, 2 usage or I/O).

mod cmd;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Many small allocations on every core (tokens, rendered pages): mimalloc spends less time
/// in them than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "zanbook", version, about = "A compiler for Kazakh legal texts")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the whole pipeline and write the study site.
    Build {
        /// The corpus directory (with corpus.yaml).
        #[arg(long, default_value = "corpus")]
        corpus: PathBuf,
        /// Where to write the site.
        #[arg(long, default_value = "site")]
        out: PathBuf,
        /// A directory of Tera templates that override the built-in ones by file name.
        #[arg(long)]
        templates: Option<PathBuf>,
        /// Do not write the search index (site/search/).
        #[arg(long)]
        no_search: bool,
    },
    /// Build, serve the site on 127.0.0.1, rebuild and reload on change.
    Serve {
        #[arg(long, default_value = "corpus")]
        corpus: PathBuf,
        #[arg(long, default_value = "site")]
        out: PathBuf,
        #[arg(long)]
        templates: Option<PathBuf>,
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// The address to listen on; 127.0.0.1 unless given.
        #[arg(long)]
        host: Option<std::net::IpAddr>,
    },
    /// Search the built site's index: the same engine and files the site's search box uses.
    Search {
        /// The query: words (any inflection, Russian too), "a phrase", ҚК 40-бап.
        query: String,
        /// Print JSON: an array of hits with id, url, title, score, snippet, source.
        #[arg(long)]
        json: bool,
        /// The most hits to print.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// The built site (what `zanbook build --out` wrote).
        #[arg(long, default_value = "site")]
        site: PathBuf,
    },
    /// Report diagnostics only; exit 1 if any is an error.
    Check {
        #[arg(long, default_value = "corpus")]
        corpus: PathBuf,
        /// Print diagnostics as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print the article graph.
    Graph {
        #[arg(long, default_value = "corpus")]
        corpus: PathBuf,
        #[arg(long, value_enum, default_value_t = cmd::graph::Format::Json)]
        format: cmd::graph::Format,
    },
    /// Print the citations found in the text read from stdin.
    Cite {
        /// Print JSON (an array of citations with character offsets).
        #[arg(long)]
        json: bool,
        /// The date of the text's wording (YYYY-MM-DD): picks statute editions.
        #[arg(long)]
        date: Option<String>,
        /// The statute registry.
        #[arg(long, default_value = "corpus/statutes.yaml")]
        statutes: PathBuf,
    },
    /// Validate prosecutor's acts (YAML) and typeset them to PDF/A.
    Act {
        /// Act files (YAML). Several files are checked, then typeset in one batch.
        files: Vec<PathBuf>,
        /// The PDF to write (one file) or the directory for the PDFs (several files).
        #[arg(short, long)]
        out: Option<PathBuf>,
        /// Print the JSON Schema of an act type.
        #[arg(long, value_name = "TYPE")]
        schema: Option<String>,
        /// List the act types.
        #[arg(long)]
        list: bool,
        /// Only check the files; typeset nothing.
        #[arg(long)]
        check: bool,
        /// The directory of act templates, schemas and rule data.
        #[arg(long, default_value = "templates/acts")]
        templates: PathBuf,
        /// The corpus directory (its statutes.yaml, when present, lists citable acts).
        #[arg(long, default_value = "corpus")]
        corpus: PathBuf,
    },
    /// Build a trainer's handout (student and trainer copies, PDF and HTML) from a YAML spec.
    Handout {
        /// The handout spec (YAML).
        spec: PathBuf,
        /// The directory for the four files (default: beside the spec).
        #[arg(short, long)]
        out: Option<PathBuf>,
        /// The corpus directory (with corpus.yaml and statutes.yaml).
        #[arg(long, default_value = "corpus")]
        corpus: PathBuf,
        /// The directory of the handout's Typst template (and an optional handout.html).
        #[arg(long, default_value = "templates/handout")]
        templates: PathBuf,
        /// The study site's address: citations and sources then link to its pages.
        #[arg(long)]
        site: Option<String>,
        /// Only check the spec; write nothing.
        #[arg(long)]
        check: bool,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return ExitCode::from(if err.use_stderr() { 2 } else { 0 });
        }
    };
    let result = match cli.command {
        Command::Build {
            corpus,
            out,
            templates,
            no_search,
        } => cmd::build::run(&corpus, &out, templates.as_deref(), !no_search),
        Command::Serve {
            corpus,
            out,
            templates,
            port,
            host,
        } => cmd::serve::run(&corpus, &out, templates.as_deref(), host, port),
        Command::Search {
            query,
            json,
            limit,
            site,
        } => cmd::search::run(&query, json, limit, &site),
        Command::Check { corpus, json } => cmd::check::run(&corpus, json),
        Command::Graph { corpus, format } => cmd::graph::run(&corpus, format),
        Command::Cite {
            json,
            date,
            statutes,
        } => cmd::cite::run(&statutes, json, date.as_deref()),
        Command::Act {
            files,
            out,
            schema,
            list,
            check,
            templates,
            corpus,
        } => cmd::act::run(cmd::act::Args {
            files,
            out,
            schema,
            list,
            templates,
            corpus,
            check_only: check,
        }),
        Command::Handout {
            spec,
            out,
            corpus,
            templates,
            site,
            check,
        } => cmd::handout::run(cmd::handout::Args {
            spec,
            out,
            corpus,
            templates,
            site,
            check_only: check,
        }),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(err.exit_code() as u8)
        }
    }
}
