//! Every noise class of the acts' PDF extraction, as raw → clean fixtures in
//! tests/fixtures/normalize/: each file has a `# raw` section (the text as extracted) and a
//! `# clean` section (one expected block per line). Lines starting with `# ` before `# raw`
//! say what the fixture is about.

use zanbook::normalize::{layout, Line};

struct Fixture {
    name: String,
    raw: Vec<String>,
    clean: Vec<String>,
}

fn read_fixtures() -> Vec<Fixture> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/normalize");
    let mut fixtures = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("fixture directory") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("fixture text");
        let (mut raw, mut clean, mut section) = (Vec::new(), Vec::new(), "");
        for line in text.lines() {
            match line {
                "# raw" => section = "raw",
                "# clean" => section = "clean",
                _ if section == "raw" => raw.push(line.to_string()),
                _ if section == "clean" => clean.push(line.to_string()),
                _ => {}
            }
        }
        assert!(
            !raw.is_empty() && !clean.is_empty(),
            "{} needs both sections",
            path.display()
        );
        fixtures.push(Fixture {
            name: path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned(),
            raw,
            clean,
        });
    }
    fixtures.sort_by(|a, b| a.name.cmp(&b.name));
    fixtures
}

fn normalize(raw: &[String]) -> Vec<String> {
    let lines = raw
        .iter()
        .enumerate()
        .map(|(i, t)| Line {
            text: t.clone(),
            raw: [i as u32 + 1, i as u32 + 1],
            repairs: Vec::new(),
        })
        .collect();
    layout::normalize(lines)
        .into_iter()
        .map(|b| b.text)
        .collect()
}

#[test]
fn every_noise_fixture_normalises_to_its_clean_text() {
    let fixtures = read_fixtures();
    assert!(fixtures.len() >= 15, "one fixture per noise class");
    let failures: Vec<String> = fixtures
        .iter()
        .filter_map(|f| {
            let got = normalize(&f.raw);
            (got != f.clean).then(|| {
                format!(
                    "{}:\n  expected {:?}\n  got      {:?}",
                    f.name, f.clean, got
                )
            })
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn normalising_clean_text_changes_nothing() {
    // Idempotence: the clean blocks, laid out again as blocks, come back unchanged.
    for f in read_fixtures() {
        let relaid: Vec<String> = f.clean.iter().map(|b| format!("      {b}")).collect();
        let again = normalize(&relaid);
        assert_eq!(again, f.clean, "{}", f.name);
    }
}
