//! Layout of textbooks: double-spaced PDF extractions with page joins, footnote zones and
//! stray page numbers.
//!
//! The textbook normaliser works at two levels. [`normalize`] turns raw lines into
//! [`TextLine`]s: blank lines, page numbers and footnote zones are gone, Latin look-alike
//! letters are folded, and every line remembers how it was separated from the previous one
//! (a gap of blank lines, or a page join with no blank at all). The parser reads the line
//! stream to find headings, questions and entries, and calls [`paragraphs`] or
//! [`join_text`] to rebuild prose from the lines of one unit.

use super::text::{collapse_spaces, fold_latin_lookalikes, tighten_punctuation};
use super::{Block, Line};
use regex::Regex;
use std::sync::LazyLock;

/// One text line of a textbook after line-level repairs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextLine {
    /// The line without leading and trailing white space.
    pub text: String,
    /// Raw line range (1-based, inclusive); one line unless a correction replaced several.
    pub raw: [u32; 2],
    /// Leading spaces in the raw line.
    pub indent: usize,
    /// Trailing spaces in the raw line (extractors leave 2 or more at many paragraph ends).
    pub trailing: usize,
    /// Whitespace-only lines between the previous text line and this one.
    pub gap: usize,
    /// No blank line separates this line from the previous text line: a page break (or
    /// a removed footnote zone or page number) fell between them.
    pub page_join: bool,
    pub repairs: Vec<&'static str>,
}

impl TextLine {
    pub fn first_raw(&self) -> u32 {
        self.raw[0]
    }
}

/// A footnote body lifted out of the running text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FootnoteText {
    pub number: u32,
    pub text: String,
    pub lines: [u32; 2],
    pub repairs: Vec<String>,
}

/// A printed page number found (and removed) in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageNumber {
    pub raw: u32,
    pub printed: u32,
}

/// A textbook after normalisation.
#[derive(Debug, Clone, Default)]
pub struct TextbookText {
    pub lines: Vec<TextLine>,
    pub footnotes: Vec<FootnoteText>,
    pub pages: Vec<PageNumber>,
}

/// A whitespace-only line at least this wide separates a footnote zone from the text.
const SEPARATOR_MIN_WIDTH: usize = 20;

static FOOTNOTE_ENTRY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2})\s+(\S.*)$").expect("static regex"));
static PAGE_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,3}$").expect("static regex"));
static URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^https?://\S+$").expect("static regex"));

/// Normalises a textbook's lines.
pub fn normalize(lines: &[Line]) -> TextbookText {
    let mut out = TextbookText::default();
    let mut expected_footnote = 1u32;
    let mut gap = 0usize;
    // Blank lines before a removed page number still separate what comes after it.
    let mut carried_gap = 0usize;
    let mut join_next = false;
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        if line.is_blank() {
            if line.text.len() >= SEPARATOR_MIN_WIDTH {
                if let Some(end) = footnote_zone(lines, i, expected_footnote, &mut out) {
                    expected_footnote = out.footnotes.last().map_or(1, |f| f.number + 1);
                    i = end;
                    join_next = true;
                    continue;
                }
            }
            gap += 1;
            i += 1;
            continue;
        }
        let trimmed = line.text.trim();
        if gap >= 2 && PAGE_NUMBER.is_match(trimmed) && is_page_number(lines, i, &out.pages) {
            if let Ok(printed) = trimmed.parse() {
                out.pages.push(PageNumber {
                    raw: line.raw[0],
                    printed,
                });
            }
            join_next = true;
            carried_gap += gap;
            gap = 0;
            i += 1;
            continue;
        }
        out.lines.push(text_line(
            line,
            gap + carried_gap,
            join_next || (gap == 0 && i > 0),
        ));
        gap = 0;
        carried_gap = 0;
        join_next = false;
        i += 1;
    }
    out
}

fn text_line(line: &Line, gap: usize, page_join: bool) -> TextLine {
    let indent = line.indent();
    let trailing = line.text.len() - line.text.trim_end().len();
    let mut repairs = line.repairs.clone();
    let mut text = line.text.trim().to_string();
    if text.contains('њ') || text.contains('Њ') {
        text = text.replace('њ', "ң").replace('Њ', "Ң");
        repairs.push("legacy-glyph");
    }
    if let std::borrow::Cow::Owned(folded) = fold_latin_lookalikes(&text) {
        text = folded;
        repairs.push("latin-lookalikes");
    }
    TextLine {
        text,
        raw: line.raw,
        indent,
        trailing,
        gap,
        page_join,
        repairs,
    }
}

/// A lone number is a page number when it is not a table cell: the text line before it is
/// long (table cells are short), and printed page numbers only grow.
fn is_page_number(lines: &[Line], at: usize, pages: &[PageNumber]) -> bool {
    let Ok(printed) = lines[at].text.trim().parse::<u32>() else {
        return false;
    };
    if pages.last().is_some_and(|p| p.printed >= printed) {
        return false;
    }
    let previous = lines[..at].iter().rev().find(|l| !l.is_blank());
    previous.is_none_or(|l| l.text.trim().chars().count() >= 20)
}

/// Reads a footnote zone that starts at the separator line `start`, when the first text
/// line after it is the footnote numbered `expected`. Returns the index of the first line
/// after the zone: the body resumes at a page join (a line with no blank before it) or
/// after a page number.
fn footnote_zone(
    lines: &[Line],
    start: usize,
    expected: u32,
    out: &mut TextbookText,
) -> Option<usize> {
    let first = (start + 1..lines.len()).find(|&j| !lines[j].is_blank())?;
    let number: u32 = FOOTNOTE_ENTRY
        .captures(lines[first].text.trim_end())
        .and_then(|c| c[1].parse().ok())?;
    if number != expected {
        return None;
    }
    let mut next = expected;
    let mut current: Option<(FootnoteText, Vec<String>)> = None;
    let mut k = first;
    let end = loop {
        if k >= lines.len() {
            break k;
        }
        let line = &lines[k];
        if line.is_blank() {
            k += 1;
            continue;
        }
        let text = line.text.trim();
        let blank_before = k > 0 && lines[k - 1].is_blank();
        if k > first && PAGE_NUMBER.is_match(text) {
            if let Ok(printed) = text.parse() {
                out.pages.push(PageNumber {
                    raw: line.raw[0],
                    printed,
                });
            }
            break k + 1;
        }
        if k > first && !blank_before {
            // The body resumes at a page join, unless the line is itself the next
            // footnote or a wrapped line of the current one (both start at column 0).
            let is_next = FOOTNOTE_ENTRY
                .captures(line.text.trim_end())
                .and_then(|c| c[1].parse::<u32>().ok())
                == Some(next)
                && line.indent() == 0;
            if !is_next && line.indent() > 0 {
                break k;
            }
        }
        let entry = FOOTNOTE_ENTRY
            .captures(text)
            .and_then(|c| c[1].parse::<u32>().ok())
            .filter(|&n| n == next);
        match entry {
            Some(n) => {
                if let Some((done, _)) = current.take() {
                    out.footnotes.push(done);
                }
                let body = FOOTNOTE_ENTRY
                    .captures(text)
                    .map(|c| c[2].to_string())
                    .unwrap_or_default();
                current = Some((
                    FootnoteText {
                        number: n,
                        text: body.clone(),
                        lines: [line.raw[0], line.raw[1]],
                        repairs: Vec::new(),
                    },
                    vec![body],
                ));
                next += 1;
            }
            None => {
                if let Some((fnote, seen)) = current.as_mut() {
                    let is_repeat_url = URL.is_match(text) && seen.iter().any(|s| s.contains(text));
                    if is_repeat_url {
                        fnote
                            .repairs
                            .push(format!("dropped repeated link text (line {})", line.raw[0]));
                    } else {
                        append_line(&mut fnote.text, text);
                        seen.push(text.to_string());
                    }
                    fnote.lines[1] = line.raw[1];
                } else if let Some(done) = out.footnotes.last_mut() {
                    // A repeated link after the next footnote belongs to an earlier one.
                    done.repairs
                        .push(format!("dropped stray line {}", line.raw[0]));
                }
            }
        }
        k += 1;
    };
    if let Some((done, _)) = current {
        out.footnotes.push(done);
    }
    for f in out.footnotes.iter_mut().filter(|f| f.number >= expected) {
        f.text = clean(&f.text);
    }
    Some(end)
}

/// Appends a wrapped line: a line-final hyphen is a real hyphen in these texts (compounds,
/// `186-`/`баптың`), so the join keeps it and adds no space.
fn append_line(text: &mut String, line: &str) {
    let hyphen = text.ends_with('-') && !text.ends_with(" -");
    if text.is_empty() || hyphen {
        text.push_str(line);
    } else {
        text.push(' ');
        text.push_str(line);
    }
}

/// "жай- күйін", "5- бөлігінде": a hyphen with a stray space after it.
static SPACED_HYPHEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"([\p{L}\d])- (\p{Ll})").expect("static regex"));
static GLUED_URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\p{Cyrillic})(https?://)").expect("static regex"));

/// Collapses spaces, tightens punctuation and separates a link glued to a word.
pub fn clean(text: &str) -> String {
    let text = collapse_spaces(text);
    let text = SPACED_HYPHEN.replace_all(&text, "$1-$2");
    let text = GLUED_URL.replace_all(&text, "$1 $2");
    tighten_punctuation(&text)
}

/// Joins the lines of one unit (a heading, a question, an entry) into clean text.
pub fn join_text(lines: &[TextLine]) -> String {
    let mut text = String::new();
    for line in lines {
        append_line(&mut text, &line.text);
    }
    clean(&text)
}

/// Where a paragraph ends: sentence-final punctuation, optionally followed by a closing
/// quote or bracket and a footnote number.
static ENDS_SENTENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"[.?!:;][»")]?\d{0,2}$|[»)]\d{0,2}[.;:]$|»\d{1,2}$"#).expect("static regex")
});
/// An initial or a short abbreviation at the end of a line does not end a sentence.
static ENDS_ABBREVIATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[\s(.])(?:\p{Lu}\.|ж\.|жж\.|б\.|т\.б\.|т\.|г\.|с\.|бб\.|тт\.|см\.|ст\.|лат\.|қаз\.|орыс\.)$")
        .expect("static regex")
});
static STARTS_UNIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"^(?:[\p{Lu}«"“\d]|[-–—•]\s)"#).expect("static regex"));

/// Does `next` start a new paragraph after `prev`?
pub fn starts_paragraph(prev: &TextLine, next: &TextLine) -> bool {
    if next.indent >= 4 && !next.page_join {
        return true;
    }
    // A lost bullet glyph leaves one leading space after a blank line.
    if next.indent >= 1 && !next.page_join && prev.text.ends_with([':', ';']) {
        return true;
    }
    let ended = ENDS_SENTENCE.is_match(&prev.text) && !ENDS_ABBREVIATION.is_match(&prev.text);
    ended && STARTS_UNIT.is_match(&next.text)
}

fn is_dash_item(line: &TextLine) -> bool {
    line.text.starts_with(['-', '–', '—', '•']) && line.text.chars().nth(1) == Some(' ')
}

/// A line in capitals ("ПРОКУРОРДЫҢ МІНДЕТТЕРІ"), not an abbreviation alone.
fn is_all_caps(text: &str) -> bool {
    // Cheapest tests first: almost every line has a lower-case letter near its start.
    text.contains(' ')
        && !text.chars().any(char::is_lowercase)
        && text.chars().filter(|c| c.is_alphabetic()).count() >= 6
}

/// Rebuilds paragraphs from the lines of a stretch of running text.
pub fn paragraphs(lines: &[TextLine]) -> Vec<Block> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=lines.len() {
        // Flattened lists (schemes) drop the final punctuation of their items: inside a
        // list that opened with a dash, every dash line is a new item; a box title in
        // capitals stands alone.
        let list_item = i < lines.len() && is_dash_item(&lines[i]) && is_dash_item(&lines[start]);
        let after_caps = i < lines.len() && is_all_caps(&lines[i - 1].text);
        if i == lines.len() || list_item || after_caps || starts_paragraph(&lines[i - 1], &lines[i])
        {
            if start < i {
                out.push(block(&lines[start..i]));
            }
            start = i;
        }
    }
    out
}

/// One block from a run of lines.
pub fn block(lines: &[TextLine]) -> Block {
    let mut repairs: Vec<String> = Vec::new();
    for line in lines {
        for r in &line.repairs {
            if !repairs.iter().any(|x| x == r) {
                repairs.push((*r).to_string());
            }
        }
    }
    Block {
        text: join_text(lines),
        lines: [
            lines.first().map_or(0, |l| l.raw[0]),
            lines.last().map_or(0, |l| l.raw[1]),
        ],
        indent: lines.first().map_or(0, |l| l.indent),
        after_blank: lines.first().is_some_and(|l| !l.page_join),
        repairs,
    }
}

/// All paragraphs of a normalised textbook, ignoring its structure (for tools that only
/// want prose with provenance).
pub fn blocks(text: &TextbookText) -> Vec<Block> {
    paragraphs(&text.lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(raw: &[&str]) -> Vec<Line> {
        raw.iter()
            .enumerate()
            .map(|(i, t)| Line {
                text: (*t).to_string(),
                raw: [i as u32 + 1, i as u32 + 1],
                repairs: Vec::new(),
            })
            .collect()
    }

    #[test]
    fn blank_lines_are_soft_breaks_and_hyphens_are_kept() {
        let text = normalize(&lines(&[
            "Қазақстан Республикасы Қылмыстық- ",
            "",
            "атқару кодексінің үшінші тарауы. ",
        ]));
        assert_eq!(text.lines.len(), 2);
        let blocks = paragraphs(&text.lines);
        assert_eq!(blocks.len(), 1);
        assert_eq!(
            blocks[0].text,
            "Қазақстан Республикасы Қылмыстық-атқару кодексінің үшінші тарауы."
        );
        assert_eq!(blocks[0].lines, [1, 3]);
    }

    #[test]
    fn footnote_zone_is_lifted_out_and_the_sentence_rejoined() {
        let sep = " ".repeat(49);
        let text = normalize(&lines(&[
            "Ассамблеясының 1990 жылғы 14 желтоқсанда ",
            &sep,
            "1 Қазақстан Республикасының Конституциясы. ",
            "",
            "«Әділет» жүйесінен. ",
            "2 Қылмыстық-атқару кодексі. ",
            "",
            "https://example.kz/a ",
            "",
            "https://example.kz/a",
            " қабылданған 45/110 резолюциясында. ",
        ]));
        assert_eq!(text.footnotes.len(), 2);
        assert_eq!(
            text.footnotes[0].text,
            "Қазақстан Республикасының Конституциясы. «Әділет» жүйесінен."
        );
        assert_eq!(
            text.footnotes[1].text,
            "Қылмыстық-атқару кодексі. https://example.kz/a"
        );
        let blocks = paragraphs(&text.lines);
        assert_eq!(blocks.len(), 1);
        assert_eq!(
            blocks[0].text,
            "Ассамблеясының 1990 жылғы 14 желтоқсанда қабылданған 45/110 резолюциясында."
        );
    }

    #[test]
    fn page_number_between_gaps_is_dropped() {
        let text = normalize(&lines(&[
            "жазасын өтеуден жасырынып жүрген адамның бұдан бұрын",
            "",
            "",
            "",
            "46 ",
            " ",
            "",
            "жіберілген шешімі.",
        ]));
        assert_eq!(
            text.pages,
            vec![PageNumber {
                raw: 5,
                printed: 46
            }]
        );
        let blocks = paragraphs(&text.lines);
        assert_eq!(blocks.len(), 1);
        assert!(blocks[0].text.ends_with("бұдан бұрын жіберілген шешімі."));
    }

    #[test]
    fn lost_bullets_after_a_colon_start_items() {
        let text = normalize(&lines(&[
            "көрсетілгендері: ",
            "",
            " заңдылық қағидаты; ",
            "",
            " жариялылық қағидаты. ",
        ]));
        assert_eq!(paragraphs(&text.lines).len(), 3);
    }

    #[test]
    fn flattened_dash_list_items_without_punctuation_are_split() {
        let text = normalize(&lines(&[
            "ПРОКУРОРДЫҢ МІНДЕТТЕРІ",
            "- ҚР Конституциясын сақтау",
            "- адам мен азаматтың құқықтарын,",
            "заңды мүдделерін қорғау",
            "- заң бұзушылықтарды жою",
        ]));
        let texts: Vec<String> = paragraphs(&text.lines)
            .into_iter()
            .map(|b| b.text)
            .collect();
        assert_eq!(
            texts,
            [
                "ПРОКУРОРДЫҢ МІНДЕТТЕРІ",
                "- ҚР Конституциясын сақтау",
                "- адам мен азаматтың құқықтарын, заңды мүдделерін қорғау",
                "- заң бұзушылықтарды жою"
            ]
        );
    }

    #[test]
    fn stray_space_after_a_hyphen_is_removed() {
        assert_eq!(
            clean("жай- күйін талдау, 5- бөлігінде, ою - өрнек"),
            "жай-күйін талдау, 5-бөлігінде, ою - өрнек"
        );
    }

    #[test]
    fn initials_at_a_line_end_do_not_end_a_paragraph() {
        let text = normalize(&lines(&[
            "зерттеушілер Б.К.",
            "",
            "Шнарбаев пен А.Е. Мизанбаев.",
        ]));
        assert_eq!(paragraphs(&text.lines).len(), 1);
    }

    #[test]
    fn legacy_glyph_and_latin_letters_are_repaired() {
        let text = normalize(&lines(&["Республикасыныњ құзыретi шегiнде"]));
        assert_eq!(text.lines[0].text, "Республикасының құзыреті шегінде");
    }
}
