//! `cite::link` on small hand-built graphs: edges to statute articles and to nodes, the
//! edition chosen by each node's date, "осы" inside and outside quotations, and the
//! diagnostics for what does not resolve.

use std::collections::BTreeMap;
use std::path::Path;
use zanbook::cite::{link, Registry};
use zanbook::diagnostic::{Diagnostic, Severity};
use zanbook::graph::{DocKind, DocMeta, Document, DocumentTree, Graph, Node, NodeKind, Source};

struct N<'a> {
    id: &'a str,
    kind: NodeKind,
    number: Option<&'a str>,
    parent: Option<&'a str>,
    text: &'a str,
    line: u32,
    attrs: &'a [(&'a str, &'a str)],
}

fn n<'a>(
    id: &'a str,
    kind: NodeKind,
    number: Option<&'a str>,
    parent: Option<&'a str>,
    text: &'a str,
    line: u32,
) -> N<'a> {
    N {
        id,
        kind,
        number,
        parent,
        text,
        line,
        attrs: &[],
    }
}

fn document(graph: &mut Graph, id: &str, kind: DocKind, date: Option<&str>, nodes: &[N<'_>]) {
    let file = format!("{id}.txt");
    let built: Vec<Node> = nodes
        .iter()
        .map(|x| Node {
            id: x.id.to_string(),
            document: id.to_string(),
            kind: x.kind,
            number: x.number.map(str::to_string),
            heading: None,
            text: x.text.to_string(),
            parent: x.parent.map(str::to_string),
            children: nodes
                .iter()
                .filter(|c| c.parent == Some(x.id))
                .map(|c| c.id.to_string())
                .collect(),
            source: Source {
                file: file.clone(),
                lines: [x.line, x.line],
            },
            attrs: x
                .attrs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect::<BTreeMap<_, _>>(),
            repairs: Vec::new(),
        })
        .collect();
    let tree = DocumentTree {
        children: nodes
            .iter()
            .filter(|x| x.parent.is_none())
            .map(|x| x.id.to_string())
            .collect(),
        nodes: built,
        ..DocumentTree::default()
    };
    let doc = Document {
        id: id.to_string(),
        kind,
        title: id.to_string(),
        printed_title: None,
        language: "kk".to_string(),
        file,
        original_name: String::new(),
        url: None,
        date: date.map(str::to_string),
        meta: DocMeta::default(),
        children: tree.children.clone(),
    };
    graph.add(doc, tree).expect("unique ids");
}

fn registry() -> Registry {
    Registry::load(Path::new("corpus/statutes.yaml")).expect("registry")
}

fn edges_from<'g>(graph: &'g Graph, from: &str) -> Vec<&'g str> {
    graph
        .citations
        .iter()
        .filter(|e| e.from == from)
        .map(|e| e.to.as_str())
        .collect()
}

fn codes(diagnostics: &[Diagnostic], node: &str) -> Vec<String> {
    diagnostics
        .iter()
        .filter(|d| d.node.as_deref() == Some(node))
        .map(|d| d.code.clone())
        .collect()
}

fn instruction() -> Graph {
    let mut g = Graph::default();
    let amended = [("amended_on", "2018-01-01")];
    document(
        &mut g,
        "instr",
        DocKind::Order,
        Some("2010-12-28"),
        &[
            n("instr/order", NodeKind::Order, None, None, "", 10),
            n("instr/order/p-3", NodeKind::Point, Some("3"), Some("instr/order"), "Осы бұйрықтың орындалуын бақылау жүктелсін.", 26),
            n("instr/order/p-3/note-1", NodeKind::Note, None, Some("instr/order/p-3"), "3-тармақ жаңа редакцияда - ҚР Бас Прокурорының 04.05.2016 № 91 бұйрығымен.", 28),
            n("instr/ch-1", NodeKind::Chapter, Some("1"), None, "", 40),
            n("instr/ch-1/p-3", NodeKind::Point, Some("3"), Some("instr/ch-1"), "Прокурор \"Прокуратура туралы\" Заңның 19-бабы тәртібінде наразылық енгізеді.", 80),
            n("instr/ch-1/p-6", NodeKind::Point, Some("6"), Some("instr/ch-1"), "Қорытындыда мыналар көрсетіледі.", 250),
            N {
                attrs: &amended,
                ..n("instr/ch-1/p-7", NodeKind::Point, Some("7"), Some("instr/ch-1"), "Қорытынды осы Нұсқаулықтың 6-тармағында көзделген талаптарға сәйкес жасалады. \"Прокуратура туралы\" Заңның 25-бабына сәйкес ұсыным енгізеді.", 430)
            },
            n("instr/ch-1/p-8", NodeKind::Point, Some("8"), Some("instr/ch-1"), "осы Нұсқаулықтың 99-тармағында", 440),
            n("instr/ch-1/p-9", NodeKind::Point, Some("9"), Some("instr/ch-1"), "ҚПК-нің 58-бабының 1-бөлігі, 59-бабы және ҚПК 58-бабының 2-бөлігі", 450),
        ],
    );
    g
}

#[test]
fn statute_articles_get_nodes_edges_and_back_links() {
    let mut g = instruction();
    let diagnostics = link(&mut g, &registry());
    // The 2010 order cites the 1995 law; the point rewritten in 2018 cites the 2017 law.
    assert_eq!(edges_from(&g, "instr/ch-1/p-3"), ["Z950002709_/art-19"]);
    assert_eq!(
        edges_from(&g, "instr/ch-1/p-7"),
        ["instr/ch-1/p-6", "Z1700000081/art-25"]
    );
    let unit = g
        .statute_articles
        .iter()
        .find(|u| u.id == "Z1700000081/art-25")
        .expect("statute article node");
    assert_eq!(unit.statute, "prokuratura");
    assert_eq!(unit.edition, "prokuratura-2017");
    assert_eq!(unit.unit, "article");
    assert_eq!(unit.number.as_deref(), Some("25"));
    assert_eq!(
        unit.url.as_deref(),
        Some("https://adilet.zan.kz/kaz/docs/Z1700000081")
    );
    assert_eq!(g.cited_by["instr/ch-1/p-6"], ["instr/ch-1/p-7"]);
    // Two citations of art. 58 (parts 1 and 2) make one article node and one back-link.
    assert_eq!(
        edges_from(&g, "instr/ch-1/p-9"),
        [
            "K1400000231/art-58",
            "K1400000231/art-59",
            "K1400000231/art-58"
        ]
    );
    assert_eq!(g.cited_by["K1400000231/art-58"], ["instr/ch-1/p-9"]);
    assert_eq!(
        g.statute_articles
            .iter()
            .filter(|u| u.id == "K1400000231/art-58")
            .count(),
        1
    );
    let parts: Vec<Option<&str>> = g
        .citations
        .iter()
        .filter(|e| e.from == "instr/ch-1/p-9")
        .map(|e| e.part.as_deref())
        .collect();
    assert_eq!(parts, [Some("1"), None, Some("2")]);
    assert!(codes(&diagnostics, "instr/ch-1/p-3").is_empty());
}

#[test]
fn a_note_cites_the_point_it_annotates() {
    let mut g = instruction();
    link(&mut g, &registry());
    // Two points are numbered 3 (the order's and the instruction's): the note is the order's.
    // It also cites the amending order, found in the registry by its number and date.
    assert_eq!(
        edges_from(&g, "instr/order/p-3/note-1"),
        ["instr/order/p-3", "pg-order-91-2016"]
    );
}

#[test]
fn a_missing_internal_target_is_an_error_with_its_line() {
    let mut g = instruction();
    let diagnostics = link(&mut g, &registry());
    let d = diagnostics
        .iter()
        .find(|d| d.node.as_deref() == Some("instr/ch-1/p-8"))
        .expect("diagnostic");
    assert_eq!(d.code, "citation-unresolved");
    assert_eq!(d.severity, Severity::Error);
    assert_eq!((d.file.as_str(), d.line), ("instr.txt", 440));
    assert!(d.message.contains("99"), "{}", d.message);
    assert!(edges_from(&g, "instr/ch-1/p-8").is_empty());
}

#[test]
fn amendment_items_cite_the_amended_act_and_quotes_mean_it_by_osy() {
    let mut g = Graph::default();
    document(
        &mut g,
        "law",
        DocKind::Law,
        Some("2010-12-29"),
        &[
            n("law/art-1", NodeKind::Article, Some("1"), None, "", 5),
            n("law/art-1/act-2", NodeKind::AmendedAct, Some("2"), Some("law/art-1"), "«Прокуратура туралы» 1995 жылғы 21 желтоқсандағы Қазақстан Республикасының Заңына мынадай өзгерістер енгізілсін:", 79),
            n("law/art-1/act-2/item-1", NodeKind::AmendmentItem, Some("1"), Some("law/art-1/act-2"), "18-баптың 1-тармағының 1) тармақшасындағы «ұсыным» деген сөз «ұсыныс» деген сөзбен ауыстырылсын;", 215),
            n("law/art-1/act-2/item-2", NodeKind::AmendmentItem, Some("2"), Some("law/art-1/act-2"), "мынадай редакцияда жазылсын:", 230),
            n("law/art-1/act-2/item-2/q", NodeKind::Quote, None, Some("law/art-1/act-2/item-2"), "Осы Заңның 25-бабында көзделген жағдайларда", 231),
            n("law/art-1/act-2/item-3", NodeKind::AmendmentItem, Some("3"), Some("law/art-1/act-2"), "46-бапта:", 240),
            n("law/art-1/act-2/item-3/s-1", NodeKind::SubInstruction, None, Some("law/art-1/act-2/item-3"), "екінші бөлік «азаматтардың өздерін» деген сөздерден кейін «және прокурорды» деген сөздермен толықтырылсын;", 241),
            n("law/art-2", NodeKind::Article, Some("2"), None, "Осы Заң алғашқы ресми жарияланған күнінен кейін қолданысқа енгізіледі. Осы Заңның 1-бабы", 384),
        ],
    );
    let diagnostics = link(&mut g, &registry());
    assert_eq!(edges_from(&g, "law/art-1/act-2"), ["Z950002709_"]);
    assert_eq!(
        edges_from(&g, "law/art-1/act-2/item-1"),
        ["Z950002709_/art-18"]
    );
    let e = g
        .citations
        .iter()
        .find(|e| e.from == "law/art-1/act-2/item-1")
        .expect("edge");
    assert_eq!(
        (e.point.as_deref(), e.subpoint.as_deref()),
        (Some("1"), Some("1"))
    );
    assert_eq!(
        edges_from(&g, "law/art-1/act-2/item-2/q"),
        ["Z950002709_/art-25"]
    );
    // `екінші бөлік` under `46-бапта:` is part 2 of article 46 of the amended act.
    assert_eq!(
        edges_from(&g, "law/art-1/act-2/item-3"),
        ["Z950002709_/art-46"]
    );
    assert_eq!(
        edges_from(&g, "law/art-1/act-2/item-3/s-1"),
        ["Z950002709_/art-46"]
    );
    let e = g
        .citations
        .iter()
        .find(|e| e.from == "law/art-1/act-2/item-3/s-1")
        .expect("edge");
    assert_eq!(
        (e.article.as_deref(), e.part.as_deref()),
        (Some("46"), Some("2"))
    );
    // Outside the quotation "осы Заң" is the amending law itself.
    assert_eq!(edges_from(&g, "law/art-2"), ["law/art-1"]);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
}

#[test]
fn undated_and_unknown_citations_become_warnings() {
    let mut g = Graph::default();
    document(
        &mut g,
        "tb",
        DocKind::Textbook,
        None,
        &[
            n(
                "tb/p-1",
                NodeKind::Paragraph,
                None,
                None,
                "\"Прокуратура туралы\" Заңның 5-бабы",
                12,
            ),
            n(
                "tb/p-2",
                NodeKind::Paragraph,
                None,
                None,
                "\"Прокуратура туралы\" ҚРКЗ 6-бабы",
                14,
            ),
            n(
                "tb/p-3",
                NodeKind::Paragraph,
                None,
                None,
                "осы Заңның 6-бабында",
                16,
            ),
            n(
                "tb/p-4",
                NodeKind::Paragraph,
                None,
                None,
                "«Туристік қызмет туралы» Заңның 5-бабы",
                18,
            ),
            n(
                "tb/p-5",
                NodeKind::Paragraph,
                None,
                None,
                "(6-баптың 4-тармағы)",
                20,
            ),
        ],
    );
    let diagnostics = link(&mut g, &registry());
    assert_eq!(
        codes(&diagnostics, "tb/p-1"),
        ["citation-edition-ambiguous"]
    );
    assert!(edges_from(&g, "tb/p-1").is_empty());
    assert_eq!(edges_from(&g, "tb/p-2"), ["Z2200000155/art-6"]);
    assert_eq!(codes(&diagnostics, "tb/p-3"), ["citation-unresolved"]);
    assert_eq!(codes(&diagnostics, "tb/p-4"), ["citation-unknown-act"]);
    // No act in the paragraph and none before it: not a guess from another paragraph.
    assert_eq!(codes(&diagnostics, "tb/p-5"), ["citation-no-act"]);
    assert!(diagnostics.iter().all(|d| d.severity == Severity::Warning));
    let d = diagnostics
        .iter()
        .find(|d| d.node.as_deref() == Some("tb/p-4"))
        .expect("d");
    assert_eq!((d.file.as_str(), d.line), ("tb.txt", 18));
}

#[test]
fn the_graph_serialises_with_its_citations() {
    let mut g = instruction();
    link(&mut g, &registry());
    let json = serde_json::to_value(&g).expect("serialises");
    assert!(json["citations"].as_array().is_some_and(|a| !a.is_empty()));
    assert!(json["statute_articles"]
        .as_array()
        .is_some_and(|a| !a.is_empty()));
    let back: Graph = serde_json::from_value(json).expect("deserialises");
    assert_eq!(back.citations, g.citations);
    // A graph written before citations existed still reads.
    let old: Graph =
        serde_json::from_str(r#"{"documents":[],"nodes":[],"abbreviations":[],"terms":[]}"#)
            .expect("old graph");
    assert!(old.citations.is_empty());
}

#[test]
fn an_unknown_act_is_reported_once_per_document() {
    let mut g = Graph::default();
    document(
        &mut g,
        "tb",
        DocKind::Textbook,
        Some("2023-01-01"),
        &[
            n(
                "tb/p-1",
                NodeKind::Paragraph,
                None,
                None,
                "«Туристік қызмет туралы» Заңның 5-бабы",
                12,
            ),
            n(
                "tb/p-2",
                NodeKind::Paragraph,
                None,
                None,
                "«Туристік қызмет туралы» Заңның 6-бабы",
                14,
            ),
            n(
                "tb/p-3",
                NodeKind::Paragraph,
                None,
                None,
                "«Туристік  қызмет туралы» Заңда",
                16,
            ),
        ],
    );
    let diagnostics = link(&mut g, &registry());
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0].node.as_deref(), Some("tb/p-1"));
    assert!(
        diagnostics[0].message.contains("2 more"),
        "{}",
        diagnostics[0].message
    );
}

#[test]
fn a_statute_that_is_in_the_corpus_links_to_its_document() {
    let mut g = instruction();
    // instr is order № 88 of 28.12.2010 (adilet V1000006737).
    g.documents[0].url = Some("https://adilet.zan.kz/kaz/docs/V1000006737".to_string());
    document(
        &mut g,
        "tb",
        DocKind::Textbook,
        Some("2012-01-01"),
        &[
            n("tb/p-1", NodeKind::Paragraph, None, None, "ҚР Бас Прокурорының 2010 жылғы 28 желтоқсандағы № 88 бұйрығымен бекітілген нұсқаулық", 3),
            n("tb/p-2", NodeKind::Paragraph, None, None, "ҚР Бас Прокурорының 2010 жылғы 28 желтоқсандағы № 88 бұйрығының 3-тармағы", 5),
        ],
    );
    let diagnostics = link(&mut g, &registry());
    assert_eq!(edges_from(&g, "tb/p-1"), ["instr"]);
    // The order's point 3, not the instruction's.
    assert_eq!(edges_from(&g, "tb/p-2"), ["instr/order/p-3"]);
    assert!(codes(&diagnostics, "tb/p-2").is_empty(), "{diagnostics:?}");
    assert_eq!(g.cited_by["instr"], ["tb/p-1"]);
}

#[test]
fn a_short_name_an_instruction_gives_itself_means_the_document() {
    let mut g = Graph::default();
    document(
        &mut g,
        "ins",
        DocKind::Order,
        Some("2017-09-13"),
        &[
            n("ins/ch-1", NodeKind::Chapter, Some("1"), None, "", 1),
            n("ins/ch-1/p-1", NodeKind::Point, Some("1"), Some("ins/ch-1"), "Осы қадағалауды ұйымдастыру жөніндегі нұсқаулық (бұдан әрі – Нұсқаулық) тәртібін айқындайды.", 65),
            n("ins/ch-1/p-2", NodeKind::Point, Some("2"), Some("ins/ch-1"), "Қорытынды Нұсқаулықтың 1-тармағында көзделген талаптарға сәйкес жасалады.", 70),
        ],
    );
    let diagnostics = link(&mut g, &registry());
    assert_eq!(edges_from(&g, "ins/ch-1/p-2"), ["ins/ch-1/p-1"]);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
}
