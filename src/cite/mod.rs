//! Stage 4, cite: recognise citations in Kazakh legal text, resolve them to statute editions
//! or corpus nodes, and add `cites` / `cited_by` edges to the graph.
//!
//! - [`lexer`]: text → tokens (one pass);
//! - [`lexicon`]: unit words with stem alternation, inflections, ordinals, head nouns;
//! - [`grammar`]: the hand-written parser over tokens → [`Citation`]s;
//! - [`registry`]: `corpus/statutes.yaml` (statutes, editions, surface forms);
//! - [`resolve`]: a citation in its [`Context`] → an edition or a document;
//! - [`link`]: the whole graph → edges, statute units and diagnostics.
//!
//! The date that picks a statute's edition is, for each node, its `amended_on` attribute
//! (nearest ancestor first; the date of an "Ескерту … жаңа редакцияда" note), else the
//! document's header date (`meta.date`), else the manifest's `date`.
//!
//! Diagnostics (all warnings except the first):
//! - `citation-unresolved` (error): an internal reference to a node that does not exist or
//!   is ambiguous; `осы …` where the text is not part of such an act (quoted statute text);
//! - `citation-unknown-act`: an act missing from `statutes.yaml` (once per document);
//! - `citation-edition-ambiguous`: several editions fit and the text has no date;
//! - `citation-not-in-force` / `citation-edition-unknown`: no edition fits the date given;
//! - `citation-no-act`: units with no act before them in the same text;
//! - `citation-alias-ambiguous`: a defined short name (`Заң`) used after another law of the
//!   same kind was cited by its title (resolved by the definition, flagged for review).

pub mod date;
pub mod grammar;
pub mod lexer;
pub mod lexicon;
pub mod link;
pub mod registry;
pub mod resolve;

pub use date::Date;
pub use grammar::{ActRef, Citation, Scanner};
pub use link::link;
pub use registry::Registry;
pub use resolve::{resolve, Context, Resolution, ResolvedAct};

use serde::Serialize;

/// Recognises the citations in one self-contained text (short names it defines apply
/// within it).
pub fn recognize(text: &str, registry: &Registry) -> Vec<Citation> {
    Scanner::new(registry).scan(text)
}

/// A citation as `zanbook cite --json` prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Record {
    pub text: String,
    /// Character offsets into the input.
    pub start: usize,
    pub end: usize,
    /// The adilet id of the edition where it has one, else the registry key (of the
    /// edition, or of the statute when the edition is undecided), or a document id.
    pub act: Option<String>,
    /// The registry key of the statute.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub statute: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chapter: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub point: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subpoint: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub through: Option<String>,
    /// Why the citation did not resolve fully.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
}

/// Recognises and resolves the citations in `text`.
pub fn cite_text(text: &str, ctx: &Context, registry: &Registry) -> Vec<Record> {
    recognize(text, registry)
        .iter()
        .map(|c| record(c, &resolve(c, ctx, registry), registry))
        .collect()
}

/// Puts a citation and its resolution into output form.
pub fn record(c: &Citation, r: &Resolution, registry: &Registry) -> Record {
    let (act, statute) = match &r.act {
        Some(ResolvedAct::Edition { statute, edition }) => {
            let s = &registry.statutes[*statute];
            (
                Some(s.editions[*edition].id().to_string()),
                Some(s.key.clone()),
            )
        }
        Some(ResolvedAct::Statute { statute }) => {
            let key = registry.statutes[*statute].key.clone();
            (Some(key.clone()), Some(key))
        }
        Some(ResolvedAct::Document { id }) => (Some(id.clone()), None),
        None => (None, None),
    };
    Record {
        text: c.text.clone(),
        start: c.start,
        end: c.end,
        act,
        statute,
        chapter: c.chapter.clone(),
        article: r.article.clone(),
        part: c.part.clone(),
        point: c.point.clone(),
        subpoint: c.subpoint.clone(),
        through: c.through.clone(),
        problem: r
            .problem
            .as_ref()
            .map(|p| format!("{}: {}", p.code, p.message)),
    }
}
