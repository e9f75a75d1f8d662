//! The study site: a static site rendered from the graph with Tera templates.
//!
//! Pages: home, one page per document (metadata card and contents), one per chapter /
//! topic / section / article / case (points are fragments of their chapter's page),
//! glossary, self-check questions, cases, bibliography, and diagnostics for maintainers.
//! Every link is relative, so the site works from any static host and from `file://`.

pub mod incremental;
pub mod listings;
pub mod markup;
pub mod pages;
pub mod templates;
pub mod view;

use crate::diagnostic::Diagnostic;
use crate::emit::atomic::StagedDir;
use crate::error::{Error, Result};
use crate::graph::{Graph, Node, NodeKind};
use listings::{Listing, LISTINGS};
use pages::{neighbours, page_ancestors, page_file, root_of, PageMap};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;
use tera::{Context, Tera};
use view::{doc_view, statute_file, statute_label, title_of, CiteIndex, Viewer};

thread_local! {
    /// Each thread's page buffer for [`Site::render`].
    static RENDERED: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// What a build wrote.
#[derive(Debug, Clone, Copy, Default)]
pub struct SiteStats {
    pub pages: usize,
}

/// A link as templates see it.
#[derive(Debug, Clone, Serialize)]
struct Link {
    title: String,
    href: String,
}

/// Renders the whole site into `out` atomically. `templates` overrides the built-in
/// templates by file name.
pub fn write_site(
    graph: &Graph,
    diagnostics: &[Diagnostic],
    out: &Path,
    templates: Option<&Path>,
) -> Result<SiteStats> {
    write_site_with(graph, diagnostics, out, templates, |_, _| Ok(()))
}

/// [`write_site`], with `extra` writing more files (the search index) into the staged site
/// after the pages and before it is swapped into place: a failure leaves the old site.
pub fn write_site_with(
    graph: &Graph,
    diagnostics: &[Diagnostic],
    out: &Path,
    templates: Option<&Path>,
    extra: impl FnOnce(&StagedDir, &PageMap) -> Result<()> + Send,
) -> Result<SiteStats> {
    let mut t = std::time::Instant::now();
    // Three independent indexes of the same graph: built side by side.
    let (tera, (map, cites)) = rayon::join(
        || templates::load(templates),
        || rayon::join(|| PageMap::build(graph), || CiteIndex::build(graph)),
    );
    let tera = tera?;
    let staged = StagedDir::new(out)?;
    let site = Site {
        graph,
        diagnostics,
        map: &map,
        cites: &cites,
        tera: &tera,
        overrides: templates,
        sink: &staged,
        footnotes: footnotes_by_page(graph, &map),
    };
    t = crate::timings::stage("site setup", t);
    // The pages and the extra files (the search index) need nothing from each other: build
    // them side by side, so neither waits for the other's slowest part.
    let (pages, extra) = rayon::join(|| site.all_pages(), || extra(&staged, &map));
    let stats = SiteStats { pages: pages? };
    extra?;
    t = crate::timings::stage("pages and extra", t);
    staged.commit()?;
    crate::timings::stage("commit", t);
    Ok(stats)
}

struct Site<'a> {
    graph: &'a Graph,
    diagnostics: &'a [Diagnostic],
    map: &'a PageMap,
    cites: &'a CiteIndex<'a>,
    tera: &'a Tera,
    /// The `--templates` directory, if any (a render error names the file that failed).
    overrides: Option<&'a Path>,
    /// Where rendered pages go: the staged directory, or an incremental writer.
    sink: &'a dyn incremental::Sink,
    /// Page → the footnotes whose marker is on it, in reading order.
    footnotes: HashMap<&'a str, Vec<&'a Node>>,
}

/// Footnotes grouped by the page they belong to (one pass, not one per page).
fn footnotes_by_page<'a>(graph: &'a Graph, map: &'a PageMap) -> HashMap<&'a str, Vec<&'a Node>> {
    let mut by_page: HashMap<&str, Vec<&Node>> = HashMap::new();
    for node in graph.nodes.iter().filter(|n| n.kind == NodeKind::Footnote) {
        if let Some(page) = map.page_of(&node.id) {
            by_page.entry(page).or_default().push(node);
        }
    }
    by_page
}

impl Site<'_> {
    /// Every page and static file of the site, rendered on every core; returns the page count.
    /// The site-wide pages (listings, statutes, glossary) go first: at scale they are the
    /// largest single jobs, and starting them last would leave one core idle at the end.
    fn all_pages(&self) -> Result<usize> {
        type Job<'j> = &'j (dyn Fn() -> Result<usize> + Sync);
        let indexes = LISTINGS.map(|listing| move || self.listing_index(&listing));
        let site_wide: [Job<'_>; 9] = [
            &indexes[0],
            &indexes[1],
            &indexes[2],
            &|| self.statutes(),
            &|| self.glossary(),
            &|| self.home(),
            &|| self.diagnostics_page(),
            &|| self.search_page(),
            &|| self.static_files(),
        ];
        let node_pages: Vec<&String> = (self.graph.documents.iter())
            .flat_map(|d| self.map.reading_order.get(&d.id).into_iter().flatten())
            .collect();
        let site_wide = site_wide.par_iter().map(|job| job());
        let documents = (self.graph.documents.par_iter())
            .map(|doc| Ok(self.document(&doc.id)? + self.document_listings(doc)?));
        let nodes = node_pages.par_iter().map(|page| self.node_page(page));
        site_wide
            .chain(documents)
            .chain(nodes)
            .try_reduce(|| 0, |a, b| Ok(a + b))
    }

    /// The stylesheet, script and fonts every page links to; not pages, so they count 0.
    fn static_files(&self) -> Result<usize> {
        for (name, bytes) in templates::STATIC_FILES {
            self.sink.write(&format!("static/{name}"), bytes)?;
        }
        Ok(0)
    }

    fn viewer(&self, path: &str, page: &str) -> Viewer<'_> {
        Viewer {
            graph: self.graph,
            map: self.map,
            cites: self.cites,
            root: root_of(path),
            page: page.to_string(),
        }
    }

    fn context(&self, path: &str, title: &str) -> Context {
        let mut ctx = Context::new();
        ctx.insert("root", &root_of(path));
        ctx.insert("title", title);
        ctx.insert("path", path);
        ctx
    }

    fn render(&self, template: &str, path: &str, ctx: &Context) -> Result<usize> {
        if self.sink.unchanged(template, path, ctx) {
            return Ok(1);
        }
        // Rendered into bytes, not a `String`: Tera's `render` checks the whole page is
        // UTF-8 again (a few per cent of a large build), and the file wants bytes anyway.
        // The buffer is reused on each thread, so a page does not regrow it from empty.
        RENDERED.with_borrow_mut(|html| {
            html.clear();
            self.tera
                .render_to(template, ctx, &mut *html)
                .map_err(|e| {
                    Error::input(
                        templates::source_path(self.overrides, template),
                        None,
                        templates::describe(&e),
                    )
                })?;
            self.sink.write(path, html)
        })?;
        Ok(1)
    }

    fn home(&self) -> Result<usize> {
        let path = "index.html";
        let mut ctx = self.context(path, "zanbook — құқықтық мәтіндер");
        let docs: Vec<_> = self
            .graph
            .documents
            .iter()
            .map(|d| doc_view(d, ""))
            .collect();
        ctx.insert("documents", &docs);
        let counts = [
            (
                "Сұрақтар",
                "questions/index.html",
                self.count(NodeKind::Question),
            ),
            ("Кейстер", "cases/index.html", self.count(NodeKind::Case)),
            ("Глоссарий", "glossary.html", self.graph.glossary.len()),
            (
                "Әдебиеттер",
                "sources/index.html",
                self.count(NodeKind::SourceEntry),
            ),
        ];
        ctx.insert("sections", &counts);
        self.render("index.html", path, &ctx)
    }

    fn count(&self, kind: NodeKind) -> usize {
        self.graph.nodes.iter().filter(|n| n.kind == kind).count()
    }

    fn document(&self, id: &str) -> Result<usize> {
        let Some(doc) = self.graph.document(id) else {
            return Ok(0);
        };
        let path = format!("{id}/index.html");
        let viewer = self.viewer(&path, &format!("{id}/index"));
        let mut ctx = self.context(&path, &doc.title);
        ctx.insert("doc", &doc_view(doc, &viewer.root));
        let top: Vec<_> = doc
            .children
            .iter()
            .filter_map(|c| self.graph.node(c))
            .filter(|n| n.kind != NodeKind::Footnote)
            .map(|n| viewer.node(n, false))
            .collect();
        ctx.insert("nodes", &top);
        ctx.insert("contents", &self.contents(&viewer, &doc.children));
        ctx.insert(
            "breadcrumbs",
            &vec![Link {
                title: "Басты бет".into(),
                href: format!("{}index.html", viewer.root),
            }],
        );
        self.render("document.html", &path, &ctx)
    }

    /// The nested list of pages under the given nodes, for a table of contents.
    fn contents(&self, viewer: &Viewer<'_>, ids: &[String]) -> Vec<ContentsEntry> {
        ids.iter()
            .filter_map(|id| self.graph.node(id))
            .flat_map(|n| {
                if self.map.is_page(&n.id) {
                    vec![ContentsEntry {
                        title: title_of(n),
                        href: viewer.href(&n.id).unwrap_or_default(),
                        children: self.contents(viewer, &n.children),
                    }]
                } else if n.kind == NodeKind::Quote {
                    Vec::new()
                } else {
                    self.contents(viewer, &n.children)
                }
            })
            .collect()
    }

    fn node_page(&self, id: &str) -> Result<usize> {
        let Some(node) = self.graph.node(id) else {
            return Ok(0);
        };
        let path = page_file(id);
        let viewer = self.viewer(&path, id);
        let title = title_of(node);
        let mut ctx = self.context(&path, &title);
        let doc = self.graph.document(&node.document);
        if let Some(doc) = doc {
            ctx.insert("doc", &doc_view(doc, &viewer.root));
        }
        ctx.insert("node", &viewer.node(node, true));
        ctx.insert("breadcrumbs", &self.breadcrumbs(&viewer, node));
        let order = self
            .map
            .reading_order
            .get(&node.document)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let (prev, next) = neighbours(order, id);
        ctx.insert("prev", &prev.and_then(|p| self.link(&viewer, p)));
        ctx.insert("next", &next.and_then(|p| self.link(&viewer, p)));
        ctx.insert("footnotes", &self.footnotes_on(&viewer, id));
        self.render("page.html", &path, &ctx)
    }

    fn link(&self, viewer: &Viewer<'_>, id: &str) -> Option<Link> {
        let node = self.graph.node(id)?;
        Some(Link {
            title: title_of(node),
            href: viewer.href(id)?,
        })
    }

    fn breadcrumbs(&self, viewer: &Viewer<'_>, node: &Node) -> Vec<Link> {
        let mut crumbs = vec![Link {
            title: "Басты бет".into(),
            href: format!("{}index.html", viewer.root),
        }];
        if let Some(doc) = self.graph.document(&node.document) {
            crumbs.push(Link {
                title: short_title(&doc.title),
                href: format!("{}{}/index.html", viewer.root, doc.id),
            });
        }
        for ancestor in page_ancestors(self.graph, self.map, node) {
            if let Some(link) = self.link(viewer, &ancestor.id) {
                crumbs.push(link);
            }
        }
        crumbs
    }

    /// Footnotes whose marker is on this page.
    fn footnotes_on(&self, viewer: &Viewer<'_>, page: &str) -> Vec<view::NodeView> {
        (self.footnotes.get(page).into_iter().flatten())
            .map(|n| viewer.node(n, false))
            .collect()
    }

    /// The statutes index and one page per cited statute unit, listing what cites it.
    fn statutes(&self) -> Result<usize> {
        self.statutes_with(|unit| self.statute_page(unit))
    }

    /// [`Site::statutes`], with `unit_page` writing (or keeping) one unit's page and returning
    /// how many passages cite it.
    fn statutes_with(
        &self,
        unit_page: impl Fn(&crate::graph::StatuteUnit) -> Result<usize> + Sync,
    ) -> Result<usize> {
        let mut units: Vec<&crate::graph::StatuteUnit> =
            self.graph.statute_articles.iter().collect();
        units.sort_by(|a, b| (&a.title, unit_order(a)).cmp(&(&b.title, unit_order(b))));
        let counts: Vec<usize> = units
            .par_iter()
            .map(|unit| unit_page(unit))
            .collect::<Result<_>>()?;
        let mut pages = units.len();
        let mut index: Vec<StatuteEntry> = Vec::new();
        for (unit, count) in units.iter().zip(counts) {
            match index.last_mut() {
                Some(last) if last.title == unit.title => {}
                _ => index.push(StatuteEntry {
                    title: unit.title.clone(),
                    url: unit.url.clone(),
                    units: Vec::new(),
                }),
            }
            if let Some(last) = index.last_mut() {
                last.units.push(StatuteLink {
                    label: match (unit.unit.as_str(), unit.number.as_deref()) {
                        ("article", Some(n)) => format!("{n}-бап"),
                        ("chapter", Some(n)) => format!("{n}-тарау"),
                        _ => "акт".to_string(),
                    },
                    href: statute_file(&unit.id),
                    count,
                });
            }
        }
        let path = "statutes/index.html";
        let mut ctx = self.context(path, "Сілтеме жасалған нормалар");
        ctx.insert("statutes", &index);
        ctx.insert(
            "breadcrumbs",
            &vec![Link {
                title: "Басты бет".into(),
                href: "../index.html".into(),
            }],
        );
        pages += self.render("statutes.html", path, &ctx)?;
        Ok(pages)
    }

    /// One statute unit's page; returns how many passages cite it.
    fn statute_page(&self, unit: &crate::graph::StatuteUnit) -> Result<usize> {
        let path = statute_file(&unit.id);
        let viewer = self.viewer(&path, &path);
        let citing = self.citing(&viewer, &unit.id);
        let mut ctx = self.context(&path, &statute_label(unit));
        ctx.insert("unit", unit);
        ctx.insert("groups", &citing);
        ctx.insert(
            "breadcrumbs",
            &vec![
                Link {
                    title: "Басты бет".into(),
                    href: format!("{}index.html", viewer.root),
                },
                Link {
                    title: "Нормалар".into(),
                    href: format!("{}statutes/index.html", viewer.root),
                },
            ],
        );
        self.render("statute.html", &path, &ctx)?;
        Ok(citing.iter().map(|g| g.items.len()).sum())
    }

    /// The nodes that cite `target`, grouped by document, each with the citing sentence.
    fn citing(&self, viewer: &Viewer<'_>, target: &str) -> Vec<CitingGroup> {
        let mut groups: Vec<CitingGroup> = Vec::new();
        for edge in self.cites.to.get(target).into_iter().flatten() {
            let Some(node) = self.graph.node(&edge.from) else {
                continue;
            };
            let Some(doc) = self.graph.document(&node.document) else {
                continue;
            };
            let item = CitingItem {
                title: title_of(node),
                href: viewer.href(&node.id).unwrap_or_default(),
                before: sentence_before(&node.text, edge.start),
                cited: edge.text.clone(),
                after: sentence_after(&node.text, edge.end),
                lines: view::line_range(node.source.lines),
                file: node.source.file.clone(),
            };
            match groups.iter_mut().find(|g| g.doc == doc.title) {
                Some(group) => {
                    if !group
                        .items
                        .iter()
                        .any(|i| i.href == item.href && i.cited == item.cited)
                    {
                        group.items.push(item);
                    }
                }
                None => groups.push(CitingGroup {
                    doc: doc.title.clone(),
                    href: format!("{}{}/index.html", viewer.root, doc.id),
                    items: vec![item],
                }),
            }
        }
        groups
    }

    fn glossary(&self) -> Result<usize> {
        let path = "glossary.html";
        let viewer = self.viewer(path, "glossary");
        let mut ctx = self.context(path, "Глоссарий және қысқартулар");
        let entries: Vec<GlossaryView> = self
            .graph
            .glossary
            .iter()
            .map(|e| GlossaryView {
                term: e.term.clone(),
                anchor: format!("g-{}", e.key.replace(' ', "-")),
                kind: format!("{:?}", e.kind).to_lowercase(),
                senses: e
                    .senses
                    .iter()
                    .map(|s| SenseView {
                        definition: s.definition.clone(),
                        sources: s
                            .sources
                            .iter()
                            .filter_map(|src| {
                                Some(Link {
                                    title: format!(
                                        "{}, {}",
                                        src.document,
                                        view::line_range(src.source.lines)
                                    ),
                                    href: viewer.href(&src.node)?,
                                })
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect();
        ctx.insert("entries", &entries);
        self.render("glossary.html", path, &ctx)
    }

    /// A listing's index page: the documents with nodes of its kind, how many each has, and
    /// a link to each one's page. Counted from the graph, so it stays small at any scale.
    pub(crate) fn listing_index(&self, listing: &Listing) -> Result<usize> {
        let path = listing.index();
        let documents: Vec<ListedDocument> = (self.graph.documents.iter())
            .filter_map(|doc| {
                let count = listing.count(self.graph, &doc.id)?;
                Some(ListedDocument {
                    title: doc.title.clone(),
                    href: listing.file(&doc.id),
                    count,
                })
            })
            .collect();
        let mut ctx = self.context(&path, listing.title);
        ctx.insert("documents", &documents);
        ctx.insert("what", listing.counted_as);
        self.render("listing-index.html", &path, &ctx)
    }

    /// One document's listing pages (its questions, cases, sources), those it has nodes for.
    fn document_listings(&self, doc: &crate::graph::Document) -> Result<usize> {
        LISTINGS.iter().map(|l| self.listing_page(l, doc)).sum()
    }

    /// The page listing one document's nodes of a listing's kind; none if it has none.
    pub(crate) fn listing_page(
        &self,
        listing: &Listing,
        doc: &crate::graph::Document,
    ) -> Result<usize> {
        let path = listing.page(&doc.id);
        let Some(group) = self.listing_group(&path, doc, listing.kind) else {
            return Ok(0);
        };
        let title = format!("{} — {}", listing.title, doc.title);
        let mut ctx = self.context(&path, &title);
        ctx.insert("groups", &[group]);
        self.render(listing.template, &path, &ctx)
    }

    /// One document's part of a listing page: its nodes of `kind`, or `None` if it has none.
    fn listing_group(
        &self,
        path: &str,
        doc: &crate::graph::Document,
        kind: NodeKind,
    ) -> Option<Group> {
        let viewer = self.viewer(path, path.trim_end_matches(".html"));
        let items: Vec<Item> = (self.graph.nodes_of(&doc.id))
            .filter(|n| n.kind == kind)
            .map(|n| {
                let mut v = viewer.node(n, true);
                v.href = viewer.href(&n.id);
                let context = n.parent.as_deref().and_then(|p| self.graph.node(p));
                Item {
                    context: context.map(title_of),
                    context_href: context.and_then(|c| viewer.href(&c.id)),
                    node: v,
                }
            })
            .collect();
        (!items.is_empty()).then(|| Group {
            doc: doc_view(doc, &viewer.root),
            items,
        })
    }

    fn diagnostics_page(&self) -> Result<usize> {
        let path = "diagnostics.html";
        let viewer = self.viewer(path, "diagnostics");
        let mut ctx = self.context(path, "Диагностика");
        let rows: Vec<DiagnosticView> = self
            .diagnostics
            .iter()
            .map(|d| DiagnosticView {
                severity: format!("{:?}", d.severity).to_lowercase(),
                code: d.code.clone(),
                message: d.message.clone(),
                location: format!("{}:{}", d.file, d.line),
                href: d.node.as_deref().and_then(|n| viewer.href(n)),
            })
            .collect();
        ctx.insert("diagnostics", &rows);
        self.render("diagnostics.html", path, &ctx)
    }

    /// The search results page: `search.html?q=…`, filled in by static/search.js.
    fn search_page(&self) -> Result<usize> {
        let path = "search.html";
        self.render("search.html", path, &self.context(path, "Іздеу"))
    }
}

#[derive(Serialize)]
struct StatuteEntry {
    title: String,
    url: Option<String>,
    units: Vec<StatuteLink>,
}

#[derive(Serialize)]
struct StatuteLink {
    label: String,
    href: String,
    count: usize,
}

#[derive(Serialize)]
struct CitingGroup {
    doc: String,
    href: String,
    items: Vec<CitingItem>,
}

#[derive(Serialize)]
struct CitingItem {
    title: String,
    href: String,
    before: String,
    cited: String,
    after: String,
    lines: String,
    file: String,
}

/// Articles in numeric order, then chapters, then the act as a whole.
fn unit_order(unit: &crate::graph::StatuteUnit) -> (u8, u32, String) {
    let kind = match unit.unit.as_str() {
        "article" => 0,
        "chapter" => 1,
        _ => 2,
    };
    let number = unit.number.as_deref().unwrap_or("");
    let main = number
        .split('-')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    (kind, main, number.to_string())
}

/// The words of the citing sentence before the citation (chars `..start`), at most 25.
fn sentence_before(text: &str, start: usize) -> String {
    let before: String = text.chars().take(start).collect();
    let from = before
        .rfind(['.', '!', '?', ';', '\n'])
        .map_or(0, |i| i + 1);
    let words: Vec<&str> = before[from..].split_whitespace().collect();
    let skip = words.len().saturating_sub(25);
    let mut out = words[skip..].join(" ");
    if skip > 0 {
        out.insert_str(0, "… ");
    }
    if !out.is_empty() && before.ends_with(char::is_whitespace) {
        out.push(' ');
    }
    out
}

/// The words of the citing sentence after the citation, at most 25.
fn sentence_after(text: &str, end: usize) -> String {
    let after: String = text.chars().skip(end).collect();
    let to = after
        .find(['.', '!', '?', ';', '\n'])
        .map_or(after.len(), |i| i + 1);
    let words: Vec<&str> = after[..to].split_whitespace().collect();
    let mut out = words.iter().take(25).copied().collect::<Vec<_>>().join(" ");
    if words.len() > 25 {
        out.push_str(" …");
    }
    if after.starts_with(char::is_whitespace) && !out.is_empty() {
        out.insert(0, ' ');
    }
    out
}

#[derive(Serialize)]
struct ContentsEntry {
    title: String,
    href: String,
    children: Vec<ContentsEntry>,
}

#[derive(Serialize)]
struct GlossaryView {
    term: String,
    anchor: String,
    kind: String,
    senses: Vec<SenseView>,
}

#[derive(Serialize)]
struct SenseView {
    definition: String,
    sources: Vec<Link>,
}

#[derive(Serialize)]
struct Group {
    doc: view::DocView,
    items: Vec<Item>,
}

/// A row of a listing's index page.
#[derive(Serialize)]
struct ListedDocument {
    title: String,
    /// The document's listing page, relative to the index.
    href: String,
    count: usize,
}

#[derive(Serialize)]
struct Item {
    context: Option<String>,
    context_href: Option<String>,
    node: view::NodeView,
}

#[derive(Serialize)]
struct DiagnosticView {
    severity: String,
    code: String,
    message: String,
    location: String,
    href: Option<String>,
}

/// The first words of a long title, for breadcrumbs.
fn short_title(title: &str) -> String {
    let words: Vec<&str> = title.split_whitespace().collect();
    if words.len() <= 6 {
        title.to_string()
    } else {
        format!("{}…", words[..6].join(" "))
    }
}
