//! Diagnostics: what `zanbook check` reports. Every stage may add some; each names the file
//! and raw line it is about.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A short stable name for the kind of problem (`numbering-gap`, `orphan-note`, …).
    pub code: String,
    pub message: String,
    pub file: String,
    pub line: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub node: Option<String>,
}

impl Diagnostic {
    pub fn new(
        severity: Severity,
        code: &str,
        file: &str,
        line: u32,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity,
            code: code.to_string(),
            message: message.into(),
            file: file.to_string(),
            line,
            node: None,
        }
    }

    pub fn warning(code: &str, file: &str, line: u32, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, file, line, message)
    }

    pub fn error(code: &str, file: &str, line: u32, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, file, line, message)
    }

    pub fn at_node(mut self, node: &str) -> Self {
        self.node = Some(node.to_string());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(
            f,
            "{level}[{}]: {}:{}: {}",
            self.code, self.file, self.line, self.message
        )?;
        if let Some(node) = &self.node {
            write!(f, " ({node})")?;
        }
        Ok(())
    }
}
