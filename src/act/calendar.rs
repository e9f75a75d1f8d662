//! Dates, Kazakh date words, and Kazakhstan's working-day calendar (holidays as data in
//! `templates/acts/calendar.yaml`).
//!
//! Deadlines in the Law «Прокуратура туралы» are counted in calendar days or in working days.
//! A working day is a weekday that is not a holiday, not a day off moved onto it (a holiday
//! that fell on a weekend, or a Government transfer), and a Saturday made a working day by a
//! transfer is one too.

use crate::error::{yaml_error, Error, Result};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::fmt;
use std::path::Path;

/// A day of the proleptic Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// Kazakh month names (nominative), January first.
use crate::dates::KAZAKH_MONTHS as MONTHS_KK;

/// The month names with case endings (vowel harmony and consonant assimilation differ per
/// month, so they are listed, not computed): locative + -ғы/-гі («наурыздағы»), dative
/// («наурызға дейін»), ablative («наурыздан бастап»).
const MONTHS_KK_CASES: [[&str; 3]; 12] = [
    ["қаңтардағы", "қаңтарға", "қаңтардан"],
    ["ақпандағы", "ақпанға", "ақпаннан"],
    ["наурыздағы", "наурызға", "наурыздан"],
    ["сәуірдегі", "сәуірге", "сәуірден"],
    ["мамырдағы", "мамырға", "мамырдан"],
    ["маусымдағы", "маусымға", "маусымнан"],
    ["шілдедегі", "шілдеге", "шілдеден"],
    ["тамыздағы", "тамызға", "тамыздан"],
    ["қыркүйектегі", "қыркүйекке", "қыркүйектен"],
    ["қазандағы", "қазанға", "қазаннан"],
    ["қарашадағы", "қарашаға", "қарашадан"],
    ["желтоқсандағы", "желтоқсанға", "желтоқсаннан"],
];

/// A grammatical form of a Kazakh date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateCase {
    /// `2024 жылғы 10 қаңтардағы` (attributive: "of 10 January").
    Attributive,
    /// `2024 жылғы 26 наурызға` (before «дейін»).
    Dative,
    /// `2024 жылғы 1 қаңтардан` (before «бастап»).
    Ablative,
}

impl Date {
    /// A date if it exists (no 30 February, no month 13).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let valid = (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month)
            && (1..=9999).contains(&year);
        valid.then_some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`. The error says what is wrong, for the diagnostic.
    pub fn parse(text: &str) -> Result<Date, String> {
        let parts: Vec<&str> = text.trim().split('-').collect();
        let [y, m, d] = parts.as_slice() else {
            return Err(format!("`{text}` is not a date in the form YYYY-MM-DD"));
        };
        let shape_ok = y.len() == 4 && m.len() == 2 && d.len() == 2;
        let (Ok(year), Ok(month), Ok(day)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>())
        else {
            return Err(format!("`{text}` is not a date in the form YYYY-MM-DD"));
        };
        if !shape_ok {
            return Err(format!("`{text}` is not a date in the form YYYY-MM-DD"));
        }
        Date::new(year, month, day).ok_or_else(|| {
            if (1..=12).contains(&month) {
                format!(
                    "`{text}` does not exist: {} {year} has {} days",
                    MONTHS_KK[month as usize - 1],
                    days_in_month(year, month)
                )
            } else {
                format!("`{text}` does not exist: there is no month {month}")
            }
        })
    }

    /// Days since 1970-01-01 (negative before), after Howard Hinnant's `days_from_civil`.
    pub fn to_days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The inverse of [`Date::to_days`].
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.to_days() + n)
    }

    /// 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (3).
        (self.to_days() + 3).rem_euclid(7) as u32
    }

    pub fn is_weekend(self) -> bool {
        self.weekday() >= 5
    }

    /// The official Kazakh form: `2024 жылғы 25 наурыз`.
    pub fn kazakh(self) -> String {
        format!(
            "{} жылғы {} {}",
            self.year,
            self.day,
            MONTHS_KK[self.month as usize - 1]
        )
    }
}

impl Date {
    /// The Kazakh date in a grammatical case: `2024 жылғы 26 наурызға`.
    pub fn kazakh_case(self, case: DateCase) -> String {
        let forms = MONTHS_KK_CASES[self.month as usize - 1];
        let month = match case {
            DateCase::Attributive => forms[0],
            DateCase::Dative => forms[1],
            DateCase::Ablative => forms[2],
        };
        format!("{} жылғы {} {month}", self.year, self.day)
    }

    /// All printed forms, as a template receives them.
    pub fn kazakh_forms(self) -> serde_json::Value {
        serde_json::json!({
            "iso": self.to_string(),
            "kk": self.kazakh(),
            "kk_attr": self.kazakh_case(DateCase::Attributive),
            "kk_dat": self.kazakh_case(DateCase::Dative),
            "kk_abl": self.kazakh_case(DateCase::Ablative),
        })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    crate::dates::days_in_month(i64::from(year), month)
}

/// How a term is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DayKind {
    Calendar,
    Working,
}

impl DayKind {
    /// `күнтізбелік` / `жұмыс`, as in «күнтізбелік он күн», «үш жұмыс күні».
    pub fn kazakh_adjective(self) -> &'static str {
        match self {
            DayKind::Calendar => "күнтізбелік",
            DayKind::Working => "жұмыс",
        }
    }
}

/// A term: so many calendar or working days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    pub days: i64,
    pub kind: DayKind,
}

impl Term {
    /// `күнтізбелік 10 күн` / `3 жұмыс күні`.
    pub fn kazakh(self) -> String {
        match self.kind {
            DayKind::Calendar => format!("күнтізбелік {} күн", self.days),
            DayKind::Working => format!("{} жұмыс күні", self.days),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CalendarFile {
    covered_years: [i32; 2],
    fixed: Vec<FixedHoliday>,
    #[serde(default)]
    kurban_ait: Vec<DatedEntry>,
    #[serde(default)]
    transfers: Vec<Transfer>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FixedHoliday {
    date: String,
    #[allow(dead_code)] // documentation for people reading the file
    name: String,
    shift_if_weekend: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DatedEntry {
    date: String,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Transfer {
    working: String,
    day_off: String,
    #[serde(default)]
    #[allow(dead_code)]
    basis: Option<String>,
}

/// The working-day calendar for the covered years.
#[derive(Debug, Clone)]
pub struct Calendar {
    first_year: i32,
    last_year: i32,
    days_off: BTreeSet<Date>,
    working_weekends: BTreeSet<Date>,
}

impl Calendar {
    pub fn load(path: &Path) -> Result<Calendar> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Calendar::from_yaml(&text).map_err(|err| match err {
            CalendarError::Yaml(e) => yaml_error(path, e),
            CalendarError::Data(message) => Error::input(path, None, message),
        })
    }

    fn from_yaml(text: &str) -> Result<Calendar, CalendarError> {
        let file: CalendarFile = serde_norway::from_str(text).map_err(CalendarError::Yaml)?;
        let [first_year, last_year] = file.covered_years;
        if first_year > last_year {
            return Err(CalendarError::Data(
                "covered_years: first year after last".into(),
            ));
        }
        let parse = |s: &str| Date::parse(s).map_err(CalendarError::Data);
        let mut days_off = BTreeSet::new();
        let mut shifted_holidays = Vec::new();
        for year in first_year..=last_year {
            for h in &file.fixed {
                let date = parse(&format!("{year:04}-{}", h.date))?;
                days_off.insert(date);
                if h.shift_if_weekend && date.is_weekend() {
                    shifted_holidays.push(date);
                }
            }
        }
        for k in &file.kurban_ait {
            days_off.insert(parse(&k.date)?);
        }
        // A holiday on a weekend moves to the next working day, in date order, so two
        // holidays on one weekend (Nauryz) give two consecutive days off.
        shifted_holidays.sort();
        for holiday in shifted_holidays {
            let mut day = holiday.add_days(1);
            while day.is_weekend() || days_off.contains(&day) {
                day = day.add_days(1);
            }
            days_off.insert(day);
        }
        let mut working_weekends = BTreeSet::new();
        for t in &file.transfers {
            let working = parse(&t.working)?;
            let off = parse(&t.day_off)?;
            days_off.remove(&working);
            working_weekends.insert(working);
            days_off.insert(off);
        }
        Ok(Calendar {
            first_year,
            last_year,
            days_off,
            working_weekends,
        })
    }

    /// The years this calendar can count working days in.
    pub fn covered_years(&self) -> (i32, i32) {
        (self.first_year, self.last_year)
    }

    pub fn covers(&self, date: Date) -> bool {
        (self.first_year..=self.last_year).contains(&date.year)
    }

    pub fn is_working_day(&self, date: Date) -> bool {
        if self.working_weekends.contains(&date) {
            return true;
        }
        !date.is_weekend() && !self.days_off.contains(&date)
    }

    /// The last day of a term that starts the day after `start`: calendar days are counted
    /// straight; working days skip weekends and days off. A calendar term whose last day is
    /// not a working day ends on the next working day (Civil Code art. 173 practice).
    /// `None` when the count leaves the covered years.
    pub fn due_date(&self, start: Date, term: Term) -> Option<Date> {
        match term.kind {
            DayKind::Calendar => {
                let mut day = start.add_days(term.days);
                while !self.is_working_day(day) {
                    day = day.add_days(1);
                    if !self.covers(day) {
                        return None;
                    }
                }
                self.covers(day).then_some(day)
            }
            DayKind::Working => {
                let mut day = start;
                let mut left = term.days;
                while left > 0 {
                    day = day.add_days(1);
                    if !self.covers(day) {
                        return None;
                    }
                    if self.is_working_day(day) {
                        left -= 1;
                    }
                }
                Some(day)
            }
        }
    }

    /// The number of working days after `start` up to and including `end`.
    pub fn working_days_between(&self, start: Date, end: Date) -> i64 {
        let mut count = 0;
        let mut day = start.add_days(1);
        while day <= end {
            if self.is_working_day(day) {
                count += 1;
            }
            day = day.add_days(1);
        }
        count
    }
}

enum CalendarError {
    Yaml(serde_norway::Error),
    Data(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn calendar() -> Calendar {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/acts/calendar.yaml");
        Calendar::load(&path).expect("the shipped calendar loads")
    }

    fn d(s: &str) -> Date {
        Date::parse(s).expect("test date")
    }

    #[test]
    fn impossible_dates_are_refused_with_a_reason() {
        assert!(Date::parse("2024-02-29").is_ok());
        let err = Date::parse("2023-02-29").unwrap_err();
        assert!(err.contains("28 days"), "{err}");
        assert!(Date::parse("2024-13-01")
            .unwrap_err()
            .contains("no month 13"));
        assert!(Date::parse("25.03.2024").is_err());
        assert!(Date::parse("2024-3-5").is_err());
    }

    #[test]
    fn day_numbers_round_trip_and_weekdays_are_right() {
        for n in -800_000..800_000i64 {
            if n % 997 == 0 {
                assert_eq!(Date::from_days(n).to_days(), n);
            }
        }
        assert_eq!(d("2024-03-25").weekday(), 0); // Monday
        assert_eq!(d("2023-01-01").weekday(), 6); // Sunday
    }

    #[test]
    fn kazakh_date_form() {
        assert_eq!(d("2024-03-25").kazakh(), "2024 жылғы 25 наурыз");
        assert_eq!(d("2025-12-01").kazakh(), "2025 жылғы 1 желтоқсан");
        let sept = d("2024-09-05");
        assert_eq!(
            sept.kazakh_case(DateCase::Attributive),
            "2024 жылғы 5 қыркүйектегі"
        );
        assert_eq!(
            sept.kazakh_case(DateCase::Dative),
            "2024 жылғы 5 қыркүйекке"
        );
        assert_eq!(
            d("2024-06-01").kazakh_case(DateCase::Ablative),
            "2024 жылғы 1 маусымнан"
        );
    }

    #[test]
    fn holidays_on_weekends_move_to_the_next_working_day() {
        let c = calendar();
        // 1 January 2023 was a Sunday, 2 January a holiday anyway: 3 January is off.
        assert!(!c.is_working_day(d("2023-01-03")));
        assert!(c.is_working_day(d("2023-01-04")));
        // Nauryz 2024: 23 March was a Saturday, so Monday 25 March was off.
        assert!(!c.is_working_day(d("2024-03-25")));
        // Nauryz 2026: 21 and 22 March fall on a weekend: 24 and 25 March are off.
        assert!(!c.is_working_day(d("2026-03-24")));
        assert!(!c.is_working_day(d("2026-03-25")));
        assert!(c.is_working_day(d("2026-03-26")));
        // Religious holidays do not move: 7 January 2023 was a Saturday, 9 January worked.
        assert!(c.is_working_day(d("2023-01-09")));
    }

    #[test]
    fn government_transfers_apply() {
        let c = calendar();
        assert!(c.is_working_day(d("2023-07-01"))); // a Saturday made a working day
        assert!(!c.is_working_day(d("2023-07-07"))); // a Friday made a day off
        assert!(!c.is_working_day(d("2025-01-03")));
    }

    #[test]
    fn working_days_across_new_year() {
        let c = calendar();
        // Friday 29 Dec 2023 + 3 working days: 1–2 Jan are holidays, 30–31 Dec a weekend.
        let term = Term {
            days: 3,
            kind: DayKind::Working,
        };
        assert_eq!(c.due_date(d("2023-12-29"), term), Some(d("2024-01-05")));
        // Across New Year 2025 with the transfer of 5 January onto Friday 3 January.
        assert_eq!(c.due_date(d("2024-12-31"), term), Some(d("2025-01-08")));
    }

    #[test]
    fn working_days_across_nauryz_and_a_weekend() {
        let c = calendar();
        let term = Term {
            days: 3,
            kind: DayKind::Working,
        };
        // Wednesday 20 March 2024: 21–22 Nauryz, 23–24 weekend, 25 moved Nauryz day off.
        assert_eq!(c.due_date(d("2024-03-20"), term), Some(d("2024-03-28")));
        assert_eq!(c.working_days_between(d("2024-03-20"), d("2024-03-28")), 3);
    }

    #[test]
    fn working_days_across_a_transferred_day() {
        let c = calendar();
        let term = Term {
            days: 3,
            kind: DayKind::Working,
        };
        // Thursday 2 May 2024: Fri 3, Sat 4 (working by transfer), Mon 6 → due Monday 6 May.
        assert_eq!(c.due_date(d("2024-05-02"), term), Some(d("2024-05-06")));
        // Monday 6 May 2024: 7 holiday, 8 transferred day off, 9 holiday → 10, 13, 14.
        assert_eq!(c.due_date(d("2024-05-06"), term), Some(d("2024-05-14")));
    }

    #[test]
    fn calendar_terms_ending_on_a_day_off_move_to_the_next_working_day() {
        let c = calendar();
        let ten = Term {
            days: 10,
            kind: DayKind::Calendar,
        };
        // 15 March 2024 + 10 = 25 March (Nauryz moved day off) → 26 March.
        assert_eq!(c.due_date(d("2024-03-15"), ten), Some(d("2024-03-26")));
        assert_eq!(c.due_date(d("2024-03-01"), ten), Some(d("2024-03-11")));
    }

    #[test]
    fn counting_outside_the_covered_years_is_refused() {
        let c = calendar();
        let term = Term {
            days: 3,
            kind: DayKind::Working,
        };
        assert_eq!(c.due_date(d("2027-12-30"), term), None);
    }
}
