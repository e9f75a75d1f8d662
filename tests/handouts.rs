//! `zanbook handout` end to end: the three example specs render to four files each; the
//! PDFs' text (pdftotext, Debian's poppler-utils) holds the excerpted passages, the case
//! questions and the statute table, all read from the graph rather than written here;
//! trainer-only blocks are absent from the student copy (PDF and HTML); bad specs exit 1
//! with the spec's line and write nothing; Typst-active text prints literally.

mod common;

use common::{corpus, poppler, repo, stderr, temp_dir, zanbook};
use std::path::{Path, PathBuf};
use std::process::Command;
use zanbook::graph::{Node, NodeKind};
use zanbook::handout::{self, Includes, Sources};

/// Letters and digits only, lower-cased: line breaks, hyphenation and spacing of the PDF's
/// text layer do not matter.
fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The first `words` words of a node's text, squashed, from the first stretch of at least
/// four words without a citation (the PDF puts a footnote mark after each citation).
fn opening(node: &Node, words: usize) -> String {
    let chars: Vec<char> = node.text.chars().collect();
    let mut cuts: Vec<(usize, usize)> = corpus()
        .graph
        .citations
        .iter()
        .filter(|e| e.from == node.id && e.end <= chars.len() && e.start < e.end)
        .map(|e| (e.start, e.end))
        .collect();
    cuts.sort();
    let mut stretches = Vec::new();
    let mut at = 0;
    for (start, end) in cuts {
        if start >= at {
            stretches.push(chars[at..start].iter().collect::<String>());
            at = end;
        }
    }
    stretches.push(chars[at..].iter().collect());
    let stretch = stretches
        .iter()
        .find(|s| s.split_whitespace().count() >= 4)
        .unwrap_or(&node.text);
    squash(
        &stretch
            .split_whitespace()
            .take(words)
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// The first `words` words of a text, squashed.
fn opening_text(text: &str, words: usize) -> String {
    squash(
        &text
            .split_whitespace()
            .take(words)
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// Renders a spec into a fresh directory; returns it with the four files checked present.
fn render(spec: &Path, extra: &[&str]) -> (tempfile::TempDir, String) {
    let dir = temp_dir("render");
    let mut args = vec![
        "handout",
        spec.to_str().expect("utf-8 path"),
        "-o",
        dir.path().to_str().expect("utf-8 path"),
    ];
    args.extend_from_slice(extra);
    let out = zanbook(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    let stem = spec
        .file_stem()
        .expect("stem")
        .to_string_lossy()
        .into_owned();
    for copy in ["student", "trainer"] {
        for ext in ["pdf", "html"] {
            let file = dir.path().join(format!("{stem}.{copy}.{ext}"));
            assert!(file.is_file(), "{} was not written", file.display());
        }
    }
    (dir, stem)
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).expect("output file")
}

/// The handout a spec assembles to, through the library (what the CLI rendered).
fn assembled(spec: &Path) -> handout::Handout {
    let compiled = corpus();
    let statutes = zanbook::cite::Registry::load_dir(&repo().join("corpus")).expect("registry");
    let sources = Sources::new(&compiled.graph, &statutes, None);
    let source = std::fs::read_to_string(spec).expect("spec");
    let base = spec.parent().expect("folder");
    let (built, diags) = handout::prepare(&source, &Includes::new(base, &repo()), &sources);
    assert!(
        diags.iter().all(|d| !d.is_error()),
        "{:?}",
        diags.iter().map(|d| &d.message).collect::<Vec<_>>()
    );
    built.expect("the example assembles")
}

fn examples() -> Vec<PathBuf> {
    let dir = repo().join("examples/handouts");
    let mut specs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("examples")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    specs.sort();
    specs
}

#[test]
fn the_three_examples_render_with_passages_questions_and_statutes() {
    let specs = examples();
    assert_eq!(specs.len(), 3, "{specs:?}");
    let graph = &corpus().graph;
    for spec in &specs {
        let built = assembled(spec);
        let (dir, stem) = render(spec, &[]);
        let trainer = squash(&poppler(
            "pdftotext",
            &dir.path().join(format!("{stem}.trainer.pdf")),
        ));
        let student = squash(&poppler(
            "pdftotext",
            &dir.path().join(format!("{stem}.student.pdf")),
        ));
        let name = spec.display();
        let mut checked = 0;
        for block in &built.blocks {
            // Excerpted and case passages: the opening words of each node, from the graph.
            if let Some(source) = &block.source {
                let node = graph.node(&source.node).expect("the source node exists");
                if !node.text.trim().is_empty() {
                    let want = opening(node, 8);
                    assert!(student.contains(&want), "{name}: passage of {}", node.id);
                    checked += 1;
                }
                if node.kind == NodeKind::Case {
                    let questions = node.children.iter().filter_map(|c| graph.node(c));
                    for q in questions.filter(|q| q.kind == NodeKind::Question) {
                        assert!(student.contains(&opening(q, 8)), "{name}: {}", q.id);
                        checked += 1;
                    }
                }
            }
            // Statute excerpts: the passages that cite the statute unit.
            for p in block.passages.iter().filter(|p| p.source.is_some()) {
                let node = graph
                    .node(&p.source.as_ref().expect("source").node)
                    .expect("node");
                assert!(student.contains(&opening(node, 8)), "{name}: {}", node.id);
                checked += 1;
            }
        }
        assert!(checked >= 3, "{name}: only {checked} passages checked");
        // The statute table: its heading and every cited act's adilet address.
        let copy = built.copy(false);
        assert!(!copy.statutes.is_empty(), "{name}: no statutes cited");
        assert!(
            student.contains(&squash("Үлестірмеде сілтеме жасалған")),
            "{name}"
        );
        for row in &copy.statutes {
            if let Some(url) = &row.url {
                assert!(student.contains(&squash(url)), "{name}: {url}");
            }
        }
        // Trainer-only blocks: in the trainer's copy, not in the student's.
        for block in built.blocks.iter().filter(|b| b.trainer_only) {
            let text = markdown_text(block.markdown.as_ref().expect("markdown"));
            let want = opening_text(&text, 6);
            assert!(
                trainer.contains(&want),
                "{name}: trainer copy lacks `{text}`"
            );
            assert!(
                !student.contains(&want),
                "{name}: student copy has `{text}`"
            );
            let student_html = squash(&strip_tags(&read(
                dir.path(),
                &format!("{stem}.student.html"),
            )));
            let trainer_html = squash(&strip_tags(&read(
                dir.path(),
                &format!("{stem}.trainer.html"),
            )));
            assert!(trainer_html.contains(&want), "{name}: trainer HTML");
            assert!(!student_html.contains(&want), "{name}: student HTML");
        }
    }
}

/// HTML without its tags (the text a reader sees, still entity-escaped).
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The plain text of Markdown blocks (runs' text joined).
fn markdown_text(blocks: &serde_json::Value) -> String {
    let mut out = String::new();
    for b in blocks.as_array().into_iter().flatten() {
        let runs: Vec<&serde_json::Value> = match b["kind"].as_str() {
            Some("list") => b["items"]
                .as_array()
                .into_iter()
                .flatten()
                .flat_map(|i| i.as_array().into_iter().flatten())
                .collect(),
            _ => b["runs"].as_array().into_iter().flatten().collect(),
        };
        for r in runs {
            out.push_str(r["text"].as_str().unwrap_or(" "));
        }
        out.push(' ');
    }
    out
}

#[test]
fn a_statute_citation_excerpts_the_passages_that_cite_it() {
    let spec = repo().join("examples/handouts/supervision-acts.yaml");
    let built = assembled(&spec);
    let graph = &corpus().graph;
    let block = built
        .blocks
        .iter()
        .find(|b| {
            b.statute
                .as_ref()
                .is_some_and(|s| s.key.ends_with("/art-33"))
        })
        .expect("the ҚРКЗ 33-бап excerpt");
    let unit = block.statute.as_ref().expect("statute");
    let citing = &graph.cited_by[&unit.key];
    let shown: Vec<&str> = block
        .passages
        .iter()
        .filter_map(|p| p.source.as_ref().map(|s| s.node.as_str()))
        .collect();
    // The spec says `limit: 3`; the rest is counted.
    assert_eq!(
        shown,
        citing
            .iter()
            .take(3)
            .map(String::as_str)
            .collect::<Vec<_>>()
    );
    assert_eq!(block.more, citing.len().saturating_sub(3));
    let registry_unit = graph
        .statute_articles
        .iter()
        .find(|u| u.id == unit.key)
        .expect("unit");
    assert_eq!(unit.url, registry_unit.url);
}

#[test]
fn html_links_citations_and_names_sources() {
    let spec = repo().join("examples/handouts/supervision-acts.yaml");
    let (dir, stem) = render(&spec, &["--site", "https://example.kz/zanbook"]);
    let html = read(dir.path(), &format!("{stem}.student.html"));
    let built = assembled(&spec);
    let unit = built
        .blocks
        .iter()
        .find_map(|b| b.statute.clone())
        .expect("a statute excerpt");
    let page = format!("https://example.kz/zanbook/statutes/{}.html", unit.key);
    assert!(
        html.contains(&format!("href=\"{page}\"")),
        "no link to {page}"
    );
    if let Some(url) = &unit.url {
        assert!(html.contains(&format!("href=\"{url}\"")), "no adilet link");
    }
    let source = built
        .blocks
        .iter()
        .find_map(|b| b.source.clone())
        .expect("an excerpt with a source");
    assert!(html.contains(&format!("{}:{}", source.file, source.lines)));
    assert!(html.contains("class=\"cite\""), "no citation links");
}

/// Each `bad/NAME.yaml` has `bad/NAME.expect`: fragments that must all occur in stderr, the
/// first naming the spec's file, line and column. Nothing may be written.
#[test]
fn every_bad_spec_exits_1_with_its_line_and_writes_nothing() {
    let dir = repo().join("tests/fixtures/handouts/bad");
    let mut specs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    specs.sort();
    assert!(specs.len() >= 6, "only {} bad specs", specs.len());
    for spec in &specs {
        let out_dir = temp_dir("bad");
        let out = zanbook(&[
            "handout",
            spec.to_str().expect("utf-8"),
            "-o",
            out_dir.path().to_str().expect("utf-8"),
        ]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{}: {err}", spec.display());
        let expect = std::fs::read_to_string(spec.with_extension("expect")).expect("expect file");
        for fragment in expect.lines().filter(|l| !l.is_empty()) {
            assert!(
                err.contains(fragment),
                "{}: `{fragment}` not in\n{err}",
                spec.display()
            );
        }
        let written = std::fs::read_dir(out_dir.path()).expect("dir").count();
        assert_eq!(written, 0, "{}: files were written", spec.display());
    }
}

#[test]
fn an_include_through_a_symlink_out_of_the_project_is_refused() {
    // The project is a temporary folder with its own corpus link; the include links out.
    let project = temp_dir("project");
    let outside = temp_dir("outside");
    std::fs::write(outside.path().join("secret.md"), "құпия").expect("write");
    let spec = project.path().join("spec.yaml");
    std::fs::write(
        &spec,
        "title: Т\nblocks:\n  - notes:\n      file: link.md\n",
    )
    .expect("spec");
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        outside.path().join("secret.md"),
        project.path().join("link.md"),
    )
    .expect("symlink");
    let out = Command::new(env!("CARGO_BIN_EXE_zanbook"))
        .args(["handout", "spec.yaml", "--corpus"])
        .arg(repo().join("corpus"))
        .arg("--templates")
        .arg(repo().join("templates/handout"))
        .current_dir(project.path())
        .output()
        .expect("runs");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("spec.yaml:4:13") && err.contains("outside the project"),
        "{err}"
    );
    assert!(!project.path().join("spec.student.pdf").exists());
}

#[test]
fn typst_and_html_active_text_prints_literally() {
    let dir = temp_dir("inject");
    let spec = dir.path().join("inject.yaml");
    let hostile = [
        r#"#read("/etc/passwd")"#,
        "#set page(width: 1cm)",
        "$x^2$ ] [ #}",
        "<script>alert(1)</script>",
        r#"#panic("boom")"#,
    ];
    let text = format!(
        "title: '{0}'\naudience: '{1}'\ntrainer: '{2}'\nblocks:\n  - case:\n      title: '{3}'\n      text: '{4} мәтін'\n      questions: ['{0} сұрақ']\n  - notes: '{1} ескертпе'\n  - key: '{3} кілт'\n  - excerpt: tb-probation/cases/1/1\n    title: '{4}'\n",
        hostile[0], hostile[1], hostile[2], hostile[3], hostile[4]
    );
    std::fs::write(&spec, text).expect("spec");
    let (out, stem) = render(&spec, &[]);
    let pdf = poppler("pdftotext", &out.path().join(format!("{stem}.trainer.pdf")));
    let flat: String = pdf.split_whitespace().collect::<Vec<_>>().join(" ");
    for h in hostile {
        assert!(flat.contains(h), "`{h}` not printed literally:\n{flat}");
    }
    let html = read(out.path(), &format!("{stem}.trainer.html"));
    assert!(!html.contains("<script>alert"), "HTML not escaped");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
            || html.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
    );
}

#[test]
fn citations_in_trainer_text_are_linked_and_tabled_only_in_the_trainer_copy() {
    let dir = temp_dir("notes-cite");
    let spec = dir.path().join("notes.yaml");
    std::fs::write(
        &spec,
        "title: Ескертпедегі сілтеме\ndate: 2025-03-14\nblocks:\n  - case: tb-probation/cases/1/1\n  - notes: Күзетпен ұстауды ҚПК-нің 193-бабы бойынша талқылаңыз.\n",
    )
    .expect("spec");
    let built = assembled(&spec);
    let notes = built
        .blocks
        .iter()
        .find(|b| b.kind == "notes")
        .expect("notes");
    let link = notes
        .markdown_links
        .first()
        .expect("the citation is linked");
    assert!(link.key.ends_with("/art-193"), "{}", link.key);
    let in_copy = |trainer: bool| {
        built
            .copy(trainer)
            .statutes
            .iter()
            .any(|row| row.label == link.label)
    };
    assert!(in_copy(true) && !in_copy(false));
    let (out, stem) = render(&spec, &[]);
    let label = squash(&link.label);
    let trainer = squash(&poppler(
        "pdftotext",
        &out.path().join(format!("{stem}.trainer.pdf")),
    ));
    let student = squash(&poppler(
        "pdftotext",
        &out.path().join(format!("{stem}.student.pdf")),
    ));
    assert!(
        trainer.contains(&label),
        "trainer table lacks {}",
        link.label
    );
    assert!(!student.contains(&label), "student copy has {}", link.label);
    let html = read(out.path(), &format!("{stem}.trainer.html"));
    let href = link.href.as_deref().expect("adilet address");
    assert!(
        html.contains(&format!("class=\"cite\" href=\"{href}\"")),
        "no link in HTML"
    );
}

#[test]
fn check_only_validates_and_writes_nothing() {
    let dir = temp_dir("check");
    let spec = dir.path().join("ok.yaml");
    std::fs::write(
        &spec,
        "title: Т\nblocks:\n  - case: tb-probation/cases/1/2\n",
    )
    .expect("spec");
    let out = zanbook(&["handout", spec.to_str().expect("utf-8"), "--check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let files = std::fs::read_dir(dir.path()).expect("dir").count();
    assert_eq!(files, 1, "only the spec may be there");
}

/// Prepares an inline spec against the real corpus.
fn prepare_text(text: &str) -> (Option<handout::Handout>, Vec<String>) {
    let compiled = corpus();
    let statutes = zanbook::cite::Registry::load_dir(&repo().join("corpus")).expect("registry");
    let sources = Sources::new(&compiled.graph, &statutes, None);
    let includes = Includes::new(&repo(), &repo());
    let (built, diags) = handout::prepare(text, &includes, &sources);
    let errors = diags
        .iter()
        .filter(|d| d.is_error())
        .map(|d| {
            format!(
                "{}:{} {} {}",
                d.pos.line,
                d.code,
                d.message,
                d.hint.clone().unwrap_or_default()
            )
        })
        .collect();
    (built, errors)
}

#[test]
fn a_citation_of_an_order_in_the_corpus_excerpts_its_point() {
    let graph = &corpus().graph;
    let points_8: Vec<&str> = graph
        .nodes_of("instr-2017-104")
        .filter(|n| n.kind == NodeKind::Point && n.number.as_deref() == Some("8"))
        .map(|n| n.id.as_str())
        .collect();
    assert_eq!(points_8.len(), 1, "{points_8:?}");
    let (built, errors) = prepare_text(
        "title: Т\ndate: 2018-01-10\nblocks:\n  - excerpt: Бас Прокурордың 2017 жылғы 13 қыркүйектегі № 104 бұйрығының 8-тармағы\n",
    );
    assert!(errors.is_empty(), "{errors:?}");
    let built = built.expect("assembles");
    let source = built.blocks[0].source.as_ref().expect("a node excerpt");
    assert_eq!(source.node, points_8[0]);

    // Point 5 of order № 88 is both a point of the order and of its instruction.
    let candidates = graph
        .nodes_of("instr-2010-88")
        .filter(|n| n.kind == NodeKind::Point && n.number.as_deref() == Some("5"))
        .count();
    let (built, errors) = prepare_text(
        "title: Т\ndate: 2011-01-10\nblocks:\n  - excerpt: Бас Прокурордың 2010 жылғы 28 желтоқсандағы № 88 бұйрығының 5-тармағы\n",
    );
    if candidates > 1 {
        assert!(built.is_none());
        assert!(
            errors
                .iter()
                .any(|e| e.starts_with("4:bad-citation") && e.contains("several")),
            "{errors:?}"
        );
    } else {
        assert!(errors.is_empty(), "{errors:?}");
    }
}
