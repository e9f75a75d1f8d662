//! Layout of acts (orders, instructions, laws) as the PDF extractor writes them: the first
//! line of every block is indented by 6 spaces, continuation lines start at column 0, a line
//! ending in a space always continues, three blank lines are a page break, and column-0
//! headings stand between blank lines.
//!
//! [`normalize`] runs the repairs in the order they need (reference/seeds-instructions.md §8):
//! footer, letter spacing, displaced hyperlink text, noise blank lines, then block assembly
//! and the text-level clean-up.

use super::text::{collapse_spaces, despace, fold_latin_lookalikes, tighten_punctuation};
use super::{Block, Line};
use regex::Regex;
use std::sync::LazyLock;

/// Status lines that stand alone between the title and the act's identification.
pub const STATUS_LINES: &[&str] = &["Күшін жойған", "Қолданыстағы", "Күшіне енбеген"];

/// The indent that opens a block. One more space (7) is a block whose first word was moved
/// away by the extractor; deeper indents are hanging continuation lines of quoted headings.
const BLOCK_INDENT: std::ops::RangeInclusive<usize> = 6..=7;

/// Normalises the lines of an act into blocks.
pub fn normalize(lines: Vec<Line>) -> Vec<Block> {
    let mut lines = drop_footer(lines);
    for line in &mut lines {
        repair_line(line);
    }
    repair_noise_blanks(&mut lines);
    let mut blocks = assemble(&lines);
    for block in &mut blocks {
        let folded = fold_latin_lookalikes(&block.text);
        if folded != block.text {
            block.text = folded.into_owned();
            block.repairs.push("latin-lookalike".to_string());
        }
        block.text = tighten_punctuation(&collapse_spaces(&block.text));
        if let Some(fixed) = drop_stray_closing_quote(&block.text) {
            block.text = fixed;
            block.repairs.push("stray-quote".to_string());
        }
    }
    blocks
}

/// The closing `"` of an amending order's quotation can survive into the consolidated text
/// (`… назарға алынады.";`). A final quote that no opening quote matches is dropped.
fn drop_stray_closing_quote(text: &str) -> Option<String> {
    if text.matches('"').count().is_multiple_of(2) {
        return None;
    }
    let trimmed = text.trim_end_matches([';', '.', ',']);
    let tail = &text[trimmed.len()..];
    let body = trimmed.strip_suffix('"')?;
    // `алынады.";` ends the amending order's item too: keep the sentence's own full stop.
    if body.ends_with('.') {
        return Some(body.to_string());
    }
    Some(format!("{body}{tail}"))
}

/// Drops the publisher's footer: a line starting with `©` and its continuation lines up to
/// the next blank line. Left in, it would be glued onto the last paragraph.
fn drop_footer(lines: Vec<Line>) -> Vec<Line> {
    let mut out = Vec::with_capacity(lines.len());
    let mut in_footer = false;
    for line in lines {
        if line.text.trim_start().starts_with('©') {
            in_footer = true;
        } else if line.is_blank() {
            in_footer = false;
        }
        if !in_footer {
            out.push(line);
        }
    }
    out
}

/// Line-level repairs: letter spacing, then displaced hyperlink text.
fn repair_line(line: &mut Line) {
    let indent = line.indent();
    let trailing = line.text.ends_with(' ');
    let body = line.text[indent..].trim_end();
    let mut despaced = false;
    let mut body = match despace(body) {
        Some(fixed) => {
            line.repairs.push("letter-spacing");
            despaced = true;
            fixed
        }
        None => body.to_string(),
    };
    let moved = if indent >= 6 {
        move_heading_to_front(&body).or_else(|| move_item_reference(&body))
    } else {
        None
    }
    .or_else(|| (!despaced).then(|| fill_gaps(&body, indent == 7)).flatten());
    if let Some(fixed) = moved {
        line.repairs.push("displaced-link");
        body = fixed;
    }
    let indent = if indent == 7 && line.repairs.contains(&"displaced-link") {
        6
    } else {
        indent
    };
    line.text = format!(
        "{}{}{}",
        " ".repeat(indent),
        body,
        if trailing { " " } else { "" }
    );
}

/// A legal reference as the extractor moves it: `№ 137`, `4)`, `37-бабының`, `3 тармағы`,
/// an act noun (`Заңының`, `кодексіне`, `бұйрығы`, `нұсқаулық`) or a bold `1-бап.`.
const UNIT: &str = r"(?:№\s?\d+(?:-\d+)?|\d+(?:-\d+)?\)|\d+(?:-\d+)?-(?:бап|баб|тармақ|тармағ|тарау|бөлі|абзац|қосымша)\p{L}*\.?|\d+(?:-\d+)?\s(?:тармағы|тармақ\p{L}*)|(?:Заң|Кодекс|кодекс|Конституция|бұйрығ|бұйрық|нұсқаулық|Нұсқаулық)\p{L}*)";

/// The tail of a line made of displaced units (a bare number may lead a list: `11 18-баптарын`).
static TAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?:(?:{UNIT}|\d+)\s)*{UNIT}$")).expect("static regex"));

/// A bold article heading the extractor moved to the end of the line (`… мен 1-бап.`).
static TRAILING_ARTICLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d+(?:-\d+)?-бап\.$").expect("static regex"));

/// The enumerator of an amendment item, and a target reference at the end of its line.
static ITEM_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d+(?:-\d+)?\))\s+").expect("static regex"));
static ITEM_TARGET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d+(?:-\d+)?-(?:бап|баб|тарау)\p{L}*$").expect("static regex"));

/// `… өзгерістер мен 1-бап.` → `1-бап. … өзгерістер мен`.
fn move_heading_to_front(body: &str) -> Option<String> {
    let heading = TRAILING_ARTICLE.find(body)?;
    let rest = body[..heading.start()].trim_end();
    if !rest.chars().any(char::is_alphabetic) {
        return None;
    }
    Some(format!("{} {}", heading.as_str(), rest))
}

/// `2)  екінші … жазылсын:55-баптың` → `2) 55-баптың екінші … жазылсын:`. The enumerator
/// `N)` of an amendment item is always followed by its target.
fn move_item_reference(body: &str) -> Option<String> {
    let number = ITEM_NUMBER.captures(body)?.get(1)?.as_str();
    let head_end = ITEM_NUMBER.find(body)?.end();
    let target = ITEM_TARGET.find(&body[head_end..])?.as_str();
    let middle = body[head_end..body.len() - target.len()].trim();
    // Only a reference *glued* to the end (or after a wide gap at the front) was displaced:
    // `1) 46-бапта` written in place has no middle text to move it across.
    let glued = body.len() > target.len() && {
        let before = body[..body.len() - target.len()].chars().last();
        matches!(before, Some(':' | ',' | '«'))
    };
    let gap_at_front = body[number.len()..].starts_with("  ");
    if !glued && (!gap_at_front || middle.is_empty()) {
        return None;
    }
    let glue_char = body[..body.len() - target.len()]
        .trim_end()
        .chars()
        .last()
        .filter(|c| matches!(c, ':' | ',' | '«'));
    let middle = match glue_char {
        Some(c) => middle.strip_suffix(c).unwrap_or(middle).trim_end(),
        None => middle,
    };
    let punctuation = match glue_char {
        Some('«') => " «".to_string(),
        Some(c) => c.to_string(),
        None => String::new(),
    };
    if middle.is_empty() {
        return Some(format!("{number} {target}{punctuation}"));
    }
    Some(format!("{number} {target} {middle}{punctuation}"))
}

/// Moves the displaced units at the end of a line into the gaps they left: a run of two or
/// more spaces, or a space left before punctuation. Units and gaps pair up left to right.
/// `gap_at_start` is set when the line's indent has one extra space (the first word moved).
/// A trailing `БҰЙЫРАМЫН` (bold, also moved, but already where it belongs) is kept last.
fn fill_gaps(body: &str, gap_at_start: bool) -> Option<String> {
    let (body, kept_last) = split_trailing_keyword(body);
    let tail = TAIL.find(body)?;
    let head = &body[..tail.start()];
    // A unit glued to a letter is displaced only when it starts with a digit (`соң2-бап.`).
    let glued_to_letter = head.chars().last().is_some_and(char::is_alphabetic);
    if glued_to_letter && !tail.as_str().starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let head = head.trim_end_matches([' ', '.', ':', ',', '«']);
    let glue = &body[head.len()..tail.start()];
    let units = split_units(tail.as_str());
    let gaps = find_gaps(head, gap_at_start);
    if gaps.is_empty() || units.is_empty() {
        return None;
    }
    let mut out = String::new();
    let mut last = 0;
    let pairs = pair_units_with_gaps(&units, &gaps);
    for (gap, text) in pairs {
        out.push_str(head[last..gap.0].trim_end());
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&text);
        out.push(' ');
        last = gap.1;
    }
    out.push_str(head[last..].trim_start());
    out.push_str(glue.trim());
    if !kept_last.is_empty() {
        out.push(' ');
        out.push_str(kept_last);
    }
    Some(out)
}

fn split_trailing_keyword(body: &str) -> (&str, &str) {
    for keyword in ["БҰЙЫРАМЫН:", "БҰЙЫРАМЫН", "ҚАУЛЫ ЕТЕМІН:", "ҚАУЛЫ ЕТЕДІ:"]
    {
        if let Some(rest) = body.strip_suffix(keyword) {
            if rest.ends_with(' ') {
                return (rest.trim_end(), &body[rest.len()..]);
            }
        }
    }
    (body, "")
}

static UNIT_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"{UNIT}|\d+")).expect("static regex"));

fn split_units(tail: &str) -> Vec<&str> {
    UNIT_RE.find_iter(tail).map(|m| m.as_str()).collect()
}

/// Byte ranges of the gaps in `head`: `(start, end)` of the spaces to replace. A gap before
/// punctuation is the single space before it.
fn find_gaps(head: &str, gap_at_start: bool) -> Vec<(usize, usize)> {
    let mut gaps = Vec::new();
    if gap_at_start {
        gaps.push((0, 0));
    }
    let bytes = head.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b' ' {
            let start = i;
            while i < bytes.len() && bytes[i] == b' ' {
                i += 1;
            }
            let wide = i - start >= 2;
            let before_punctuation =
                i < bytes.len() && matches!(bytes[i], b',' | b')' | b';' | b':');
            if start > 0 && i < bytes.len() && (wide || before_punctuation) {
                gaps.push((
                    start,
                    if before_punctuation && !wide {
                        start + 1
                    } else {
                        i
                    },
                ));
            }
        } else {
            i += 1;
        }
    }
    gaps
}

/// Pairs units with gaps left to right. With more units than gaps, the extra units go into
/// the last gap; with more gaps than units, the remaining gaps are justification spacing.
fn pair_units_with_gaps(units: &[&str], gaps: &[(usize, usize)]) -> Vec<((usize, usize), String)> {
    let mut pairs = Vec::new();
    for (i, gap) in gaps.iter().enumerate().take(units.len()) {
        let text = if i + 1 == gaps.len() && units.len() > gaps.len() {
            units[i..].join(" ")
        } else {
            units[i].to_string()
        };
        pairs.push((*gap, text));
    }
    pairs
}

/// A single blank line is noise, not a paragraph break, when the text plainly continues
/// across it: the line before ends with a space or a hyphen after a digit, or the line after
/// starts with one stray space or with closing punctuation. The extractor leaves such a
/// blank where it moved hyperlink text to the end of the *next* line; that line's last word
/// goes back before the blank.
fn repair_noise_blanks(lines: &mut Vec<Line>) {
    let mut i = 1;
    while i + 1 < lines.len() {
        if lines[i].is_blank()
            && !lines[i - 1].is_blank()
            && !lines[i + 1].is_blank()
            && is_noise_blank(lines, i)
        {
            if (1..6).contains(&lines[i + 1].indent()) {
                move_last_word_back(lines, i);
                // The stray space is part of the noise: the line continues the paragraph.
                lines[i + 1].text = lines[i + 1].text.trim_start().to_string();
            }
            lines.remove(i);
            continue;
        }
        i += 1;
    }
}

fn is_noise_blank(lines: &[Line], i: usize) -> bool {
    let before = &lines[i - 1].text;
    let after = &lines[i + 1];
    let next_indent = after.indent();
    before.ends_with(' ')
        || ends_with_digit_hyphen(before)
        || (1..6).contains(&next_indent)
        || after
            .text
            .trim_start()
            .starts_with([',', ';', ')', '»', '.'])
}

fn ends_with_digit_hyphen(text: &str) -> bool {
    let t = text.trim_end();
    t.ends_with('-') && t[..t.len() - 1].ends_with(|c: char| c.is_ascii_digit())
}

/// `Заңның 22-` ∅ ` тәртібінде … бабы` → `Заңның 22-бабы` ` тәртібінде …`; and
/// `Азаматтық іс жүргізу` ∅ ` (… № 18, 644-кодексіне` → `… жүргізу кодексіне` ` (… 644-`.
fn move_last_word_back(lines: &mut [Line], blank: usize) {
    let after = lines[blank + 1].text.trim_end().to_string();
    let Some(space) = after.rfind(' ') else {
        return;
    };
    let last = &after[space + 1..];
    let (keep, moved) = match digit_hyphen_split(last) {
        Some(at) => (
            format!("{}{}", &after[..space + 1], &last[..at]),
            last[at..].to_string(),
        ),
        None => (after[..space].to_string(), last.to_string()),
    };
    if moved.is_empty() || !moved.starts_with(char::is_alphabetic) {
        return;
    }
    let before = &mut lines[blank - 1];
    let joined_without_space = ends_with_digit_hyphen(&before.text);
    let base = before.text.trim_end().to_string();
    before.text = if joined_without_space {
        format!("{base}{moved}")
    } else {
        format!("{base} {moved} ")
    };
    before.repairs.push("displaced-link");
    lines[blank + 1].text = keep;
    lines[blank + 1].repairs.push("displaced-link");
}

/// In `644-кодексіне`, the byte offset just after `644-`.
fn digit_hyphen_split(word: &str) -> Option<usize> {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0 && word[digits..].starts_with('-') && word.len() > digits + 1).then_some(digits + 1)
}

static CHAPTER_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Тарау\s+\d+\.|\d+(?:-\d+)?-тарау\.|\d+\s+тарау\.|\d+\.\s+\p{Lu})")
        .expect("static regex")
});

/// Does this column-0 line open a chapter heading?
pub fn is_chapter_heading(text: &str) -> bool {
    CHAPTER_HEADING.is_match(text.trim_start())
}

/// A heading line of capital letters only (`НҰСҚАУЛЫҚ`, `ЕРЕЖЕЛЕР`): it ends its block.
fn is_capital_line(text: &str) -> bool {
    let t = text.trim();
    t.chars().filter(|c| c.is_alphabetic()).count() >= 3 && !t.chars().any(char::is_lowercase)
}

fn is_status_line(text: &str) -> bool {
    STATUS_LINES.contains(&text.trim())
}

/// Assembles lines into blocks (see the module comment for the layout rules).
fn assemble(lines: &[Line]) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut blank_run = 0usize;
    let mut previous: Option<&Line> = None;
    for line in lines {
        if line.is_blank() {
            blank_run += 1;
            continue;
        }
        let page_break = blank_run >= 3;
        let after_blank = blank_run > 0 && !page_break;
        let starts = match previous {
            None => true,
            Some(prev) => opens_block(prev, line, after_blank, page_break),
        };
        let text = line.text.trim();
        match blocks.last_mut() {
            Some(block) if !starts => {
                join_into(&mut block.text, text);
                block.lines[1] = line.raw[1];
                add_repairs(block, line);
            }
            _ => {
                let mut block = Block {
                    text: text.to_string(),
                    lines: line.raw,
                    indent: line.indent(),
                    after_blank,
                    repairs: Vec::new(),
                };
                add_repairs(&mut block, line);
                blocks.push(block);
            }
        }
        previous = Some(line);
        blank_run = 0;
    }
    blocks
}

fn opens_block(prev: &Line, line: &Line, after_blank: bool, page_break: bool) -> bool {
    let indent = line.indent();
    if BLOCK_INDENT.contains(&indent) {
        return true;
    }
    if indent > *BLOCK_INDENT.end() {
        return false; // hanging indent of a quoted heading
    }
    if prev.text.ends_with(' ') && !page_break {
        return false; // a trailing space always means the line continues
    }
    if after_blank || (1..6).contains(&indent) {
        return true;
    }
    if is_status_line(&line.text) || is_status_line(&prev.text) || is_capital_line(&prev.text) {
        return true;
    }
    let text = line.text.trim_start();
    // `10-2-тарау.` inside quoted text opens a block even straight after a continuation line;
    // the ambiguous `N. Title` form only after a page break.
    CHAPTER_HEADING.is_match(text)
        && (text.contains("тарау") || text.starts_with("Тарау") || page_break)
}

/// Joins a continuation line: no space after an opening bracket, quote or `12-`, and none
/// before closing punctuation.
fn join_into(text: &mut String, next: &str) {
    let no_space = text.ends_with(['(', '«'])
        || ends_with_digit_hyphen(text)
        || (text.ends_with('"') && text.matches('"').count() % 2 == 1)
        || next.starts_with([',', ';', ':', '.', ')', '»'])
        || (next.starts_with('-') && text.ends_with(|c: char| c.is_ascii_digit()));
    if !no_space && !text.is_empty() {
        text.push(' ');
    }
    text.push_str(next);
}

fn add_repairs(block: &mut Block, line: &Line) {
    for repair in &line.repairs {
        if !block.repairs.iter().any(|r| r == repair) {
            block.repairs.push(repair.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    //! The noise classes are covered by the fixtures in tests/fixtures/normalize/; these
    //! tests check what the fixtures cannot show: provenance and block facts.
    use super::*;

    fn lines(raw: &str) -> Vec<Line> {
        raw.split('\n')
            .enumerate()
            .map(|(i, t)| Line {
                text: t.to_string(),
                raw: [i as u32 + 1, i as u32 + 1],
                repairs: Vec::new(),
            })
            .collect()
    }

    #[test]
    fn block_keeps_its_raw_line_range() {
        let blocks = normalize(lines("      1. Бір \nекі \nүш.\n      2. Төрт."));
        assert_eq!(blocks[0].lines, [1, 3]);
        assert_eq!(blocks[1].lines, [4, 4]);
    }

    #[test]
    fn a_repaired_block_spans_the_noise_lines_and_names_the_repair() {
        let blocks = normalize(lines(
            "      Заңның 22-\n\n тәртібінде, бабы\nнұсқау береді.\n      2. Келесі.",
        ));
        assert_eq!(blocks[0].lines, [1, 4]);
        assert!(blocks[0].repairs.iter().any(|r| r == "displaced-link"));
        assert!(!blocks[0].after_blank);
    }

    #[test]
    fn heading_after_a_blank_is_marked_and_starts_at_column_0() {
        let blocks = normalize(lines(
            "НҰСҚАУЛЫҚ\n\nТарау 1. Жалпы ережелер\n\n      1. Бірінші.",
        ));
        assert_eq!(blocks.len(), 3);
        assert!(blocks[1].after_blank);
        assert_eq!((blocks[1].indent, blocks[2].indent), (0, 6));
    }
}
