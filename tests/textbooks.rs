//! Textbooks in the article graph: counts and first words checked by reading the two
//! corpus textbooks, prose quality of real paragraphs, the glossary's sense split, and two
//! fixtures of our own in other numbering styles.

use std::path::Path;
use std::sync::LazyLock;
use zanbook::graph::{DocKind, Graph, Node, NodeKind};
use zanbook::load::{ManifestEntry, RawDocument};
use zanbook::pipeline::{compile_dir, Compiled};

static CORPUS: LazyLock<Compiled> =
    LazyLock::new(|| compile_dir(Path::new("corpus")).expect("the corpus compiles"));

fn graph() -> &'static Graph {
    &CORPUS.graph
}

fn nodes<'a>(g: &'a Graph, doc: &'a str, kind: NodeKind) -> Vec<&'a Node> {
    g.nodes_of(doc).filter(|n| n.kind == kind).collect()
}

fn node<'a>(g: &'a Graph, id: &str) -> &'a Node {
    g.node(id).unwrap_or_else(|| panic!("no node `{id}`"))
}

/// Review questions (in question blocks, not in cases).
fn review_questions<'a>(g: &'a Graph, doc: &'a str) -> Vec<&'a Node> {
    nodes(g, doc, NodeKind::Question)
        .into_iter()
        .filter(|q| {
            q.parent
                .as_deref()
                .is_some_and(|p| node(g, p).kind == NodeKind::QuestionBlock)
        })
        .collect()
}

fn has_diagnostic(code: &str, node_id: &str) -> bool {
    CORPUS
        .diagnostics
        .iter()
        .any(|d| d.code == code && d.node.as_deref() == Some(node_id))
}

// ----- 001: the prosecution textbook -----

#[test]
fn prosecution_topics_sections_and_questions() {
    let g = graph();
    let doc = "tb-prosecution";
    let topics = nodes(g, doc, NodeKind::Topic);
    assert_eq!(topics.len(), 8);
    let numbers: Vec<_> = topics
        .iter()
        .map(|t| t.number.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(numbers, ["1", "2", "3", "4", "5", "6", "7", "8"]);
    assert_eq!(topics[0].source.lines, [74, 881]);
    assert_eq!(
        topics[0].heading.as_deref(),
        Some("Қазақстан Республикасындағы прокуратураның құқықтық мәртебесі.")
    );
    // "8 тақырып." is glued to the last question of topic 7 by a page join.
    assert_eq!(topics[7].source.lines[0], 4795);
    assert_eq!(
        topics[7].heading.as_deref(),
        Some("Прокурор қызметінің кепілдіктері")
    );

    assert_eq!(nodes(g, doc, NodeKind::Section).len(), 27);
    let s11 = node(g, "tb-prosecution/topic-1/s-1.1");
    assert_eq!(
        s11.source.lines[0], 88,
        "the body heading, not the outline entry at 78"
    );
    assert!(s11
        .heading
        .as_deref()
        .unwrap_or("")
        .contains("саяси-құқықтық мәртебесінің"));
    // Lower-case heading, and the missing 3.2 reported.
    assert!(node(g, "tb-prosecution/topic-3/s-3.1")
        .heading
        .as_deref()
        .unwrap_or("")
        .starts_with("прокуратура органдарының құзыреті"));
    assert!(g.node("tb-prosecution/topic-3/s-3.2").is_none());
    assert!(has_diagnostic(
        "section-gap",
        "tb-prosecution/topic-3/s-3.3"
    ));
    // Outline and body titles differ for 4.3; the body title wins, the outline is kept.
    let s43 = node(g, "tb-prosecution/topic-4/s-4.3");
    assert!(s43
        .heading
        .as_deref()
        .unwrap_or("")
        .starts_with("Заңдылықтың сақталуын тексеру"));
    assert!(s43.attrs["outline_title"].starts_with("Қадағалау жүргізу тәртібі"));

    assert_eq!(nodes(g, doc, NodeKind::QuestionBlock).len(), 8);
    assert_eq!(review_questions(g, doc).len(), 80);
    let q = node(g, "tb-prosecution/topic-1/questions/q-1");
    assert!(q
        .text
        .starts_with("Прокуратураның саяси-құқықтық мәртебесі"));
    assert_eq!(q.source.lines, [853, 855]);
    // Question 5 lost its number; item "6." is pasted statute text.
    let q5 = node(g, "tb-prosecution/topic-1/questions/q-5");
    assert_eq!(q5.text, "Прокуратураның негізгі функциясы қандай?");
    assert_eq!(q5.attrs["number_inferred"], "true");
    assert!(g.node("tb-prosecution/topic-1/questions/q-6").is_none());
}

#[test]
fn prosecution_bibliography_and_footnote() {
    let g = graph();
    let doc = "tb-prosecution";
    let lists = nodes(g, doc, NodeKind::SourceList);
    let headings: Vec<_> = lists.iter().map(|l| l.heading.clone()).collect();
    assert_eq!(
        headings,
        [
            None,
            Some("Нормативтік құқықтық актілер. Қорытынды құжаттар.".to_string()),
            Some("Интернет ресурстары.".to_string()),
            None
        ]
    );
    let entries = nodes(g, doc, NodeKind::SourceEntry);
    // Literature: the tail of 4 and 5–10; 16 acts; 1 internet resource; 4 menu items.
    assert_eq!(entries.len(), 7 + 16 + 1 + 4);
    let tail = node(g, "tb-prosecution/sources/4");
    assert_eq!(tail.attrs["truncated"], "true");
    let e6 = node(g, "tb-prosecution/sources/6");
    assert_eq!(e6.attrs["author"], "Даев В. Г., Маршунов М. Н.");
    assert_eq!(e6.attrs["publisher"], "ЛГУ");
    assert_eq!(e6.attrs["year"], "1990");
    let act2 = node(g, "tb-prosecution/sources-2/2");
    assert_eq!(act2.attrs["entry_kind"], "act");
    assert_eq!(act2.attrs["date"], "2022-11-05");

    let footnotes = nodes(g, doc, NodeKind::Footnote);
    assert_eq!(footnotes.len(), 1);
    assert!(footnotes[0].text.starts_with("Антонов С. Н."));
    assert_eq!(footnotes[0].source.lines, [1926, 1928]);
    // Markers 2–8 lost their footnote text.
    let lost = CORPUS
        .diagnostics
        .iter()
        .filter(|d| d.code == "footnote-missing" && d.file == "tb-prosecution.txt")
        .count();
    assert_eq!(lost, 7);
}

#[test]
fn prose_has_no_footnote_text_line_breaks_or_page_numbers() {
    let g = graph();
    let p = g
        .nodes_of("tb-prosecution")
        .find(|n| {
            n.kind == NodeKind::Paragraph && n.source.lines[0] <= 1924 && n.source.lines[1] >= 1924
        })
        .expect("paragraph at 1924");
    assert!(
        p.text.contains("баса айтылады¹. А. А. Таранов"),
        "{}",
        p.text
    );
    assert!(p.text.contains("бір түрі ретінде анықтай отырып"));
    assert!(!p.text.contains("Антонов"));
    assert_eq!(p.attrs["footnotes"], "tb-prosecution/fn-1");
    assert_eq!(node(g, "tb-prosecution/fn-1").attrs["ref"], p.id);

    // Page number 46 between "бұдан бұрын" and "жіберілген".
    let p = g
        .nodes_of("tb-prosecution")
        .find(|n| n.kind == NodeKind::Paragraph && n.text.contains("бұдан бұрын жіберілген"))
        .expect("the sentence across page 46 is joined");
    assert!(!p.text.contains(" 46 "));

    // Footnotes 1–2 of 004 cut a sentence in half; it reads whole again.
    let p = g
        .nodes_of("tb-probation")
        .find(|n| n.kind == NodeKind::Paragraph && n.source.lines[0] == 171)
        .expect("paragraph at 171");
    assert!(p
        .text
        .contains("14 желтоқсанда қабылданған 45/110 резолюциясында"));
    assert!(p.text.ends_with("қарастырылған»³."));

    for doc in ["tb-prosecution", "tb-probation"] {
        for n in nodes(g, doc, NodeKind::Paragraph) {
            assert!(!n.text.contains('\n'), "{}: line break", n.id);
            assert!(!n.text.contains("  "), "{}: double space", n.id);
            assert!(!n.text.contains("- \u{0}"), "{}", n.id);
            assert!(!n.text.chars().any(|c| c == 'њ'), "{}: legacy glyph", n.id);
        }
    }
    // Real compound hyphens at line ends are kept: "Қылмыстық-" + "атқару".
    assert!(g
        .nodes_of("tb-probation")
        .any(|n| n.kind == NodeKind::Paragraph
            && n.source.lines[0] <= 133
            && n.text.contains("Қылмыстық-атқару кодексінің үшінші тарауы")));
}

// ----- 004: the probation textbook -----

#[test]
fn probation_chapters_sections_questions() {
    let g = graph();
    let doc = "tb-probation";
    let chapters = nodes(g, doc, NodeKind::Topic);
    assert_eq!(chapters.len(), 3);
    assert_eq!(chapters[0].id, "tb-probation/ch-1");
    assert_eq!(
        chapters[0].heading.as_deref(),
        Some("Пробация институтының мазмұны, тарихы, халықаралық-құқықтық аспектілері")
    );
    // The reference notes say 11 sections; the text has ten (1.1, 1.2, 2.1, 2.2, 3.1–3.6).
    let sections: Vec<_> = nodes(g, doc, NodeKind::Section)
        .iter()
        .map(|s| s.number.clone().unwrap_or_default())
        .collect();
    assert_eq!(
        sections,
        ["1.1", "1.2", "2.1", "2.2", "3.1", "3.2", "3.3", "3.4", "3.5", "3.6"]
    );
    assert_eq!(node(g, "tb-probation/ch-1/s-1.2").source.lines[0], 932);

    assert_eq!(nodes(g, doc, NodeKind::QuestionBlock).len(), 9);
    let questions = review_questions(g, doc);
    assert_eq!(questions.len(), 158);
    let q1 = node(g, "tb-probation/ch-1/s-1.1/questions/q-1");
    assert_eq!(q1.text, "Пробация ұғымына анықтама беріңіз.");
    assert_eq!(q1.source.lines, [669, 669]);
    let per_block: Vec<usize> = nodes(g, doc, NodeKind::QuestionBlock)
        .iter()
        .map(|b| {
            b.children
                .iter()
                .filter(|c| node(g, c).kind == NodeKind::Question)
                .count()
        })
        .collect();
    assert_eq!(per_block, [20, 10, 10, 17, 30, 8, 12, 31, 20]);
}

#[test]
fn probation_cases_sources_footnotes_colophon() {
    let g = graph();
    let doc = "tb-probation";
    let cases = nodes(g, doc, NodeKind::Case);
    assert_eq!(cases.len(), 36);
    let case_questions: usize = cases
        .iter()
        .map(|c| {
            c.children
                .iter()
                .filter(|k| node(g, k).kind == NodeKind::Question)
                .count()
        })
        .sum();
    assert_eq!(case_questions, 115);
    let first = node(g, "tb-probation/cases/1/1");
    assert!(first.text.starts_with("Кәмелетке толмаған А. Иванов."));
    assert_eq!(first.source.lines[0], 6315);
    assert!(node(g, "tb-probation/cases/1/1/q-1")
        .text
        .starts_with("Нақты жағдайда"));
    // Case 8 has no scenario label; case 9 has unnumbered questions.
    assert_eq!(node(g, "tb-probation/cases/1/8").children.len(), 5);
    assert_eq!(node(g, "tb-probation/cases/1/9").children.len(), 2);
    // Group 2 cases 5–10 come back as group 3 cases 7–12.
    let dups: Vec<_> = cases
        .iter()
        .filter_map(|c| {
            c.attrs
                .get("near_duplicate_of")
                .map(|d| (c.id.as_str(), d.as_str()))
        })
        .collect();
    assert_eq!(dups.len(), 6);
    assert!(dups.contains(&("tb-probation/cases/3/7", "tb-probation/cases/2/5")));
    assert!(dups.contains(&("tb-probation/cases/3/12", "tb-probation/cases/2/10")));

    assert_eq!(nodes(g, doc, NodeKind::SourceList).len(), 7);
    assert_eq!(nodes(g, doc, NodeKind::SourceEntry).len(), 134);
    let cut = node(g, "tb-probation/ch-1/s-1.2/sources/10");
    assert_eq!(cut.attrs["truncated"], "true");
    let e17 = node(g, "tb-probation/ch-1/s-1.1/sources/17");
    assert_eq!(e17.attrs["author"], "Дулатбеков Н.О.");
    assert_eq!(e17.attrs["place"], "Астана");
    assert_eq!(e17.attrs["year"], "2002");

    let footnotes = nodes(g, doc, NodeKind::Footnote);
    assert_eq!(footnotes.len(), 47);
    for (k, f) in footnotes.iter().enumerate() {
        assert_eq!(f.number.as_deref(), Some((k + 1).to_string().as_str()));
        assert!(f.attrs.contains_key("ref"), "{} has no marker", f.id);
    }
    assert!(node(g, "tb-probation/fn-1")
        .text
        .starts_with("Қазақстан Республикасының Конституциясы"));

    // A paragraph repeated word for word (4637–4651 = 4653–4666) is kept once, with the
    // repeat's footnote marker and a note of where the repeat was.
    let kept = node(g, "tb-probation/ch-3/s-3.4/para-11");
    assert_eq!(kept.source.lines, [4637, 4651]);
    assert_eq!(kept.attrs["repeated_at"], "4653-4666");
    assert_eq!(kept.attrs["footnotes"], "tb-probation/fn-38");
    assert!(!g.nodes_of(doc).any(|n| n.source.lines[0] == 4653));

    let d = g.document(doc).expect("document");
    assert_eq!(d.meta.extra["author"], "С.А. Августхан");
    assert_eq!(d.meta.extra["year"], "2025");
    assert_eq!(d.meta.date.as_deref(), Some("2025-07-03"));
    assert_eq!(
        d.printed_title.as_deref(),
        Some("Қазақстан Республикасындағы пробация институты")
    );
    for slug in ["intro", "conclusion", "app-1", "app-5", "colophon"] {
        assert!(g.node(&format!("tb-probation/{slug}")).is_some(), "{slug}");
    }
}

// ----- glossary -----

#[test]
fn glossary_splits_the_senses_of_usynys() {
    let g = graph();
    let entry = g
        .glossary
        .iter()
        .find(|e| e.key == "ұсыныс")
        .expect("ұсыныс in the glossary");
    assert_eq!(entry.senses.len(), 2, "{entry:?}");
    let labels: Vec<&str> = entry.senses.iter().map(|s| s.label.as_str()).collect();
    assert!(labels.contains(&"Прокурорлық қадағалау актісі"));
    assert!(entry
        .senses
        .iter()
        .any(|s| s.definition.starts_with("әкімшілік рәсімге қатысушының")));
    for s in &entry.senses {
        assert_eq!(s.sources[0].document, "tb-prosecution");
    }
    // «Қағидалар» names two different rules in 001.
    let rules = g
        .glossary
        .iter()
        .find(|e| e.key == "қағидалар")
        .expect("Қағидалар");
    assert_eq!(rules.senses.len(), 2);
}

#[test]
fn glossary_has_textbook_definitions_and_abbreviations_with_sources() {
    let g = graph();
    let find = |key: &str| g.glossary.iter().find(|e| e.key == key);
    let oadb = find("оадб").expect("ОАДБ");
    assert_eq!(
        oadb.senses[0].definition,
        "Орталықтандырылған автоматтандырылған деректер базасына"
    );
    assert_eq!(oadb.senses[0].sources[0].document, "tb-probation");
    assert!(oadb.senses[0].sources[0].source.lines[0] >= 8875);
    let zhaza = find("жаза").expect("Жаза (дегеніміз)");
    assert!(zhaza.senses[0].definition.starts_with("сот үкімі бойынша"));
    assert!(find("кәмелетке толмаған адамдар").is_some());
    assert!(find("жолданым").is_some());
    for e in &g.glossary {
        for s in &e.senses {
            assert!(!s.sources.is_empty());
            assert!(
                g.node(&s.sources[0].node).is_some(),
                "{} points nowhere",
                e.term
            );
        }
    }
}

// ----- fixtures of our own -----

fn parse_fixture(
    name: &str,
) -> (
    zanbook::graph::DocumentTree,
    Vec<zanbook::diagnostic::Diagnostic>,
) {
    let path = Path::new("tests/fixtures/textbook").join(name);
    let bytes = std::fs::read(&path).expect("fixture");
    let lines = zanbook::load::decode(&bytes, &path).expect("utf-8");
    let doc = RawDocument {
        entry: ManifestEntry {
            id: "tb-fixture".into(),
            file: name.into(),
            kind: DocKind::Textbook,
            title: "fixture".into(),
            language: "kk".into(),
            original_name: name.into(),
            url: None,
            date: None,
        },
        lines,
    };
    zanbook::parse::textbook::parse(&doc, &[])
}

fn by_id<'a>(tree: &'a zanbook::graph::DocumentTree, id: &str) -> &'a Node {
    tree.nodes.iter().find(|n| n.id == id).unwrap_or_else(|| {
        panic!(
            "no `{id}` in {:?}",
            tree.nodes.iter().map(|n| &n.id).collect::<Vec<_>>()
        )
    })
}

#[test]
fn fixture_with_chapters_cases_and_a_footnote_zone() {
    let (tree, _) = parse_fixture("chapters.txt");
    let count = |k: NodeKind| tree.nodes.iter().filter(|n| n.kind == k).count();
    assert_eq!(count(NodeKind::Topic), 2);
    assert_eq!(count(NodeKind::Section), 3);
    assert_eq!(count(NodeKind::QuestionBlock), 2);
    assert_eq!(count(NodeKind::Case), 2);
    assert_eq!(count(NodeKind::SourceEntry), 2);
    assert_eq!(count(NodeKind::Footnote), 1);
    let ch1 = by_id(&tree, "tb-fixture/ch-1");
    assert_eq!(
        ch1.heading.as_deref(),
        Some("Атқарушылық іс жүргізу және прокурорлық қадағалау")
    );
    let s11 = by_id(&tree, "tb-fixture/ch-1/s-1.1");
    let para = by_id(&tree, &s11.children[0]);
    assert!(
        para.text.ends_with("Оның мазмұнын заң айқындайды»¹."),
        "{}",
        para.text
    );
    let joined = tree
        .nodes
        .iter()
        .find(|n| {
            n.text
                .contains("хабарлайды. Ол борышкердің мүлкін анықтайды.")
        })
        .expect("page number 12 left out and the sentence joined");
    assert_eq!(joined.kind, NodeKind::Paragraph);
    let q = by_id(&tree, "tb-fixture/ch-1/s-1.2/questions/q-3");
    assert_eq!(q.text, "Прокурорлық қадағалаудың нысандарын атаңыз.");
    let e1 = by_id(&tree, "tb-fixture/sources/1");
    assert_eq!(e1.attrs["author"], "Сейітов Қ.Б.");
    assert_eq!(e1.attrs["publisher"], "Заң әдебиеті");
    assert_eq!(e1.attrs["year"], "2019");
    assert_eq!(by_id(&tree, "tb-fixture/cases/1/1").children.len(), 2);
    assert_eq!(
        by_id(&tree, "tb-fixture/cases/1/2/q-1").text,
        "Шағым қай органға беріледі?"
    );
    assert!(by_id(&tree, "tb-fixture/conclusion").children.len() == 1);
    assert_eq!(tree.meta.extra["author"], "А.Т. Омаров");
    assert_eq!(tree.meta.date.as_deref(), Some("2024-03-15"));
    assert!(tree
        .terms
        .iter()
        .any(|t| t.term == "Атқарушылық іс жүргізу"));
}

#[test]
fn fixture_with_topics_outline_and_gaps() {
    let (tree, diagnostics) = parse_fixture("topics.txt");
    let topic = by_id(&tree, "tb-fixture/topic-1");
    assert_eq!(topic.attrs["outline"], "1.1 1.2 1.3");
    assert!(diagnostics
        .iter()
        .any(|d| d.code == "outline-section-missing" && d.message.contains("1.3")));
    let s11 = by_id(&tree, "tb-fixture/topic-1/s-1.1");
    assert_eq!(s11.heading.as_deref(), Some("қадағалаудың мәні."));
    let s12 = by_id(&tree, "tb-fixture/topic-1/s-1.2");
    // The lost bullets after the colon are three paragraphs: lead-in and two items.
    let paras: Vec<_> = s12
        .children
        .iter()
        .map(|c| by_id(&tree, c))
        .filter(|n| n.kind == NodeKind::Paragraph)
        .map(|n| n.text.as_str())
        .collect();
    assert_eq!(
        paras,
        [
            "Қадағалаудың қағидаттары мыналар:",
            "заңдылық;",
            "жариялылық."
        ]
    );
    let q3 = by_id(&tree, "tb-fixture/topic-1/questions/q-3");
    assert_eq!(q3.text, "Қадағалаудың мақсаты қандай?");
    assert_eq!(q3.attrs["number_inferred"], "true");
    assert!(by_id(&tree, "tb-fixture/topic-2/s-2.1").heading.is_some());
    assert!(diagnostics
        .iter()
        .any(|d| d.code == "section-gap" && d.message.contains("2.2")));
    assert!(tree.abbreviations.iter().any(|a| a.short == "ҚТ"));
    assert!(tree.terms.iter().any(|t| t.term == "Прокурорлық қадағалау"));

    // `check` sees the question numbering gap (1, 2, 4) in topic 2.
    let mut graph = Graph::default();
    let document = zanbook::graph::Document {
        id: "tb-fixture".into(),
        kind: DocKind::Textbook,
        title: "fixture".into(),
        printed_title: None,
        language: "kk".into(),
        file: "topics.txt".into(),
        original_name: "topics.txt".into(),
        url: None,
        date: None,
        meta: tree.meta.clone(),
        children: tree.children.clone(),
    };
    graph.add(document, tree).expect("unique ids");
    let found = zanbook::check::check(&graph);
    assert!(found.iter().any(|d| d.code == "numbering-gap"
        && d.node.as_deref() == Some("tb-fixture/topic-2/questions/q-4")));
}
