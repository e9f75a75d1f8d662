//! `zanbook act`: validate and typeset prosecutor's acts.
//!
//! * `zanbook act FILE... [-o OUT]` — check every file first (all errors of all files are
//!   printed, rustc-style); when none has an error, typeset each to PDF/A. With one file `-o`
//!   names the PDF; with several it names a directory. Without `-o` the PDF is written beside
//!   the YAML file.
//! * `zanbook act --schema TYPE` — the JSON Schema of an act type.
//! * `zanbook act --list` — the act types.

use std::path::{Path, PathBuf};
use zanbook::act::{report, Engine};
use zanbook::{Error, Result};

pub struct Args {
    pub files: Vec<PathBuf>,
    pub out: Option<PathBuf>,
    pub schema: Option<String>,
    pub list: bool,
    pub templates: PathBuf,
    pub corpus: PathBuf,
    pub check_only: bool,
}

pub fn run(args: Args) -> Result<u8> {
    let engine = Engine::load(&args.templates, Some(&args.corpus))?;
    if args.list {
        for schema in engine.schemas() {
            println!("{:<28} {} — {}", schema.name, schema.label, schema.law);
        }
        return Ok(0);
    }
    if let Some(name) = &args.schema {
        let schema = engine.schema(name).ok_or_else(|| {
            let names: Vec<&str> = engine.schemas().map(|s| s.name.as_str()).collect();
            Error::Usage(format!(
                "unknown act type `{name}`; the types are: {}",
                names.join(", ")
            ))
        })?;
        let text = serde_json::to_string_pretty(&schema.json_schema()).unwrap_or_default();
        println!("{text}");
        return Ok(0);
    }
    if args.files.is_empty() {
        return Err(Error::Usage(
            "give one or more act files, or --list, or --schema TYPE".into(),
        ));
    }
    render_files(&engine, &args)
}

fn render_files(engine: &Engine, args: &Args) -> Result<u8> {
    let mut checked = Vec::new();
    let mut errors = 0;
    let mut warnings = 0;
    for file in &args.files {
        let source = super::read_utf8(file)?;
        let outcome = engine.check(&source);
        let shown = file.display().to_string();
        for d in &outcome.checked.diagnostics {
            eprint!("{}", report::render(d, &shown, &source));
            eprintln!();
            if d.is_error() {
                errors += 1;
            } else {
                warnings += 1;
            }
        }
        checked.push((file, outcome));
    }
    if errors > 0 {
        eprintln!("act: {errors} error(s), {warnings} warning(s); nothing was typeset");
        return Ok(1);
    }
    if args.check_only {
        eprintln!(
            "act: {} file(s) checked, {warnings} warning(s)",
            checked.len()
        );
        return Ok(0);
    }
    let several = args.files.len() > 1;
    let mut outputs = std::collections::HashSet::new();
    for file in &args.files {
        let out = output_path(file, args.out.as_deref(), several);
        if !outputs.insert(out.clone()) {
            return Err(Error::Usage(format!(
                "two act files would be written to `{}`; rename one of them",
                out.display()
            )));
        }
    }
    for (file, outcome) in &checked {
        let out = output_path(file, args.out.as_deref(), several);
        let pdf = engine
            .render(outcome)
            .map_err(|m| Error::input(file.as_path(), None, format!("typesetting failed: {m}")))?;
        zanbook::act::render::write_atomic(&out, &pdf)?;
        eprintln!("wrote {}", out.display());
    }
    Ok(0)
}

fn output_path(file: &Path, out: Option<&Path>, several: bool) -> PathBuf {
    let stem = file
        .file_stem()
        .map(|s| s.to_os_string())
        .unwrap_or_else(|| "act".into());
    let mut name = PathBuf::from(stem);
    name.set_extension("pdf");
    match out {
        Some(dir) if several => dir.join(name),
        Some(path) => path.to_path_buf(),
        None => file.with_extension("pdf"),
    }
}
