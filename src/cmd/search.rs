//! `zanbook search`: ranks over the index files of a built site, as the browser does.

use std::collections::HashMap;
use std::path::Path;

use serde_json::json;
use zanbook::search::shards::{self, Snippet};
use zanbook::search::{Hit, StoredPassage};

/// Runs one query; prints hits (or JSON). Exit 1 for a query that cannot be run.
pub fn run(query: &str, json: bool, limit: usize, site: &Path) -> zanbook::Result<u8> {
    let loaded = shards::load_index(site)?;
    let hits = match loaded.engine.search(query, limit) {
        Ok(hits) => hits,
        Err(err) => {
            eprintln!("zanbook: {err}");
            return Ok(1);
        }
    };
    let keys = loaded.engine.query_keys(query);
    let by_id: HashMap<&str, &StoredPassage> = loaded
        .stored
        .iter()
        .rev()
        .map(|s| (s.id.as_str(), s))
        .collect();
    let shown: Vec<(&Hit, &StoredPassage, Snippet)> = hits
        .iter()
        .filter_map(|hit| {
            let stored = by_id.get(hit.id.as_str())?;
            let snippet = shards::snippet(&stored.text, &keys, loaded.engine.options());
            Some((hit, *stored, snippet))
        })
        .collect();
    if json {
        print_json(&shown);
    } else {
        print_human(&shown);
    }
    Ok(0)
}

fn print_json(shown: &[(&Hit, &StoredPassage, Snippet)]) {
    let hits: Vec<serde_json::Value> = shown
        .iter()
        .map(|(hit, stored, snippet)| {
            json!({
                "id": hit.id,
                "url": stored.url,
                "title": stored.title(),
                "document": stored.document,
                "score": hit.score,
                "matched": hit.matched,
                "snippet": snippet.text,
                "marks": snippet.marks,
                "source": {"file": stored.file, "lines": stored.lines},
            })
        })
        .collect();
    println!("{}", serde_json::Value::Array(hits));
}

fn print_human(shown: &[(&Hit, &StoredPassage, Snippet)]) {
    if shown.is_empty() {
        println!("no passages match (Ештеңе табылмады)");
        return;
    }
    for (rank, (hit, stored, snippet)) in shown.iter().enumerate() {
        println!("{}. {}", rank + 1, stored.title());
        let place = if stored.file.is_empty() {
            String::new()
        } else {
            format!(" — {}:{}-{}", stored.file, stored.lines[0], stored.lines[1])
        };
        println!("   {}{place}", stored.document);
        println!("   {}   (score {})", stored.url, hit.score);
        println!("   {}", marked(snippet));
    }
}

/// The snippet with the matched words in brackets: `[бабына]`.
fn marked(snippet: &Snippet) -> String {
    let chars: Vec<char> = snippet.text.chars().collect();
    let mut out = String::new();
    let mut at = 0;
    for &[from, to] in &snippet.marks {
        out.extend(&chars[at..from]);
        out.push('[');
        out.extend(&chars[from..to]);
        out.push(']');
        at = to;
    }
    out.extend(&chars[at..]);
    out
}
