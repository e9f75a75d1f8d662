//! The `zanbook` command line: parse arguments, call the library, map errors to exit codes
//! (0 success, 1 wrong input, 2 usage or I/O).

mod cmd;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

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
        Command::Build { corpus, out } => cmd::build::run(&corpus, &out),
        Command::Check { corpus, json } => cmd::check::run(&corpus, json),
        Command::Graph { corpus, format } => cmd::graph::run(&corpus, format),
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
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(err.exit_code() as u8)
        }
    }
}
