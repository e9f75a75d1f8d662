//! Markdown in free-text fields, turned into data (not Typst markup): a list of blocks, each a
//! paragraph or a list of runs of text with `strong`/`emph` flags. The Typst template lays the
//! blocks out; the text of a run is a string value there, so `#`, `]`, `"` or `#read(...)` in
//! a field can only ever print as written.
//!
//! Bold and italic together are printed bold only: the bundled serif's Bold Italic face lacks
//! most Kazakh letters (see the README), and a silent font fallback inside a word is worse.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde_json::{json, Value as Json};

#[derive(Default)]
struct Style {
    strong: u32,
    emph: u32,
}

/// Converts Markdown to blocks: `[{kind: "par", runs: […]}, {kind: "list", ordered, start,
/// items: [[runs…]…]}, {kind: "quote", runs}]`. A run is `{text, strong, emph}` or
/// `{br: true}` for a hard line break.
pub fn to_blocks(markdown: &str) -> Json {
    let mut blocks: Vec<Json> = Vec::new();
    let mut runs: Vec<Json> = Vec::new();
    let mut style = Style::default();
    // The list being built: (ordered, start, items).
    let mut list: Option<(bool, u64, Vec<Json>)> = None;
    let mut list_depth = 0u32;
    let mut quote = false;
    let mut link_targets: Vec<String> = Vec::new();

    let flush = |runs: &mut Vec<Json>,
                 blocks: &mut Vec<Json>,
                 list: &mut Option<(bool, u64, Vec<Json>)>,
                 quote: bool| {
        if runs.is_empty() {
            return;
        }
        let taken = Json::Array(std::mem::take(runs));
        match list {
            Some((_, _, items)) => items.push(taken),
            None => {
                blocks.push(json!({ "kind": if quote { "quote" } else { "par" }, "runs": taken }))
            }
        }
    };

    for event in Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Start(Tag::Strong) => style.strong += 1,
            Event::End(TagEnd::Strong) => style.strong = style.strong.saturating_sub(1),
            Event::Start(Tag::Emphasis) => style.emph += 1,
            Event::End(TagEnd::Emphasis) => style.emph = style.emph.saturating_sub(1),
            Event::Start(Tag::Heading { .. }) => style.strong += 1,
            Event::End(TagEnd::Heading(_)) => {
                style.strong = style.strong.saturating_sub(1);
                flush(&mut runs, &mut blocks, &mut list, quote);
            }
            Event::Start(Tag::BlockQuote(_)) => quote = true,
            Event::End(TagEnd::BlockQuote(_)) => quote = false,
            Event::Start(Tag::List(start)) => {
                list_depth += 1;
                if list_depth == 1 {
                    flush(&mut runs, &mut blocks, &mut list, quote);
                    list = Some((start.is_some(), start.unwrap_or(1), Vec::new()));
                }
            }
            Event::End(TagEnd::List(_)) => {
                list_depth = list_depth.saturating_sub(1);
                if list_depth == 0 {
                    flush(&mut runs, &mut blocks, &mut list, quote);
                    if let Some((ordered, start, items)) = list.take() {
                        blocks.push(json!({ "kind": "list", "ordered": ordered, "start": start, "items": items }));
                    }
                }
            }
            Event::End(TagEnd::Item)
            | Event::End(TagEnd::Paragraph)
            | Event::End(TagEnd::CodeBlock) => flush(&mut runs, &mut blocks, &mut list, quote),
            Event::Start(Tag::Link { dest_url, .. }) => link_targets.push(dest_url.to_string()),
            Event::End(TagEnd::Link) => {
                if let Some(url) = link_targets.pop() {
                    runs.push(run(&format!(" ({url})"), &style));
                }
            }
            Event::Text(text) | Event::Code(text) | Event::Html(text) | Event::InlineHtml(text) => {
                runs.push(run(&text, &style))
            }
            Event::SoftBreak => runs.push(run(" ", &style)),
            Event::HardBreak => runs.push(json!({ "br": true })),
            _ => {}
        }
    }
    flush(&mut runs, &mut blocks, &mut list, quote);
    Json::Array(blocks)
}

fn run(text: &str, style: &Style) -> Json {
    json!({ "text": text, "strong": style.strong > 0, "emph": style.emph > 0 && style.strong == 0 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_lists_and_emphasis() {
        let blocks = to_blocks("Бірінші **қалың** абзац.\n\n1. бір\n2. екі\n\n*көлбеу*");
        let arr = blocks.as_array().unwrap();
        assert_eq!(arr.len(), 3);
        assert_eq!(arr[0]["kind"], "par");
        assert_eq!(arr[0]["runs"][1]["text"], "қалың");
        assert_eq!(arr[0]["runs"][1]["strong"], true);
        assert_eq!(arr[1]["kind"], "list");
        assert_eq!(arr[1]["ordered"], true);
        assert_eq!(arr[1]["items"].as_array().unwrap().len(), 2);
        assert_eq!(arr[2]["runs"][0]["emph"], true);
    }

    #[test]
    fn typst_syntax_stays_text() {
        let blocks = to_blocks("#read(\"/etc/passwd\") ] [ $x$");
        let text: String = blocks[0]["runs"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|r| r["text"].as_str())
            .collect();
        assert_eq!(text, "#read(\"/etc/passwd\") ] [ $x$");
    }

    #[test]
    fn bold_italic_is_printed_bold() {
        let blocks = to_blocks("***екеуі***");
        assert_eq!(blocks[0]["runs"][0]["strong"], true);
        assert_eq!(blocks[0]["runs"][0]["emph"], false);
    }
}
