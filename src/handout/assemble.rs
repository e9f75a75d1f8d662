//! From spec to content: every id and citation of a spec is looked up in the article graph,
//! and each block becomes plain data (passages split at their citations, questions, Markdown
//! as blocks) that the PDF and HTML renderers only lay out.
//!
//! A statute citation (`ҚРКЗ 33-бап`) excerpts what the corpus has of that statute: its unit
//! (title, number, adilet.zan.kz address, the site's statute page) and the corpus passages
//! that cite it. A citation of an act that is itself in the corpus (an order cited by date
//! and number, with a point) excerpts that node.

use super::spec::{BlockBody, BlockSpec, CaseSpec, Diags, Located, QuestionsSpec, Spec};
use crate::act::markdown;
use crate::act::report::did_you_mean;
use crate::cite::{self, Citation, Context, Registry, ResolvedAct};
use crate::emit::site::pages::PageMap;
use crate::emit::site::view::{label, line_range, statute_file, statute_label, CiteIndex};
use crate::graph::{CiteEdge, Graph, Node, NodeKind, StatuteUnit};
use serde::Serialize;
use serde_json::Value as Json;
use std::collections::HashMap;

/// How many citing passages a statute excerpt shows unless the block says `limit`.
pub const DEFAULT_PASSAGES: usize = 5;

/// A handout with both copies' content; [`Handout::copy`] selects one.
#[derive(Debug, Clone, Serialize)]
pub struct Handout {
    pub meta: Meta,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    pub title: String,
    pub audience: Option<String>,
    /// ISO date and its Kazakh form.
    pub date: Option<String>,
    pub date_kk: Option<String>,
    pub trainer: Option<String>,
}

/// One block of content. `kind` is excerpt, case, questions, notes or key.
#[derive(Debug, Clone, Serialize)]
pub struct Block {
    pub kind: &'static str,
    /// Notes and keys: only in the trainer's copy.
    pub trainer_only: bool,
    pub title: String,
    /// Where an excerpt or a textbook case comes from.
    pub source: Option<SourceRef>,
    /// The statute unit a statute excerpt is about.
    pub statute: Option<Link>,
    pub passages: Vec<Passage>,
    /// Citing passages left out by the limit.
    pub more: usize,
    /// Markdown (a new case, notes, a key) as blocks of runs: data, never markup.
    pub markdown: Option<Json>,
    pub questions: Vec<Question>,
    /// Citations found in the block's Markdown (they are inside `markdown` too): for the
    /// statute table.
    #[serde(skip)]
    pub markdown_links: Vec<Link>,
}

/// A node's text, split into paragraphs and at its citations.
#[derive(Debug, Clone, Serialize)]
pub struct Passage {
    /// Nesting below the excerpted node (0 for the node itself).
    pub depth: usize,
    pub label: Option<String>,
    pub heading: Option<String>,
    pub paragraphs: Vec<Vec<Seg>>,
    /// Set when the passage comes from elsewhere than its block's source.
    pub source: Option<SourceRef>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Seg {
    pub text: String,
    pub link: Option<Link>,
}

/// A citation's target: a statute unit or a corpus node.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Link {
    /// Groups the statute table: the statute unit id, or the corpus document id.
    pub key: String,
    /// «Прокуратура туралы» 33-бап.
    pub label: String,
    /// The act on adilet.zan.kz.
    pub url: Option<String>,
    /// Where the HTML copy links: the site's page when a site address is given, else adilet.
    pub href: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceRef {
    pub document: String,
    pub node: String,
    /// `2-тарау, 8-тармақ`.
    pub place: String,
    pub file: String,
    pub lines: String,
    /// The node on the study site (when a site address is given).
    pub href: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Question {
    pub segs: Vec<Seg>,
    pub source: Option<SourceRef>,
}

/// One row of the table of cited statutes.
#[derive(Debug, Clone, Serialize)]
pub struct StatuteRow {
    pub label: String,
    pub url: Option<String>,
    pub href: Option<String>,
    /// How often the copy cites it.
    pub count: usize,
}

/// One copy (student or trainer) as the renderers see it.
#[derive(Debug, Clone, Serialize)]
pub struct CopyView<'h> {
    pub meta: &'h Meta,
    pub trainer: bool,
    /// «Студентке арналған нұсқа» / «Тренерге арналған нұсқа».
    pub copy_label: &'static str,
    pub blocks: Vec<&'h Block>,
    pub statutes: Vec<StatuteRow>,
}

impl Handout {
    /// The student copy leaves out every trainer-only block (and the statutes only they cite).
    pub fn copy(&self, trainer: bool) -> CopyView<'_> {
        let blocks: Vec<&Block> = self
            .blocks
            .iter()
            .filter(|b| trainer || !b.trainer_only)
            .collect();
        let statutes = statute_table(&blocks);
        CopyView {
            meta: &self.meta,
            trainer,
            copy_label: if trainer {
                "Тренерге арналған нұсқа"
            } else {
                "Студентке арналған нұсқа"
            },
            blocks,
            statutes,
        }
    }
}

/// Every link of the blocks, grouped by key, in order of first appearance.
fn statute_table(blocks: &[&Block]) -> Vec<StatuteRow> {
    let mut rows: Vec<(String, StatuteRow)> = Vec::new();
    let mut add = |link: &Link| match rows.iter_mut().find(|(k, _)| *k == link.key) {
        Some((_, row)) => row.count += 1,
        None => rows.push((
            link.key.clone(),
            StatuteRow {
                label: link.label.clone(),
                url: link.url.clone(),
                href: link.href.clone(),
                count: 1,
            },
        )),
    };
    for block in blocks {
        for link in block.statute.iter().chain(&block.markdown_links) {
            add(link);
        }
        let passage_segs = block
            .passages
            .iter()
            .flat_map(|p| p.paragraphs.iter().flatten());
        let question_segs = block.questions.iter().flat_map(|q| q.segs.iter());
        for seg in passage_segs.chain(question_segs) {
            if let Some(link) = &seg.link {
                add(link);
            }
        }
    }
    // Grouped by act, articles in numeric order (`/art-9` before `/art-26`).
    rows.sort_by_key(|(key, _)| table_order(key));
    rows.into_iter().map(|(_, row)| row).collect()
}

/// `Z2200000155/art-33` → (`Z2200000155`, `art`, 33, ""); a whole act sorts before its units.
fn table_order(key: &str) -> (String, String, u32, String) {
    let (act, unit) = key.split_once('/').unwrap_or((key, ""));
    let (kind, number) = unit.split_once('-').unwrap_or((unit, ""));
    let digits: String = number.chars().take_while(char::is_ascii_digit).collect();
    (
        act.to_string(),
        kind.to_string(),
        digits.parse().unwrap_or(0),
        number.to_string(),
    )
}

/// What assembling needs: the graph, the registry and the site's address book.
pub struct Sources<'g> {
    pub graph: &'g Graph,
    pub registry: &'g Registry,
    pages: PageMap,
    cites: CiteIndex<'g>,
    /// adilet id → corpus document whose text that act is.
    corpus_acts: HashMap<String, String>,
    /// The study site's address (`https://…/` or a relative `../site/`), for links.
    site: Option<String>,
}

impl<'g> Sources<'g> {
    pub fn new(graph: &'g Graph, registry: &'g Registry, site: Option<&str>) -> Sources<'g> {
        let corpus_acts = graph
            .documents
            .iter()
            .filter_map(|d| {
                let id = d.url.as_deref()?.rsplit('/').next()?;
                Some((id.to_string(), d.id.clone()))
            })
            .collect();
        let site = site.map(|s| {
            if s.ends_with('/') {
                s.to_string()
            } else {
                format!("{s}/")
            }
        });
        Sources {
            graph,
            registry,
            pages: PageMap::build(graph),
            cites: CiteIndex::build(graph),
            corpus_acts,
            site,
        }
    }
}

/// Builds the handout; problems go to `diags` (all of them, not only the first).
pub fn assemble(spec: &Spec, src: &Sources, diags: &mut Diags) -> Handout {
    let date = spec
        .date
        .and_then(|d| cite::Date::new(d.year as u16, d.month as u8, d.day as u8));
    let asm = Assembler { src, date };
    let blocks = spec
        .blocks
        .iter()
        .filter_map(|b| asm.block(b, diags))
        .collect();
    Handout {
        meta: Meta {
            title: spec.title.clone(),
            audience: spec.audience.clone(),
            date: spec
                .date
                .map(|d| format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)),
            date_kk: spec.date.map(|d| d.kazakh()),
            trainer: spec.trainer.clone(),
        },
        blocks,
    }
}

struct Assembler<'a, 'g> {
    src: &'a Sources<'g>,
    date: Option<cite::Date>,
}

/// What an excerpt target turned out to be.
enum Target<'g> {
    Node(&'g Node),
    Statute(StatuteUnit),
}

impl<'g> Assembler<'_, 'g> {
    fn graph(&self) -> &'g Graph {
        self.src.graph
    }

    fn block(&self, spec: &BlockSpec, diags: &mut Diags) -> Option<Block> {
        let mut block = match &spec.body {
            BlockBody::Excerpt { target, limit } => self.excerpt(target, *limit, diags)?,
            BlockBody::Case(case) => self.case(case, diags)?,
            BlockBody::Questions(q) => self.questions(q, diags)?,
            BlockBody::Notes(md) => self.text_block("notes", "Тренерге арналған ескертпелер", md),
            BlockBody::Key(md) => self.text_block("key", "Жауаптар мен талқылау кілті", md),
        };
        if let Some(title) = &spec.title {
            block.title = title.clone();
        }
        Some(block)
    }

    fn excerpt(&self, target: &Located, limit: Option<usize>, diags: &mut Diags) -> Option<Block> {
        match self.target(target, diags)? {
            Target::Node(node) => {
                let mut passages = Vec::new();
                self.passages(node, 0, &mut passages);
                Some(Block {
                    title: format!("Үзінді: {}", self.place(node)),
                    source: Some(self.source(node)),
                    passages,
                    ..empty("excerpt")
                })
            }
            Target::Statute(unit) => {
                let citing = self
                    .graph()
                    .cited_by
                    .get(&unit.id)
                    .map(Vec::as_slice)
                    .unwrap_or_default();
                if citing.is_empty() {
                    diags.warning(
                        "statute-not-in-corpus",
                        target.pos,
                        target.width(),
                        format!(
                            "no corpus passage cites {}; the excerpt shows only its address",
                            statute_label(&unit)
                        ),
                    );
                }
                let shown = limit.unwrap_or(DEFAULT_PASSAGES);
                let passages = citing
                    .iter()
                    .filter_map(|id| self.graph().node(id))
                    .take(shown)
                    .map(|n| Passage {
                        source: Some(self.source(n)),
                        ..self.passage(n, 0)
                    })
                    .collect();
                Some(Block {
                    title: format!("Норма: {}", target.text),
                    statute: Some(self.unit_link(&unit)),
                    passages,
                    more: citing.len().saturating_sub(shown),
                    ..empty("excerpt")
                })
            }
        }
    }

    fn case(&self, case: &CaseSpec, diags: &mut Diags) -> Option<Block> {
        match case {
            CaseSpec::Id(id) => {
                let node = self.node(id, diags)?;
                if node.kind != NodeKind::Case {
                    diags.error_hint(
                        "not-a-case",
                        id.pos,
                        id.width(),
                        format!("`{}` is a {}, not a case", id.text, node.kind.name()),
                        "use `excerpt:` for other nodes; cases have ids like tb-probation/cases/1/1"
                            .into(),
                    );
                    return None;
                }
                let questions = self.children_of_kind(node, NodeKind::Question);
                let group = node
                    .parent
                    .as_deref()
                    .and_then(|p| self.graph().node(p))
                    .and_then(|p| p.heading.clone());
                let heading = node.heading.as_deref().unwrap_or("Кейс");
                let title = match group {
                    Some(g) => format!("{} ({g})", heading.trim_end_matches('.')),
                    None => heading.trim_end_matches('.').to_string(),
                };
                Some(Block {
                    title,
                    source: Some(self.source(node)),
                    passages: vec![Passage {
                        heading: None,
                        label: None,
                        ..self.passage(node, 0)
                    }],
                    questions: questions.iter().map(|q| self.question(q, false)).collect(),
                    ..empty("case")
                })
            }
            CaseSpec::New {
                title,
                markdown: md,
                questions,
            } => {
                let (markdown, markdown_links) = self.markdown(md);
                Some(Block {
                    title: title.clone().unwrap_or_else(|| "Кейс".into()),
                    markdown: Some(markdown),
                    markdown_links,
                    questions: questions
                        .iter()
                        .map(|q| Question {
                            segs: self.linked(q),
                            source: None,
                        })
                        .collect(),
                    ..empty("case")
                })
            }
        }
    }

    fn questions(&self, spec: &QuestionsSpec, diags: &mut Diags) -> Option<Block> {
        let mut found: Vec<&Node> = Vec::new();
        match spec {
            QuestionsSpec::Ids(ids) => {
                for id in ids {
                    let Some(node) = self.node(id, diags) else {
                        continue;
                    };
                    match node.kind {
                        NodeKind::Question => found.push(node),
                        NodeKind::QuestionBlock | NodeKind::Case => {
                            found.extend(self.children_of_kind(node, NodeKind::Question))
                        }
                        other => diags.error_hint(
                            "not-a-question",
                            id.pos,
                            id.width(),
                            format!("`{}` is a {}, not a question", id.text, other.name()),
                            "to take every question of a topic write `questions: {topic: ID}`"
                                .into(),
                        ),
                    }
                }
            }
            QuestionsSpec::Topic { topic, limit } => {
                let node = self.node(topic, diags)?;
                let mut under = Vec::new();
                self.descendants_of_kind(node, NodeKind::Question, &mut under);
                if under.is_empty() {
                    diags.error(
                        "no-questions",
                        topic.pos,
                        topic.width(),
                        format!("`{}` has no review questions under it", topic.text),
                    );
                    return None;
                }
                under.truncate(limit.unwrap_or(usize::MAX));
                found = under;
            }
        }
        if found.is_empty() {
            return None;
        }
        Some(Block {
            title: "Бақылау сұрақтары".into(),
            questions: found.iter().map(|q| self.question(q, true)).collect(),
            ..empty("questions")
        })
    }

    /// An excerpt target: a node id, else a citation.
    fn target(&self, written: &Located, diags: &mut Diags) -> Option<Target<'g>> {
        if let Some(node) = self.graph().node(&written.text) {
            return Some(Target::Node(node));
        }
        if let Some(doc) = self.graph().document(&written.text) {
            let first = doc.children.first().map_or("ch-1", |c| {
                c.split_once('/').map_or(c.as_str(), |(_, rest)| rest)
            });
            diags.error_hint(
                "whole-document",
                written.pos,
                written.width(),
                format!(
                    "`{}` is a whole document, too long for a handout",
                    written.text
                ),
                format!("excerpt a part of it, such as `{}/{first}`", doc.id),
            );
            return None;
        }
        if looks_like_id(&written.text) {
            self.unknown_id(written, diags);
            return None;
        }
        let found = cite::recognize(&written.text, self.src.registry);
        let citation = match found.as_slice() {
            [one] => one,
            [] => {
                diags.error_hint(
                    "bad-citation",
                    written.pos,
                    written.width(),
                    format!(
                        "`{}` is neither a node id nor a citation the citation grammar recognises",
                        written.text
                    ),
                    "write a citation such as `ҚРКЗ 33-бап`, `ҚПК-нің 193-бабы`, or a node id such as `instr-2017-104/ch-2/p-8`".into(),
                );
                return None;
            }
            [_, second, ..] => {
                diags.error_hint(
                    "bad-citation",
                    written.pos,
                    written.width(),
                    format!(
                        "`{}` holds several citations (`{}` is another)",
                        written.text, second.text
                    ),
                    "give one citation per excerpt block".into(),
                );
                return None;
            }
        };
        self.cited(citation, written, diags)
    }

    fn cited(&self, c: &Citation, written: &Located, diags: &mut Diags) -> Option<Target<'g>> {
        let ctx = Context {
            date: self.date,
            ..Context::default()
        };
        if let Some(through) = &c.through {
            diags.error_hint(
                "bad-citation",
                written.pos,
                written.width(),
                format!("`{}` is a range (through {through})", written.text),
                "give one unit per excerpt block".into(),
            );
            return None;
        }
        let r = cite::resolve(c, &ctx, self.src.registry);
        let problem = |diags: &mut Diags, message: String| {
            let hint = if self.date.is_none() {
                "give the handout a `date:` (it picks the edition in force), or name the edition"
            } else {
                "check the act's name and the unit's number against statutes.yaml"
            };
            diags.error_hint(
                "bad-citation",
                written.pos,
                written.width(),
                message,
                hint.into(),
            );
        };
        if let Some(p) = &r.problem {
            problem(diags, format!("`{}`: {}", written.text, p.message));
            return None;
        }
        let Some(ResolvedAct::Edition { statute, edition }) = r.act else {
            problem(
                diags,
                format!(
                    "`{}` does not name an act outside this handout",
                    written.text
                ),
            );
            return None;
        };
        let s = &self.src.registry.statutes[statute];
        let ed = &s.editions[edition];
        if let Some(doc) = self.src.corpus_acts.get(ed.id()) {
            return self.corpus_unit(doc, c, r.article.as_deref(), written, diags);
        }
        let act = ed.id().to_string();
        let (unit, number, id) = match (&r.article, &c.chapter) {
            (Some(a), _) => ("article", Some(a.clone()), format!("{act}/art-{a}")),
            (None, Some(ch)) => ("chapter", Some(ch.clone()), format!("{act}/ch-{ch}")),
            (None, None) => ("act", None, act.clone()),
        };
        let known = self.src.cites.units.get(id.as_str()).map(|u| (*u).clone());
        Some(Target::Statute(known.unwrap_or_else(|| StatuteUnit {
            id,
            act,
            statute: s.key.clone(),
            edition: ed.key.clone(),
            title: s.title.kk.clone(),
            unit: unit.into(),
            number,
            url: ed.url(),
        })))
    }

    /// The node of a corpus document a citation names (its deepest unit under the others).
    fn corpus_unit(
        &self,
        doc: &str,
        c: &Citation,
        article: Option<&str>,
        written: &Located,
        diags: &mut Diags,
    ) -> Option<Target<'g>> {
        let steps = crate::cite::link::unit_steps(c, article);
        let Some(&(kind, number)) = steps.last() else {
            diags.error_hint(
                "bad-citation",
                written.pos,
                written.width(),
                format!("`{}` names the whole document `{doc}`", written.text),
                format!("name a point, or give a node id such as `{doc}/…`"),
            );
            return None;
        };
        let matches: Vec<&Node> = self
            .graph()
            .nodes
            .iter()
            .filter(|n| n.document == doc && n.kind == kind && n.number.as_deref() == Some(number))
            .filter(|n| {
                steps[..steps.len() - 1]
                    .iter()
                    .all(|(k, v)| self.has_ancestor(n, *k, v))
            })
            .collect();
        match matches.as_slice() {
            [one] => Some(Target::Node(one)),
            [] => {
                diags.error(
                    "bad-citation",
                    written.pos,
                    written.width(),
                    format!("`{}` cites {doc}, which has no such unit", written.text),
                );
                None
            }
            several => {
                let ids: Vec<&str> = several.iter().map(|n| n.id.as_str()).collect();
                diags.error_hint(
                    "bad-citation",
                    written.pos,
                    written.width(),
                    format!("`{}` fits several nodes of {doc}", written.text),
                    format!("give the node id: {}", ids.join(", ")),
                );
                None
            }
        }
    }

    fn has_ancestor(&self, node: &Node, kind: NodeKind, number: &str) -> bool {
        let mut current = node.parent.as_deref();
        let mut steps = 0;
        while let Some(id) = current {
            let Some(n) = self.graph().node(id) else {
                return false;
            };
            if n.kind == kind && n.number.as_deref() == Some(number) {
                return true;
            }
            steps += 1;
            if steps > 64 {
                return false;
            }
            current = n.parent.as_deref();
        }
        false
    }

    /// A node by id, or an error with the nearest ids.
    fn node(&self, id: &Located, diags: &mut Diags) -> Option<&'g Node> {
        let node = self.graph().node(&id.text);
        if node.is_none() {
            self.unknown_id(id, diags);
        }
        node
    }

    fn unknown_id(&self, id: &Located, diags: &mut Diags) {
        let ids = self.graph().nodes.iter().map(|n| n.id.as_str());
        let hint = match did_you_mean(&id.text, ids) {
            Some(near) => format!("did you mean `{near}`?"),
            None => {
                let docs: Vec<&str> = self
                    .graph()
                    .documents
                    .iter()
                    .map(|d| d.id.as_str())
                    .collect();
                format!(
                    "ids start with a document id ({}); `zanbook graph` lists them all",
                    docs.join(", ")
                )
            }
        };
        diags.error_hint(
            "unknown-id",
            id.pos,
            id.width(),
            format!("no node has the id `{}`", id.text),
            hint,
        );
    }

    fn children_of_kind(&self, node: &'g Node, kind: NodeKind) -> Vec<&'g Node> {
        node.children
            .iter()
            .filter_map(|c| self.graph().node(c))
            .filter(|c| c.kind == kind)
            .collect()
    }

    fn descendants_of_kind(&self, node: &'g Node, kind: NodeKind, out: &mut Vec<&'g Node>) {
        // Iterative, so no corpus shape can exhaust the stack.
        let mut stack: Vec<&'g Node> = vec![node];
        while let Some(n) = stack.pop() {
            if n.kind == kind {
                out.push(n);
            }
            let children = n.children.iter().rev().filter_map(|c| self.graph().node(c));
            stack.extend(children);
        }
    }

    /// The node and its descendants in reading order, each with its depth.
    fn passages(&self, node: &'g Node, depth: usize, out: &mut Vec<Passage>) {
        let mut stack: Vec<(&'g Node, usize)> = vec![(node, depth)];
        while let Some((n, d)) = stack.pop() {
            out.push(self.passage(n, d));
            let children = n.children.iter().rev().filter_map(|c| self.graph().node(c));
            stack.extend(children.map(|c| (c, d + 1)));
        }
    }

    fn passage(&self, node: &Node, depth: usize) -> Passage {
        Passage {
            depth,
            label: label(node),
            heading: node.heading.clone(),
            paragraphs: self.paragraphs(&node.id, &node.text),
            source: None,
        }
    }

    fn question(&self, node: &Node, with_source: bool) -> Question {
        Question {
            segs: self.paragraphs(&node.id, &node.text).concat(),
            source: with_source.then(|| self.source(node)),
        }
    }

    /// A node's text split into paragraphs (at line breaks) and at its resolved citations.
    fn paragraphs(&self, id: &str, text: &str) -> Vec<Vec<Seg>> {
        let chars: Vec<char> = text.chars().collect();
        let edges = self.src.cites.from.get(id).cloned().unwrap_or_default();
        let mut segs: Vec<Seg> = Vec::new();
        let mut at = 0;
        for edge in edges {
            // Edges of the node's heading carry offsets into the heading; keep only those
            // whose text is really at that place in the body.
            let fits = edge.start >= at
                && edge.end <= chars.len()
                && edge.start < edge.end
                && chars[edge.start..edge.end].iter().collect::<String>() == edge.text;
            let Some(link) = fits.then(|| self.edge_link(edge)).flatten() else {
                continue;
            };
            push_plain(&mut segs, &chars[at..edge.start]);
            segs.push(Seg {
                text: edge.text.clone(),
                link: Some(link),
            });
            at = edge.end;
        }
        push_plain(&mut segs, &chars[at..]);
        split_paragraphs(segs)
    }

    /// A trainer's block of Markdown as data, its citations linked (see [`Self::linked`]).
    fn text_block(&self, kind: &'static str, title: &str, md: &str) -> Block {
        let (markdown, markdown_links) = self.markdown(md);
        Block {
            trainer_only: true,
            title: title.into(),
            markdown: Some(markdown),
            markdown_links,
            ..empty(kind)
        }
    }

    /// Markdown blocks whose runs are split at the citations they contain: a run with a
    /// citation becomes runs with `link` set on the citation's. Returns the links too.
    fn markdown(&self, md: &str) -> (Json, Vec<Link>) {
        let mut blocks = markdown::to_blocks(md);
        let mut links = Vec::new();
        for block in blocks.as_array_mut().into_iter().flatten() {
            let lists: Vec<&mut Json> = if block.get("runs").is_some() {
                block.get_mut("runs").into_iter().collect()
            } else {
                block
                    .get_mut("items")
                    .and_then(Json::as_array_mut)
                    .map(|items| items.iter_mut().collect())
                    .unwrap_or_default()
            };
            for runs in lists {
                if let Some(list) = runs.as_array_mut() {
                    *list = self.link_runs(std::mem::take(list), &mut links);
                }
            }
        }
        (blocks, links)
    }

    fn link_runs(&self, runs: Vec<Json>, links: &mut Vec<Link>) -> Vec<Json> {
        let mut out = Vec::with_capacity(runs.len());
        for run in runs {
            let Some(text) = run.get("text").and_then(Json::as_str) else {
                out.push(run);
                continue;
            };
            for seg in self.linked(text) {
                let mut piece = run.clone();
                piece["text"] = Json::String(seg.text);
                if let Some(link) = seg.link {
                    piece["link"] = serde_json::to_value(&link).unwrap_or(Json::Null);
                    links.push(link);
                }
                out.push(piece);
            }
        }
        out
    }

    /// Text a trainer wrote, split at the citations in it that resolve (with the handout's
    /// date, like an excerpt's citation). What does not resolve stays plain text.
    fn linked(&self, text: &str) -> Vec<Seg> {
        let chars: Vec<char> = text.chars().collect();
        let mut segs = Vec::new();
        let mut at = 0;
        for c in cite::recognize(text, self.src.registry) {
            if c.start < at || c.end > chars.len() || c.start >= c.end {
                continue;
            }
            // Only the links are wanted here; problems are not reported for free text.
            let mut scratch = Diags::default();
            let written = Located {
                text: c.text.clone(),
                pos: Default::default(),
            };
            let link = match self.cited(&c, &written, &mut scratch) {
                Some(Target::Statute(unit)) => Some(self.unit_link(&unit)),
                Some(Target::Node(node)) => self.node_link(node.document.as_str(), Some(node)),
                None => None,
            };
            let Some(link) = link else { continue };
            push_plain(&mut segs, &chars[at..c.start]);
            segs.push(Seg {
                text: chars[c.start..c.end].iter().collect(),
                link: Some(link),
            });
            at = c.end;
        }
        push_plain(&mut segs, &chars[at..]);
        segs
    }

    fn edge_link(&self, edge: &CiteEdge) -> Option<Link> {
        if let Some(unit) = self.src.cites.units.get(edge.to.as_str()) {
            return Some(self.unit_link(unit));
        }
        match self.graph().node(&edge.to) {
            Some(n) => self.node_link(&n.document, Some(n)),
            None => self.node_link(&edge.to, None),
        }
    }

    /// A link to a corpus document (or one of its nodes): the table groups by document.
    fn node_link(&self, doc_id: &str, node: Option<&Node>) -> Option<Link> {
        let doc = self.graph().document(doc_id)?;
        let site_href = self.site_href(node.map_or(doc.id.as_str(), |n| n.id.as_str()));
        Some(Link {
            key: doc.id.clone(),
            label: doc.title.clone(),
            url: doc.url.clone(),
            href: site_href.or_else(|| doc.url.clone()),
        })
    }

    fn unit_link(&self, unit: &StatuteUnit) -> Link {
        let site = self
            .src
            .site
            .as_ref()
            .map(|s| format!("{s}{}", statute_file(&unit.id)));
        let label = match (unit.unit.as_str(), unit.number.as_deref()) {
            ("article", Some(n)) => format!("«{}» — {n}-бап", unit.title),
            ("chapter", Some(n)) => format!("«{}» — {n}-тарау", unit.title),
            _ => format!("«{}»", unit.title),
        };
        Link {
            key: unit.id.clone(),
            label,
            url: unit.url.clone(),
            href: site.or_else(|| unit.url.clone()),
        }
    }

    fn site_href(&self, id: &str) -> Option<String> {
        let site = self.src.site.as_ref()?;
        let url = if self.graph().document(id).is_some() {
            format!("{id}/index.html")
        } else {
            self.src.pages.url(id)?
        };
        Some(format!("{site}{url}"))
    }

    fn source(&self, node: &Node) -> SourceRef {
        let doc = self.graph().document(&node.document);
        SourceRef {
            document: doc.map_or_else(|| node.document.clone(), |d| d.title.clone()),
            node: node.id.clone(),
            place: self.place(node),
            file: node.source.file.clone(),
            lines: line_range(node.source.lines),
            href: self.site_href(&node.id),
        }
    }

    /// The numbered units down to a node: `2-тарау, 8-тармақ, 3) тармақша`.
    fn place(&self, node: &Node) -> String {
        let mut chain = vec![node];
        let mut current = node.parent.as_deref();
        while let Some(n) = current.and_then(|id| self.graph().node(id)) {
            if chain.len() > 64 {
                break;
            }
            chain.push(n);
            current = n.parent.as_deref();
        }
        let parts: Vec<String> = chain.iter().rev().filter_map(|n| unit_name(n)).collect();
        if parts.is_empty() {
            node.heading.clone().unwrap_or_else(|| node.kind.name())
        } else {
            parts.join(", ")
        }
    }
}

/// A numbered unit in words, as a reader cites it.
fn unit_name(node: &Node) -> Option<String> {
    let n = node.number.as_deref()?;
    Some(match node.kind {
        NodeKind::Chapter => format!("{n}-тарау"),
        NodeKind::Point => format!("{n}-тармақ"),
        NodeKind::Subpoint => format!("{n}) тармақша"),
        NodeKind::Article => format!("{n}-бап"),
        NodeKind::AmendmentItem => format!("{n}) тармақша"),
        // The probation guide calls its top units chapters (`ch-3`), the other textbook topics.
        NodeKind::Topic
            if node
                .id
                .rsplit('/')
                .next()
                .is_some_and(|s| s.starts_with("ch-")) =>
        {
            format!("{n}-тарау")
        }
        NodeKind::Topic => format!("{n}-тақырып"),
        NodeKind::Section => format!("{n} бөлім"),
        NodeKind::Question => format!("{n}-сұрақ"),
        NodeKind::Case => format!("{n}-кейс"),
        _ => return None,
    })
}

/// Ids are paths without spaces (`tb-probation/cases/1/1`); citations have spaces.
fn looks_like_id(text: &str) -> bool {
    !text.chars().any(char::is_whitespace) && text.contains('/')
}

fn push_plain(segs: &mut Vec<Seg>, chars: &[char]) {
    if !chars.is_empty() {
        segs.push(Seg {
            text: chars.iter().collect(),
            link: None,
        });
    }
}

/// Splits segments at `\n` into paragraphs, dropping empty ones.
fn split_paragraphs(segs: Vec<Seg>) -> Vec<Vec<Seg>> {
    let mut out: Vec<Vec<Seg>> = vec![Vec::new()];
    for seg in segs {
        let mut pieces = seg.text.split('\n').peekable();
        while let Some(piece) = pieces.next() {
            if !piece.is_empty() {
                if let Some(last) = out.last_mut() {
                    last.push(Seg {
                        text: piece.to_string(),
                        link: seg.link.clone(),
                    });
                }
            }
            if pieces.peek().is_some() {
                out.push(Vec::new());
            }
        }
    }
    out.retain(|p| p.iter().any(|s| !s.text.trim().is_empty()));
    out
}

fn empty(kind: &'static str) -> Block {
    Block {
        kind,
        trainer_only: false,
        title: String::new(),
        source: None,
        statute: None,
        passages: Vec::new(),
        more: 0,
        markdown: None,
        questions: Vec::new(),
        markdown_links: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_split_at_line_breaks_and_keep_links() {
        let link = Link {
            key: "k".into(),
            label: "l".into(),
            url: None,
            href: None,
        };
        let segs = vec![
            Seg {
                text: "бір\nекі ".into(),
                link: None,
            },
            Seg {
                text: "ҚРКЗ".into(),
                link: Some(link.clone()),
            },
        ];
        let paras = split_paragraphs(segs);
        assert_eq!(paras.len(), 2);
        assert_eq!(paras[0][0].text, "бір");
        assert_eq!(paras[1][1].link, Some(link));
    }

    #[test]
    fn the_statute_table_orders_articles_by_number() {
        let mut keys = vec![
            "Z22/art-33",
            "Z22/art-9",
            "K14",
            "Z22",
            "K14/art-1-1",
            "K14/art-1",
        ];
        keys.sort_by_key(|k| table_order(k));
        assert_eq!(
            keys,
            [
                "K14",
                "K14/art-1",
                "K14/art-1-1",
                "Z22",
                "Z22/art-9",
                "Z22/art-33"
            ]
        );
    }

    #[test]
    fn ids_and_citations_are_told_apart() {
        assert!(looks_like_id("tb-probation/cases/1/1"));
        assert!(!looks_like_id("ҚРКЗ 33-бап"));
        assert!(!looks_like_id("ҚПК-нің 193-бабы"));
    }
}
