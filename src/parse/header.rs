//! Header facts shared by orders and laws: Kazakh dates, the act's identification sentence,
//! registration with the Ministry of Justice, repeal, and editorial notes ("Ескерту. …").

use crate::graph::{ActRef, DocMeta};
use regex::Regex;
use std::sync::LazyLock;

/// Kazakh month stems; the suffix varies with case (қыркүйектегі, қазанда, ақпанында).
use crate::dates::KAZAKH_MONTHS as MONTHS;

static MONTH_ALTERNATION: LazyLock<String> = LazyLock::new(|| MONTHS.join("|"));

/// `2017 жылғы 13 қыркүйектегі`, `2011 жылы 18 қаңтарда`.
static KAZAKH_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(\d{{4}})\s+жыл(?:ғы|ы)\s+(\d{{1,2}})\s+({})\p{{L}}*",
        *MONTH_ALTERNATION
    ))
    .expect("static regex")
});

/// `21.10.2021`.
static NUMERIC_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b").expect("static regex"));

pub use crate::dates::iso_date;

/// The first Kazakh written date in `text`, as ISO.
pub fn kazakh_date(text: &str) -> Option<String> {
    let caps = KAZAKH_DATE.captures(text)?;
    date_from_captures(&caps)
}

fn date_from_captures(caps: &regex::Captures<'_>) -> Option<String> {
    let year = caps[1].parse().ok()?;
    let day = caps[2].parse().ok()?;
    let month = MONTHS.iter().position(|m| *m == &caps[3])? as u32 + 1;
    iso_date(year, month, day)
}

/// Every numeric date `DD.MM.YYYY` in `text`, as ISO, in order.
pub fn numeric_dates(text: &str) -> Vec<String> {
    NUMERIC_DATE
        .captures_iter(text)
        .filter_map(|c| iso_date(c[3].parse().ok()?, c[2].parse().ok()?, c[1].parse().ok()?))
        .collect()
}

/// The act's own identification: issuer, date, number, type (`бұйрығы`, `Заңы`, …).
static ACT_IDENTIFICATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(Қазақстан Республикасы(?:ның)?(?:\s[^0-9]+?)?)\s+(\d{{4}})\s+жылғы\s+(\d{{1,2}})\s+({})\p{{L}}*\s+(?:№|N)\s?(\d+(?:-[IVXLC]+)?)\s+(бұйрығы|Заңы|қаулысы|Жарлығы|Кодексі|шешімі)",
        *MONTH_ALTERNATION
    ))
    .expect("static regex")
});

static REGISTRATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"Әділет министрлігінде\s+(\d{{4}})\s+жыл(?:ғы|ы)\s+(\d{{1,2}})\s+({})\p{{L}}*\s+№\s?(\d+)\s+(?:болып\s+)?тіркелді",
        *MONTH_ALTERNATION
    ))
    .expect("static regex")
});

static REPEAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"Күші жойылды\s?[-–—]\s?(.+?)\s+(\d{{4}})\s+жылғы\s+(\d{{1,2}})\s+({})\p{{L}}*\s+№\s?(\d+)\s+(бұйрығымен|Заңымен|қаулысымен|Жарлығымен)",
        *MONTH_ALTERNATION
    ))
    .expect("static regex")
});

/// Reads the identification paragraph ("META") of an act into `meta`. Returns whether the
/// paragraph identified the act.
pub fn read_identification(text: &str, meta: &mut DocMeta) -> bool {
    let Some(caps) = ACT_IDENTIFICATION.captures(text) else {
        return false;
    };
    meta.issuer = Some(caps[1].trim().to_string());
    meta.date = iso_date(
        caps[2].parse().unwrap_or(0),
        MONTHS
            .iter()
            .position(|m| *m == &caps[4])
            .map_or(0, |m| m as u32 + 1),
        caps[3].parse().unwrap_or(0),
    );
    meta.number = Some(caps[5].to_string());
    meta.act_type = Some(caps[6].to_string());
    if let Some(r) = REGISTRATION.captures(text) {
        meta.registration = Some(ActRef {
            issuer: Some("Қазақстан Республикасының Әділет министрлігі".to_string()),
            date: iso_date(
                r[1].parse().unwrap_or(0),
                MONTHS
                    .iter()
                    .position(|m| *m == &r[3])
                    .map_or(0, |m| m as u32 + 1),
                r[2].parse().unwrap_or(0),
            ),
            number: Some(r[4].to_string()),
            note: None,
        });
    }
    if let Some(r) = REPEAL.captures(text) {
        meta.repealed_by = Some(ActRef {
            issuer: Some(r[1].trim().to_string()),
            date: iso_date(
                r[2].parse().unwrap_or(0),
                MONTHS
                    .iter()
                    .position(|m| *m == &r[4])
                    .map_or(0, |m| m as u32 + 1),
                r[3].parse().unwrap_or(0),
            ),
            number: Some(r[5].to_string()),
            note: None,
        });
    }
    true
}

/// What an editorial note says happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteFacts {
    /// `repealed`, `new-wording`, `amended`, `supplemented`, `deleted`, or `other`.
    pub operations: Vec<&'static str>,
    /// The unit the note names, e.g. `3-1` from "3-1-тармақпен толықтырылды".
    pub target: Option<String>,
    /// The amending acts: date (ISO) and number, in the order written.
    pub acts: Vec<ActRef>,
}

static NOTE_TARGET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^Ескерту\.\s+(\d+(?:-\d+)?)-(?:тармақ|тарау|бап|бөлім)\p{L}*")
        .expect("static regex")
});

/// `DD.MM.YYYY № N` pairs inside a note.
static NOTE_ACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{1,2})\.(\d{1,2})\.(\d{4})\s*№\s?(\d+)").expect("static regex")
});

/// Reads an editorial note ("Ескерту. 8-тармақ жаңа редакцияда - ҚР Бас Прокурорының
/// 11.03.2015 № 41; өзгеріс енгізілді - … 04.05.2016 № 91 (…) бұйрықтарымен.").
pub fn read_note(text: &str) -> NoteFacts {
    let mut operations = Vec::new();
    for (phrase, name) in [
        ("Күші жойылды", "repealed"),
        ("жаңа редакцияда", "new-wording"),
        ("өзгеріс енгізілді", "amended"),
        ("өзгерістер енгізілді", "amended"),
        ("толықтырылды", "supplemented"),
        ("алып тасталды", "deleted"),
    ] {
        if text.contains(phrase) && !operations.contains(&name) {
            operations.push(name);
        }
    }
    if operations.is_empty() {
        operations.push("other");
    }
    let target = NOTE_TARGET.captures(text).map(|c| c[1].to_string());
    let acts = NOTE_ACT
        .captures_iter(text)
        .map(|c| ActRef {
            issuer: None,
            date: iso_date(
                c[3].parse().unwrap_or(0),
                c[2].parse().unwrap_or(0),
                c[1].parse().unwrap_or(0),
            ),
            number: Some(c[4].to_string()),
            note: None,
        })
        .collect();
    NoteFacts {
        operations,
        target,
        acts,
    }
}

/// The signature line: position and name ("Қазақстан Республикасының Бас Прокуроры Ж. Асанов").
/// A position (the Prosecutor General's, the President's, … or 3 to [`MAX_POSITION_CHARS`]
/// letters and spaces), then initials and a surname. The position's length is checked in code:
/// a bounded repeat of a Unicode class compiles into a large automaton (it was a tenth of a
/// small corpus's build time). The lazy `+?` finds the shortest position that lets the rest
/// match, so the check accepts exactly what `{3,80}?` would.
static SIGNATURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(Қазақстан Республикасының\s+(?:Бас Прокуроры|Президенті|Премьер-Министрі)|[\p{L} ]{3,}?)\s+((?:\p{Lu}\.\s?){1,2}\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)$").expect("static regex")
});

/// The longest position a signature line starts with, in characters.
const MAX_POSITION_CHARS: usize = 80;

/// Whether a column-0 block is a signature (a position followed by initials and a surname).
pub fn is_signature(text: &str) -> bool {
    text.chars().count() <= 160
        && SIGNATURE
            .captures(text)
            .is_some_and(|c| c[1].chars().count() <= MAX_POSITION_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kazakh_dates_in_every_case_form() {
        assert_eq!(
            kazakh_date("2017 жылғы 13 қыркүйектегі № 104").as_deref(),
            Some("2017-09-13")
        );
        assert_eq!(
            kazakh_date("2011 жылы 18 қаңтарда № 6737").as_deref(),
            Some("2011-01-18")
        );
        assert_eq!(
            kazakh_date("2015 жылы 27 ақпанында").as_deref(),
            Some("2015-02-27")
        );
        assert_eq!(
            kazakh_date("2017 жылғы 31 ақпандағы"),
            None,
            "31 February does not exist"
        );
    }

    #[test]
    fn identification_of_an_order() {
        let mut meta = DocMeta::default();
        let text = "Қазақстан Республикасы Бас прокурорының 2017 жылғы 13 қыркүйектегі № 104 бұйрығы. Қазақстан Республикасының Әділет министрлігінде 2017 жылғы 4 қазанда № 15840 болып тіркелді. Күші жойылды - Қазақстан Республикасы Бас Прокурорының 2021 жылғы 21 қазандағы № 137 бұйрығымен.";
        assert!(read_identification(text, &mut meta));
        assert_eq!(meta.date.as_deref(), Some("2017-09-13"));
        assert_eq!(meta.number.as_deref(), Some("104"));
        assert_eq!(meta.act_type.as_deref(), Some("бұйрығы"));
        let reg = meta.registration.expect("registration");
        assert_eq!(
            (reg.date.as_deref(), reg.number.as_deref()),
            (Some("2017-10-04"), Some("15840"))
        );
        let repeal = meta.repealed_by.expect("repeal");
        assert_eq!(
            (repeal.date.as_deref(), repeal.number.as_deref()),
            (Some("2021-10-21"), Some("137"))
        );
    }

    #[test]
    fn identification_of_a_law_with_latin_n_and_roman_convocation() {
        let mut meta = DocMeta::default();
        assert!(read_identification(
            "Қазақстан Республикасының 2010 жылғы 29 желтоқсандағы N 374-IV Заңы",
            &mut meta
        ));
        assert_eq!(meta.number.as_deref(), Some("374-IV"));
        assert_eq!(meta.date.as_deref(), Some("2010-12-29"));
        assert_eq!(meta.act_type.as_deref(), Some("Заңы"));
    }

    #[test]
    fn nusqaulyq_is_not_a_qauly() {
        // "нұсқаулық" (instruction) contains "қаулы" (resolution): only the act-type word
        // after the number identifies the act.
        let mut meta = DocMeta::default();
        let text = "Қазақстан Республикасы Бас Прокурорының 2017 жылғы 13 қыркүйектегі № 104 нұсқаулықты бекіту туралы";
        assert!(!read_identification(text, &mut meta));
        assert_eq!(meta.act_type, None);
        let text = "Қазақстан Республикасы Үкіметінің 2017 жылғы 13 қыркүйектегі № 104 қаулысы";
        assert!(read_identification(text, &mut meta));
        assert_eq!(meta.act_type.as_deref(), Some("қаулысы"));
    }

    #[test]
    fn note_with_two_events_and_two_orders() {
        let facts = read_note("Ескерту. 8-тармақ жаңа редакцияда - ҚР Бас Прокурорының 11.03.2015 № 41; өзгеріс енгізілді - ҚР Бас Прокурорының 04.05.2016 № 91 (ресми жарияланған күнінен бастап күнтізбелік он күн өткен соң қолданысқа енгізіледі) бұйрықтарымен.");
        assert_eq!(facts.operations, ["new-wording", "amended"]);
        assert_eq!(facts.target.as_deref(), Some("8"));
        let dates: Vec<_> = facts
            .acts
            .iter()
            .map(|a| a.date.clone().unwrap_or_default())
            .collect();
        assert_eq!(dates, ["2015-03-11", "2016-05-04"]);
    }

    #[test]
    fn signatures_are_recognised_and_prose_is_not() {
        assert!(is_signature(
            "Қазақстан Республикасының Бас Прокуроры Ж. Асанов"
        ));
        assert!(is_signature(
            "Қазақстан Республикасының Президенті Н. Назарбаев"
        ));
        assert!(!is_signature(
            "Осы бұйрық алғашқы ресми жарияланған күнінен кейін қолданысқа енгізіледі."
        ));
        // The position before the initials is 3 to 80 letters and spaces.
        let position = |n: usize| "а".repeat(n);
        assert!(is_signature(&format!("{} Ж. Асанов", position(80))));
        assert!(!is_signature(&format!("{} Ж. Асанов", position(81))));
        assert!(is_signature(&format!("{} Ж. Асанов", position(3))));
        assert!(!is_signature(&format!("{} Ж. Асанов", position(2))));
    }
}
