//! Precision and recall of the citation recogniser against the hand-checked sample in
//! tests/fixtures/cite/sample.yaml (see its header for what counts and how it was made).
//!
//! The texts are the raw corpus files, cut into paragraph-like blocks (a line that starts
//! with white space opens one) that stand in for graph nodes: a citation with no act inherits
//! only from earlier in its own block, as it does inside one node. A prediction matches a
//! sample entry of the same file when its start line is within one line of the entry's and
//! the act and every unit agree. Run with `--nocapture` to see the numbers.

use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use zanbook::cite::{ActRef, Registry, Scanner};

#[derive(Deserialize)]
struct Sample {
    regions: Vec<Region>,
    #[serde(default)]
    ignore: Vec<String>,
    citations: Vec<String>,
}

#[derive(Deserialize)]
struct Region {
    file: String,
    lines: [usize; 2],
}

#[derive(Debug, Clone, PartialEq)]
struct Entry {
    file: String,
    line: usize,
    key: String,
    scrambled: bool,
}

fn parse_entry(text: &str) -> Entry {
    let text = text.split(" # ").next().unwrap_or(text).trim();
    let mut words = text.split_whitespace();
    let loc = words.next().expect("entry has a location");
    let (file, line) = loc.split_once(':').expect("FILE:LINE");
    let mut key = Vec::new();
    let mut scrambled = false;
    for w in words {
        if w == "!scrambled" {
            scrambled = true;
        } else {
            key.push(w);
        }
    }
    Entry {
        file: file.to_string(),
        line: line.parse().expect("line number"),
        key: key.join(" "),
        scrambled,
    }
}

/// Blocks of raw lines: (first line number, text).
fn blocks(lines: &[&str]) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let opens = line.starts_with(char::is_whitespace) && !line.trim().is_empty();
        match out.last_mut() {
            Some((_, text)) if !opens => {
                text.push('\n');
                text.push_str(line);
            }
            _ => out.push((i + 1, line.to_string())),
        }
    }
    out
}

fn predictions(registry: &Registry, file: &str) -> Vec<Entry> {
    let raw = std::fs::read_to_string(Path::new("corpus").join(file)).expect("corpus file");
    let lines: Vec<&str> = raw.lines().collect();
    let mut scanner = Scanner::new(registry);
    let mut out = Vec::new();
    for (first, text) in blocks(&lines) {
        let starts: Vec<usize> = std::iter::once(0)
            .chain(
                text.chars()
                    .enumerate()
                    .filter(|(_, c)| *c == '\n')
                    .map(|(i, _)| i + 1),
            )
            .collect();
        for c in scanner.scan(&text) {
            if !c.has_unit() {
                continue;
            }
            let act = match &c.act {
                ActRef::Statute { target, .. } => registry.statutes[target.statute].key.clone(),
                ActRef::Unknown { .. } => "unknown".to_string(),
                ActRef::This { .. } => "self".to_string(),
                ActRef::Context => "context".to_string(),
            };
            let mut key = vec![act];
            for (label, value) in [
                ("ch", &c.chapter),
                ("art", &c.article),
                ("part", &c.part),
                ("point", &c.point),
                ("sub", &c.subpoint),
                ("thr", &c.through),
            ] {
                if let Some(v) = value {
                    key.push(format!("{label}={v}"));
                }
            }
            out.push(Entry {
                file: file.to_string(),
                line: first + starts.partition_point(|&s| s <= c.start) - 1,
                key: key.join(" "),
                scrambled: false,
            });
        }
    }
    out
}

#[derive(Default, Debug)]
struct Score {
    gold: usize,
    found: usize,
    predicted: usize,
    correct: usize,
}

impl Score {
    fn precision(&self) -> f64 {
        self.correct as f64 / self.predicted.max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.found as f64 / self.gold.max(1) as f64
    }
}

#[test]
fn precision_and_recall_on_the_sample() {
    let registry = Registry::load(Path::new("corpus/statutes.yaml")).expect("registry");
    let text = std::fs::read_to_string("tests/fixtures/cite/sample.yaml").expect("sample");
    let sample: Sample = serde_norway::from_str(&text).expect("sample parses");
    let gold: Vec<Entry> = sample.citations.iter().map(|c| parse_entry(c)).collect();
    assert!(gold.len() >= 150, "the sample has {} citations", gold.len());
    let ignored: HashSet<(String, usize)> = sample
        .ignore
        .iter()
        .filter_map(|s| s.split_once(':'))
        .map(|(f, l)| (f.to_string(), l.parse().unwrap_or(0)))
        .collect();
    let in_region = |e: &Entry| {
        sample
            .regions
            .iter()
            .any(|r| r.file == e.file && r.lines[0] <= e.line && e.line <= r.lines[1])
            && !ignored.contains(&(e.file.clone(), e.line))
    };
    for g in &gold {
        assert!(in_region(g), "sample entry outside its regions: {g:?}");
    }
    let files: Vec<String> = {
        let mut f: Vec<String> = sample.regions.iter().map(|r| r.file.clone()).collect();
        f.dedup();
        f
    };
    let predicted: Vec<Entry> = files
        .iter()
        .flat_map(|f| predictions(&registry, f))
        .filter(|p| in_region(p))
        .collect();

    // Greedy one-to-one matching, nearest line first.
    let mut used = vec![false; predicted.len()];
    let mut matched = vec![false; gold.len()];
    for (gi, g) in gold.iter().enumerate() {
        let best = predicted
            .iter()
            .enumerate()
            .filter(|(pi, p)| {
                !used[*pi] && p.file == g.file && p.key == g.key && p.line.abs_diff(g.line) <= 1
            })
            .min_by_key(|(_, p)| p.line.abs_diff(g.line));
        if let Some((pi, _)) = best {
            used[pi] = true;
            matched[gi] = true;
        }
    }

    let group = |file: &str| match file {
        "law-2010-374.txt" => "003 amending law",
        f if f.starts_with("tb-") => "textbooks",
        _ => "orders",
    };
    let mut scores: BTreeMap<&str, Score> = BTreeMap::new();
    let mut clean = Score::default();
    for (g, &m) in gold.iter().zip(&matched) {
        for name in ["all", group(&g.file)] {
            let s = scores.entry(name).or_default();
            s.gold += 1;
            s.found += m as usize;
        }
        if !g.scrambled {
            clean.gold += 1;
            clean.found += m as usize;
        }
    }
    for (p, &u) in predicted.iter().zip(&used) {
        for name in ["all", group(&p.file)] {
            let s = scores.entry(name).or_default();
            s.predicted += 1;
            s.correct += u as usize;
        }
    }
    println!("citation recognition on the raw corpus sample:");
    for (name, s) in &scores {
        println!(
            "  {name:<18} gold {:>3}  predicted {:>3}  precision {:.3}  recall {:.3}",
            s.gold,
            s.predicted,
            s.precision(),
            s.recall()
        );
    }
    println!(
        "  recall without the {} citations torn apart by extraction: {:.3} ({}/{})",
        gold.len() - clean.gold,
        clean.recall(),
        clean.found,
        clean.gold
    );
    for (g, &m) in gold.iter().zip(&matched) {
        if !m {
            println!("  missed: {}:{} {}", g.file, g.line, g.key);
        }
    }
    for (p, &u) in predicted.iter().zip(&used) {
        if !u {
            println!("  wrong:  {}:{} {}", p.file, p.line, p.key);
        }
    }
    let all = &scores["all"];
    let books = &scores["textbooks"];
    // Floors below the measured values: a regression fails the test.
    assert!(
        books.precision() >= 0.95,
        "textbook precision {:.3}",
        books.precision()
    );
    assert!(
        books.recall() >= 0.90,
        "textbook recall {:.3}",
        books.recall()
    );
    assert!(all.precision() >= 0.70, "precision {:.3}", all.precision());
    assert!(all.recall() >= 0.60, "recall {:.3}", all.recall());
}
