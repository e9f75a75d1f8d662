//! Atomic outputs: a build that fails at any stage — a template that breaks halfway
//! through the pages, a process killed mid-write because the disk is "full" (a file-size
//! limit: the kernel stops the process with SIGXFSZ as a full disk would stop the write),
//! an output path that cannot be written — leaves the previous site and the previous PDF
//! byte-for-byte untouched.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn zanbook(prefix: &[&str], args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
    let (program, before): (&str, &[&str]) = match prefix.split_first() {
        Some((p, rest)) => (p, rest),
        None => (env!("CARGO_BIN_EXE_zanbook"), &[]),
    };
    let mut command = Command::new(program);
    command.args(before);
    if !prefix.is_empty() {
        command.arg(env!("CARGO_BIN_EXE_zanbook"));
    }
    command
        .args(args.iter().map(|a| a.as_ref()))
        .current_dir(common::repo())
        .output()
        .expect("zanbook runs")
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).expect("read");
                out.insert(path.strip_prefix(dir).expect("inside").to_path_buf(), bytes);
            }
        }
    }
    out
}

fn build(site: &Path, extra: &[&dyn AsRef<std::ffi::OsStr>], prefix: &[&str]) -> Output {
    let corpus = common::repo().join("tests/fixtures/unseen");
    let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"build", &"--corpus", &corpus];
    args.extend([&"--out" as &dyn AsRef<std::ffi::OsStr>, &site]);
    args.extend_from_slice(extra);
    let out = zanbook(prefix, &args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    out
}

#[test]
fn a_template_failing_halfway_through_the_pages_keeps_the_previous_site() {
    let dir = tempfile::tempdir().expect("dir");
    let site = dir.path().join("site");
    assert_eq!(build(&site, &[], &[]).status.code(), Some(0));
    let before = snapshot(&site);
    assert!(before.len() > 5);
    // Injected failure: the page template breaks on every page but the first, so the build
    // fails after pages have been rendered and staged.
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).expect("mkdir");
    let page = std::fs::read_to_string(common::repo().join("templates/site/page.html"))
        .expect("page template");
    let injected = page.replacen(
        "{% block content %}",
        "{% block content %}{% if prev %}{{ injected_failure.field }}{% endif %}",
        1,
    );
    assert_ne!(injected, page, "the injection point exists");
    std::fs::write(templates.join("page.html"), injected).expect("write");
    let run = build(&site, &[&"--templates", &templates], &[]);
    assert_ne!(
        run.status.code(),
        Some(0),
        "the injected failure must fail the build"
    );
    assert_eq!(snapshot(&site), before, "the previous site changed");
}

#[test]
fn a_build_killed_mid_write_by_a_full_disk_keeps_the_previous_site() {
    let dir = tempfile::tempdir().expect("dir");
    let site = dir.path().join("site");
    assert_eq!(build(&site, &[], &[]).status.code(), Some(0));
    let before = snapshot(&site);
    // A template edit changes every page (unchanged pages would be hard-linked, not
    // written); files larger than 4 KiB cannot be written: the build dies on a page.
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).expect("mkdir");
    let page = std::fs::read_to_string(common::repo().join("templates/site/page.html"))
        .expect("page template");
    std::fs::write(
        templates.join("page.html"),
        page.replace(
            "{% endblock content %}",
            "<!-- edited -->{% endblock content %}",
        ),
    )
    .expect("write");
    let run = build(
        &site,
        &[&"--templates", &templates],
        &["prlimit", "--fsize=4096", "--"],
    );
    assert_ne!(
        run.status.code(),
        Some(0),
        "the write limit must stop the build"
    );
    assert_eq!(snapshot(&site), before, "the previous site changed");
    let abandoned = |dir: &Path| {
        std::fs::read_dir(dir)
            .expect("dir")
            .filter(|e| {
                e.as_ref()
                    .is_ok_and(|e| e.file_name().to_string_lossy().starts_with(".site.tmp-"))
            })
            .count()
    };
    assert_eq!(
        abandoned(dir.path()),
        1,
        "the killed build's staging directory"
    );
    // The next build succeeds, replaces the site and removes what the killed one left.
    assert_eq!(build(&site, &[], &[]).status.code(), Some(0));
    assert_eq!(
        abandoned(dir.path()),
        0,
        "abandoned staging directories stay"
    );
}

#[test]
fn an_unwritable_output_path_fails_cleanly() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("a-file");
    std::fs::write(&file, "user data").expect("write");
    // The output directory's parent is a regular file: nothing can be created there.
    let run = build(&file.join("site"), &[], &[]);
    assert_eq!(
        run.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    // An output path that is a user's file is refused, never overwritten.
    let run = build(&file, &[], &[]);
    assert_ne!(run.status.code(), Some(0));
    assert_eq!(std::fs::read(&file).expect("read"), b"user data");
}

#[test]
fn a_pdf_killed_mid_write_or_failing_keeps_the_previous_pdf() {
    let dir = tempfile::tempdir().expect("dir");
    let pdf = dir.path().join("act.pdf");
    let example = common::repo().join("examples/acts/warning.yaml");
    let ok = zanbook(&[], &[&"act", &example, &"-o", &pdf]);
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let before = std::fs::read(&pdf).expect("pdf");
    // Killed while writing (a full disk).
    let killed = zanbook(
        &["prlimit", "--fsize=4096", "--"],
        &[&"act", &example, &"-o", &pdf],
    );
    assert_ne!(killed.status.code(), Some(0));
    assert_eq!(std::fs::read(&pdf).expect("pdf"), before, "the PDF changed");
    // A failing act (a validation error) writes nothing either.
    let bad = dir.path().join("bad.yaml");
    let text = std::fs::read_to_string(&example).expect("example");
    std::fs::write(&bad, text.replace("date: 2025-02-12", "date: 2025-02-30")).expect("write");
    let failed = zanbook(&[], &[&"act", &bad, &"-o", &pdf]);
    assert_eq!(failed.status.code(), Some(1));
    assert_eq!(std::fs::read(&pdf).expect("pdf"), before, "the PDF changed");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert!(
        leftovers.len() <= 3,
        "temporary files left beside the PDF: {leftovers:?}"
    );
}
