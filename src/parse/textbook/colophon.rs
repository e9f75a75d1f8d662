//! The colophon at the end of a textbook: author, title, genre, the date it was signed to
//! print. It follows the last page after a long run of blank lines.

use super::sources::iso_date;
use crate::graph::DocMeta;
use crate::normalize::textbook::TextLine;
use regex::Regex;
use std::sync::LazyLock;

/// A blank run at least this long before the last few lines opens a colophon.
const COLOPHON_GAP: usize = 10;
const COLOPHON_MAX_LINES: usize = 15;

static AUTHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:\p{Lu}\.\s?){1,2}\s*\p{Lu}[\p{Ll}-]+|\p{Lu}[\p{Ll}-]+\s+(?:\p{Lu}\.\s?){1,2})(?:\s*,\s*.+)?$")
        .expect("static regex")
});
static GENRE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:оқу\s+құралы|оқулық|оқу-әдістемелік\s+құрал\p{L}*|монография|дәрістер\s+курсы)\.?$")
        .expect("static regex")
});
static PRINTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:басып\s+шығаруға|басуға\s+қол\s+қойылды).*?(\d{1,2})\s+(қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан)\p{L}*\s+(\d{4})")
        .expect("static regex")
});
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|\D)((?:19|20)\d{2})(?:\D|$)").expect("static regex"));

/// Splits the line stream into the body and the colophon, if there is one.
pub fn split(lines: &[TextLine]) -> (&[TextLine], Option<&[TextLine]>) {
    // The earliest long gap among the last few lines: colophon lines are spread out.
    let from = lines.len().saturating_sub(COLOPHON_MAX_LINES);
    let Some(start) = (from..lines.len()).find(|&k| {
        lines[k].gap >= COLOPHON_GAP && lines[k..].iter().all(|l| l.text.chars().count() <= 120)
    }) else {
        return (lines, None);
    };
    let tail = &lines[start..];
    let looks_like = tail.len() <= COLOPHON_MAX_LINES
        && tail.iter().any(|l| {
            PRINTED.is_match(&l.text) || AUTHOR.is_match(&l.text) || GENRE.is_match(&l.text)
        });
    if looks_like {
        (&lines[..start], Some(tail))
    } else {
        (lines, None)
    }
}

/// What a colophon says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Colophon {
    pub author: Option<String>,
    pub title: Option<String>,
    pub genre: Option<String>,
    pub printed: Option<String>,
    pub date: Option<String>,
    pub year: Option<String>,
}

impl Colophon {
    pub fn apply(&self, meta: &mut DocMeta) {
        let fields = [
            ("author", &self.author),
            ("genre", &self.genre),
            ("printed", &self.printed),
            ("year", &self.year),
        ];
        for (key, value) in fields {
            if let Some(v) = value {
                meta.extra.insert(key.to_string(), v.clone());
            }
        }
        if self.date.is_some() {
            meta.date = self.date.clone();
        }
    }
}

/// Reads the colophon's lines.
pub fn read(lines: &[TextLine]) -> Colophon {
    let mut out = Colophon::default();
    for line in lines {
        let text = line.text.trim();
        if text.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        if let Some(c) = PRINTED.captures(text) {
            out.printed = Some(text.to_string());
            out.date = iso_date(&c[3], &c[1], &c[2]);
            out.year = Some(c[3].to_string());
        } else if GENRE.is_match(text) {
            out.genre = Some(text.trim_end_matches('.').to_string());
        } else if out.author.is_none() && AUTHOR.is_match(text) {
            out.author = Some(text.to_string());
        } else if out.title.is_none() {
            out.title = Some(text.to_string());
        }
    }
    if out.year.is_none() {
        out.year = lines
            .iter()
            .find_map(|l| YEAR.captures(&l.text).map(|c| c[1].to_string()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, gap: usize) -> TextLine {
        TextLine {
            text: text.into(),
            raw: [1, 1],
            indent: 0,
            trailing: 0,
            gap,
            page_join: false,
            repairs: Vec::new(),
        }
    }

    #[test]
    fn colophon_gives_author_title_and_print_date() {
        let lines = vec![
            line("Соңғы бет мәтіні.", 1),
            line("С.А. Августхан", 40),
            line("Қазақстан Республикасындағы пробация институты", 3),
            line("Оқу құралы", 1),
            line("Басып шығаруға 03 шілде 2025 жылы жіберілді", 6),
        ];
        let (body, colophon) = split(&lines);
        assert_eq!(body.len(), 1);
        let c = read(colophon.expect("colophon"));
        assert_eq!(c.author.as_deref(), Some("С.А. Августхан"));
        assert_eq!(
            c.title.as_deref(),
            Some("Қазақстан Республикасындағы пробация институты")
        );
        assert_eq!(c.genre.as_deref(), Some("Оқу құралы"));
        assert_eq!(c.date.as_deref(), Some("2025-07-03"));
        assert_eq!(c.year.as_deref(), Some("2025"));
    }
}
