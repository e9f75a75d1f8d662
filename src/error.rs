//! Errors as values. Each carries the file (and line, where there is one) and a hint that
//! says what to do, and maps to the command line's exit code: 1 for wrong input, 2 for usage
//! and I/O.

use std::fmt;
use std::path::{Path, PathBuf};

/// Something zanbook could not do, and why.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input is wrong: a corpus file, a manifest, a YAML file. Exit code 1.
    #[error("{}", format_located(path, *line, message, hint.as_deref()))]
    Input {
        path: PathBuf,
        line: Option<usize>,
        message: String,
        hint: Option<String>,
    },
    /// A file or directory could not be read or written. Exit code 2.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The command line is wrong. Exit code 2.
    #[error("{0}")]
    Usage(String),
    /// The input was read but has errors (diagnostics were already printed). Exit code 1.
    #[error("{0}")]
    Diagnostics(String),
}

fn format_located(path: &Path, line: Option<usize>, message: &str, hint: Option<&str>) -> String {
    let mut out = match line {
        Some(line) => format!("{}:{line}: {message}", path.display()),
        None => format!("{}: {message}", path.display()),
    };
    if let Some(hint) = hint {
        out.push_str(&format!("\n  hint: {hint}"));
    }
    out
}

impl Error {
    pub fn input(
        path: impl Into<PathBuf>,
        line: Option<usize>,
        message: impl fmt::Display,
    ) -> Self {
        Error::Input {
            path: path.into(),
            line,
            message: message.to_string(),
            hint: None,
        }
    }

    /// Adds a hint (what the user should do) to an input error.
    pub fn with_hint(mut self, text: impl fmt::Display) -> Self {
        if let Error::Input { hint, .. } = &mut self {
            *hint = Some(text.to_string());
        }
        self
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// The process exit code for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Input { .. } | Error::Diagnostics(_) => 1,
            Error::Io { .. } | Error::Usage(_) => 2,
        }
    }
}

/// Turns a YAML error into an input error that names the file and line.
pub fn yaml_error(path: &Path, err: serde_norway::Error) -> Error {
    let line = err.location().map(|l| l.line());
    // The library's message repeats the position; keep only the part before it.
    let text = err.to_string();
    let message = match text.find(" at line ") {
        Some(at) => text[..at].to_string(),
        None => text,
    };
    Error::input(path, line, message)
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
