//! `zanbook handout SPEC.yaml [-o DIR]`: check a trainer's handout spec against the corpus
//! (every problem printed rustc-style, exit 1, nothing written), then write the student and
//! trainer copies as PDF and HTML: `<stem>.student.pdf`, `<stem>.trainer.pdf`, `.html` too.

use std::path::PathBuf;
use zanbook::act::report;
use zanbook::handout::{self, Includes, Renderer, Sources};
use zanbook::{Error, Result};

pub struct Args {
    pub spec: PathBuf,
    pub out: Option<PathBuf>,
    pub corpus: PathBuf,
    pub templates: PathBuf,
    pub site: Option<String>,
    pub check_only: bool,
}

pub fn run(args: Args) -> Result<u8> {
    let source = super::read_utf8(&args.spec)?;
    let corpus = zanbook::load::load_corpus(&args.corpus)?;
    let compiled = zanbook::pipeline::compile(&corpus)?;
    let sources = Sources::new(&compiled.graph, &corpus.statutes, args.site.as_deref());
    let base = match args.spec.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let root = std::env::current_dir().map_err(|e| Error::io(".", e))?;
    let includes = Includes::new(&base, &root);
    let (built, diagnostics) = handout::prepare(&source, &includes, &sources);
    let shown = args.spec.display().to_string();
    let mut errors = 0;
    for d in &diagnostics {
        eprint!("{}", report::render(d, &shown, &source));
        eprintln!();
        errors += usize::from(d.is_error());
    }
    let warnings = diagnostics.len() - errors;
    let Some(built) = built else {
        eprintln!("handout: {errors} error(s), {warnings} warning(s); nothing was written");
        return Ok(1);
    };
    if args.check_only {
        eprintln!("handout: checked, {warnings} warning(s)");
        return Ok(0);
    }
    let renderer = Renderer::new(&args.templates)?;
    let stem = args
        .spec
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "handout".into());
    let outputs = handout::render_all(&built, &renderer, &stem)
        .map_err(|m| Error::input(&args.spec, None, format!("rendering failed: {m}")))?;
    let dir = args.out.unwrap_or(base);
    for output in outputs {
        let path = dir.join(&output.name);
        zanbook::act::render::write_atomic(&path, &output.bytes)?;
        eprintln!("wrote {}", path.display());
    }
    Ok(0)
}
