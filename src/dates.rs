//! Calendar facts every stage shares: leap years, month lengths, ISO dates and the Kazakh
//! month names. (Reading dates out of text is the parsers' job; counting working days is the
//! acts' calendar's.)

/// Kazakh month names, nominative, January first.
pub const KAZAKH_MONTHS: [&str; 12] = [
    "қаңтар",
    "ақпан",
    "наурыз",
    "сәуір",
    "мамыр",
    "маусым",
    "шілде",
    "тамыз",
    "қыркүйек",
    "қазан",
    "қараша",
    "желтоқсан",
];

pub fn is_leap_year(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in a month (1–12); 0 for a month that does not exist.
pub fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// `YYYY-MM-DD`, or `None` for a date that does not exist (31 February).
pub fn iso_date(year: u32, month: u32, day: u32) -> Option<String> {
    (day >= 1 && day <= days_in_month(i64::from(year), month))
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// `2017-09-13` → `2017 жылғы 13 қыркүйек`; anything else is returned as it is.
pub fn kazakh_date(iso: &str) -> String {
    let mut parts = iso.split('-');
    let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
        return iso.to_string();
    };
    let month = m
        .parse::<usize>()
        .ok()
        .and_then(|m| KAZAKH_MONTHS.get(m.wrapping_sub(1)));
    match (month, d.parse::<u32>()) {
        (Some(month), Ok(day)) => format!("{y} жылғы {day} {month}"),
        _ => iso.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leap_years_and_month_lengths() {
        assert!(
            is_leap_year(2024) && is_leap_year(2000) && !is_leap_year(1900) && !is_leap_year(2023)
        );
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(2023, 2), 28);
        assert_eq!(days_in_month(2023, 13), 0);
    }

    #[test]
    fn iso_and_kazakh_forms() {
        assert_eq!(iso_date(2017, 9, 13).as_deref(), Some("2017-09-13"));
        assert_eq!(iso_date(2017, 2, 31), None);
        assert_eq!(kazakh_date("2017-09-13"), "2017 жылғы 13 қыркүйек");
        assert_eq!(kazakh_date("2024-03-05"), "2024 жылғы 5 наурыз");
        assert_eq!(kazakh_date("not a date"), "not a date");
    }
}
