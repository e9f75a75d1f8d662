//! No input makes the recogniser panic, and every citation's offsets are the characters of
//! its surface: odd inputs, and every prefix and suffix of a sentence full of citations.

use std::path::Path;
use zanbook::cite::{cite_text, Context, Registry};

fn check(registry: &Registry, text: &str) {
    for r in cite_text(text, &Context::default(), registry) {
        let surface: String = text.chars().skip(r.start).take(r.end - r.start).collect();
        assert_eq!(surface, r.text, "offsets of {:?} in {text:?}", r.text);
        assert!(r.start < r.end, "{text:?}");
    }
}

#[test]
fn odd_inputs_do_not_panic() {
    let registry = Registry::load(Path::new("corpus/statutes.yaml")).expect("registry");
    let odd = [
        "",
        " ",
        "(",
        ")",
        "«",
        "»",
        "\"",
        "\"\"\"",
        "«««»»»",
        "-",
        "–",
        "№",
        "ҚК",
        "ҚК-",
        "ҚК -",
        "ҚК-нің",
        "1-",
        "1-2-3-4-5-бап",
        "99999999999999999999-бабы",
        "0-бап",
        "1–",
        "1) тармақша",
        ")тармақша",
        "осы",
        "осы баптың",
        "осы Заңның",
        "(бұдан әрі –",
        "(бұдан әрі – )",
        "Заң (бұдан әрі – Заң) Заңның 5-бабы",
        "Бас Прокурорының",
        "Бас Прокурорының 04.05.2016 №",
        "Бас Прокурорының 04.05.2016 № 91",
        "99.99.9999 ж.",
        "2017 жылғы 99 желтоқсандағы Қылмыстық кодексі",
        "ст.",
        "ст. 5",
        "ч. ст. УК",
        "«Прокуратура туралы",
        "\"Прокуратура туралы\"",
        "ҚРКЗ, 26б.",
        "26б. 2т.",
        "т.т.",
        "1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70-баптары",
        "ҚК 1, 2 және 3-баптарының 1, 2 және 3-бөліктерінің 1, 2 және 3-тармақтарының 1), 2) және 3) тармақшалары",
        "\u{0}\u{feff}ҚК\u{200b}40-бабы",
        "𝕂 ҚК 40-бабы 😀",
    ];
    for text in odd {
        check(&registry, text);
    }
}

#[test]
fn every_prefix_and_suffix_is_safe() {
    let registry = Registry::load(Path::new("corpus/statutes.yaml")).expect("registry");
    let text = "«Прокуратура туралы» 1995 жылғы 21 желтоқсандағы Қазақстан Республикасының Заңы \
                (бұдан әрі – Заң) Заңның 11, 18-баптарын; ҚР ҚПК-нің 158-баптың 8-бөлігінде, \
                57, 58 тарауларда, 302-1-бапта; (\"Прокуратура туралы\"ҚРКЗ, 26б. 2т.); осы \
                баптың 1-тармағының 4) және 5) тармақшаларында; ч. 2 ст. 40 УК РК; ҚР Бас \
                Прокурорының 04.05.2016 № 91 (ресми) бұйрығымен.";
    let chars: Vec<char> = text.chars().collect();
    for cut in 0..=chars.len() {
        let prefix: String = chars[..cut].iter().collect();
        let suffix: String = chars[cut..].iter().collect();
        check(&registry, &prefix);
        check(&registry, &suffix);
    }
}

#[test]
fn every_corpus_line_alone_is_safe() {
    let registry = Registry::load(Path::new("corpus/statutes.yaml")).expect("registry");
    for entry in std::fs::read_dir("corpus").expect("corpus") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            let text = std::fs::read_to_string(&path).expect("text");
            for line in text.lines() {
                check(&registry, line);
            }
        }
    }
}
