//! Benchmark helper (not a product command): writes an N× copy of a corpus.
//!
//! ```text
//! cargo run --release --example scale_corpus -- corpus 100 /tmp/corpus-100
//! ```
//!
//! Every document is copied N times. Copy k > 1 gets the id `<id>-x<k>`, the file
//! `<id>-x<k>.txt`, the title `<title> (<k>-нұсқа)`, its own copies of the reviewed corrections,
//! and no adilet address (two documents may not claim one act). The texts stay byte-identical,
//! so every copy parses like the original and its citations resolve to the same statutes —
//! the work per document is real, not a synthetic text that parses trivially.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_norway::{Mapping, Value};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [source, times, out] = args.as_slice() else {
        eprintln!("usage: scale_corpus SOURCE_CORPUS N OUT_DIR");
        return ExitCode::from(2);
    };
    let Ok(times) = times.parse::<usize>() else {
        eprintln!("N must be a positive whole number, got `{times}`");
        return ExitCode::from(2);
    };
    match scale(Path::new(source), times.max(1), Path::new(out)) {
        Ok(documents) => {
            println!("{documents} documents written to {out}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("scale_corpus: {message}");
            ExitCode::from(1)
        }
    }
}

pub fn scale(source: &Path, times: usize, out: &Path) -> Result<usize, String> {
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let manifest = read_yaml(&source.join("corpus.yaml"))?;
    let documents = sequence(&manifest, "documents")?;
    let corrections_path = source.join("corrections.yaml");
    let corrections = if corrections_path.exists() {
        sequence(&read_yaml(&corrections_path)?, "corrections")?
    } else {
        Vec::new()
    };
    let mut scaled_documents = Vec::new();
    let mut scaled_corrections = Vec::new();
    for copy in 1..=times {
        for document in &documents {
            let (entry, id, file) = copy_entry(document, copy)?;
            let text = std::fs::read(source.join(&file))
                .map_err(|e| format!("{}: {e}", source.join(&file).display()))?;
            std::fs::write(out.join(entry_file(&entry)?), text)
                .map_err(|e| format!("{}: {e}", out.display()))?;
            for correction in &corrections {
                if field(correction, "document")? == id {
                    let mut c = correction.clone();
                    set(&mut c, "document", &copy_id(&id, copy))?;
                    scaled_corrections.push(c);
                }
            }
            scaled_documents.push(entry);
        }
    }
    let count = scaled_documents.len();
    write_yaml(&out.join("corpus.yaml"), "documents", scaled_documents)?;
    write_yaml(
        &out.join("corrections.yaml"),
        "corrections",
        scaled_corrections,
    )?;
    for name in ["statutes.yaml", "search-terms.yaml"] {
        let from = source.join(name);
        if from.exists() {
            std::fs::copy(&from, out.join(name)).map_err(|e| format!("{}: {e}", from.display()))?;
        }
    }
    Ok(count)
}

/// The manifest entry of copy `copy` of a document, with the original id and file.
fn copy_entry(document: &Value, copy: usize) -> Result<(Value, String, PathBuf), String> {
    let id = field(document, "id")?;
    let file = PathBuf::from(field(document, "file")?);
    let mut entry = document.clone();
    if copy > 1 {
        set(&mut entry, "id", &copy_id(&id, copy))?;
        set(&mut entry, "file", &format!("{}.txt", copy_id(&id, copy)))?;
        let title = field(document, "title")?;
        set(&mut entry, "title", &format!("{title} ({copy}-нұсқа)"))?;
        if let Value::Mapping(map) = &mut entry {
            map.remove("url");
        }
    }
    Ok((entry, id, file))
}

fn copy_id(id: &str, copy: usize) -> String {
    if copy == 1 {
        id.to_string()
    } else {
        format!("{id}-x{copy}")
    }
}

fn entry_file(entry: &Value) -> Result<String, String> {
    field(entry, "file")
}

fn read_yaml(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_norway::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn write_yaml(path: &Path, key: &str, items: Vec<Value>) -> Result<(), String> {
    let mut root = Mapping::new();
    root.insert(Value::from(key), Value::Sequence(items));
    let text = serde_norway::to_string(&Value::Mapping(root)).map_err(|e| e.to_string())?;
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn sequence(value: &Value, key: &str) -> Result<Vec<Value>, String> {
    match value.get(key) {
        Some(Value::Sequence(items)) => Ok(items.clone()),
        Some(Value::Null) | None => Ok(Vec::new()),
        Some(_) => Err(format!("`{key}` is not a list")),
    }
}

fn field(value: &Value, key: &str) -> Result<String, String> {
    value
        .get(key)
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| format!("an entry has no `{key}`"))
}

fn set(value: &mut Value, key: &str, to: &str) -> Result<(), String> {
    match value {
        Value::Mapping(map) => {
            map.insert(Value::from(key), Value::from(to));
            Ok(())
        }
        _ => Err("an entry is not a mapping".to_string()),
    }
}
