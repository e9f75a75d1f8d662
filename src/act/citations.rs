//! The seam between acts and citations: how a legal-basis entry (`{act, article, …}`) is
//! checked and printed.
//!
//! For now entries are checked structurally against a small list of known acts
//! ([`KnownActs`]): `corpus/statutes.yaml` when it exists, plus `templates/acts/known-acts.yaml`.
//! When the citation compiler lands, implement [`LegalBasisResolver`] over it and pass that to
//! [`super::Engine::with_resolver`]; nothing else in `act/` needs to change.

use crate::error::{yaml_error, Error, Result};
use serde_json::Value as Json;
use serde_norway::Value as Yaml;
use std::path::Path;

/// A resolved legal-basis entry: what the act is called when printed.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedBasis {
    pub act_title: String,
}

/// Why an entry does not resolve, and which of its fields (`act` or `article`) is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct Unresolved {
    pub field: &'static str,
    pub message: String,
    pub hint: String,
}

/// Resolves `act` (a key or abbreviation) and `article` (`33`, `25-1`).
pub trait LegalBasisResolver: Send + Sync {
    fn resolve(&self, act: &str, article: &str) -> Result<ResolvedBasis, Unresolved>;
}

/// The printed form of an entry: `«Прокуратура туралы» … Конституциялық заңы, 33-бап, 3-тармақ`.
pub fn display(resolved: &ResolvedBasis, entry: &Json) -> String {
    let mut text = resolved.act_title.clone();
    let field = |name: &str| {
        entry.get(name).and_then(|v| match v {
            Json::String(s) => Some(s.clone()),
            Json::Number(n) => Some(n.to_string()),
            _ => None,
        })
    };
    if let Some(article) = field("article") {
        text.push_str(&format!(", {article}-бап"));
    }
    if let Some(part) = field("paragraph") {
        text.push_str(&format!(", {part}-тармақ"));
    }
    if let Some(sub) = field("subparagraph") {
        text.push_str(&format!(", {sub})-тармақша"));
    }
    text
}

#[derive(Debug, Clone)]
struct KnownAct {
    key: String,
    names: Vec<String>,
    title: String,
    articles: Option<u32>,
}

/// Acts known by key or abbreviation, with an optional highest article number.
#[derive(Debug, Clone, Default)]
pub struct KnownActs {
    acts: Vec<KnownAct>,
}

impl KnownActs {
    /// Reads the shipped list and, when present, the corpus statutes file. Unknown shapes in
    /// `statutes.yaml` (owned by the citation compiler) are read leniently: an entry needs an
    /// `id` or `key`; `abbreviations`/`abbr`/`aliases` and `title` are used when present.
    pub fn load(known: &Path, statutes: Option<&Path>) -> Result<KnownActs> {
        let mut acts = KnownActs::default();
        acts.read(known)?;
        if let Some(path) = statutes.filter(|p| p.exists()) {
            acts.read(path)?;
        }
        Ok(acts)
    }

    fn read(&mut self, path: &Path) -> Result<()> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let root: Yaml = serde_norway::from_str(&text).map_err(|e| yaml_error(path, e))?;
        let list = match &root {
            Yaml::Sequence(items) => items.clone(),
            Yaml::Mapping(m) => m
                .get("statutes")
                .or_else(|| m.get("acts"))
                .and_then(Yaml::as_sequence)
                .cloned()
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        for item in &list {
            if let Some(act) = known_act(item) {
                self.acts.push(act);
            }
        }
        Ok(())
    }

    fn find(&self, name: &str) -> Option<&KnownAct> {
        let wanted = name.trim().to_lowercase();
        self.acts.iter().find(|a| {
            a.key.to_lowercase() == wanted || a.names.iter().any(|n| n.to_lowercase() == wanted)
        })
    }
}

fn known_act(item: &Yaml) -> Option<KnownAct> {
    let str_of = |k: &str| item.get(k).and_then(text_of);
    let key = str_of("key").or_else(|| str_of("id"))?;
    let mut names = Vec::new();
    for k in [
        "abbreviations",
        "abbr",
        "aliases",
        "short",
        "names",
        "titles",
    ] {
        match item.get(k) {
            Some(Yaml::Sequence(seq)) => names.extend(seq.iter().filter_map(text_of)),
            Some(other) => names.extend(text_of(other)),
            None => {}
        }
    }
    let title = str_of("title")
        .or_else(|| str_of("title_kk"))
        .unwrap_or_else(|| key.clone());
    let articles = item
        .get("articles")
        .and_then(Yaml::as_u64)
        .map(|n| n as u32);
    Some(KnownAct {
        key,
        names,
        title,
        articles,
    })
}

/// A name as `statutes.yaml` writes it: a string, `{text: …}`, or `{kk: …, ru: …}` (Kazakh
/// preferred).
fn text_of(value: &Yaml) -> Option<String> {
    match value {
        Yaml::String(s) => Some(s.clone()),
        Yaml::Mapping(_) => value
            .get("kk")
            .or_else(|| value.get("text"))
            .and_then(Yaml::as_str)
            .map(str::to_string),
        _ => None,
    }
}

/// `33`, `25-1` (an inserted article): the leading number.
fn article_number(article: &str) -> Option<u32> {
    let mut parts = article.trim().split('-');
    let main = parts.next()?.parse::<u32>().ok().filter(|n| *n > 0)?;
    match parts.next() {
        None => Some(main),
        Some(sub) if parts.next().is_none() && sub.parse::<u32>().is_ok_and(|n| n > 0) => {
            Some(main)
        }
        _ => None,
    }
}

impl LegalBasisResolver for KnownActs {
    fn resolve(&self, act: &str, article: &str) -> Result<ResolvedBasis, Unresolved> {
        let Some(known) = self.find(act) else {
            let keys: Vec<&str> = self.acts.iter().map(|a| a.key.as_str()).collect();
            let hint = match super::report::did_you_mean(act, keys.iter().copied()) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("known acts: {}", keys.join(", ")),
            };
            return Err(Unresolved {
                field: "act",
                message: format!("the act `{act}` is not a known statute"),
                hint,
            });
        };
        let Some(number) = article_number(article) else {
            return Err(Unresolved {
                field: "article",
                message: format!("`{article}` is not an article number"),
                hint: "write the article number alone, e.g. `33` or `25-1`".into(),
            });
        };
        if let Some(max) = known.articles {
            if number > max {
                return Err(Unresolved {
                    field: "article",
                    message: format!("{} has no article {article} (it has {max})", known.title),
                    hint: "check the article number against the act".into(),
                });
            }
        }
        Ok(ResolvedBasis {
            act_title: known.title.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_citation_compilers_statutes_shape() {
        let yaml = "statutes:\n  - key: prokuratura\n    title: {kk: Прокуратура туралы, ru: О прокуратуре}\n    abbreviations:\n      - {text: ҚРКЗ, edition: prokuratura-2022}\n    names: [Прокуратура туралы Заң]\n";
        let dir = std::env::temp_dir().join(format!("zanbook-statutes-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("statutes.yaml");
        std::fs::write(&path, yaml).unwrap();
        let mut acts = KnownActs::default();
        acts.read(&path).unwrap();
        let resolved = acts.resolve("ҚРКЗ", "33").unwrap();
        assert_eq!(resolved.act_title, "Прокуратура туралы");
        assert!(acts.resolve("prokuratura", "1").is_ok());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn article_numbers() {
        assert_eq!(article_number("33"), Some(33));
        assert_eq!(article_number("25-1"), Some(25));
        assert_eq!(article_number("0"), None);
        assert_eq!(article_number("33a"), None);
        assert_eq!(article_number("1-2-3"), None);
    }

    #[test]
    fn resolves_by_key_or_abbreviation() {
        let acts = KnownActs {
            acts: vec![KnownAct {
                key: "prosecution_law".into(),
                names: vec!["ҚРКЗ".into()],
                title: "«Прокуратура туралы» Конституциялық заң".into(),
                articles: Some(90),
            }],
        };
        assert!(acts.resolve("ҚРКЗ", "33").is_ok());
        assert!(acts.resolve("prosecution_law", "33").is_ok());
        let err = acts.resolve("prosecution_lw", "33").unwrap_err();
        assert_eq!(err.field, "act");
        assert!(err.hint.contains("prosecution_law"));
        assert_eq!(acts.resolve("ҚРКЗ", "91").unwrap_err().field, "article");
    }
}
