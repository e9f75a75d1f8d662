//! The site-wide listings — review questions, cases, sources — as an index page naming the
//! documents and one page per document. One page of everything does not scale: a law school's
//! corpus of a hundred textbooks has tens of thousands of questions (13 MB of HTML in one
//! page at 100× this corpus), and editing one question would render all of them again.

use crate::graph::{Graph, NodeKind};

/// One listing: where its pages go, its template, and which nodes it lists and counts.
#[derive(Debug, Clone, Copy)]
pub struct Listing {
    /// The directory of its pages: `questions/index.html`, `questions/<document>.html`.
    pub dir: &'static str,
    /// The template of a document's page (the index uses `listing-index.html`).
    pub template: &'static str,
    pub title: &'static str,
    /// The nodes a document's page lists.
    pub kind: NodeKind,
    /// What the index counts: these nodes' children of this kind (questions in a question
    /// block, entries in a source list), or the listed nodes themselves if it is `kind`.
    pub counted: NodeKind,
    /// What the count is of, for the index page ("сұрақ").
    pub counted_as: &'static str,
}

pub const LISTINGS: [Listing; 3] = [
    Listing {
        dir: "questions",
        template: "questions.html",
        title: "Өзін-өзі тексеру сұрақтары",
        kind: NodeKind::QuestionBlock,
        counted: NodeKind::Question,
        counted_as: "сұрақ",
    },
    Listing {
        dir: "cases",
        template: "cases.html",
        title: "Кейстер",
        kind: NodeKind::Case,
        counted: NodeKind::Case,
        counted_as: "кейс",
    },
    Listing {
        dir: "sources",
        template: "sources.html",
        title: "Әдебиеттер мен дереккөздер",
        kind: NodeKind::SourceList,
        counted: NodeKind::SourceEntry,
        counted_as: "дереккөз",
    },
];

impl Listing {
    /// The index page's site-relative path.
    pub fn index(&self) -> String {
        format!("{}/index.html", self.dir)
    }

    /// A document's page, relative to the index.
    pub fn file(&self, document: &str) -> String {
        format!("{document}.html")
    }

    /// A document's page's site-relative path.
    pub fn page(&self, document: &str) -> String {
        format!("{}/{}", self.dir, self.file(document))
    }

    /// How many nodes the index shows for a document; `None` if it has nothing listed (then
    /// it has no page either).
    pub fn count(&self, graph: &Graph, document: &str) -> Option<usize> {
        let mut listed = false;
        let mut count = 0;
        for node in graph.nodes_of(document) {
            if node.kind == self.kind {
                listed = true;
                count += usize::from(self.counted == self.kind);
            } else if node.kind == self.counted {
                let parent = node.parent.as_deref().and_then(|p| graph.node(p));
                count += usize::from(parent.is_some_and(|p| p.kind == self.kind));
            }
        }
        listed.then_some(count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every top-level name the site writes under is one the manifest refuses as a document
    /// id (`load::is_site_name`): a new listing or directory must be added there too.
    #[test]
    fn the_site_names_are_refused_as_document_ids() {
        let top = |path: &str| path.split('/').next().unwrap_or(path).to_string();
        let mut names: Vec<String> = LISTINGS.iter().map(|l| top(&l.index())).collect();
        names.extend([
            "index".to_string(),
            crate::search::shards::INDEX_DIR.to_string(),
        ]);
        names.push(top(&super::super::view::statute_file("x")));
        names.push("static".to_string());
        for name in names {
            assert!(crate::load::is_site_name(&name), "`{name}` is not refused");
        }
    }
}
