//! The built study site: every internal link and fragment resolves, nothing is loaded from
//! the network, corpus text is escaped everywhere, and a failed template leaves the old site.

mod common;

use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use zanbook::emit::site;
use zanbook::graph::NodeKind;

/// The real corpus's site, built once into a temporary directory.
fn built() -> &'static Path {
    static SITE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = SITE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("site");
        let compiled = common::corpus();
        site::write_site(&compiled.graph, &compiled.diagnostics, &out, None).expect("site builds");
        (dir, out)
    });
    path
}

fn html_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn unescape(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[test]
fn every_internal_link_and_fragment_resolves() {
    let root = built();
    let link = Regex::new(r#"(?:href|src)="([^"]*)""#).expect("regex");
    let id = Regex::new(r#"\sid="([^"]*)""#).expect("regex");
    let files = html_files(root);
    assert!(
        files.len() > 100,
        "one page per chapter, topic, section, case: {}",
        files.len()
    );
    let mut ids: HashMap<PathBuf, HashSet<String>> = HashMap::new();
    let mut pages: HashMap<PathBuf, String> = HashMap::new();
    for file in &files {
        let html = std::fs::read_to_string(file).expect("page");
        ids.insert(
            file.clone(),
            id.captures_iter(&html).map(|c| unescape(&c[1])).collect(),
        );
        pages.insert(file.clone(), html);
    }
    let mut broken = Vec::new();
    let mut checked = 0;
    for (file, html) in &pages {
        for caps in link.captures_iter(html) {
            let target = unescape(&caps[1]);
            if target.starts_with("https://") || target.starts_with("http://") {
                continue;
            }
            checked += 1;
            let (path, fragment) = target.split_once('#').unwrap_or((&target, ""));
            let resolved = if path.is_empty() {
                file.clone()
            } else {
                normalize(&file.parent().expect("parent").join(path))
            };
            if !resolved.is_file() {
                broken.push(format!("{}: {target} (no file)", file.display()));
            } else if !fragment.is_empty()
                && !ids.get(&resolved).is_some_and(|s| s.contains(fragment))
            {
                broken.push(format!("{}: {target} (no fragment)", file.display()));
            }
        }
    }
    assert!(checked > 1000, "links checked: {checked}");
    assert!(
        broken.is_empty(),
        "{} broken links:\n{}",
        broken.len(),
        broken.join("\n")
    );
}

/// Resolves `.` and `..` without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[test]
fn pages_load_nothing_from_the_network() {
    let external = Regex::new(r#"<(?:script|link|img|iframe)[^>]*(?:src|href)="(?:https?:)?//"#)
        .expect("regex");
    for file in html_files(built()) {
        let html = std::fs::read_to_string(&file).expect("page");
        assert!(
            !external.is_match(&html),
            "{} loads an external resource",
            file.display()
        );
        assert!(html.contains("<html lang=\"kk\">"), "{}", file.display());
        assert!(html.contains("<main id=\"main\">"), "{}", file.display());
    }
}

#[test]
fn every_node_has_an_address_on_the_site() {
    let compiled = common::corpus();
    let map = site::pages::PageMap::build(&compiled.graph);
    let root = built();
    for node in &compiled.graph.nodes {
        let url = map
            .url(&node.id)
            .unwrap_or_else(|| panic!("{} has no address", node.id));
        let (page, fragment) = url.split_once('#').unwrap_or((&url, ""));
        let html =
            std::fs::read_to_string(root.join(page)).unwrap_or_else(|_| panic!("{url}: no page"));
        if !fragment.is_empty() {
            assert!(
                html.contains(&format!("id=\"{fragment}\"")),
                "{url}: no fragment"
            );
        }
    }
}

/// Each listing (questions, cases, sources) is an index of the documents that have such nodes,
/// with their counts, and a page per document that shows every one of them.
#[test]
fn listings_are_an_index_and_a_page_per_document() {
    let compiled = common::corpus();
    let graph = &compiled.graph;
    let root = built();
    let listed = |kind| -> Vec<&zanbook::graph::Node> {
        graph.nodes.iter().filter(|n| n.kind == kind).collect()
    };
    for (dir, kind, shown) in [
        (
            "questions",
            NodeKind::QuestionBlock,
            "<section class=\"qblock\"",
        ),
        ("cases", NodeKind::Case, "<article class=\"case\""),
        (
            "sources",
            NodeKind::SourceList,
            "<section class=\"sourcelist\"",
        ),
    ] {
        let index = std::fs::read_to_string(root.join(dir).join("index.html")).expect("index");
        let mut documents: Vec<&str> = listed(kind).iter().map(|n| n.document.as_str()).collect();
        documents.dedup();
        assert!(!documents.is_empty(), "the corpus has {dir}");
        for doc in &documents {
            assert!(
                index.contains(&format!("href=\"{doc}.html\"")),
                "{dir}: {doc} is listed"
            );
            let page = std::fs::read_to_string(root.join(dir).join(format!("{doc}.html")))
                .unwrap_or_else(|_| panic!("{dir}/{doc}.html"));
            let here = listed(kind).iter().filter(|n| n.document == *doc).count();
            assert_eq!(
                page.matches(shown).count(),
                here,
                "{dir}/{doc}.html shows all"
            );
        }
        let pages = std::fs::read_dir(root.join(dir))
            .expect("listing dir")
            .count();
        assert_eq!(
            pages,
            documents.len() + 1,
            "{dir}: an index and a page per document"
        );
    }
    // The index counts questions, not question blocks (80 and 158 in the two textbooks).
    let questions = std::fs::read_to_string(root.join("questions/index.html")).expect("index");
    assert!(questions.contains("(80 сұрақ)") && questions.contains("(158 сұрақ)"));
}

/// A corpus without textbooks has no questions, cases or sources: each listing's index says
/// so, and no document page is made for it.
#[test]
fn a_corpus_without_textbooks_has_empty_listing_indexes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).expect("corpus dir");
    let manifest =
        std::fs::read_to_string(common::repo().join("corpus/corpus.yaml")).expect("manifest");
    let acts_only = &manifest[..manifest.find("  - id: tb-").expect("a textbook entry")];
    std::fs::write(corpus.join("corpus.yaml"), acts_only).expect("write manifest");
    for file in [
        "instr-2017-104.txt",
        "instr-2010-88.txt",
        "law-2010-374.txt",
        "statutes.yaml",
    ] {
        std::fs::copy(common::repo().join("corpus").join(file), corpus.join(file)).expect("copy");
    }
    let compiled = common::compile(&corpus);
    assert!(compiled
        .graph
        .documents
        .iter()
        .all(|d| !d.id.starts_with("tb-")));
    let out = dir.path().join("site");
    site::write_site(&compiled.graph, &compiled.diagnostics, &out, None).expect("site builds");
    for listing in ["questions", "cases", "sources"] {
        let index = std::fs::read_to_string(out.join(listing).join("index.html")).expect("index");
        assert!(
            index.contains("Корпуста әзірге жоқ."),
            "{listing}: says it is empty"
        );
        let pages = std::fs::read_dir(out.join(listing))
            .expect("listing dir")
            .count();
        assert_eq!(pages, 1, "{listing}: only the index");
    }
}

#[test]
fn the_point_page_shows_text_note_and_source_lines() {
    let html = std::fs::read_to_string(built().join("instr-2010-88/ch-2.html")).expect("page");
    assert!(html.contains("id=\"ch-2/p-8\""));
    assert!(
        html.contains("<aside class=\"note\" id=\"ch-2/p-8/note-1\""),
        "notes are asides, not body text"
    );
    assert!(
        html.contains("instr-2010-88.txt:"),
        "source lines are shown"
    );
    let doc =
        std::fs::read_to_string(built().join("instr-2010-88/index.html")).expect("document page");
    assert!(
        doc.contains("Күшін жойған") && doc.contains("2018 жылғы 2 мамыр"),
        "status and repeal are on the card"
    );
}

/// Every citation is a link on its node's page whose text is the citation as written: the
/// text is cut at the citation's character offsets (a cut in the wrong place, in bytes or
/// chars, gives another link text or none).
#[test]
fn every_citation_is_linked_with_its_own_words() {
    let compiled = common::corpus();
    let graph = &compiled.graph;
    let map = site::pages::PageMap::build(graph);
    let link = Regex::new(r#"class="cite"[^>]*>([^<]*)</a>"#).expect("regex");
    let mut pages: HashMap<String, HashSet<String>> = HashMap::new();
    assert!(graph.citations.len() > 100, "the corpus cites");
    for edge in &graph.citations {
        let node = graph.node(&edge.from).expect("citing node");
        let words: String = node
            .text
            .chars()
            .skip(edge.start)
            .take(edge.end - edge.start)
            .collect();
        assert_eq!(words, edge.text, "{}: offsets", edge.from);
        let url = map.url(&edge.from).expect("address");
        let page = url.split('#').next().unwrap_or(&url).to_string();
        let links = pages.entry(page.clone()).or_insert_with(|| {
            let html = std::fs::read_to_string(built().join(&page)).expect("page");
            link.captures_iter(&html).map(|c| unescape(&c[1])).collect()
        });
        assert!(
            links.contains(&edge.text),
            "{page}: no link `{}`",
            edge.text
        );
    }
}

#[test]
fn corpus_text_is_escaped_everywhere() {
    let dir = tempfile::tempdir().expect("dir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).expect("mkdir");
    std::fs::write(
        corpus.join("corpus.yaml"),
        "documents:\n  - id: order-2020-1\n    file: o.txt\n    kind: order\n    title: \"<b>Бұйрық</b> & {{ title }}\"\n    language: kk\n    original_name: o.txt\n",
    )
    .expect("manifest");
    std::fs::write(
        corpus.join("o.txt"),
        "\nТақырып <script>alert(\"x\")</script>\n\nҚазақстан Республикасы Бас Прокурорының 2020 жылғы 5 маусымдағы № 1 бұйрығы.\n      Мақсатында БҰЙЫРАМЫН:\n      1. Мәтін <img src=x onerror=alert(1)> және {% raw %} бар.\n",
    )
    .expect("text");
    let compiled = common::compile(&corpus);
    let out = dir.path().join("site");
    site::write_site(&compiled.graph, &compiled.diagnostics, &out, None).expect("builds");
    for file in html_files(&out) {
        let html = std::fs::read_to_string(&file).expect("page");
        assert!(!html.contains("<script>alert"), "{}", file.display());
        assert!(!html.contains("<img src=x"), "{}", file.display());
        assert!(!html.contains("<b>Бұйрық</b>"), "{}", file.display());
    }
    let order = std::fs::read_to_string(out.join("order-2020-1/order.html")).expect("order page");
    assert!(order.contains("&lt;img src=x onerror=alert(1)&gt; және {% raw %} бар."));
    let home = std::fs::read_to_string(out.join("index.html")).expect("home");
    assert!(home.contains("&lt;b&gt;Бұйрық&lt;/b&gt; &amp; {{ title }}"));
}

#[test]
fn a_broken_template_leaves_the_previous_site() {
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("site");
    let compiled = common::compile(&common::repo().join("tests/fixtures/unseen"));
    site::write_site(&compiled.graph, &compiled.diagnostics, &out, None).expect("first build");
    let before = std::fs::read(out.join("index.html")).expect("home");
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).expect("mkdir");
    std::fs::write(templates.join("page.html"), "{% extends \"base.html\" %}{% block content %}{{ node.nope | nofilter }}{% endblock content %}").expect("write");
    let err = site::write_site(
        &compiled.graph,
        &compiled.diagnostics,
        &out,
        Some(&templates),
    )
    .expect_err("must fail");
    assert_eq!(err.exit_code(), 1, "{err}");
    assert_eq!(std::fs::read(out.join("index.html")).expect("home"), before);
    // A template override that works is used.
    std::fs::write(templates.join("page.html"), "{% extends \"base.html\" %}{% block content %}<p class=\"custom\">{{ title }}</p>{% endblock content %}").expect("write");
    site::write_site(
        &compiled.graph,
        &compiled.diagnostics,
        &out,
        Some(&templates),
    )
    .expect("override builds");
    let page = std::fs::read_to_string(out.join("order-2020-77/ch-1.html")).expect("page");
    assert!(page.contains("<p class=\"custom\">"));
}
