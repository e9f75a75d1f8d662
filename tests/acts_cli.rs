//! `zanbook act` end to end: every bad fixture fails with exit code 1 and a located message;
//! every example renders; the PDF's text holds the Kazakh letters, the computed due date and
//! literal injection strings; the PDF is PDF/A-2b.
//!
//! The PDF checks use `pdftotext` and `pdffonts` (Debian package poppler-utils), which CI
//! installs.

mod common;

use common::{poppler, repo, stderr, temp_dir, zanbook};
use std::path::{Path, PathBuf};

const KAZAKH: [char; 18] = [
    'Ә', 'ә', 'Ғ', 'ғ', 'Қ', 'қ', 'Ң', 'ң', 'Ө', 'ө', 'Ұ', 'ұ', 'Ү', 'ү', 'Һ', 'һ', 'І', 'і',
];

/// Each `bad/NAME.yaml` has `bad/NAME.expect`: fragments that must all occur in stderr. The
/// first names the file and line (`NAME.yaml:LINE:`).
#[test]
fn every_bad_fixture_fails_with_a_located_message() {
    let dir = repo().join("tests/fixtures/acts/bad");
    let mut fixtures: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    fixtures.sort();
    assert!(fixtures.len() >= 40, "only {} bad fixtures", fixtures.len());
    let mut failures = Vec::new();
    for yaml in &fixtures {
        let rel = yaml
            .strip_prefix(repo())
            .unwrap_or(yaml)
            .to_string_lossy()
            .into_owned();
        let expect = std::fs::read_to_string(yaml.with_extension("expect"))
            .unwrap_or_else(|_| panic!("{rel} has no .expect file"));
        let out = zanbook(&["act", "--check", &rel]);
        let err = stderr(&out);
        if out.status.code() != Some(1) {
            failures.push(format!("{rel}: exit code {:?}\n{err}", out.status.code()));
            continue;
        }
        if err.contains("panicked") {
            failures.push(format!("{rel}: panicked\n{err}"));
        }
        let fragments: Vec<&str> = expect.lines().filter(|l| !l.trim().is_empty()).collect();
        assert!(
            fragments[0].contains(".yaml:"),
            "{rel}: the first fragment must give the line"
        );
        for fragment in fragments {
            if !err.contains(fragment) {
                failures.push(format!("{rel}: missing `{fragment}` in\n{err}"));
            }
        }
        // Every error names a field or the file, and shows the offending line.
        assert!(err.contains("  --> "), "{rel}: no location in\n{err}");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n---\n"));
}

#[test]
fn a_five_megabyte_field_is_refused_without_a_panic() {
    let dir_guard = temp_dir("huge");
    let dir = dir_guard.path();
    let base = std::fs::read_to_string(repo().join("examples/acts/protest.yaml")).unwrap();
    let huge = format!("{base}\nfacts: \"{}\"\n", "қ".repeat(5 * 1024 * 1024 / 2));
    let path = dir.join("huge.yaml");
    std::fs::write(&path, huge).unwrap();
    let out = zanbook(&["act", "--check", path.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("huge.yaml:1:"), "{err}");
    assert!(err.contains("at most 1048576 bytes"), "{err}");
    assert!(err.len() < 2000, "the message must not echo the field");
}

#[test]
fn a_long_field_within_the_file_limit_names_the_field() {
    let dir_guard = temp_dir("long");
    let dir = dir_guard.path();
    let base = std::fs::read_to_string(repo().join("examples/acts/protest.yaml")).unwrap();
    let base = base.replace("facts: |", "old_facts: |");
    let long = format!("{base}\nfacts: \"{}\"\n", "a".repeat(30_000));
    let path = dir.join("long.yaml");
    std::fs::write(&path, long).unwrap();
    let out = zanbook(&["act", "--check", path.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("field `facts` is 30000 characters long"),
        "{err}"
    );
}

#[test]
fn list_and_schema() {
    let out = zanbook(&["act", "--list"]);
    assert!(out.status.success());
    let list = String::from_utf8_lossy(&out.stdout);
    assert!(
        list.contains("protest") && list.contains("Наразылық"),
        "{list}"
    );
    let out = zanbook(&["act", "--schema", "protest"]);
    assert!(out.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON Schema");
    assert_eq!(schema["properties"]["type"]["const"], "protest");
    assert_eq!(schema["additionalProperties"], false);
    let required = schema["required"].as_array().unwrap();
    assert!(required.iter().any(|r| r == "contested_act"));
    assert_eq!(
        schema["properties"]["term"]["properties"]["unit"]["enum"][0],
        "calendar"
    );
    let out = zanbook(&["act", "--schema", "nope"]);
    assert_eq!(out.status.code(), Some(2));
}

/// A new act type is a schema and a template dropped into a templates directory.
#[test]
fn a_dropped_in_act_type_works_without_recompiling() {
    let dir_guard = temp_dir("dropin");
    let dir = dir_guard.path();
    for entry in std::fs::read_dir(repo().join("templates/acts")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    std::fs::write(
        dir.join("notice.schema.yaml"),
        "type: notice\nlabel: Хабарлама\ntitle: ХАБАРЛАМА\nlaw: test\nfields:\n  body: { type: text, required: true, label: Мәтін }\nrules:\n  - { rule: citations_resolve, field: legal_basis }\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("notice.typ"),
        "#import \"common.typ\": *\n#show: act-layout\n#md(f.body)\n",
    )
    .unwrap();
    let act = dir.join("n.yaml");
    let protest = std::fs::read_to_string(repo().join("examples/acts/sanction.yaml")).unwrap();
    let head: String = protest
        .lines()
        .filter(|l| {
            l.starts_with("office:")
                || l.starts_with("  name: Астана")
                || l.starts_with("number:")
                || l.starts_with("date:")
        })
        .map(|l| format!("{l}\n"))
        .collect();
    let text = format!("type: notice\n{head}body: Хабарлама мәтіні\nlegal_basis:\n  - {{ act: ҚРКЗ, article: \"26\" }}\nsignatory:\n  position: Прокурор\n  rank: prosecutor\n  class_rank: кеңесші\n  name: А. Б.\n");
    std::fs::write(&act, text).unwrap();
    let out = zanbook(&[
        "act",
        "--templates",
        dir.to_str().unwrap(),
        act.to_str().unwrap(),
        "-o",
        dir.join("n.pdf").to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = poppler("pdftotext", &dir.join("n.pdf"));
    assert!(
        text.contains("ХАБАРЛАМА") && text.contains("Хабарлама мәтіні"),
        "{text}"
    );
}

#[test]
fn every_example_renders_in_one_batch_with_kazakh_text_and_due_dates() {
    let templates = repo().join("templates/acts");
    let mut types: Vec<String> = std::fs::read_dir(&templates)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(".schema.yaml").map(str::to_string))
        .filter(|n| n != "common")
        .collect();
    types.sort();
    assert!(types.len() >= 13, "{types:?}");
    let out_dir_guard = temp_dir("examples");
    let out_dir = out_dir_guard.path();
    let mut args = vec!["act".to_string()];
    for t in &types {
        let example = format!("examples/acts/{t}.yaml");
        assert!(
            repo().join(&example).is_file(),
            "act type `{t}` has no example {example}"
        );
        args.push(example);
    }
    args.push("tests/fixtures/acts/good/injection.yaml".into());
    args.push("-o".into());
    args.push(out_dir.to_string_lossy().into_owned());
    let arg_refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = zanbook(&arg_refs);
    assert!(out.status.success(), "{}", stderr(&out));

    let mut all_text = String::new();
    for t in &types {
        let pdf = out_dir.join(format!("{t}.pdf"));
        let text = poppler("pdftotext", &pdf);
        assert!(text.contains("№"), "{t}: {text}");
        check_fonts(&pdf);
        all_text.push_str(&text);
    }
    for letter in KAZAKH {
        assert!(
            all_text.contains(letter),
            "no `{letter}` in the rendered examples"
        );
    }
    // The protest of 15 March 2024: 10 calendar days end on Monday 25 March, a Nauryz day
    // off, so the due date is 26 March.
    let protest = poppler("pdftotext", &out_dir.join("protest.pdf"));
    assert!(protest.contains("2024 жылғы 26 наурыз"), "{protest}");
    assert!(protest.contains("ТАЛАП ЕТЕМІН"), "{protest}");
    assert!(protest.contains("2024 жылғы 15 наурыз"), "{protest}");
    // The demand of 20 March 2024: 3 working days across Nauryz end on 28 March.
    let demand = poppler("pdftotext", &out_dir.join("document_demand.pdf"));
    assert!(demand.contains("2024 жылғы 28 наурыз"), "{demand}");
    let representation = poppler("pdftotext", &out_dir.join("representation.pdf"));
    assert!(representation.contains("ҰСЫНАМЫН"), "{representation}");

    let injection = poppler("pdftotext", &out_dir.join("injection.pdf"));
    let flat = injection.split_whitespace().collect::<Vec<_>>().join(" ");
    for literal in [
        "#read(\"/etc/passwd\")",
        // The office name is printed in capitals by design.
        "#SET PAGE(WIDTH: 1CM) ]",
        "#strong[x] \"quoted\"",
        "#import \"/etc/passwd\"",
        "$x^2$ <label> @ref",
        "and ]] and \"quotes\"",
        "#{1 + 1}",
        "#sys.inputs ] ) }",
        "#emph[y]",
    ] {
        assert!(
            flat.contains(literal),
            "`{literal}` not printed literally in:\n{flat}"
        );
    }
    assert!(!flat.contains("root:x:0:0"), "a file was read");

    let bytes = std::fs::read(out_dir.join("protest.pdf")).unwrap();
    check_pdfa(&bytes);
}

/// Only the three Libertinus Serif faces the templates use may appear: any other font means a
/// glyph fell back.
fn check_fonts(pdf: &Path) {
    let list = poppler("pdffonts", pdf);
    for line in list.lines().skip(2) {
        let name = line.split_whitespace().next().unwrap_or_default();
        let base = name.split('+').next_back().unwrap_or(name);
        let base = base.strip_suffix("-Identity-H").unwrap_or(base);
        assert!(
            matches!(
                base,
                "LibertinusSerif-Regular" | "LibertinusSerif-Bold" | "LibertinusSerif-Italic"
            ),
            "{}: unexpected font {name} (a fallback?)\n{list}",
            pdf.display()
        );
    }
}

fn check_pdfa(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let start = text
        .find("<x:xmpmeta")
        .expect("XMP metadata present and uncompressed");
    let end = text[start..].find("</x:xmpmeta>").expect("XMP end") + start;
    let xmp = &text[start..end];
    let part = xmp.contains("<pdfaid:part>2</pdfaid:part>") || xmp.contains("pdfaid:part=\"2\"");
    let conformance = xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>")
        || xmp.contains("pdfaid:conformance=\"B\"");
    assert!(part && conformance, "not PDF/A-2b:\n{xmp}");
    assert!(
        xmp.contains("Наразылық № 2-05-24/1234"),
        "title missing:\n{xmp}"
    );
    assert!(xmp.contains("Ө. Ү. Нұрлыбеков"), "author missing:\n{xmp}");
}

#[test]
fn output_is_written_atomically_and_a_failed_run_leaves_the_old_file() {
    let dir_guard = temp_dir("atomic");
    let dir = dir_guard.path();
    let pdf = dir.join("act.pdf");
    std::fs::write(&pdf, b"old").unwrap();
    let out = zanbook(&[
        "act",
        "tests/fixtures/acts/bad/duplicate_key.yaml",
        "-o",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read(&pdf).unwrap(), b"old");
    let leftovers: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .collect();
    assert_eq!(leftovers.len(), 1, "temporary files left behind");
}

#[test]
fn an_issuer_that_reads_like_a_non_protestable_body_is_a_warning() {
    let dir_guard = temp_dir("warn");
    let dir = dir_guard.path();
    let base = std::fs::read_to_string(repo().join("examples/acts/protest.yaml")).unwrap();
    let text = base.replace(
        "issuer: Медеу ауданы әкімдігінің",
        "issuer: Қазақстан Республикасы Президентінің Іс басқармасы",
    );
    let path = dir.join("w.yaml");
    std::fs::write(&path, text).unwrap();
    let out = zanbook(&["act", "--check", path.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("warning[maybe-not-protestable]"), "{err}");
    assert!(err.contains("w.yaml:16:"), "{err}");
}

#[test]
fn a_broken_template_is_reported_with_its_line() {
    let dir_guard = temp_dir("broken");
    let dir = dir_guard.path();
    for entry in std::fs::read_dir(repo().join("templates/acts")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    let protest = dir.join("protest.typ");
    let text = std::fs::read_to_string(&protest).unwrap();
    std::fs::write(&protest, format!("{text}\n#f.no_such_field\n")).unwrap();
    let pdf = dir.join("p.pdf");
    let out = zanbook(&[
        "act",
        "--templates",
        dir.to_str().unwrap(),
        "examples/acts/protest.yaml",
        "-o",
        pdf.to_str().unwrap(),
    ]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("typesetting failed") && err.contains("protest.typ:"),
        "{err}"
    );
    assert!(!pdf.exists());
}

#[test]
fn two_files_with_one_output_name_are_refused() {
    let dir_guard = temp_dir("clash");
    let dir = dir_guard.path();
    let other = dir.join("protest.yaml");
    std::fs::copy(repo().join("examples/acts/protest.yaml"), &other).unwrap();
    let out = zanbook(&[
        "act",
        "examples/acts/protest.yaml",
        other.to_str().unwrap(),
        "-o",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("rename one of them"));
}
