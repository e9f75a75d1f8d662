//! The normative documents of the real corpus (orders 000 and 002, amending law 003) become
//! the graph the text describes. Counts and first words were checked by reading the texts
//! (reference/seeds-instructions.md §2.3 and §2.5 agree with every count here).

mod common;

use common::{children, corpus, count, node};
use zanbook::graph::NodeKind::{self, *};
use zanbook::normalize::text::{collapse_spaces, despace, fold_latin_lookalikes};

fn numbers(nodes: &[&zanbook::graph::Node]) -> Vec<String> {
    nodes
        .iter()
        .map(|n| n.number.clone().unwrap_or_default())
        .collect()
}

#[test]
fn order_2017_104_has_every_unit_of_the_text() {
    let g = &corpus().graph;
    let doc = "instr-2017-104";
    let expected: [(NodeKind, usize); 8] = [
        (Chapter, 6),
        (Point, 6 + 15),
        (Subpoint, 5 + 75),
        (ListItem, 19),
        (Paragraph, 9),
        (Note, 1),
        (Preamble, 1),
        (Signature, 1),
    ];
    for (kind, n) in expected {
        assert_eq!(count(g, doc, kind), n, "{kind:?} in {doc}");
    }
    let order_points = children(g, "instr-2017-104/order", Point);
    assert_eq!(numbers(&order_points), ["1", "2", "3", "4", "5", "6"]);
    assert_eq!(children(g, "instr-2017-104/order/p-2", Subpoint).len(), 2);
    assert_eq!(children(g, "instr-2017-104/order/p-3", Subpoint).len(), 3);
    let per_chapter: Vec<Vec<String>> = (1..=6)
        .map(|c| numbers(&children(g, &format!("{doc}/ch-{c}"), Point)))
        .collect();
    assert_eq!(
        per_chapter,
        [
            vec!["1", "2", "3", "4", "5", "6", "7"],
            vec!["8"],
            vec!["9"],
            vec!["10", "11", "12"],
            vec!["13", "14"],
            vec!["15"]
        ]
    );
    for (point, subpoints) in [
        ("ch-1/p-2", 12),
        ("ch-1/p-4", 3),
        ("ch-2/p-8", 4),
        ("ch-3/p-9", 10),
        ("ch-4/p-10", 13),
        ("ch-4/p-11", 10),
        ("ch-5/p-13", 17),
        ("ch-6/p-15", 6),
    ] {
        assert_eq!(
            children(g, &format!("{doc}/{point}"), Subpoint).len(),
            subpoints,
            "{point}"
        );
    }
}

#[test]
fn order_2017_104_lists_are_a_third_level() {
    let g = &corpus().graph;
    assert_eq!(children(g, "instr-2017-104/ch-1/p-1", ListItem).len(), 6);
    for (sub, items) in [("sp-1", 4), ("sp-2", 5), ("sp-3", 4), ("sp-4", 0)] {
        assert_eq!(
            children(g, &format!("instr-2017-104/ch-2/p-8/{sub}"), ListItem).len(),
            items,
            "{sub}"
        );
    }
    let item = node(g, "instr-2017-104/ch-2/p-8/sp-1/item-1");
    assert!(
        item.text.starts_with("ҚАЖ, \"Еңбек\" РМК-ның"),
        "{}",
        item.text
    );
    // A paragraph that ends in ';' still continues its subpoint (000 L350).
    let para = node(g, "instr-2017-104/ch-4/p-10/sp-12/para-1");
    assert!(
        para.text.starts_with("Қажет болған жағдайда сотқа қатысу"),
        "{}",
        para.text
    );
    assert_eq!(para.source.lines, [350, 351]);
    // After the last subpoint, a paragraph belongs to the point.
    let last = node(g, "instr-2017-104/ch-6/p-15/para-1");
    assert!(
        last.text.ends_with("өзгеруі мүмкін."),
        "the footer must not be glued on: {}",
        last.text
    );
    assert!(!last.text.contains('©'));
}

#[test]
fn order_2017_104_header_and_signature() {
    let g = &corpus().graph;
    let meta = &g.document("instr-2017-104").expect("document").meta;
    assert_eq!(meta.date.as_deref(), Some("2017-09-13"));
    assert_eq!(meta.number.as_deref(), Some("104"));
    assert_eq!(meta.status.as_deref(), Some("Күшін жойған"));
    let registration = meta.registration.as_ref().expect("registration");
    assert_eq!(registration.number.as_deref(), Some("15840"));
    assert_eq!(registration.date.as_deref(), Some("2017-10-04"));
    let repeal = meta.repealed_by.as_ref().expect("repeal");
    assert_eq!(
        (repeal.date.as_deref(), repeal.number.as_deref()),
        (Some("2021-10-21"), Some("137"))
    );
    assert_eq!(
        meta.signature.as_deref(),
        Some("Қазақстан Республикасының Бас Прокуроры Ж. Асанов")
    );
    assert!(meta
        .instruction_title
        .as_deref()
        .is_some_and(|t| t.ends_with("жөніндегі НҰСҚАУЛЫҚ")));
    let preamble = node(g, "instr-2017-104/order/preamble");
    assert!(preamble
        .text
        .contains("37-бабының 4) тармақшасын басшылыққа алып, БҰЙЫРАМЫН:"));
    // The repeal note is the document's, not a point's.
    assert!(g
        .document("instr-2017-104")
        .expect("doc")
        .children
        .contains(&"instr-2017-104/note-1".to_string()));
}

#[test]
fn order_2010_88_has_every_unit_of_the_text() {
    let g = &corpus().graph;
    let doc = "instr-2010-88";
    for (kind, n) in [
        (Chapter, 4),
        (Point, 5 + 21),
        (Subpoint, 0),
        (Note, 18),
        (Preamble, 1),
        (Signature, 0),
    ] {
        assert_eq!(count(g, doc, kind), n, "{kind:?} in {doc}");
    }
    assert_eq!(count(g, doc, ListItem) + count(g, doc, Paragraph), 53);
    let all: Vec<String> = (1..=4)
        .flat_map(|c| numbers(&children(g, &format!("{doc}/ch-{c}"), Point)))
        .collect();
    let mut expected: Vec<String> = (1..=20).map(|n| n.to_string()).collect();
    expected.insert(3, "3-1".to_string());
    assert_eq!(all, expected);
    // List items introduced by a paragraph ending in ':' (p. 17: 2 + 2 items).
    assert_eq!(children(g, "instr-2010-88/ch-4/p-17", ListItem).len(), 4);
    assert_eq!(children(g, "instr-2010-88/ch-2/p-6", ListItem).len(), 4);
}

#[test]
fn notes_attach_to_the_point_they_close_in_their_own_zone() {
    let g = &corpus().graph;
    // "Ескерту. 3-тармақ" twice: once for the order's point 3, once for the instruction's.
    assert!(node(g, "instr-2010-88/order/p-3/note-1")
        .text
        .starts_with("Ескерту. 3-тармақ"));
    assert!(node(g, "instr-2010-88/ch-1/p-3/note-1")
        .text
        .starts_with("Ескерту. 3-тармақ"));
    let noteless: Vec<String> = g
        .nodes_of("instr-2010-88")
        .filter(|n| n.kind == Point && n.parent.as_deref() != Some("instr-2010-88/order"))
        .filter(|n| !n.children.iter().any(|c| node(g, c).kind == Note))
        .map(|n| n.number.clone().unwrap_or_default())
        .collect();
    assert_eq!(noteless, ["2", "12", "16", "19", "20"]);
    let p8 = node(g, "instr-2010-88/ch-2/p-8/note-1");
    assert_eq!(
        p8.attrs.get("operation").map(String::as_str),
        Some("new-wording amended")
    );
    // The wording of point 8 dates from its latest amendment.
    let point = node(g, "instr-2010-88/ch-2/p-8");
    assert_eq!(
        point.attrs.get("amended_on").map(String::as_str),
        Some("2016-05-04")
    );
    let meta = &g.document("instr-2010-88").expect("doc").meta;
    let amended: Vec<_> = meta
        .amended_by
        .iter()
        .map(|a| (a.date.clone(), a.number.clone()))
        .collect();
    assert_eq!(
        amended,
        [
            (Some("2015-03-11".to_string()), Some("41".to_string())),
            (Some("2016-05-04".to_string()), Some("91".to_string()))
        ]
    );
}

#[test]
fn chapter_headings_read_as_printed() {
    let g = &corpus().graph;
    let headings = |doc: &str| -> Vec<String> {
        g.nodes_of(doc)
            .filter(|n| n.kind == Chapter)
            .map(|n| {
                n.heading
                    .clone()
                    .unwrap_or_default()
                    .split_whitespace()
                    .take(3)
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    };
    assert_eq!(
        headings("instr-2017-104"),
        [
            "Жалпы ережелер",
            "Қылмыстық жазаларды орындаудың",
            "Бас прокуратурамен қылмыстық",
            "Облыс және оларға",
            "Аудан және оларға",
            "Қорытынды ережелер"
        ]
    );
    assert_eq!(
        headings("instr-2010-88"),
        [
            "Жалпы ережелер",
            "Облыс, Алматы, Астана",
            "Қазақстан Республикасының Бас",
            "Қорытынды ережелер"
        ]
    );
}

#[test]
fn amending_law_has_its_articles_acts_items_and_quotes() {
    let g = &corpus().graph;
    let doc = "law-2010-374";
    assert_eq!(
        count(g, doc, Note),
        0,
        "\"алдын ала ескерту\" in quoted text is not a note"
    );
    let top: Vec<&str> = g
        .document(doc)
        .expect("doc")
        .children
        .iter()
        .map(String::as_str)
        .collect();
    assert_eq!(
        top,
        [
            "law-2010-374/art-1",
            "law-2010-374/art-2",
            "law-2010-374/signature"
        ]
    );
    assert_eq!(children(g, "law-2010-374/art-1", AmendedAct).len(), 3);
    assert_eq!(
        children(g, "law-2010-374/art-1/act-1", AmendmentItem).len(),
        7
    );
    assert_eq!(
        children(g, "law-2010-374/art-1/act-2", AmendmentItem).len(),
        27
    );
    assert_eq!(count(g, doc, AmendmentItem), 34);
    assert_eq!(
        count(g, doc, SubInstruction),
        21,
        "20 sub-instructions + act 3's unnumbered item"
    );
    assert_eq!(count(g, doc, Quote), 22, "inserted text blocks");
    let operations: usize = g
        .nodes_of(doc)
        .filter_map(|n| n.attrs.get("operation"))
        .map(|ops| ops.split(' ').count())
        .sum();
    assert_eq!(operations, 47);
    let sig = node(g, "law-2010-374/signature");
    assert_eq!(
        sig.text,
        "Қазақстан Республикасының Президенті Н. Назарбаев"
    );
    let meta = &g.document(doc).expect("doc").meta;
    assert_eq!(meta.number.as_deref(), Some("374-IV"));
    assert_eq!(meta.date.as_deref(), Some("2010-12-29"));
}

#[test]
fn numbering_collision_in_the_law_is_resolved() {
    let g = &corpus().graph;
    // Inside item 9 ("11-бапта:"), "10) тармақша …" refers to a subpoint of art. 11 …
    let subs = children(g, "law-2010-374/art-1/act-2/item-9", SubInstruction);
    assert_eq!(subs.len(), 7);
    assert!(
        subs[6].text.starts_with("10) тармақша «, ведомстволық"),
        "{}",
        subs[6].text
    );
    // … and the real item 10 follows it.
    let item10 = node(g, "law-2010-374/art-1/act-2/item-10");
    assert!(
        item10
            .text
            .starts_with("12-баптың 5-тармағының 5) тармақшасындағы"),
        "{}",
        item10.text
    );
    assert_eq!(item10.source.lines, [189, 190]);
}

#[test]
fn quoted_new_text_keeps_its_own_structure() {
    let g = &corpus().graph;
    let art4 = node(g, "law-2010-374/art-1/act-2/item-3/quote/art-4");
    assert_eq!(
        art4.heading.as_deref(),
        Some("Прокуратура органдары қызметінің негізгі бағыттары мен мазмұны")
    );
    assert_eq!(children(g, &art4.id, Subpoint).len(), 15);
    let ch = node(g, "law-2010-374/art-1/act-2/item-26/quote/ch-10-2");
    assert_eq!(
        ch.heading.as_deref(),
        Some("Прокуратура органдары қызметінің өзге де бағыттары")
    );
    assert_eq!(children(g, &ch.id, Article).len(), 2);
    let sp = node(g, "law-2010-374/art-1/act-2/item-4/sub-2/quote/sp-3-1");
    assert_eq!(
        sp.text,
        "жоспарлы тексерулер жүргізудің жыл сайынғы жиынтық жоспарына;"
    );
}

/// reference/seeds-instructions.md §8: the regression fixtures, each checked against the text.
#[test]
fn repaired_passages_read_as_the_act_was_published() {
    let g = &corpus().graph;
    let cases = [
        ("law-2010-374/art-1/act-1/item-1", "46-бапта:"),
        ("law-2010-374/art-1/act-2/item-19", "29-баптың 2-тармағында:"),
        ("law-2010-374/art-1/act-2/item-3/quote/art-4/sp-10", "сотта мемлекет мүддесін білдіреді;"),
        (
            "law-2010-374/art-1/act-1/item-5",
            "281-баптың бірінші бөлігі «мерзім ішінде» деген сөздерден кейін «прокурордың,» деген сөзбен толықтырылсын;",
        ),
        (
            "law-2010-374/art-1/act-2/item-1",
            "1-баптың 1-тармағындағы «прокуратурасы –» деген сөз «прокуратурасы мемлекет атынан» деген сөздермен және «жүзеге асыратын, Қазақстан Республикасының Президентіне есеп беретін мемлекеттік орган» деген сөздер «жүзеге асырады» деген сөздермен ауыстырылсын;",
        ),
        (
            "law-2010-374/art-1/act-3/sub-1",
            "16-баптың 4-тармағы «тағайындалған не» деген сөздерден кейін «прокуратура органдары,» деген сөздермен толықтырылсын.",
        ),
        (
            "law-2010-374/art-1",
            "Қазақстан Республикасының мына заңнамалық актілеріне өзгерістер мен толықтырулар енгізілсін:",
        ),
        (
            "instr-2017-104/order/p-1",
            "Қоса берілген Қылмыстық жазаларды орындаудың және өзге де мемлекеттік мәжбүрлеу шараларын қолданудың заңдылығын прокурорлық қадағалауды ұйымдастыру жөніндегі нұсқаулық бекітілсін.",
        ),
    ];
    for (id, text) in cases {
        assert_eq!(node(g, id).text, text, "{id}");
    }
    let act1 = node(g, "law-2010-374/art-1/act-1");
    assert!(act1.text.starts_with(
        "1999 жылғы 13 шілдедегі Қазақстан Республикасының Азаматтық іс жүргізу кодексіне (Қазақстан Республикасы Парламентінің Жаршысы, 1999 ж., № 18, 644-құжат; 2000 ж."
    ));
    let repealed = node(g, "instr-2017-104/order/p-2/sp-1");
    assert!(repealed.text.contains("№ 7 бұйрығы (нормативтік құқықтық актілерді мемлекеттік тіркеу тізілімінде № 10202 тіркелген"));
    let preamble = node(g, "instr-2010-88/order/preamble");
    assert!(preamble.text.ends_with("\"Прокуратура туралы\" Қазақстан Республикасы Заңының 11, 18-баптарын басшылыққа алып, БҰЙЫРАМЫН:"));
    let para = node(g, "instr-2010-88/ch-2/p-9");
    assert!(para.text.contains("\"Прокуратура туралы\" Заңның 22-бабы тәртібінде аумақтық бөлімнің басшысы - аға сот орындаушысына"));
}

/// Every numbered unit starts on the raw line its provenance names: the first word of its
/// clean text is on that line once letter spacing and Latin look-alikes are undone.
#[test]
fn every_unit_starts_on_its_source_line() {
    let g = &corpus().graph;
    let repo = common::repo();
    for doc in ["instr-2017-104", "instr-2010-88", "law-2010-374"] {
        let file = &g.document(doc).expect("doc").file;
        let raw = std::fs::read_to_string(repo.join("corpus").join(file)).expect("corpus text");
        let lines: Vec<&str> = raw.lines().collect();
        for n in g.nodes_of(doc) {
            assert!(n.source.lines[0] >= 1 && n.source.lines[0] <= n.source.lines[1]);
            assert!(
                n.source.lines[1] as usize <= lines.len(),
                "{} ends past the file",
                n.id
            );
            if !matches!(
                n.kind,
                Point | Subpoint | Chapter | Article | AmendedAct | ListItem | Paragraph | Note
            ) {
                continue;
            }
            let text = if n.text.is_empty() {
                n.heading.clone().unwrap_or_default()
            } else {
                n.text.clone()
            };
            let Some(first) = text.split_whitespace().next() else {
                continue;
            };
            let first: String = first
                .chars()
                .filter(|c| c.is_alphabetic())
                .take(4)
                .collect();
            let line = lines[n.source.lines[0] as usize - 1];
            let readable =
                despace(line).map_or_else(|| collapse_spaces(line), |d| collapse_spaces(&d));
            let readable = fold_latin_lookalikes(&readable).to_lowercase();
            // The displaced-link repair may move the first word from the end of the line.
            assert!(
                readable.contains(&first.to_lowercase()),
                "{}: `{first}` not on line {}: {line}",
                n.id,
                n.source.lines[0]
            );
        }
    }
}

#[test]
fn abbreviations_and_defined_terms_are_data() {
    let g = &corpus().graph;
    let of = |doc: &str| g.abbreviations.iter().filter(|a| a.document == doc).count();
    assert_eq!(
        of("instr-2017-104"),
        17,
        "15 distinct, ІІО and ҚАЖ defined twice"
    );
    assert_eq!(of("instr-2010-88"), 5);
    // ҰҚК contains ҚК, but they are two abbreviations with two meanings.
    let qk: Vec<_> = g
        .abbreviations
        .iter()
        .filter(|a| a.short == "ҚК" && a.document == "instr-2017-104")
        .collect();
    assert_eq!(qk.len(), 1);
    assert_eq!(qk[0].expansion, "Қылмыстық кодексінің");
    let nsc = g
        .abbreviations
        .iter()
        .find(|a| a.short == "ҚР ҰҚК")
        .expect("ҚР ҰҚК");
    assert_eq!(
        nsc.expansion,
        "Қазақстан Республикасы Ұлттық қауіпсіздік комитетінің"
    );
    let law = g
        .abbreviations
        .iter()
        .find(|a| a.short == "Заң")
        .expect("Заң");
    assert!(law
        .expansion
        .contains("Атқарушылық іс жургізу және сот орындаушыларының"));
    let terms: Vec<&str> = g
        .terms
        .iter()
        .filter(|t| t.document == "instr-2017-104")
        .map(|t| t.term.as_str())
        .collect();
    assert_eq!(terms.len(), 12);
    assert_eq!(terms[0], "арнайы мекемелер");
    assert_eq!(terms[4], "\"Еңбек\" Республикалық мемлекеттік кәсіпорын");
    assert_eq!(terms[11], "төтенше оқиға");
}

#[test]
fn the_corpus_has_no_structural_errors() {
    let compiled = corpus();
    let errors: Vec<_> = compiled
        .diagnostics
        .iter()
        .filter(|d| d.severity == zanbook::diagnostic::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The three acts parse cleanly; the one warning left is a real ambiguity a person must
    // decide (002 L357: "Заңның 25-бабына" after another law was cited by its title).
    let act_warnings: Vec<_> = compiled
        .diagnostics
        .iter()
        .filter(|d| !d.file.starts_with("tb-"))
        .map(|d| format!("{}:{}:{}", d.file, d.line, d.code))
        .collect();
    assert_eq!(
        act_warnings,
        ["instr-2010-88.txt:357:citation-alias-ambiguous"]
    );
}

/// «Прокуратура туралы» is three laws: the 1995 law in the 2010 order, the 2017 law in the
/// 2017 order, the 2022 constitutional law in the 2023-era textbook.
#[test]
fn prokuratura_law_resolves_by_the_date_of_the_citing_text() {
    let g = &corpus().graph;
    let acts_cited_from = |node: &str| -> Vec<&str> {
        let mut acts: Vec<&str> = g
            .citations
            .iter()
            .filter(|e| e.from == node && e.text.contains("Прокуратура туралы"))
            .map(|e| e.act.as_str())
            .collect();
        acts.dedup();
        acts
    };
    assert_eq!(
        acts_cited_from("instr-2010-88/order/preamble"),
        ["Z950002709_"]
    );
    assert_eq!(
        acts_cited_from("instr-2017-104/order/preamble"),
        ["Z1700000081"]
    );
    assert_eq!(
        acts_cited_from("tb-prosecution/topic-3/s-3.1/para-1"),
        ["Z2200000155"]
    );
    // The 2010 order cites articles 11 and 18 of that law: both are statute units with cited-by.
    for unit in ["Z950002709_/art-11", "Z950002709_/art-18"] {
        assert!(g.statute_articles.iter().any(|u| u.id == unit), "{unit}");
        assert!(g
            .cited_by
            .get(unit)
            .is_some_and(|c| c.contains(&"instr-2010-88/order/preamble".to_string())));
    }
}
