//! Numbered items of review-question blocks, case questions and source lists.

use crate::normalize::textbook::TextLine;
use regex::Regex;
use std::sync::LazyLock;

/// "3. …", "3.Бас …", "3) …", "8.       Психологиялық …" (but not "3.1 …" or "01.05.2025").
static ITEM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,3})\s*[.)]\s*(\D.*)$").expect("static regex"));
static QUESTION_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:^|[^\p{L}])(?:қандай|қалай|қай|қайда|қашан|кім|неге|не|неде|неше|қанша|ма|ме|ба|бе|па|пе)(?:[^\p{L}]|$)|\p{L}(?:ңыз|ңіз|ыңыз|іңіз)(?:[^\p{L}]|$)",
    )
    .expect("static regex")
});
/// A statement ends with a third-person verb: "…актілер қабылдайды."
static STATEMENT_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\p{L}(?:ды|ді|ты|ті|йды|йді|ады|еді|ған|ген|қан|кен|тын|тін)\.$")
        .expect("static regex")
});

/// One item: its printed (or inferred) number and the indices of its lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub number: Option<u32>,
    /// The number was lost in the text and follows from its neighbours.
    pub inferred: bool,
    /// The numbering restarts at 1 here (a second list run into the first).
    pub restart: bool,
    /// Index of the first line (into the slice given to [`split`]) and one past the last.
    pub lines: (usize, usize),
    /// The text of the first line without its number.
    pub first: String,
}

/// How to read unnumbered lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Review questions: an unnumbered capitalised line after a finished question may be
    /// a question whose number was lost.
    Questions,
    /// Source entries: a number 1 after a finished entry restarts the list.
    Entries,
}

/// Splits lines into numbered items. Lines before the first item come back as an item
/// with no number (the lead). A number is accepted only when it follows the previous one
/// (or skips one after a finished item), because wrapped lines can start with digits.
pub fn split(lines: &[TextLine], style: Style) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::new();
    let mut last: Option<u32> = None;
    for (i, line) in lines.iter().enumerate() {
        let finished = items
            .last()
            .map(|it| item_text_end(lines, it, i))
            .is_some_and(|t| t.ends_with(['?', '.', ')', '!', ';']) || t.ends_with(".»"));
        if let Some(c) = ITEM.captures(&line.text) {
            let n: u32 = c[1].parse().unwrap_or(0);
            let accept = match last {
                None => true,
                Some(p) => n == p + 1 || (n == p + 2 && finished),
            };
            let restart =
                style == Style::Entries && last.is_some_and(|p| p >= 1) && n == 1 && finished;
            if accept || restart {
                items.push(Item {
                    number: Some(n),
                    inferred: false,
                    restart,
                    lines: (i, i + 1),
                    first: c[2].trim().to_string(),
                });
                last = Some(n);
                continue;
            }
        }
        let starts_upper = line.text.chars().next().is_some_and(char::is_uppercase);
        let candidate = match style {
            Style::Questions => {
                starts_upper
                    && last.is_some()
                    && items
                        .last()
                        .is_some_and(|it| item_text_end(lines, it, i).ends_with('?'))
            }
            // An indented paragraph after a list is a note, not part of the last entry.
            Style::Entries => line.indent >= 4 && !line.page_join && last.is_some(),
        };
        match items.last_mut() {
            Some(item) if !candidate => item.lines.1 = i + 1,
            _ => items.push(Item {
                number: None,
                inferred: false,
                restart: false,
                lines: (i, i + 1),
                first: line.text.clone(),
            }),
        }
    }
    resolve_lost_numbers(items, style)
}

/// The last line of `item` as it stands before line `i` is added.
fn item_text_end<'a>(lines: &'a [TextLine], item: &Item, i: usize) -> &'a str {
    let last = item.lines.1.min(i).saturating_sub(1);
    lines[last].text.as_str()
}

/// An unnumbered item between N and N+2 is question N+1 with its number lost; any other
/// unnumbered item after the first continues the item before it.
fn resolve_lost_numbers(items: Vec<Item>, style: Style) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::with_capacity(items.len());
    for k in 0..items.len() {
        let item = &items[k];
        if item.number.is_some() || out.is_empty() || style == Style::Entries {
            out.push(item.clone());
            continue;
        }
        let previous = out.last().and_then(|p| p.number);
        let next = items[k + 1..].iter().find_map(|it| it.number);
        match (previous, next) {
            (Some(p), Some(n)) if n == p + 2 => {
                let mut lost = item.clone();
                lost.number = Some(p + 1);
                lost.inferred = true;
                out.push(lost);
            }
            _ => {
                if let Some(prev) = out.last_mut() {
                    prev.lines.1 = item.lines.1;
                }
            }
        }
    }
    out
}

/// Does an item read as a question or task? Questions end in '?', ask with a question word
/// or particle, or address the reader ("баяндаңыз", "атаңыз"). A plain statement ending
/// in a third-person verb ("… актілер қабылдайды.") is text pasted into the block.
pub fn reads_as_question(text: &str) -> bool {
    text.trim_end().ends_with('?')
        || QUESTION_WORD.is_match(text)
        || !STATEMENT_END.is_match(text.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(texts: &[&str]) -> Vec<TextLine> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| TextLine {
                text: (*t).to_string(),
                raw: [i as u32 + 1, i as u32 + 1],
                indent: 0,
                trailing: 1,
                gap: 1,
                page_join: false,
                repairs: Vec::new(),
            })
            .collect()
    }

    #[test]
    fn lost_number_between_four_and_six_becomes_five() {
        let ls = lines(&[
            "4. Прокуратураның функциялары қандай? Прокуратура",
            "функцияларын қалай жіктеуге болады?",
            "Прокуратураның негізгі функциясы қандай?",
            "6. Бас Прокурор нормативтік актілер қабылдайды.",
        ]);
        let items = split(&ls, Style::Questions);
        let numbers: Vec<_> = items.iter().map(|i| (i.number, i.inferred)).collect();
        assert_eq!(
            numbers,
            vec![(Some(4), false), (Some(5), true), (Some(6), false)]
        );
        assert!(!reads_as_question(
            "Бас Прокурор нормативтік актілер қабылдайды."
        ));
        assert!(reads_as_question("Пробация ұғымына анықтама беріңіз."));
    }

    #[test]
    fn second_sentence_of_a_question_stays_in_it() {
        let ls = lines(&[
            "1.Прокурорға қандай функция жүктелген?",
            "Прокурорлық қадағалаудың айырмашылығы қандай?",
            "2. Қадағалау қандай нысандар арқылы жүзеге асырылады?",
        ]);
        let items = split(&ls, Style::Questions);
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].lines, (0, 2));
        assert_eq!(items[0].first, "Прокурорға қандай функция жүктелген?");
    }

    #[test]
    fn digits_inside_an_entry_do_not_start_items() {
        let ls = lines(&[
            "1. Қылмыстық кодексі 2014 жылғы",
            "5 шілдедегі № 226-V.",
            "2. Қылмыстық-атқару кодексі.",
            "1.Заңдар Тізімі",
        ]);
        let items = split(&ls, Style::Entries);
        assert_eq!(items.len(), 3);
        assert!(items[2].restart);
    }
}
