//! Trainer handouts: a short YAML spec becomes a case-study handout, a student copy and a
//! trainer copy, each as PDF (the acts' Typst engine) and as an HTML page (the site's style).
//!
//! ```text
//! spec.yaml ─ act::yaml (positions, hostile-input limits) ─ spec (shape, includes)
//!           ─ assemble (ids and citations against the graph) ─ Handout
//!           ─ copy(student | trainer) ─ render (Typst PDF/A-2b, Tera HTML)
//! ```
//!
//! Problems are reported like the acts' (rustc-style, file:line:column, did-you-mean), all
//! at once; a spec with an error writes nothing.

pub mod assemble;
pub mod include;
pub mod render;
pub mod spec;

use crate::act::calendar::Date;
use crate::act::report::{ActDiagnostic, Severity};
use crate::act::yaml;
pub use assemble::{Handout, Sources};
pub use include::Includes;
pub use render::Renderer;
use spec::Diags;

/// Reads, checks and assembles a spec. The handout is `None` when anything is an error;
/// the diagnostics (errors and warnings) are sorted by position.
pub fn prepare(
    source: &str,
    includes: &Includes,
    sources: &Sources,
) -> (Option<Handout>, Vec<ActDiagnostic>) {
    let mut diags = Diags::default();
    let root = match yaml::parse(source) {
        Ok(root) => root,
        Err(err) => {
            // The reader is the acts'; its words are about act files.
            let hint = match err.code {
                "empty" => Some("a handout spec is a mapping that starts with `title:`".into()),
                "too-large" => Some("put long texts in included Markdown files".into()),
                _ => err.hint,
            };
            diags.0.push(ActDiagnostic {
                severity: Severity::Error,
                code: err.code,
                message: err.message.replace("act file", "handout spec"),
                field: String::new(),
                pos: err.pos,
                len: 1,
                hint,
            });
            return (None, diags.0);
        }
    };
    let spec = spec::read(&root, includes, &mut diags);
    let handout = spec.map(|s| assemble::assemble(&s, sources, &mut diags));
    diags.0.sort_by_key(|d| (d.pos.line, d.pos.col));
    let handout = handout.filter(|_| !diags.has_errors());
    (handout, diags.0)
}

/// One output file: its name (`<stem>.student.pdf`, …) and its bytes.
pub struct Output {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Renders both copies in both formats (four files), in memory: nothing is written until
/// everything has rendered.
pub fn render_all(
    handout: &Handout,
    renderer: &Renderer,
    stem: &str,
) -> Result<Vec<Output>, String> {
    let date = handout
        .meta
        .date
        .as_deref()
        .and_then(|d| Date::parse(d).ok())
        .unwrap_or_else(today);
    let mut out = Vec::new();
    for (trainer, name) in [(false, "student"), (true, "trainer")] {
        let copy = handout.copy(trainer);
        let ident = format!("handout/{stem}/{name}");
        out.push(Output {
            name: format!("{stem}.{name}.pdf"),
            bytes: renderer.pdf(&copy, date, &ident)?,
        });
        out.push(Output {
            name: format!("{stem}.{name}.html"),
            bytes: renderer.html(&copy)?.into_bytes(),
        });
    }
    Ok(out)
}

/// Today's date (UTC), for a handout that gives none.
fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    Date::from_days((secs / 86_400) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Graph;

    #[test]
    fn yaml_errors_speak_of_handout_specs() {
        let graph = Graph::default();
        let registry = crate::cite::Registry::default();
        let sources = Sources::new(&graph, &registry, None);
        let includes = Includes::new(std::path::Path::new("."), std::path::Path::new("."));
        let (built, diags) = prepare("a: &x 1\nb: *x\n", &includes, &sources);
        assert!(built.is_none());
        assert!(
            diags[0].message.contains("handout spec"),
            "{}",
            diags[0].message
        );
        let (_, diags) = prepare("", &includes, &sources);
        assert!(diags[0].hint.as_deref().unwrap_or("").contains("title:"));
    }
}
