//! Documents the parser has never seen, written for these tests in the extractor's layout
//! with other chapter styles ("N-тарау.", "N. Title"), parse with no code change.

mod common;

use common::{children, compile, node, repo};
use zanbook::graph::NodeKind::*;

fn fixture() -> zanbook::pipeline::Compiled {
    compile(&repo().join("tests/fixtures/unseen"))
}

#[test]
fn chapters_written_n_tarau_hold_their_points() {
    let compiled = fixture();
    let g = &compiled.graph;
    let ch1 = node(g, "order-2020-77/ch-1");
    assert_eq!(ch1.heading.as_deref(), Some("Жалпы ережелер"));
    assert_eq!(children(g, "order-2020-77/ch-2", Point).len(), 3);
    let points: Vec<_> = children(g, "order-2020-77/ch-2", Point)
        .iter()
        .map(|p| p.number.clone().unwrap_or_default())
        .collect();
    assert_eq!(points, ["3", "3-1", "4"]);
    // A list split by a page break, with a Latin "i" typed for "і".
    let items = children(g, "order-2020-77/ch-2/p-3", ListItem);
    let texts: Vec<&str> = items.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "есепке алу журналдарын;",
            "жеке істерді жүргізуді;",
            "сотталғандардың өтініштерін қараудың мерзімдерін."
        ]
    );
    assert_eq!(children(g, "order-2020-77/ch-2/p-3", Paragraph).len(), 1);
    // The note closes point 2 and dates its wording.
    let note = node(g, "order-2020-77/ch-1/p-2/note-1");
    assert_eq!(
        note.attrs.get("operation").map(String::as_str),
        Some("new-wording")
    );
    assert_eq!(
        node(g, "order-2020-77/ch-1/p-2")
            .attrs
            .get("amended_on")
            .map(String::as_str),
        Some("2022-01-14")
    );
}

#[test]
fn header_signature_and_displaced_text_of_an_unseen_order() {
    let compiled = fixture();
    let g = &compiled.graph;
    let meta = &g.document("order-2020-77").expect("doc").meta;
    assert_eq!(meta.date.as_deref(), Some("2020-06-05"));
    assert_eq!(meta.status.as_deref(), Some("Қолданыстағы"));
    assert_eq!(
        meta.registration.as_ref().and_then(|r| r.number.as_deref()),
        Some("20841")
    );
    assert_eq!(
        meta.signature.as_deref(),
        Some("Қазақстан Республикасының Бас Прокуроры Қ. Әбдіқалықов")
    );
    assert_eq!(
        node(g, "order-2020-77/order/p-1").text,
        "Қоса берілген Пробация қызметінің жұмысын қадағалау жөніндегі нұсқаулық бекітілсін."
    );
    let abbreviation = &g.abbreviations[0];
    assert_eq!(
        (abbreviation.short.as_str(), abbreviation.expansion.as_str()),
        ("ПҚ", "пробация қызметінің")
    );
}

#[test]
fn chapters_written_n_title_and_a_numbering_gap() {
    let compiled = fixture();
    let g = &compiled.graph;
    let meta = &g.document("order-2019-12").expect("doc").meta;
    assert_eq!(
        meta.instruction_title.as_deref(),
        Some("Сот актілерінің орындалуын қадағалау ҚАҒИДАЛАРЫ")
    );
    assert_eq!(
        meta.repealed_by.as_ref().and_then(|r| r.date.as_deref()),
        Some("2023-03-01")
    );
    assert_eq!(
        node(g, "order-2019-12/ch-2").heading.as_deref(),
        Some("Қорытынды ережелер")
    );
    assert!(g
        .document("order-2019-12")
        .expect("doc")
        .children
        .contains(&"order-2019-12/note-1".to_string()));
    let gaps: Vec<_> = compiled
        .diagnostics
        .iter()
        .filter(|d| d.code == "numbering-gap")
        .collect();
    assert_eq!(gaps.len(), 1, "{:#?}", compiled.diagnostics);
    assert_eq!(
        (gaps[0].file.as_str(), gaps[0].line),
        ("order-2019-12.txt", 22)
    );
    assert!(gaps[0].message.contains("number 3 is missing"));
}
