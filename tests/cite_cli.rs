//! `zanbook cite` end to end: edition choice by `--date`, JSON shape, and the errors a
//! malformed statutes.yaml produces (file and line, exit code 1).

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn cite(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_zanbook"))
        .arg("cite")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("zanbook runs");
    // zanbook may exit before reading (a usage error): a closed pipe is expected then.
    let _ = child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes());
    child.wait_with_output().expect("zanbook finishes")
}

fn json(args: &[&str], input: &str) -> Vec<serde_json::Value> {
    let out = cite(args, input);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON array")
}

const PROSECUTION_LAW: &str = "\"Прокуратура туралы\" Заңның 19-бабы";

#[test]
fn prosecution_law_edition_follows_the_date() {
    for (date, act) in [
        ("2010-12-28", "Z950002709_"),
        ("2017-09-13", "Z1700000081"),
        ("2023-05-16", "Z2200000155"),
    ] {
        let records = json(&["--json", "--date", date], PROSECUTION_LAW);
        assert_eq!(records.len(), 1, "{date}: {records:?}");
        assert_eq!(records[0]["act"], act, "{date}");
        assert_eq!(records[0]["article"], "19");
        assert!(records[0].get("problem").is_none(), "{date}: {records:?}");
    }
}

#[test]
fn without_a_date_the_edition_is_a_diagnostic_not_a_guess() {
    let records = json(&["--json"], PROSECUTION_LAW);
    assert_eq!(records[0]["act"], "prokuratura");
    let problem = records[0]["problem"]
        .as_str()
        .expect("a problem is reported");
    assert!(
        problem.starts_with("citation-edition-ambiguous"),
        "{problem}"
    );
    // ҚРКЗ names the constitutional law whatever the date.
    let records = json(
        &["--json"],
        "«Прокуратура туралы» ҚРКЗ 26-бабының 6-тармағына",
    );
    assert_eq!(records[0]["act"], "Z2200000155");
    assert_eq!(records[0]["point"], "6");
}

#[test]
fn json_offsets_are_characters() {
    let text = "Мысалы, ҚР ҚПК-нің 7-бабына сәйкес";
    let records = json(&["--json", "--date", "2020-01-01"], text);
    assert_eq!(records.len(), 1);
    let r = &records[0];
    assert_eq!(r["text"], "ҚР ҚПК-нің 7-бабына");
    assert_eq!(r["start"], 8);
    assert_eq!(r["end"], 27);
    assert_eq!(r["act"], "K1400000231");
    assert_eq!(r["article"], "7");
}

#[test]
fn human_output_is_one_line_per_citation() {
    let out = cite(&["--date", "2020-01-01"], "АПК-нің 440, 441 баптарының");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines[0].contains("K1500000377 art. 440"), "{text}");
    assert!(lines[1].contains("441 баптарының"), "{text}");
}

#[test]
fn a_bad_date_option_is_a_usage_error() {
    let out = cite(&["--date", "13.09.2017"], "ҚК 40-бабы");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("YYYY-MM-DD"));
}

#[test]
fn malformed_registries_fail_with_file_and_line() {
    for (file, line, words) in [
        (
            "statutes-duplicate-abbreviation.yaml",
            11,
            "abbreviation `ҚК` is declared twice",
        ),
        (
            "statutes-unknown-edition.yaml",
            6,
            "edition `prokuratura-2023`",
        ),
        (
            "statutes-bad-date.yaml",
            8,
            "`2016-12-32` is not a valid date",
        ),
        (
            "statutes-repealed-before-adopted.yaml",
            8,
            "repealed before it is adopted",
        ),
        ("statutes-unknown-field.yaml", 5, "unknown field `adopted`"),
        (
            "statutes-overlapping-editions.yaml",
            8,
            "`criminal-code-1997` and `criminal-code-2014` are both in force",
        ),
        (
            "statutes-bad-adilet-id.yaml",
            9,
            "is not an adilet.zan.kz document id",
        ),
    ] {
        let path = format!("tests/fixtures/cite/{file}");
        let out = cite(&["--statutes", &path], "ҚК 40-бабы");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{file}: {stderr}");
        assert!(
            stderr.contains(&format!("{path}:{line}:")),
            "{file}: {stderr}"
        );
        assert!(stderr.contains(words), "{file}: {stderr}");
    }
}

#[test]
fn a_missing_registry_is_empty_not_an_error() {
    let out = cite(
        &[
            "--json",
            "--statutes",
            "tests/fixtures/cite/no-such-file.yaml",
        ],
        "ҚК 40-бабы",
    );
    assert!(out.status.success());
    let records: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("JSON");
    // With no registry ҚК is an unknown acronym: the article is found, the act is not.
    assert_eq!(records.len(), 1);
    assert!(records[0]["act"].is_null());
}
