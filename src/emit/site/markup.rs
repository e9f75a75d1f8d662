//! The markup of corpus text on the site — a node with its descendants, a paragraph's
//! segments, a source reference — written in Rust and offered to the templates as Tera
//! filters (`{{ c | node(depth=2) }}`, `{{ p | segments }}`, `{{ n | source }}`).
//!
//! Why not Tera macros: a page is mostly nodes, and a recursive macro evaluated per node was
//! the largest single cost of a build (≈ 20% of all CPU at 10×, README "Speed at scale").
//! These filters read the same view values the templates see ([`super::view::NodeView`] as
//! serialised for Tera), so a custom template can still call them on any node, or write its
//! own markup in Tera instead. Every corpus string passes through [`escape_into`].

use serde_json::Value;
use std::collections::HashMap;

/// Registers the filters on a Tera instance.
pub fn register(tera: &mut tera::Tera) {
    tera.register_filter("node", Markup(node_filter));
    tera.register_filter(
        "segments",
        Markup(|out, value, _| {
            segments(out, value);
            Ok(())
        }),
    );
    tera.register_filter(
        "source",
        Markup(|out, value, _| {
            source(out, value);
            Ok(())
        }),
    );
}

type Args = HashMap<String, Value>;

/// A filter that writes markup: its output is HTML, already escaped (`is_safe`).
struct Markup(fn(&mut String, &Value, &Args) -> tera::Result<()>);

impl tera::Filter for Markup {
    fn filter(&self, value: &Value, args: &Args) -> tera::Result<Value> {
        let mut out = String::with_capacity(512);
        (self.0)(&mut out, value, args)?;
        Ok(Value::String(out))
    }
    fn is_safe(&self) -> bool {
        true
    }
}

/// `{{ n | node(depth=2) }}`: the depth is the level of the node's heading.
fn node_filter(out: &mut String, value: &Value, args: &Args) -> tera::Result<()> {
    let depth = match args.get("depth") {
        None => 1,
        Some(d) => d.as_u64().filter(|d| *d >= 1).ok_or_else(|| {
            tera::Error::msg(format!(
                "the `node` filter's depth must be a whole number from 1 (a heading level), not {d}"
            ))
        })?,
    };
    node(out, value, depth);
    Ok(())
}

/// A field as text: strings as they are, numbers printed, anything else (missing, null) empty.
fn text<'v>(value: &'v Value, key: &str) -> std::borrow::Cow<'v, str> {
    match value.get(key) {
        Some(Value::String(s)) => std::borrow::Cow::Borrowed(s),
        Some(Value::Number(n)) => std::borrow::Cow::Owned(n.to_string()),
        Some(Value::Bool(b)) => std::borrow::Cow::Owned(b.to_string()),
        _ => std::borrow::Cow::Borrowed(""),
    }
}

/// Template truthiness: a non-empty string or list, a true bool, a non-zero number.
fn truthy(value: &Value, key: &str) -> bool {
    match value.get(key) {
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64() != Some(0.0),
        _ => false,
    }
}

fn list<'v>(value: &'v Value, key: &str) -> &'v [Value] {
    match value.get(key) {
        Some(Value::Array(items)) => items,
        _ => &[],
    }
}

/// Appends `text` escaped for HTML content and quoted attributes (as
/// [`super::templates::escape_html`]).
pub fn escape_into(out: &mut String, text: &str) {
    // A byte scan, not a `char` pattern: every character escaped is ASCII, and an ASCII byte
    // is never part of a multi-byte character, so the cuts fall on character boundaries.
    let mut copied = 0;
    for (at, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[copied..at]);
        out.push_str(entity);
        copied = at + 1;
    }
    out.push_str(&text[copied..]);
}

/// A paragraph: its segments, links where a segment has an `href` (a footnote marker, a
/// citation with its preview title).
pub fn segments(out: &mut String, paragraph: &Value) {
    let Value::Array(segments) = paragraph else {
        return;
    };
    for seg in segments {
        if !truthy(seg, "href") {
            escape_into(out, &text(seg, "text"));
            continue;
        }
        out.push_str("<a href=\"");
        escape_into(out, &text(seg, "href"));
        out.push('"');
        let class = text(seg, "class");
        if !class.is_empty() {
            out.push_str(" class=\"");
            escape_into(out, &class);
            out.push('"');
        }
        let title = text(seg, "title");
        if !title.is_empty() {
            out.push_str(" title=\"");
            escape_into(out, &title);
            out.push('"');
        }
        if class == "cite" {
            out.push_str(" data-preview=\"");
            escape_into(out, &title);
            out.push('"');
        }
        out.push('>');
        escape_into(out, &text(seg, "text"));
        out.push_str("</a>");
    }
}

/// A paragraph's text without links.
fn plain(out: &mut String, paragraph: &Value) {
    for seg in paragraph.as_array().map(Vec::as_slice).unwrap_or_default() {
        escape_into(out, &text(seg, "text"));
    }
}

/// Where a node comes from: "file:lines", with the full reference as a tooltip.
pub fn source(out: &mut String, node: &Value) {
    let (file, lines) = (text(node, "file"), text(node, "lines"));
    out.push_str("<span class=\"src\" title=\"Дереккөз: ");
    escape_into(out, &file);
    out.push_str(", ");
    escape_into(out, &lines);
    out.push_str("-жолдар\">");
    escape_into(out, &file);
    out.push(':');
    escape_into(out, &lines);
    out.push_str("</span>");
}

/// `<span class="num">label</span> ` when the node has a label.
fn label(out: &mut String, node: &Value) {
    if truthy(node, "label") {
        out.push_str("<span class=\"num\">");
        escape_into(out, &text(node, "label"));
        out.push_str("</span> ");
    }
}

/// A node with its descendants. `depth` is the heading level its heading gets (1 to 6);
/// a node shown on a page of its own becomes a link to it.
pub fn node(out: &mut String, n: &Value, depth: u64) {
    let kind = text(n, "kind");
    if truthy(n, "href") {
        out.push_str("<p class=\"node-link node-");
        escape_into(out, &kind);
        out.push_str("\"><a href=\"");
        escape_into(out, &text(n, "href"));
        out.push_str("\">");
        label(out, n);
        if truthy(n, "heading") {
            escape_into(out, &text(n, "heading"));
        } else if let Some(first) = list(n, "paragraphs").first() {
            plain(out, first);
        }
        out.push_str("</a></p>");
    } else if kind == "note" {
        out.push_str("<aside class=\"note\" id=\"");
        escape_into(out, &text(n, "anchor"));
        out.push_str("\" aria-label=\"Ескерту\">");
        source(out, n);
        for p in list(n, "paragraphs") {
            out.push_str("<p>");
            segments(out, p);
            out.push_str("</p>");
        }
        out.push_str("</aside>");
    } else if kind == "quote" {
        out.push_str("<blockquote class=\"quote\" id=\"");
        escape_into(out, &text(n, "anchor"));
        out.push_str("\">");
        for c in list(n, "children") {
            node(out, c, depth);
        }
        out.push_str("</blockquote>");
    } else {
        block(out, n, &kind, depth);
    }
}

/// Any other node: a `div` with its source, heading, paragraphs and children.
fn block(out: &mut String, n: &Value, kind: &str, depth: u64) {
    let has_heading = truthy(n, "heading");
    out.push_str("<div class=\"node node-");
    escape_into(out, kind);
    out.push_str("\" id=\"");
    escape_into(out, &text(n, "anchor"));
    out.push_str("\">");
    if truthy(n, "paragraphs") || has_heading {
        source(out, n);
    }
    if has_heading {
        let level = depth.clamp(1, 6);
        out.push_str(&format!("<h{level} class=\"heading\">"));
        label(out, n);
        escape_into(out, &text(n, "heading"));
        out.push_str(&format!("</h{level}>"));
    }
    for (i, p) in list(n, "paragraphs").iter().enumerate() {
        out.push_str("<p>");
        if i == 0 && !has_heading {
            label(out, n);
        }
        segments(out, p);
        out.push_str("</p>");
    }
    let inner = if has_heading { depth + 1 } else { depth };
    for c in list(n, "children") {
        node(out, c, inner);
    }
    out.push_str("</div>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn escapes_every_special_character_and_keeps_the_rest() {
        let mut out = String::new();
        escape_into(&mut out, "a<b>&\"c'd — қ");
        assert_eq!(out, "a&lt;b&gt;&amp;&quot;c&#39;d — қ");
        for (text, escaped) in [
            ("", ""),
            ("<", "&lt;"),
            ("ә&", "ә&amp;"),
            ("''ұ", "&#39;&#39;ұ"),
        ] {
            let mut out = "x".to_string();
            escape_into(&mut out, text);
            assert_eq!(out, format!("x{escaped}"), "{text:?}");
        }
    }

    #[test]
    fn a_heading_is_capped_at_h6_and_children_go_one_level_deeper() {
        let leaf = json!({"kind": "paragraph", "anchor": "p1", "label": null, "heading": null,
            "paragraphs": [[{"text": "мәтін <b>"}]], "file": "f.txt", "lines": "3-4",
            "children": []});
        let n = json!({"kind": "section", "anchor": "s", "label": "1.", "heading": "Тақырып",
            "paragraphs": [], "file": "f.txt", "lines": "1-4", "children": [leaf]});
        let mut out = String::new();
        node(&mut out, &n, 6);
        assert!(out.contains("<h6 class=\"heading\"><span class=\"num\">1.</span> Тақырып</h6>"));
        assert!(out.contains("<p>мәтін &lt;b&gt;</p>"), "{out}");
        assert!(!out.contains("<h7"));
        let mut out = String::new();
        node(&mut out, &n, 0);
        assert!(out.contains("<h1 class=\"heading\">"), "no <h0>: {out}");
    }

    #[test]
    fn a_citation_segment_carries_its_preview_and_a_plain_one_is_only_text() {
        let p = json!([{"text": "ҚК 40-бап", "href": "s/a.html", "class": "cite",
            "title": "40-бап \"x\""}, {"text": " және"}]);
        let mut out = String::new();
        segments(&mut out, &p);
        assert_eq!(
            out,
            "<a href=\"s/a.html\" class=\"cite\" title=\"40-бап &quot;x&quot;\" \
             data-preview=\"40-бап &quot;x&quot;\">ҚК 40-бап</a> және"
        );
    }
}
