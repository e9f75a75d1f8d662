//! Resolution: a recognised citation → the edition of a statute in force at the citing
//! text's date, or the corpus document the text itself belongs to. What cannot be decided is
//! returned as a [`Problem`], never guessed.

use super::date::Date;
use super::grammar::{ActRef, Citation};
use super::lexicon::Head;
use super::registry::{EditionProblem, Registry, Statute};
use crate::graph::DocKind;

/// The act a citation resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResolvedAct {
    /// One edition of a registry statute.
    Edition { statute: usize, edition: usize },
    /// A registry statute whose edition could not be chosen (a [`Problem`] says why).
    Statute { statute: usize },
    /// A document of the corpus (`осы Нұсқаулықтың 6-тармағы`).
    Document { id: String },
}

/// What the citing text is, as far as resolution needs to know.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The date of the citing text's wording: picks statute editions.
    pub date: Option<Date>,
    /// The corpus document the text belongs to.
    pub document: Option<String>,
    pub document_kind: Option<DocKind>,
    /// The act the text quotes: inside «…» of an amendment item, `осы Заң` is the act amended.
    pub quoted_act: Option<ResolvedAct>,
    /// The act a citation that names none refers to (the amended act in an amendment item,
    /// the document itself in an editorial note).
    pub default_act: Option<ResolvedAct>,
    /// The article the text is in, for `осы баптың …`.
    pub current_article: Option<String>,
    /// The whole text is quoted (a quotation node), so `осы …` means the quoted act.
    pub in_quote: bool,
}

/// Why a citation did not resolve fully.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Stable diagnostic code.
    pub code: &'static str,
    pub message: String,
}

/// A citation's resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolution {
    pub act: Option<ResolvedAct>,
    /// The article, filled in for `осы баптың …` from the context.
    pub article: Option<String>,
    pub problem: Option<Problem>,
}

impl Resolution {
    fn problem(act: Option<ResolvedAct>, code: &'static str, message: String) -> Self {
        Resolution {
            act,
            article: None,
            problem: Some(Problem { code, message }),
        }
    }
}

/// Resolves one citation in its context.
pub fn resolve(citation: &Citation, ctx: &Context, registry: &Registry) -> Resolution {
    let mut r = resolve_act(citation, ctx, registry);
    r.article = citation.article.clone();
    // `екінші бөлік …` under `1) 46-бапта:` is part 2 of article 46 of the amended act.
    let below_article =
        citation.part.is_some() || citation.point.is_some() || citation.subpoint.is_some();
    if matches!(citation.act, ActRef::Context) && r.article.is_none() && below_article {
        r.article = ctx.current_article.clone();
    }
    if let (None, Some(note)) = (&r.problem, &citation.review) {
        r.problem = Some(Problem {
            code: "citation-alias-ambiguous",
            message: format!("`{}`: {note}", citation.text),
        });
    }
    if citation.this_article {
        match &ctx.current_article {
            Some(a) => r.article = Some(a.clone()),
            None if r.problem.is_none() => {
                r.problem = Some(Problem {
                    code: "citation-unresolved",
                    message: format!(
                        "`{}` refers to \"this article\", but the text is not inside an article",
                        citation.text
                    ),
                })
            }
            None => {}
        }
    }
    r
}

fn resolve_act(citation: &Citation, ctx: &Context, registry: &Registry) -> Resolution {
    match &citation.act {
        ActRef::Statute {
            target,
            adopted,
            head,
        } => {
            let Some(statute) = registry.statutes.get(target.statute) else {
                return Resolution::problem(
                    None,
                    "citation-unknown-act",
                    format!("`{}`: the statute is not in the registry", citation.text),
                );
            };
            match registry.choose_edition(*target, *adopted, *head, ctx.date) {
                Ok(edition) => Resolution {
                    act: Some(ResolvedAct::Edition {
                        statute: target.statute,
                        edition,
                    }),
                    article: None,
                    problem: None,
                },
                Err(problem) => {
                    let (code, message) = edition_message(citation, statute, &problem);
                    Resolution::problem(
                        Some(ResolvedAct::Statute {
                            statute: target.statute,
                        }),
                        code,
                        message,
                    )
                }
            }
        }
        ActRef::Unknown { surface } => Resolution::problem(
            None,
            "citation-unknown-act",
            format!(
                "`{}` cites {surface}, which is not in statutes.yaml",
                citation.text
            ),
        ),
        ActRef::This { head } => resolve_this(citation, *head, ctx),
        ActRef::Context => match &ctx.default_act {
            Some(act) => Resolution {
                act: Some(act.clone()),
                article: None,
                problem: None,
            },
            None => Resolution::problem(
                None,
                "citation-no-act",
                format!(
                    "`{}` names no act, and none is mentioned before it in the same text",
                    citation.text
                ),
            ),
        },
    }
}

fn edition_message(
    citation: &Citation,
    statute: &Statute,
    problem: &EditionProblem,
) -> (&'static str, String) {
    let name = &statute.title.kk;
    match problem {
        EditionProblem::NoDate(keys) => (
            "citation-edition-ambiguous",
            format!(
                "`{}`: «{name}» has several editions ({}) and the citing text has no date",
                citation.text,
                keys.join(", ")
            ),
        ),
        EditionProblem::NoneInForce(date) => (
            "citation-not-in-force",
            format!(
                "`{}`: no edition of «{name}» was in force on {date}",
                citation.text
            ),
        ),
        EditionProblem::NoMatch(given) => (
            "citation-edition-unknown",
            format!(
                "`{}`: no edition of «{name}» was adopted on {given}",
                citation.text
            ),
        ),
    }
}

/// `осы …`: inside a quotation the act quoted, otherwise the document the text is in, as
/// long as the head noun fits that document (`осы Заң` in a textbook is quoted statute text
/// whose act is not named).
fn resolve_this(citation: &Citation, head: Option<Head>, ctx: &Context) -> Resolution {
    if citation.quoted || ctx.in_quote {
        if let Some(act) = &ctx.quoted_act {
            return Resolution {
                act: Some(act.clone()),
                article: None,
                problem: None,
            };
        }
    }
    let fits = match (ctx.document_kind, head) {
        (_, None) => true,
        (Some(DocKind::Order), Some(h)) => {
            matches!(h, Head::Instruction | Head::Order | Head::Rules)
        }
        (Some(DocKind::Law), Some(h)) => matches!(h, Head::Law | Head::ConstitutionalLaw),
        _ => false,
    };
    match (&ctx.document, fits) {
        (Some(id), true) => Resolution {
            act: Some(ResolvedAct::Document { id: id.clone() }),
            article: None,
            problem: None,
        },
        _ => Resolution::problem(
            None,
            "citation-unresolved",
            format!(
                "`{}` refers to \"this\" act, but the text is not part of one (quoted statute text?)",
                citation.text
            ),
        ),
    }
}
