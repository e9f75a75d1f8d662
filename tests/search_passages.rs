//! The graph of the real corpus cut into search passages, and the engine over them.

use std::path::Path;

use zanbook::emit::site::pages::PageMap;
use zanbook::graph::NodeKind;
use zanbook::search::{passages, Engine, Thesaurus};

fn corpus() -> (zanbook::graph::Graph, passages::SearchCorpus) {
    let compiled =
        zanbook::pipeline::compile_dir(Path::new("corpus")).expect("the corpus compiles");
    let graph = compiled.graph;
    let terms = Thesaurus::load(Path::new("corpus/search-terms.yaml")).expect("terms load");
    let map = PageMap::build(&graph);
    let corpus = passages::collect(&graph, &map, terms);
    (graph, corpus)
}

#[test]
fn passages_are_readable_units_with_addresses() {
    let (graph, corpus) = corpus();
    assert_eq!(corpus.passages.len(), corpus.stored.len());
    let mut ids = std::collections::HashSet::new();
    for (passage, stored) in corpus.passages.iter().zip(&corpus.stored) {
        assert_eq!(passage.id, stored.id);
        // The loaded index checks phrases against the stored heading and text: they must be
        // what the passage was indexed with.
        assert_eq!(stored.heading, passage.title, "{stored:?}");
        assert_eq!(stored.text, passage.text, "{stored:?}");
        assert!(stored.title().ends_with(&stored.heading), "{stored:?}");
        assert!(
            ids.insert(passage.id.clone()),
            "duplicate passage {}",
            passage.id
        );
        assert!(
            !stored.url.is_empty() && !stored.url.starts_with('/'),
            "{stored:?}"
        );
        if let Some(node) = graph.node(&passage.id) {
            // A hit is never a whole chapter or topic: those lend their heading, not text.
            assert!(
                !matches!(node.kind, NodeKind::Chapter | NodeKind::Topic) || !node.text.is_empty(),
                "{}",
                passage.id
            );
            assert!(
                stored.lines[0] >= 1 && stored.lines[0] <= stored.lines[1],
                "{stored:?}"
            );
            assert_eq!(stored.file, node.source.file);
        } else {
            assert!(stored.url.starts_with("statutes/"), "{stored:?}");
        }
    }
    // Every node with text of its own is searchable.
    let with_text = graph
        .nodes
        .iter()
        .filter(|n| !n.text.trim().is_empty())
        .count();
    let statutes = graph.statute_articles.len();
    assert_eq!(corpus.passages.len(), with_text + statutes);
    // Points of the instruction carry their chapter heading as the ranking title.
    let point = corpus
        .passages
        .iter()
        .find(|p| p.id == "instr-2017-104/ch-2/p-8")
        .expect("point 8 is a passage");
    assert!(!point.title.is_empty());
}

#[test]
fn resolved_citations_become_legal_tokens() {
    let (graph, corpus) = corpus();
    // Some passage cites an article of the 2022 constitutional law; it carries the token for
    // the article with and without the law's abbreviation.
    let citing = graph
        .citations
        .iter()
        .find(|e| e.act.contains("prokuratura-2022") || e.to.contains("art-"))
        .expect("the corpus cites statute articles");
    let passage = corpus
        .passages
        .iter()
        .find(|p| p.id == citing.from)
        .expect("the citing node is a passage");
    assert!(
        passage.legal.iter().any(|k| k.starts_with("§art:")),
        "{:?}",
        passage.legal
    );
}

#[test]
fn a_citation_query_finds_the_statute_page_and_the_citing_passages() {
    let (graph, corpus) = corpus();
    let engine = Engine::new(&corpus.passages, corpus.thesaurus);
    // Pick a cited article of the Criminal Code from the graph rather than hard-coding one.
    let unit = graph
        .statute_articles
        .iter()
        .find(|u| u.statute == "criminal-code" && u.unit == "article")
        .expect("the corpus cites an article of the Criminal Code");
    let number = unit.number.as_deref().expect("an article has a number");
    for query in [
        format!("ҚК {number}-бап"),
        format!("ҚК {number}"),
        format!("УК ст. {number}"),
    ] {
        let hits = engine.search(&query, 10).expect("the query runs");
        let ids: Vec<&str> = hits.iter().map(|h| h.id.as_str()).collect();
        assert!(
            ids.iter()
                .take(3)
                .any(|id| graph.statute_articles.iter().any(|u| &u.id == id
                    && u.number.as_deref() == Some(number)
                    && u.statute == "criminal-code")),
            "{query}: {ids:?}"
        );
        let citing: Vec<&str> = graph
            .citations
            .iter()
            .filter(|e| e.to == unit.id)
            .map(|e| e.from.as_str())
            .collect();
        assert!(
            ids.iter().any(|id| citing.contains(id)),
            "{query}: {ids:?} vs {citing:?}"
        );
    }
}

#[test]
fn an_editorial_note_is_ranked_by_its_own_words_not_its_points_topic() {
    let (graph, corpus) = corpus();
    let notes: Vec<&str> = (graph.nodes.iter())
        .filter(|n| n.kind == NodeKind::Note)
        .map(|n| n.id.as_str())
        .collect();
    assert!(!notes.is_empty(), "the instructions carry amendment notes");
    for (passage, stored) in corpus.passages.iter().zip(&corpus.stored) {
        if notes.contains(&passage.id.as_str()) {
            // No inherited heading to match on; the hit still says where it is.
            assert_eq!(passage.title, "", "{}", passage.id);
            assert!(stored.title().contains("ескерту"), "{stored:?}");
        }
    }
    // A query on the topic of an amended instruction's chapters lands on what the points
    // say, not on the notes recording which order amended them.
    let engine = Engine::new(&corpus.passages, corpus.thesaurus);
    let hits = (engine.search(
        "атқарушылық іс жүргізудің заңдылығын қадағалау прокурорының күні",
        10,
    ))
    .expect("the query runs");
    let ids: Vec<&str> = hits.iter().map(|h| h.id.as_str()).collect();
    assert!(!ids.is_empty());
    assert!(ids.iter().all(|id| !notes.contains(id)), "{ids:?}");
}

#[test]
fn a_list_item_carries_the_lead_in_it_stands_under() {
    let (graph, corpus) = corpus();
    let context: std::collections::HashMap<&str, &str> = (corpus.passages.iter())
        .map(|p| (p.id.as_str(), p.context.as_str()))
        .collect();
    // Every lead-in is a sentence that introduces a list.
    assert!(context
        .values()
        .all(|c| c.is_empty() || c.trim_end().ends_with(':')));
    // A dash paragraph right after a paragraph ending in a colon (the textbooks' lists), and a
    // subpoint under a point ending in a colon (the instructions'), carry that text — its
    // last MAX_LEAD_WORDS words, all of it when it is shorter.
    let carries = |id: &str, lead: &str| {
        let got = context[id];
        let words = lead.split_whitespace().count();
        assert!(lead.ends_with(got) && !got.is_empty(), "{id}: {got:?}");
        assert_eq!(
            got.split_whitespace().count(),
            words.min(passages::MAX_LEAD_WORDS),
            "{id}: {got:?}"
        );
    };
    let mut seen = (0, 0, 0);
    for parent in &graph.nodes {
        let children: Vec<_> = (parent.children.iter())
            .filter_map(|c| graph.node(c))
            .collect();
        for pair in children.windows(2) {
            if pair[0].text.trim_end().ends_with(':') && pair[1].text.starts_with("- ") {
                carries(&pair[1].id, &pair[0].text);
                seen.0 += 1;
            }
        }
        if parent.text.trim_end().ends_with(':') {
            for child in children.iter().filter(|c| c.kind == NodeKind::Subpoint) {
                carries(&child.id, &parent.text);
                seen.1 += 1;
                seen.2 +=
                    usize::from(parent.text.split_whitespace().count() > passages::MAX_LEAD_WORDS);
            }
        }
    }
    // Some lead-ins are longer than the cut (so the cut is exercised on real text).
    assert!(seen.0 > 10 && seen.1 > 10 && seen.2 > 0, "{seen:?}");
    // A paragraph that is not a list item has none.
    let plain = (graph.nodes.iter())
        .find(|n| n.kind == NodeKind::Paragraph && n.text.starts_with(char::is_uppercase))
        .expect("a plain paragraph");
    assert_eq!(context[plain.id.as_str()], "");
}
