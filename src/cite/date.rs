//! Calendar dates for edition choice: ISO `YYYY-MM-DD` in data files, Kazakh and numeric
//! dates in the texts.

use std::fmt;

/// A calendar date. Ordering is chronological.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let days = crate::dates::days_in_month(i64::from(year), u32::from(month));
        (day >= 1 && u32::from(day) <= days && (1000..=2999).contains(&year)).then_some(Date {
            year,
            month,
            day,
        })
    }

    /// Parses ISO `YYYY-MM-DD` (and nothing else).
    pub fn parse_iso(text: &str) -> Option<Date> {
        let text = text.trim();
        let mut parts = text.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A date as far as a text gives it: `1997 жылғы` gives only the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartialDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    /// Whether `date` agrees with every part this partial date gives.
    pub fn matches(&self, date: Date) -> bool {
        self.year == date.year
            && self.month.is_none_or(|m| m == date.month)
            && self.day.is_none_or(|d| d == date.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_are_checked() {
        assert_eq!(Date::parse_iso("2017-06-30"), Date::new(2017, 6, 30));
        assert!(Date::parse_iso("2017-02-30").is_none());
        assert!(Date::parse_iso("2017-6-30").is_none());
        assert!(Date::parse_iso("30.06.2017").is_none());
        assert!(Date::parse_iso("2016-02-29").is_some());
        assert_eq!(
            Date::new(2010, 1, 2).map(|d| d.to_string()),
            Some("2010-01-02".into())
        );
    }
}
