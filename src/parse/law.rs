//! An amending law: articles, the acts each article amends, numbered amendment items,
//! sub-instructions, and the quoted new text those items insert, with its own nesting.
//!
//! ```text
//! Law       := Title IdLine Article+ Signature?
//! Article   := 6sp "N-бап." text
//! ActItem   := 6sp N "." act + publications ":"           (an act the article amends)
//! Item      := 6sp N ")" target operation [":" SubInstr+]  (items run 1, 2, 3, … per act)
//! SubInstr  := 6sp unnumbered text, or "M) тармақша…"     (a reference, not an item)
//! Quote     := 6sp "«" … "»" over one or more blocks        (new text: chapters, articles, points)
//! ```
//! Quote depth is tracked across blocks, because quoted text uses the same numbering
//! syntax as the law itself.

use super::acts::{self, Unit};
use super::header;
use super::tree::{NewNode, TreeBuilder};
use crate::corrections::Correction;
use crate::diagnostic::Diagnostic;
use crate::graph::{DocMeta, DocumentTree, NodeKind};
use crate::limits::MAX_QUOTE_DEPTH;
use crate::load::RawDocument;
use crate::normalize::{self, layout, Block};
use regex::Regex;
use std::sync::LazyLock;

pub fn parse(doc: &RawDocument, corrections: &[Correction]) -> (DocumentTree, Vec<Diagnostic>) {
    let blocks = layout::normalize(normalize::apply_corrections(doc, corrections));
    let mut parser = LawParser::new(doc);
    for (i, block) in blocks.iter().enumerate() {
        parser.block(block, blocks.get(i + 1));
    }
    acts::collect_definitions(&mut parser.tree);
    parser.finish()
}

static ARTICLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d+(?:-\d+)?)-бап\.\s*").expect("static regex"));
static CHAPTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d+(?:-\d+)?)-тарау\.\s*").expect("static regex"));
/// `2) тармақшадағы …`: the enumerator is a reference to a subpoint of the amended article.
static SUBPOINT_REFERENCE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d+(?:-\d+)?\)\s*тармақша").expect("static regex"));

/// The operations an amendment performs, by the verb that closes it.
const OPERATIONS: [(&str, &str); 5] = [
    ("толықтырылсын", "supplement"),
    ("редакцияда жазылсын", "new-wording"),
    ("ауыстырылсын", "replace"),
    ("алып тасталсын", "delete"),
    ("мәтініне өзгеріс енгізілді", "translation-only"),
];

struct LawParser {
    tree: TreeBuilder,
    meta: DocMeta,
    printed_title: Option<String>,
    article: Option<String>,
    act: Option<String>,
    item: Option<String>,
    /// The last unit an inserted quote belongs to (an item or a sub-instruction).
    quote_owner: Option<String>,
    quote: Option<QuoteState>,
    signature: Option<(String, [u32; 2])>,
    /// Whether quotes nested deeper than the limit were reported (once per document).
    deep_quotes_reported: bool,
}

/// An open block quote: its node and the units opened inside it.
struct QuoteState {
    id: String,
    depth: i32,
    chapter: Option<String>,
    article: Option<String>,
    units: acts::UnitStack,
}

impl LawParser {
    fn new(doc: &RawDocument) -> Self {
        LawParser {
            tree: TreeBuilder::new(&doc.entry.id, &doc.entry.file),
            meta: DocMeta::default(),
            printed_title: None,
            article: None,
            act: None,
            item: None,
            quote_owner: None,
            quote: None,
            signature: None,
            deep_quotes_reported: false,
        }
    }

    fn block(&mut self, block: &Block, next: Option<&Block>) {
        self.check_quote_depth(block);
        if self.quote.is_some() {
            return self.quoted(block, next);
        }
        let text = block.text.as_str();
        if self.article.is_none() && block.indent < 6 {
            return self.header_block(block);
        }
        if starts_block_quote(text) && self.quote_owner.is_some() {
            return self.open_quote(block, next);
        }
        if let Some((number, rest)) = acts::split_number(&ARTICLE, text) {
            return self.article(block, &number, rest.trim());
        }
        if self.is_signature_part(block) {
            return;
        }
        match acts::classify(text) {
            Unit::Point { number, rest } if self.article.is_some() => {
                self.amended_act(block, number, &rest)
            }
            Unit::Subpoint { number, rest }
                if self.is_next_item(&number) && !SUBPOINT_REFERENCE.is_match(text) =>
            {
                self.item(block, number, &rest)
            }
            _ => self.sub_instruction(block),
        }
    }

    /// Quotes nested deeper than [`MAX_QUOTE_DEPTH`] are garbage (a real amendment quotes
    /// the amended text, which may quote a title): report them once, as an error.
    fn check_quote_depth(&mut self, block: &Block) {
        if self.deep_quotes_reported {
            return;
        }
        let open = self.quote.as_ref().map_or(0, |q| q.depth.max(0) as usize);
        let depth = open + peak_quote_depth(&block.text);
        if depth > MAX_QUOTE_DEPTH {
            self.deep_quotes_reported = true;
            self.tree.diagnostic(Diagnostic::error(
                "quote-depth",
                self.tree.file(),
                block.lines[0],
                format!(
                    "«…» quotes are nested {depth} levels deep here; the limit is {MAX_QUOTE_DEPTH} (is a » missing?)"
                ),
            ));
        }
    }

    fn header_block(&mut self, block: &Block) {
        if self.printed_title.is_none() {
            self.printed_title = Some(block.text.clone());
        } else if !header::read_identification(&block.text, &mut self.meta) {
            self.tree.diagnostic(Diagnostic::warning(
                "unknown-header",
                self.tree.file(),
                block.lines[0],
                "header paragraph is neither the title nor the act's identification",
            ));
        }
    }

    fn article(&mut self, block: &Block, number: &str, rest: &str) {
        let mut new = acts::new_node(
            NodeKind::Article,
            &format!("art-{number}"),
            Some(number.to_string()),
            "",
            block,
        );
        split_heading(&mut new, rest);
        let id = self.tree.add(None, new);
        self.record_operation(&id, rest);
        self.article = Some(id.clone());
        self.act = None;
        self.item = None;
        self.quote_owner = Some(id);
    }

    fn amended_act(&mut self, block: &Block, number: String, rest: &str) {
        let slug = format!("act-{number}");
        let id = self.tree.add(
            self.article.as_deref(),
            acts::new_node(NodeKind::AmendedAct, &slug, Some(number), rest, block),
        );
        self.act = Some(id.clone());
        self.item = None;
        self.quote_owner = Some(id);
    }

    /// Amendment items run 1, 2, 3, … within an act; any other number is not an item.
    fn is_next_item(&self, number: &str) -> bool {
        let Some(act) = &self.act else { return false };
        let count = self.tree.count_children(Some(act), NodeKind::AmendmentItem);
        let main: Option<usize> = number.split('-').next().and_then(|n| n.parse().ok());
        main == Some(count + 1) || (number.contains('-') && main == Some(count))
    }

    fn item(&mut self, block: &Block, number: String, rest: &str) {
        let parent = self.act.clone().or(self.article.clone());
        let slug = format!("item-{number}");
        let id = self.tree.add(
            parent.as_deref(),
            acts::new_node(NodeKind::AmendmentItem, &slug, Some(number), rest, block),
        );
        self.record_operation(&id, rest);
        self.item = Some(id.clone());
        self.quote_owner = Some(id);
    }

    fn sub_instruction(&mut self, block: &Block) {
        let parent = self
            .item
            .clone()
            .or(self.act.clone())
            .or(self.article.clone());
        let n = self
            .tree
            .count_children(parent.as_deref(), NodeKind::SubInstruction)
            + 1;
        let id = self.tree.add(
            parent.as_deref(),
            acts::new_node(
                NodeKind::SubInstruction,
                &format!("sub-{n}"),
                None,
                &block.text,
                block,
            ),
        );
        self.record_operation(&id, &block.text);
        if let Some(parent) = &parent {
            self.tree.extend_to(parent, block.lines[1]);
        }
        self.quote_owner = Some(id);
    }

    fn record_operation(&mut self, id: &str, text: &str) {
        let outside = outside_quotes(text);
        let found: Vec<&str> = OPERATIONS
            .iter()
            .filter(|(verb, _)| outside.contains(verb))
            .map(|(_, name)| *name)
            .collect();
        if !found.is_empty() {
            self.tree.set_attr(id, "operation", found.join(" "));
        }
    }

    fn open_quote(&mut self, block: &Block, next: Option<&Block>) {
        let owner = self.quote_owner.clone();
        let n = self.tree.count_children(owner.as_deref(), NodeKind::Quote) + 1;
        let slug = if n == 1 {
            "quote".to_string()
        } else {
            format!("quote-{n}")
        };
        let id = self.tree.add(
            owner.as_deref(),
            acts::new_node(NodeKind::Quote, &slug, None, "", block),
        );
        self.quote = Some(QuoteState {
            id,
            depth: 0,
            chapter: None,
            article: None,
            units: acts::UnitStack::default(),
        });
        self.quoted(block, next);
    }

    /// A block inside a block quote: parsed with the same grammar, under the quote node.
    fn quoted(&mut self, block: &Block, next: Option<&Block>) {
        let Some(mut quote) = self.quote.take() else {
            return;
        };
        quote.depth += quote_balance(&block.text);
        let mut inner = block.clone();
        inner.text = strip_quote_marks(&block.text);
        let parent_of_units = quote
            .article
            .clone()
            .or(quote.chapter.clone())
            .unwrap_or(quote.id.clone());
        if let Some((number, rest)) = acts::split_number(&CHAPTER, &inner.text) {
            let mut new = acts::new_node(
                NodeKind::Chapter,
                &format!("ch-{number}"),
                Some(number.clone()),
                "",
                &inner,
            );
            new.heading = Some(rest.trim().to_string());
            quote.chapter = Some(self.tree.add(Some(&quote.id), new));
            quote.article = None;
            quote.units = acts::UnitStack::default();
        } else if let Some((number, rest)) = acts::split_number(&ARTICLE, &inner.text) {
            let parent = quote.chapter.clone().unwrap_or(quote.id.clone());
            let mut new = acts::new_node(
                NodeKind::Article,
                &format!("art-{number}"),
                Some(number.clone()),
                "",
                &inner,
            );
            split_heading(&mut new, rest.trim());
            quote.article = Some(self.tree.add(Some(&parent), new));
            quote.units = acts::UnitStack::default();
        } else {
            let next_is_subpoint = next.is_some_and(|n| {
                matches!(
                    acts::classify(&strip_quote_marks(&n.text)),
                    Unit::Subpoint { .. }
                )
            });
            acts::body_block(
                &mut self.tree,
                &mut quote.units,
                Some(&parent_of_units),
                &inner,
                next_is_subpoint,
            );
        }
        self.tree.extend_to(&quote.id, block.lines[1]);
        if quote.depth > 0 {
            self.quote = Some(quote);
        } else {
            // The sentence that closes a quote may carry the next operation ("»; … толықтырылсын").
            if quote.depth < 0 {
                self.tree.diagnostic(Diagnostic::warning(
                    "unbalanced-quote",
                    self.tree.file(),
                    block.lines[0],
                    "a closing » without an opening «",
                ));
            }
        }
    }

    /// The signature may be split over two blocks ("Қазақстан Республикасының" /
    /// "Президенті Н. Назарбаев"): collect short blocks after the last article.
    fn is_signature_part(&mut self, block: &Block) -> bool {
        let text = block.text.as_str();
        if let Some((first, lines)) = self.signature.take() {
            let joined = format!("{first} {text}");
            if header::is_signature(&joined) {
                self.add_signature(&joined, [lines[0], block.lines[1]], block);
                return true;
            }
        }
        if header::is_signature(text) {
            self.add_signature(text, block.lines, block);
            return true;
        }
        if text.chars().count() <= 40
            && text.starts_with("Қазақстан Республикасы")
            && !text.contains('.')
        {
            self.signature = Some((text.to_string(), block.lines));
            return true;
        }
        false
    }

    fn add_signature(&mut self, text: &str, lines: [u32; 2], block: &Block) {
        self.meta.signature = Some(text.to_string());
        let mut new = acts::new_node(NodeKind::Signature, "signature", None, text, block);
        new.lines = lines;
        self.tree.add(None, new);
    }

    fn finish(mut self) -> (DocumentTree, Vec<Diagnostic>) {
        if let Some(quote) = &self.quote {
            let line = self.tree.node(&quote.id).map_or(1, |n| n.source.lines[0]);
            self.tree.diagnostic(Diagnostic::error(
                "unclosed-quote",
                self.tree.file(),
                line,
                "a quoted amendment text opened with « is never closed with »",
            ));
        }
        if let Some((text, lines)) = self.signature.take() {
            self.tree.diagnostic(Diagnostic::warning(
                "unknown-block",
                self.tree.file(),
                lines[0],
                format!(
                    "text after the last article is not a signature: `{}`",
                    acts::snippet(&text)
                ),
            ));
        }
        self.tree.finish(self.meta, self.printed_title)
    }
}

/// An article's first sentence is its heading when it has no closing punctuation
/// ("4-бап. Прокуратура органдары қызметінің негізгі бағыттары мен мазмұны"); otherwise it is
/// the article's text ("1-бап. … толықтырулар енгізілсін:").
fn split_heading(new: &mut NewNode<'_>, rest: &str) {
    if rest.ends_with(['.', ':', ';']) || rest.is_empty() {
        new.text = rest.to_string();
    } else {
        new.heading = Some(rest.to_string());
    }
}

/// A block that opens with « is inserted text, unless the quoted words are a search string
/// of an instruction ("«тексерістер» деген сөз … ауыстырылсын").
fn starts_block_quote(text: &str) -> bool {
    let Some(inner) = text.strip_prefix('«') else {
        return false;
    };
    match matching_close(inner) {
        Some(at) => !inner[at + '»'.len_utf8()..]
            .trim_start()
            .starts_with("деген"),
        None => true,
    }
}

/// Opening minus closing guillemets.
/// The deepest «…» nesting reached inside `text`.
fn peak_quote_depth(text: &str) -> usize {
    let (mut depth, mut peak) = (0usize, 0usize);
    for c in text.chars() {
        match c {
            '«' => {
                depth += 1;
                peak = peak.max(depth);
            }
            '»' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    peak
}

fn quote_balance(text: &str) -> i32 {
    text.matches('«').count() as i32 - text.matches('»').count() as i32
}

/// The text of a quoted block without the quote's own opening « and closing » (and the
/// `;` or `.` after it); inner quotes are kept.
fn strip_quote_marks(text: &str) -> String {
    let mut t = text.trim();
    if let Some(inner) = t.strip_prefix('«') {
        t = match matching_close(inner) {
            Some(at)
                if inner[at + '»'.len_utf8()..]
                    .trim_matches([';', '.', ',', ' '])
                    .is_empty() =>
            {
                &inner[..at]
            }
            _ => inner,
        };
    } else if quote_balance(t) < 0 {
        if let Some(at) = t.rfind('»') {
            t = &t[..at];
        }
    }
    t.trim().to_string()
}

/// The byte offset of the » that closes a quote opened just before `text`.
fn matching_close(text: &str) -> Option<usize> {
    let mut depth = 1;
    for (i, c) in text.char_indices() {
        match c {
            '«' => depth += 1,
            '»' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// The text with every «…» span removed, so that verbs inside quoted strings are not
/// taken for operations.
fn outside_quotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0i32;
    for c in text.chars() {
        match c {
            '«' => depth += 1,
            '»' => depth = (depth - 1).max(0),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn peak_quote_depth_counts_the_deepest_nesting() {
        assert_eq!(peak_quote_depth("a «b «c» d» «e»"), 2);
        assert_eq!(peak_quote_depth("»» «x"), 1);
        assert_eq!(peak_quote_depth("none"), 0);
    }

    #[test]
    fn quote_marks_of_the_block_are_stripped_inner_ones_kept() {
        assert_eq!(
            strip_quote_marks("«3-1) жоспарлы тексерулер жүргізудің жоспарына;»;"),
            "3-1) жоспарлы тексерулер жүргізудің жоспарына;"
        );
        assert_eq!(
            strip_quote_marks("«2. Сот «бірінші» сатыда"),
            "2. Сот «бірінші» сатыда"
        );
    }

    #[test]
    fn verbs_inside_quoted_strings_are_not_operations() {
        assert_eq!(
            outside_quotes("«толықтырылсын» деген сөз алып тасталсын"),
            " деген сөз алып тасталсын"
        );
    }
}
