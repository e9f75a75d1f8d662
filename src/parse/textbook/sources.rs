//! Bibliographic entries: author, title, place, publisher, year, link, kind and language,
//! read from GOST-like literature entries and from normative-act entries.

use regex::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("static regex")
}

/// "Дулатбеков Н.О.", "Даев В. Г., Маршунов М. Н." at the start of an entry.
static AUTHOR_FIRST: LazyLock<Regex> =
    LazyLock::new(|| re(r"^((?:\p{Lu}[\p{Ll}-]+\s+\p{Lu}\.\s?(?:\p{Lu}\.)?(?:\s*,\s*|\s+))+)"));
/// "Ж. Балтабаев", "Б.К. Шнарбаев, А.Е. Мизанбаев" at the start of an entry.
static INITIALS_FIRST: LazyLock<Regex> =
    LazyLock::new(|| re(r"^((?:(?:\p{Lu}\.\s?){1,2}\s*\p{Lu}[\p{Ll}-]+(?:\s*,\s*|\s+))+)"));
/// "– Астана: Фолиант, 2002", "- Л.: ЛГУ, 1990", "Алматы: Жеті Жарғы, 2016".
static IMPRINT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:^|[.\-–—/]\s*)(\p{Lu}[\p{L}\-]*\.?(?:\s+\p{L}[\p{L}\-]*\.?){0,2})\s*:\s*([^:]+?),\s*((?:19|20)\d{2})",
    )
});
static YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"(?:^|\D)((?:19|20)\d{2})(?:\D|$)"));
static URL: LazyLock<Regex> =
    LazyLock::new(|| re(r"https?\s*:\s*/\s*/\s*[^\s(),«»]+(?:\s?[./]\s?[^\s(),«»]+)*"));
static DOMAIN: LazyLock<Regex> =
    LazyLock::new(|| re(r"\(([a-z0-9.-]+\.(?:kz|ru|net|com|org|info))\)"));
static QUOTED: LazyLock<Regex> = LazyLock::new(|| re(r#"[«"“]([^»"”]{3,})[»"”]"#));
static ACT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)«?әділет»|кодекс|конституция|(?:^|[^\p{L}])заң(?:ы)?(?:[^\p{L}]|$)|бұйрығ|қаулы|жарлығ|ережелер|ережесі|конвенция|декларация|жолдау",
    )
});
static ACT_DATE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(\d{4})\s*жылғы\s*(\d{1,2})\s*(қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан)",
    )
});
static ACT_NUMBER: LazyLock<Regex> = LazyLock::new(|| re(r"(?:№|N)\s*(\d+(?:-[IVXІ]+)?)"));
const KAZAKH_LETTERS: &[char] = &[
    'ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'і', 'Ә', 'Ғ', 'Қ', 'Ң', 'Ө', 'Ұ', 'Ү', 'І',
];

/// Month names in the Kazakh genitive stem, in calendar order.
pub use crate::dates::KAZAKH_MONTHS as MONTHS;

/// Structured facts read from one entry.
pub fn entry_attrs(text: &str) -> BTreeMap<String, String> {
    let mut attrs = BTreeMap::new();
    let is_act = ACT.is_match(text) && AUTHOR_FIRST.find(text).is_none();
    attrs.insert(
        "entry_kind".into(),
        if is_act { "act" } else { "literature" }.into(),
    );
    attrs.insert("lang".into(), language(text).into());
    if let Some(url) = URL.find(text) {
        attrs.insert(
            "url".into(),
            url.as_str().replace(' ', "").trim_end_matches('.').into(),
        );
    } else if let Some(c) = DOMAIN.captures(text) {
        attrs.insert("url".into(), c[1].to_string());
    }
    if is_act {
        if let Some(c) = ACT_DATE.captures(text) {
            if let Some(date) = iso_date(&c[1], &c[2], &c[3]) {
                attrs.insert("date".into(), date);
            }
        }
        if let Some(c) = ACT_NUMBER.captures(text) {
            attrs.insert("act_number".into(), c[1].to_string());
        }
        if let Some(c) = QUOTED.captures(text) {
            attrs.insert("title".into(), c[1].trim().to_string());
        }
    } else {
        literature(text, &mut attrs);
    }
    if !attrs.contains_key("year") {
        if let Some(y) = YEAR.captures_iter(text).last() {
            attrs.insert("year".into(), y[1].to_string());
        }
    }
    attrs
}

fn literature(text: &str, attrs: &mut BTreeMap<String, String>) {
    let author = AUTHOR_FIRST
        .captures(text)
        .or_else(|| INITIALS_FIRST.captures(text))
        .map(|c| c[1].to_string());
    let rest = match &author {
        Some(a) => {
            attrs.insert(
                "author".into(),
                a.trim().trim_end_matches(',').trim().to_string(),
            );
            &text[a.len()..]
        }
        None => text,
    };
    let imprint = IMPRINT
        .captures(rest)
        .filter(|c| c[1].chars().count() <= 40 && c[2].chars().count() <= 120);
    let title_end = [
        rest.find("//"),
        rest.find("/ /"),
        rest.find(". -"),
        rest.find(". –"),
        rest.find(".-"),
        imprint.as_ref().and_then(|c| c.get(0)).map(|m| m.start()),
    ]
    .into_iter()
    .flatten()
    .min()
    .unwrap_or(rest.len());
    let title = QUOTED
        .captures(&rest[..title_end])
        .map(|c| c[1].to_string())
        .unwrap_or_else(|| rest[..title_end].to_string());
    let title = title.trim().trim_end_matches(['.', ',']).trim();
    if !title.is_empty() {
        attrs.insert("title".into(), title.to_string());
    }
    if let Some(c) = imprint {
        // "Монография. Астана" → "Астана": the place is the last phrase before the colon.
        let place = c[1].rsplit(". ").next().unwrap_or(&c[1]);
        attrs.insert("place".into(), place.trim().to_string());
        attrs.insert("publisher".into(), c[2].trim().to_string());
        attrs.insert("year".into(), c[3].to_string());
    }
}

/// `ru` for text with no Kazakh-specific letter, else `kk`.
pub fn language(text: &str) -> &'static str {
    let cyrillic = text.chars().any(crate::normalize::text::is_cyrillic);
    if cyrillic && !text.contains(KAZAKH_LETTERS) {
        "ru"
    } else {
        "kk"
    }
}

/// ISO date from a year, a day and a Kazakh month name.
pub fn iso_date(year: &str, day: &str, month: &str) -> Option<String> {
    let m = MONTHS.iter().position(|&name| name == month)? + 1;
    let d: u32 = day.parse().ok()?;
    if !(1..=31).contains(&d) {
        return None;
    }
    Some(format!("{year}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gost_entry_with_author_place_publisher_year() {
        let a = entry_attrs(
            "Дулатбеков Н.О. Қылмыстық жаза тағайындау: теория және практика мәселелері. Монография. Астана: Фолиант, 2002.- 446 б.",
        );
        assert_eq!(a["author"], "Дулатбеков Н.О.");
        assert_eq!(a["place"], "Астана");
        assert_eq!(a["publisher"], "Фолиант");
        assert_eq!(a["year"], "2002");
        assert_eq!(a["entry_kind"], "literature");
        assert!(a["title"].starts_with("Қылмыстық жаза тағайындау"));
    }

    #[test]
    fn two_authors_and_a_quoted_title() {
        let a = entry_attrs(
            "Даев В. Г., Маршунов М. Н. «Прокурорлық қадағалау теориясының негіздері». - Л.: ЛГУ, 1990. Б. 210.",
        );
        assert_eq!(a["author"], "Даев В. Г., Маршунов М. Н.");
        assert_eq!(a["title"], "Прокурорлық қадағалау теориясының негіздері");
        assert_eq!(a["place"], "Л.");
        assert_eq!(a["publisher"], "ЛГУ");
        assert_eq!(a["year"], "1990");
    }

    #[test]
    fn initials_first_and_a_series_before_the_place() {
        let a = entry_attrs(
            "Ж. Балтабаев Қазақстан Республикасының қылмыстық құқығы. Жалпы бөлім. Алматы: Лантар Трейд, 2020. - 400 б.",
        );
        assert_eq!(a["author"], "Ж. Балтабаев");
        assert_eq!(a["place"], "Алматы");
        assert_eq!(a["publisher"], "Лантар Трейд");
        assert!(a["title"].starts_with("Қазақстан Республикасының қылмыстық құқығы"));
    }

    #[test]
    fn act_entry_from_adilet() {
        let a = entry_attrs(
            "«Әділет» Қазақстан Республикасы нормативтік құқықтық актілерінің ақпараттық-құқықтық жүйесінен алынған 2014 жылғы 5 шілдедегі Қазақстан Республикасының Қылмыстық-атқару кодексі.",
        );
        assert_eq!(a["entry_kind"], "act");
        assert_eq!(a["date"], "2014-07-05");
        assert_eq!(a["year"], "2014");
    }

    #[test]
    fn russian_entries_are_tagged() {
        assert_eq!(language("Правовое регулирование пробации"), "ru");
        assert_eq!(language("Пробация институтының"), "kk");
    }
}
