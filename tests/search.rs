//! The search engine over the real paragraphs of corpus/instr-2017-104.txt, and the
//! ru → kk term list against the whole corpus.
//!
//! The article graph is not available to this test, so passages are split naively: a line
//! that starts with six spaces opens a passage, other lines continue it; a chapter heading
//! ("Тарау 1. …") is a passage of its own with the heading as its title.

use std::path::Path;

use zanbook::search::normalize::TokenKind;
use zanbook::search::{analyze, Engine, Hit, NormalizeOptions, Passage, QueryError, Thesaurus};

const INSTRUCTION: &str = "corpus/instr-2017-104.txt";
const TERMS: &str = "corpus/search-terms.yaml";

fn passages() -> Vec<Passage> {
    let text = std::fs::read_to_string(INSTRUCTION).expect("the instruction is readable");
    let mut out: Vec<Passage> = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let heading = trimmed.starts_with("Тарау ");
        if line.starts_with("      ") || heading || out.is_empty() {
            out.push(Passage {
                id: format!("p{:03}", out.len() + 1),
                title: if heading {
                    trimmed.to_string()
                } else {
                    String::new()
                },
                text: if heading {
                    String::new()
                } else {
                    trimmed.to_string()
                },
                legal: Vec::new(),
                context: String::new(),
            });
        } else if let Some(last) = out.last_mut() {
            last.text.push(' ');
            last.text.push_str(trimmed);
        }
    }
    out
}

/// Abbreviations the instruction defines with "(бұдан әрі – X)", as the glossary will.
fn glossary() -> Vec<(String, String)> {
    [
        ("ІІО", "ішкі істер органдары"),
        ("ҚАЖ", "қылмыстық-атқару жүйесі"),
        ("ШМББ", "шартты түрде мерзімінен босатылған"),
        ("ҚК", "Қылмыстық кодекс"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect()
}

fn engine() -> (Engine, Vec<Passage>) {
    let mut thesaurus = Thesaurus::load(Path::new(TERMS)).expect("the term list loads");
    thesaurus.add_abbreviations(&glossary());
    let passages = passages();
    (Engine::new(&passages, thesaurus), passages)
}

fn text_of<'a>(passages: &'a [Passage], hit: &Hit) -> &'a str {
    passages
        .iter()
        .find(|p| p.id == hit.id)
        .map(|p| p.text.as_str())
        .unwrap_or_default()
}

/// Asserts that one of the top five hits for `query` matched every word of the query and
/// contains every one of `needles`.
fn assert_top5(engine: &Engine, passages: &[Passage], query: &str, needles: &[&str]) {
    let hits = engine.search(query, 5).expect("the query runs");
    let found = hits.iter().any(|h| {
        if h.matched != h.groups {
            return false;
        }
        let text = text_of(passages, h).to_lowercase();
        needles.iter().all(|n| text.contains(&n.to_lowercase()))
    });
    let shown: Vec<String> = hits
        .iter()
        .map(|h| {
            format!(
                "{} ({}/{} {}) {:.90}",
                h.id,
                h.matched,
                h.groups,
                h.score,
                text_of(passages, h)
            )
        })
        .collect();
    assert!(
        found,
        "no top-5 hit for {query:?} contains {needles:?}:\n{}",
        shown.join("\n")
    );
}

#[test]
fn the_instruction_splits_into_many_passages() {
    let passages = passages();
    assert!(passages.len() > 100, "only {} passages", passages.len());
}

#[test]
fn inflected_query_finds_the_definition() {
    let (e, p) = engine();
    // The text says "пробация қызметінде есепте тұрған тұлға".
    assert_top5(
        &e,
        &p,
        "пробация қызметі есепте тұрған адамдар",
        &["4) есепте тұрған адам"],
    );
    // The text says "қадағалаушы прокурор – … қызметкері".
    assert_top5(
        &e,
        &p,
        "қадағалаушы прокурордың",
        &["9) қадағалаушы прокурор"],
    );
}

#[test]
fn article_reference_finds_the_citing_passage() {
    let (e, p) = engine();
    // "Қылмыстық кодексінің (бұдан әрі – ҚК) 40-бабында".
    assert_top5(&e, &p, "ҚК 40-бап", &["40-бабында"]);
    assert_top5(&e, &p, "40-бабы", &["40-бабында"]);
}

#[test]
fn latin_i_typing_finds_the_kazakh_word() {
    let (e, p) = engine();
    // Latin "i" in place of "і" (twice), and a different case form than the text's
    // ("арнайы мекемелер – …").
    assert_top5(&e, &p, "арнайы мекемелерiнiң", &["1) арнайы мекемелер"]);
    // Latin "i" in a query word that is otherwise Cyrillic: "тергеу изоляторларын".
    assert_top5(
        &e,
        &p,
        "мемлекеттiк мәжбүрлеу шаралары",
        &["мемлекеттік мәжбүрлеу шаралар"],
    );
}

#[test]
fn russian_query_finds_kazakh_text() {
    let (e, p) = engine();
    assert_top5(&e, &p, "административный надзор", &["әкімшілік қадағалау"]);
    assert_top5(&e, &p, "лишение свободы", &["бас бостандығынан айыр"]);
}

#[test]
fn abbreviation_and_expansion_find_each_other() {
    let (e, p) = engine();
    // A passage that writes only "ІІО" is found by the full name…
    let hits = e.search("ішкі істер органдары", 20).expect("runs");
    assert!(
        hits.iter().any(|h| {
            let t = text_of(&p, h);
            t.contains("ІІО") && !t.to_lowercase().contains("ішкі істер")
        }),
        "no passage with only ІІО among {hits:?}"
    );
    // …and the abbreviation finds the full name.
    assert_top5(&e, &p, "ҚАЖ", &["қылмыстық-атқару жүйесі"]);
    // A common abbreviation the texts never write (the term list's `abbreviations:`).
    assert_top5(&e, &p, "ЖАО", &["жергілікті атқарушы орган"]);
    assert_top5(&e, &p, "БАҚ", &["бұқаралық ақпарат құрал"]);
}

#[test]
fn phrase_prefix_typo_and_keyboard_queries_work() {
    let (e, p) = engine();
    assert_top5(
        &e,
        &p,
        "\"бас бостандығынан айыру\"",
        &["бас бостандығынан айыру"],
    );
    assert_top5(&e, &p, "қадағалаушы прок", &["қадағалаушы прокурор"]);
    // One wrong letter (г for ғ) in a long word.
    assert_top5(&e, &p, "сотталгандардың ", &["сотталғандардың"]);
    // Typed on a Russian keyboard: no Kazakh letters at all.
    assert_top5(&e, &p, "кадагалаушы прокурор ", &["қадағалаушы прокурор"]);
    // ... and with a letter left out as well.
    assert_top5(&e, &p, "кадагалаушы прокуро ", &["қадағалаушы прокурор"]);
    assert_top5(&e, &p, "сотталгандардн ", &["сотталғандардың"]);
}

#[test]
fn bad_queries_do_not_panic() {
    let (e, _) = engine();
    assert_eq!(e.search("", 5), Err(QueryError::Empty));
    assert_eq!(e.search("?!…—«»", 5), Err(QueryError::Empty));
    assert!(matches!(
        e.search(&"ж".repeat(10_240), 5),
        Err(QueryError::TooLong { .. })
    ));
    for q in [
        "(.*)+", "[ҚК", "\\", "\"", "\"\"\"", "«бас", "40-", "-40", "ҚК-", "3-1-2-", "𝔸𝔹",
    ] {
        let _ = e.search(q, 5);
    }
}

#[test]
fn ranking_is_deterministic() {
    let (e, _) = engine();
    let a = e.search("қылмыстық жазаларды орындау", 50).expect("runs");
    let b = e.search("қылмыстық жазаларды орындау", 50).expect("runs");
    assert_eq!(a, b);
    assert!(a
        .windows(2)
        .all(|w| (w[0].matched, w[0].score) >= (w[1].matched, w[1].score)));
}

/// Keys of a text, legal tokens left out.
fn keys(text: &str) -> Vec<String> {
    analyze(text, NormalizeOptions::default())
        .into_iter()
        .filter(|t| t.kind != TokenKind::Legal)
        .map(|t| t.key)
        .collect()
}

#[test]
fn every_kazakh_term_in_the_list_occurs_in_the_corpus() {
    let raw = std::fs::read_to_string(TERMS).expect("the term list is readable");
    let thesaurus = Thesaurus::from_yaml_str(&raw, Path::new(TERMS)).expect("it loads");
    assert!(thesaurus.len() >= 60, "only {} terms", thesaurus.len());
    let mut corpus_keys: Vec<String> = Vec::new();
    for entry in std::fs::read_dir("corpus").expect("corpus/") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            corpus_keys.extend(keys(&std::fs::read_to_string(&path).expect("text")));
        }
    }
    let in_corpus = |keys: &[String]| corpus_keys.windows(keys.len()).any(|w| w == keys);
    // A Russian term's Kazakh side; an abbreviation's spelled-out side (its short form may
    // be one the texts never use: that is why it is listed).
    let abbreviations: serde_norway::Value = serde_norway::from_str(&raw).expect("YAML");
    let full_forms: Vec<Vec<String>> = (abbreviations["abbreviations"].as_sequence())
        .expect("the list has common abbreviations")
        .iter()
        .flat_map(|entry| match &entry["full"] {
            serde_norway::Value::Sequence(many) => {
                many.iter().filter_map(|f| f.as_str()).map(keys).collect()
            }
            one => one.as_str().map(keys).into_iter().collect::<Vec<_>>(),
        })
        .collect();
    let shorts: Vec<Vec<String>> = (abbreviations["abbreviations"].as_sequence().into_iter())
        .flatten()
        .filter_map(|entry| entry["short"].as_str().map(keys))
        .collect();
    let missing: Vec<String> = (thesaurus.entries().iter())
        .filter(|entry| !shorts.contains(&entry.to) && !in_corpus(&entry.to))
        .map(|entry| entry.to.join(" "))
        .chain(
            full_forms
                .iter()
                .filter(|f| !in_corpus(f))
                .map(|f| f.join(" ")),
        )
        .collect();
    assert!(
        missing.is_empty(),
        "Kazakh terms not in the corpus: {missing:?}"
    );
}
