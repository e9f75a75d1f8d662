//! The site's Tera templates and static files. The defaults are compiled into the binary
//! (from templates/site/), so `zanbook build` works anywhere; a directory given with
//! `--templates` overrides any of them by file name.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};
use tera::Tera;

/// Built-in templates: (name, source).
pub(crate) const TEMPLATES: [(&str, &str); 14] = [
    (
        "statute.html",
        include_str!("../../../templates/site/statute.html"),
    ),
    (
        "statutes.html",
        include_str!("../../../templates/site/statutes.html"),
    ),
    (
        "base.html",
        include_str!("../../../templates/site/base.html"),
    ),
    (
        "macros.html",
        include_str!("../../../templates/site/macros.html"),
    ),
    (
        "index.html",
        include_str!("../../../templates/site/index.html"),
    ),
    (
        "document.html",
        include_str!("../../../templates/site/document.html"),
    ),
    (
        "page.html",
        include_str!("../../../templates/site/page.html"),
    ),
    (
        "glossary.html",
        include_str!("../../../templates/site/glossary.html"),
    ),
    (
        "questions.html",
        include_str!("../../../templates/site/questions.html"),
    ),
    (
        "cases.html",
        include_str!("../../../templates/site/cases.html"),
    ),
    (
        "sources.html",
        include_str!("../../../templates/site/sources.html"),
    ),
    (
        "listing-index.html",
        include_str!("../../../templates/site/listing-index.html"),
    ),
    (
        "diagnostics.html",
        include_str!("../../../templates/site/diagnostics.html"),
    ),
    (
        "search.html",
        include_str!("../../../templates/site/search.html"),
    ),
];

/// Built-in static files, copied to `static/`.
pub const STATIC_FILES: [(&str, &[u8]); 3] = [
    (
        "style.css",
        include_bytes!("../../../templates/site/static/style.css"),
    ),
    (
        "site.js",
        include_bytes!("../../../templates/site/static/site.js"),
    ),
    (
        "search.js",
        include_bytes!("../../../templates/site/static/search.js"),
    ),
];

/// Loads the templates: the built-in ones, each replaced by a file of the same name in
/// `overrides` when there is one.
pub fn load(overrides: Option<&Path>) -> Result<Tera> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html"]);
    tera.set_escape_fn(escape_html);
    super::markup::register(&mut tera);
    let mut sources: Vec<(String, String)> = Vec::new();
    for (name, builtin) in TEMPLATES {
        let text = match override_file(overrides, name) {
            Some(path) => std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?,
            None => builtin.to_string(),
        };
        sources.push((name.to_string(), text));
    }
    tera.add_raw_templates(sources).map_err(|e| {
        let dir = overrides.unwrap_or(Path::new("templates/site"));
        Error::input(dir, None, describe(&e)).with_hint("fix the template's Tera syntax")
    })?;
    Ok(tera)
}

/// Where template `name` comes from: the file of that name in `overrides` when there is
/// one, else the built-in's source path (for error messages).
pub fn source_path(overrides: Option<&Path>, name: &str) -> PathBuf {
    override_file(overrides, name).unwrap_or_else(|| Path::new("templates/site").join(name))
}

/// The file that overrides template `name`, if `overrides` has one.
pub(crate) fn override_file(overrides: Option<&Path>, name: &str) -> Option<PathBuf> {
    overrides.map(|dir| dir.join(name)).filter(|p| p.is_file())
}

/// Escapes text for HTML content and quoted attribute values. (Tera's default also escapes
/// `/`, which is safe but turns every path into `&#x2F;`.)
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    super::markup::escape_into(&mut out, text);
    out
}

/// A Tera error with its causes, on one line.
pub fn describe(err: &tera::Error) -> String {
    let mut text = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
