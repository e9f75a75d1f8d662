//! Structural lines of a textbook: headings and block labels. Each shape is a regex over
//! one trimmed line; titles that wrap are joined by [`title_end`].

use crate::normalize::textbook::TextLine;
use regex::Regex;
use std::sync::LazyLock;

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("static regex")
}

/// "1-тақырып. …", "6 тақырып. …", "1 тарау. …".
static TOPIC: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(\d{1,2})\s*-?\s*(тақырып|тарау)\s*[.:]\s*(.*)$"));
/// "1.2 …" (optionally "(Сызбалардан) 3.4 …", a heading copied from a scheme).
static SECTION: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(\(Сызбалардан\)\s*)?(\d{1,2})\.(\d{1,2})\.?\s+(\S.*)$"));
/// "3-тақырыпқа сұрақтар.", "Тақырыпты бекітуге арналған сұрақтар:", "Бақылау сұрақтары".
static QUESTIONS: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)^(?:(\d{1,2})\s*-?\s*тақырыпқа\s+)?((?:[\p{L}-]+\s+){0,5})сұрақтар(?:ы)?\s*[.:]?$")
});
/// "Тақырып бойынша ұсынылатын қайнар көздердің тізімі:", "Әдебиеттер тізімі",
/// "Нормативтік құқықтық актілер. …", "Интернет ресурстары."
static SOURCES: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:(?:[\p{L}-]+\s+){0,8}(?:әдебиет\p{L}*|қайнар\s+көз\p{L}*|дереккөз\p{L}*)(?:\s+[\p{L}-]+){0,3}|нормативтік\s+құқықтық\s+актілер(?:[^\p{L}].{0,40})?|интернет\s+ресурс\p{L}*|электрондық\s+ресурс\p{L}*)\s*[.:]?$",
    )
});
static CASE_GROUP_END: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?:кейстік\s+тапсырмалар|кейс-тапсырмалар|кейстер)\s*[.:]?$"));
static CASE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(?:(\d{1,3})\s*-?\s*кейс|кейс\s*№?\s*(\d{1,3}))\s*[.:]?$"));
static APPENDIX: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(?:(\d{1,2})\s*-?\s*қосымша|қосымша\s*№?\s*(\d{1,2}))\s*\.?$"));
static SCHEME: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(\d{1,2})\s*-?\s*тақырыпқа\s+(?:арналған\s+)?сызба(?:лар)?\s*\.?$"));
static INTRO: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^(?:кіріспе|алғы\s+сөз)\s*\.?$"));
static CONCLUSION: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^қорытынды\s*\.?$"));
/// A line that opens a numbered item or another heading: never a title continuation.
static NUMBERED: LazyLock<Regex> = LazyLock::new(|| re(r"^\d"));

/// Is the word "тарау" (chapter) or "тақырып" (topic) used?
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TopicWord {
    Topic,
    Chapter,
}

/// A structural line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Marker {
    Intro,
    Conclusion,
    Topic {
        number: u32,
        word: TopicWord,
        title: String,
    },
    Section {
        topic: u32,
        number: u32,
        title: String,
        from_scheme: bool,
    },
    Questions {
        topic: Option<u32>,
        label: String,
    },
    CaseQuestions,
    Sources {
        label: String,
        /// The list belongs to the current topic or section ("Тақырып бойынша …").
        scoped: bool,
    },
    CaseGroup {
        title: String,
    },
    Case {
        number: u32,
    },
    Appendix {
        number: u32,
    },
    Scheme {
        label: String,
    },
}

/// What the classifier needs to know about the place in the text.
#[derive(Debug, Clone, Copy, Default)]
pub struct Place {
    /// Number of the open topic or chapter.
    pub topic: Option<u32>,
    /// A case is open ("Сұрақтары:" then labels its questions).
    pub in_case: bool,
    /// The previous text line ended a sentence or was itself structural.
    pub after_break: bool,
}

/// Classifies the line at `i`. Returns the marker and the index after its last line.
pub fn detect(lines: &[TextLine], i: usize, place: Place) -> Option<(Marker, usize)> {
    let line = lines.get(i)?;
    let text = line.text.as_str();
    let words = text.split_whitespace().count();
    // Each shape has a key word; a line without it skips that regex (most lines are prose).
    // The lower-cased line is made only when a key word is looked for, and the shapes that
    // are anchored on a digit (or a key word at the start) are tried only on such lines.
    let lower = std::cell::OnceCell::new();
    let has = |key: &str| {
        (lower.get_or_init(|| crate::normalize::chars::lowercase(text)) as &String).contains(key)
    };
    let first = text.chars().next().unwrap_or(' ');
    let starts_digit = first.is_ascii_digit();
    if words <= 3 && INTRO.is_match(text) {
        return Some((Marker::Intro, i + 1));
    }
    if words <= 2 && CONCLUSION.is_match(text) {
        return Some((Marker::Conclusion, i + 1));
    }
    if let Some(c) = (starts_digit && (has("тақырып") || has("тарау")))
        .then(|| TOPIC.captures(text))
        .flatten()
    {
        let number = c[1].parse().ok()?;
        let word = if c[2].to_lowercase().starts_with("тарау") {
            TopicWord::Chapter
        } else {
            TopicWord::Topic
        };
        let end = title_end(lines, i);
        let title = joined_title(&lines[i..end], &c[3]);
        return Some((
            Marker::Topic {
                number,
                word,
                title,
            },
            end,
        ));
    }
    if starts_digit && has("сызба") && SCHEME.is_match(text) {
        return Some((
            Marker::Scheme {
                label: text.to_string(),
            },
            i + 1,
        ));
    }
    let opens = place.after_break || line.gap >= 2 || line.page_join;
    if let Some(c) = (opens && has("сұрақ") && starts_upper_or_digit(text))
        .then(|| QUESTIONS.captures(text))
        .flatten()
    {
        let topic = c.get(1).and_then(|m| m.as_str().parse().ok());
        let lead = c.get(2).map_or("", |m| m.as_str()).trim();
        if place.in_case && topic.is_none() && lead.is_empty() {
            return Some((Marker::CaseQuestions, i + 1));
        }
        if topic.is_some() || !lead.is_empty() || !place.in_case {
            return Some((
                Marker::Questions {
                    topic,
                    label: text.to_string(),
                },
                i + 1,
            ));
        }
    }
    let source_word = || {
        [
            "әдебиет",
            "қайнар",
            "дереккөз",
            "нормативтік",
            "интернет",
            "электрондық",
        ]
        .iter()
        .any(|k| has(k))
    };
    if words <= 14 && starts_upper(text) && source_word() && SOURCES.is_match(text) {
        return Some((
            Marker::Sources {
                label: text.to_string(),
                scoped: has("тақырып") || has("ұсынылатын"),
            },
            i + 1,
        ));
    }
    // "Кейс …" or "3-кейс": a digit or the key word first.
    let may_open = |key: &str| starts_digit || lower_first(first) == key.chars().next();
    if let Some(c) = (may_open("кейс") && has("кейс"))
        .then(|| CASE.captures(text))
        .flatten()
    {
        let number = c.get(1).or(c.get(2))?.as_str().parse().ok()?;
        return Some((Marker::Case { number }, i + 1));
    }
    if let Some(c) = (may_open("қосымша") && has("қосымша"))
        .then(|| APPENDIX.captures(text))
        .flatten()
    {
        let number = c.get(1).or(c.get(2))?.as_str().parse().ok()?;
        return Some((Marker::Appendix { number }, i + 1));
    }
    // "1.2 …" or "(Сызбалардан) 1.2 …".
    let may_be_section = starts_digit || first == '(';
    if let Some(found) = may_be_section.then(|| section(lines, i, place)).flatten() {
        return Some(found);
    }
    if starts_upper(text) && opens {
        let end = title_end(lines, i);
        // Only a title that ends in "… тапсырмалар" or "… кейстер" can be a case group.
        let tail = &lines[end - 1].text;
        if !(tail.contains("тапсырма") || tail.contains("кейс")) {
            return None;
        }
        let title = joined_title(&lines[i..end], text);
        if title.split_whitespace().count() <= 16 && CASE_GROUP_END.is_match(&title) {
            return Some((Marker::CaseGroup { title }, end));
        }
    }
    None
}

fn section(lines: &[TextLine], i: usize, place: Place) -> Option<(Marker, usize)> {
    let c = SECTION.captures(&lines[i].text)?;
    let topic: u32 = c[2].parse().ok()?;
    let number: u32 = c[3].parse().ok()?;
    let first_title_char = c[4].chars().next()?;
    if !first_title_char.is_alphabetic() || place.topic != Some(topic) || number == 0 {
        return None;
    }
    if !(place.after_break || lines[i].gap >= 2 || lines[i].page_join) {
        return None;
    }
    let end = title_end(lines, i);
    let title = joined_title(&lines[i..end], &c[4]);
    Some((
        Marker::Section {
            topic,
            number,
            title,
            from_scheme: c.get(1).is_some(),
        },
        end,
    ))
}

/// The lower case of a letter as one character (`Қ` → `қ`), if it has one.
fn lower_first(c: char) -> Option<char> {
    let mut lower = c.to_lowercase();
    lower.next().filter(|_| lower.next().is_none())
}

fn starts_upper_or_digit(text: &str) -> bool {
    text.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

fn starts_upper(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_uppercase)
}

const CONNECTORS: [&str; 6] = ["және", "мен", "пен", "бен", "немесе", "мен,"];

/// Index after the last line of a title that starts at `i`. A title continues on the next
/// line when that line starts in lower case, or when the title so far ends in a comma,
/// hyphen or conjunction; it never continues across a gap of two or more blank lines, onto
/// a numbered line, or after a final period or colon.
pub fn title_end(lines: &[TextLine], i: usize) -> usize {
    let mut j = i + 1;
    while j < lines.len() && j - i <= 3 {
        let current = lines[j - 1].text.as_str();
        let next = &lines[j];
        if current.ends_with(['.', ':', '?']) || next.gap >= 2 || NUMBERED.is_match(&next.text) {
            break;
        }
        let last_word = current.split_whitespace().last().unwrap_or("");
        let open = current.ends_with([',', '-', '–', '(']) || CONNECTORS.contains(&last_word);
        let lower = next.text.chars().next().is_some_and(char::is_lowercase);
        if !(open || lower) {
            break;
        }
        j += 1;
    }
    j
}

/// The title text: the part of the first line after its number, then the wrapped lines.
fn joined_title(lines: &[TextLine], first: &str) -> String {
    let mut text = first.trim().to_string();
    for line in &lines[1..] {
        if text.ends_with('-') {
            text.push_str(&line.text);
        } else {
            text.push(' ');
            text.push_str(&line.text);
        }
    }
    crate::normalize::textbook::clean(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, gap: usize) -> TextLine {
        TextLine {
            text: text.to_string(),
            raw: [1, 1],
            indent: 0,
            trailing: 1,
            gap,
            page_join: false,
            repairs: Vec::new(),
        }
    }

    fn place(topic: u32) -> Place {
        Place {
            topic: Some(topic),
            in_case: false,
            after_break: true,
        }
    }

    #[test]
    fn topic_headings_in_three_styles() {
        for (text, n, word) in [
            ("1-тақырып. Прокуратура.", 1, TopicWord::Topic),
            ("6 тақырып. Прокуратураның актілері", 6, TopicWord::Topic),
            ("2 тарау. Пробация", 2, TopicWord::Chapter),
        ] {
            let lines = [line(text, 1)];
            match detect(&lines, 0, Place::default()) {
                Some((
                    Marker::Topic {
                        number, word: w, ..
                    },
                    _,
                )) => {
                    assert_eq!((number, w), (n, word), "{text}")
                }
                other => panic!("{text}: {other:?}"),
            }
        }
    }

    #[test]
    fn wrapped_title_joins_lowercase_continuation() {
        let lines = [
            line("1 тарау. Пробация институтының мазмұны, тарихы,", 1),
            line("халықаралық-құқықтық аспектілері", 1),
            line("1.1 Пробация институтының мазмұны", 3),
        ];
        let (marker, end) = detect(&lines, 0, Place::default()).expect("topic");
        assert_eq!(end, 2);
        assert_eq!(
            marker,
            Marker::Topic {
                number: 1,
                word: TopicWord::Chapter,
                title: "Пробация институтының мазмұны, тарихы, халықаралық-құқықтық аспектілері"
                    .into()
            }
        );
    }

    #[test]
    fn section_needs_the_open_topic_number_and_accepts_lowercase() {
        let lines = [line("3.1 прокуратура органдарының құзыреті.", 1)];
        assert!(matches!(
            detect(&lines, 0, place(3)),
            Some((Marker::Section { number: 1, .. }, 1))
        ));
        assert_eq!(detect(&lines, 0, place(4)), None);
    }

    #[test]
    fn question_labels_versus_the_run_in_trap() {
        let labels = [
            "1-тақырыпқа сұрақтар.",
            "Тақырыпты бекітуге арналған сұрақтар:",
        ];
        let fresh = Place {
            after_break: true,
            ..Place::default()
        };
        for text in labels {
            let lines = [line(text, 1)];
            assert!(matches!(
                detect(&lines, 0, fresh),
                Some((Marker::Questions { .. }, _))
            ));
        }
        let lines = [line("Сұрақтар бойынша:", 1)];
        assert_eq!(detect(&lines, 0, fresh), None);
        let lines = [line("Сұрақтары:", 1)];
        let in_case = Place {
            in_case: true,
            ..fresh
        };
        assert_eq!(detect(&lines, 0, in_case), Some((Marker::CaseQuestions, 1)));
    }
}
