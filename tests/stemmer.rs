//! The stemmer against a table of word → stem pairs taken from the corpus
//! (`tests/fixtures/search/stems.tsv`), plus conflation checks: inflected forms of one
//! lemma must share a stem, unrelated lemmas must not.

use std::collections::BTreeSet;

use zanbook::search::key_of_word;

const TABLE: &str = "tests/fixtures/search/stems.tsv";

struct Row {
    line: usize,
    word: String,
    stem: String,
}

fn table() -> Vec<Row> {
    let text = std::fs::read_to_string(TABLE).expect("the stem table is readable");
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| {
            let mut cols = l.split('\t');
            let word = cols.next().unwrap_or_default().to_string();
            let stem = cols.next().unwrap_or_default().to_string();
            assert!(!stem.is_empty(), "{TABLE}:{}: no expected stem", i + 1);
            Row {
                line: i + 1,
                word,
                stem,
            }
        })
        .collect()
}

fn corpus() -> String {
    let mut all = String::new();
    for entry in std::fs::read_dir("corpus").expect("corpus/ exists") {
        let path = entry.expect("corpus entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            all.push_str(&std::fs::read_to_string(&path).expect("corpus text"));
            all.push('\n');
        }
    }
    all
}

#[test]
fn every_pair_in_the_table_passes() {
    let rows = table();
    assert!(rows.len() >= 300, "the table has only {} pairs", rows.len());
    let failures: Vec<String> = rows
        .iter()
        .filter_map(|r| {
            let got = key_of_word(&r.word);
            (got != r.stem).then(|| {
                format!(
                    "{TABLE}:{}: {} → {got}, expected {}",
                    r.line, r.word, r.stem
                )
            })
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} pairs fail:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}

#[test]
fn every_word_in_the_table_comes_from_the_corpus() {
    let corpus = corpus();
    let lower = corpus.to_lowercase();
    let rows = table();
    let missing: Vec<&str> = rows
        .iter()
        .filter(|r| !corpus.contains(&r.word) && !lower.contains(&r.word.to_lowercase()))
        .map(|r| r.word.as_str())
        .collect();
    assert!(missing.is_empty(), "not in corpus/*.txt: {missing:?}");
    let words: BTreeSet<&str> = rows.iter().map(|r| r.word.as_str()).collect();
    assert_eq!(words.len(), rows.len(), "the table lists a word twice");
}

fn stems(words: &[&str]) -> BTreeSet<String> {
    words.iter().map(|w| key_of_word(w)).collect()
}

#[test]
fn inflected_forms_of_one_lemma_share_a_stem() {
    let groups: &[&[&str]] = &[
        &[
            "бап",
            "бабы",
            "бабының",
            "бабына",
            "бабында",
            "баптарын",
            "баптың",
            "бабымен",
        ],
        &["тармақ", "тармағы", "тармағында", "тармақтары", "тармаққа"],
        &["бөлік", "бөлігі", "бөлігінің", "бөліктері"],
        &[
            "прокурор",
            "прокурорлар",
            "прокурордың",
            "прокурорларға",
            "прокурорының",
        ],
        &[
            "қадағалау",
            "қадағалауды",
            "қадағалаудың",
            "қадағалауына",
            "қадағалаудағы",
        ],
        &[
            "сотталған",
            "сотталғандар",
            "сотталғандардың",
            "сотталғанның",
            "сотталғанға",
        ],
        &["заң", "заңы", "заңның", "заңға", "заңдарында"],
        &[
            "заңдылық",
            "заңдылығы",
            "заңдылығын",
            "заңдылықтың",
            "заңдылыққа",
        ],
        &["қаулы", "қаулысы", "қаулының", "қаулыға"],
        &["нұсқаулық", "нұсқаулыққа", "нұсқаулықтың", "нұсқаулықта"],
        &["орган", "органдары", "органдарының", "органға", "органда"],
        &["орын", "орны", "орнында", "орындары"],
        &["мекеме", "мекемелер", "мекемелерінде", "мекемелеріндегі"],
        &["тұлға", "тұлғаның", "тұлғаға", "тұлғалар"],
        &["наказание", "наказаний", "наказании"],
        &["осужденных", "осуждённых", "осужденного", "осужденными"],
    ];
    for group in groups {
        let found = stems(group);
        assert_eq!(found.len(), 1, "{group:?} stem to {found:?}");
    }
}

#[test]
fn unrelated_lemmas_do_not_collide() {
    // заң (law) / заңдылық (legality) / заңнама (legislation) are different legal terms:
    // the stemmer never strips derivational suffixes, so they stay apart.
    let pairs: &[(&str, &str)] = &[
        ("заң", "заңдылық"),
        ("заң", "заңнама"),
        ("заңдылық", "заңнама"),
        ("қаулы", "нұсқаулық"),
        ("нұсқаулық", "нұсқа"),
        ("прокурор", "прокурорлық"),
        ("прокурор", "прокуратура"),
        ("тармақ", "тармақша"),
        ("бөлік", "бөлім"),
        ("орын", "орындау"),
        ("тұлға", "тұл"),
        ("басқа", "бас"),
        ("өзге", "өз"),
        ("жұмыс", "жұмы"),
        ("мемлекет", "мемлекеттік"),
        ("ұсыну", "ұсыныс"),
        ("басшы", "бас"),
        ("күдікті", "күдік"),
    ];
    for (a, b) in pairs {
        assert_ne!(key_of_word(a), key_of_word(b), "{a} and {b} collide");
    }
}

#[test]
fn latin_lookalikes_and_yo_do_not_change_the_stem() {
    assert_eq!(key_of_word("мемлекеттiк"), key_of_word("мемлекеттік"));
    assert_eq!(key_of_word("Президентiнің"), key_of_word("президентінің"));
    assert_eq!(key_of_word("осуждённые"), key_of_word("осужденные"));
}
