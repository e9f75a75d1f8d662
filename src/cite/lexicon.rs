//! The Kazakh (and a little Russian) vocabulary of citations: unit words with their stem
//! alternation (бап/баб-, тармақ/тармағ-, бөлік/бөліг-), inflection suffixes, ordinal
//! numerals, month names and the head nouns that end an act's name.
//!
//! A word counts as a form of a stem only when what follows the stem is a sequence of
//! inflectional suffixes (plural, possessive, case, the attributive -ғы/-гі). That is what keeps
//! `заңдылық` (legality) and `Конституциялық` (constitutional) from being read as forms of
//! `заң` and `Конституция`.

/// A structural unit a citation can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Unit {
    Chapter,
    Article,
    Part,
    Point,
    Subpoint,
}

impl Unit {
    /// Depth in a chain: a chain only ever goes deeper (article → part → point → subpoint).
    pub fn rank(self) -> u8 {
        match self {
            Unit::Chapter => 0,
            Unit::Article => 1,
            Unit::Part => 2,
            Unit::Point => 3,
            Unit::Subpoint => 4,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Unit::Chapter => "chapter",
            Unit::Article => "article",
            Unit::Part => "part",
            Unit::Point => "point",
            Unit::Subpoint => "subpoint",
        }
    }
}

const PLURAL: &[&str] = &["лар", "лер", "дар", "дер", "тар", "тер"];
const POSSESSIVE: &[&str] = &["ымыз", "іміз", "сы", "сі", "ы", "і"];
const CASE: &[&str] = &[
    "ның",
    "нің",
    "дың",
    "дің",
    "тың",
    "тің",
    "ны",
    "ні",
    "ды",
    "ді",
    "ты",
    "ті",
    "нда",
    "нде",
    "на",
    "не",
    "ға",
    "ге",
    "қа",
    "ке",
    "да",
    "де",
    "та",
    "те",
    "нан",
    "нен",
    "дан",
    "ден",
    "тан",
    "тен",
    "менен",
    "мен",
    "бен",
    "пен",
    "н",
    "а",
    "е", // typos seen in print: бабынын
    "нын",
    "нін",
];
const ATTRIBUTIVE: &[&str] = &["ғы", "гі"];

/// Whether `rest` is a (possibly empty) sequence of inflectional suffixes:
/// plural? possessive? case? attributive?
pub fn is_inflection(rest: &str) -> bool {
    const SLOTS: [&[&str]; 4] = [PLURAL, POSSESSIVE, CASE, ATTRIBUTIVE];
    // Each slot is optional and the slots come in order: a small depth-first search.
    fn from(rest: &str, slot: usize) -> bool {
        if rest.is_empty() {
            return true;
        }
        SLOTS[slot..].iter().enumerate().any(|(k, set)| {
            set.iter()
                .filter_map(|p| rest.strip_prefix(p))
                .any(|tail| from(tail, slot + k + 1))
        })
    }
    from(rest, 0)
}

/// Whether the lower-cased `word` is `stem` plus inflection.
pub fn is_form_of(word: &str, stem: &str) -> bool {
    word.strip_prefix(stem).is_some_and(is_inflection)
}

/// Whether `word` is plural (its inflection starts with a plural suffix).
pub fn is_plural_form(word: &str, stem: &str) -> bool {
    word.strip_prefix(stem)
        .is_some_and(|rest| PLURAL.iter().any(|p| rest.starts_with(p)))
}

/// The unit a full unit word names (`бабының` → Article, `тармақшасы` → Subpoint).
pub fn unit_word(word: &str) -> Option<Unit> {
    // Longer stems first: тармақша before тармақ.
    const STEMS: &[(&str, Unit)] = &[
        ("тармақша", Unit::Subpoint),
        ("тармақ", Unit::Point),
        ("тармағ", Unit::Point),
        ("бап", Unit::Article),
        ("баб", Unit::Article),
        ("бөлік", Unit::Part),
        ("бөліг", Unit::Part),
        ("тарау", Unit::Chapter),
    ];
    for &(stem, unit) in STEMS {
        if let Some(rest) = word.strip_prefix(stem) {
            // After an alternated stem (баб-, тармағ-, бөліг-) a vowel must follow.
            let alternated = matches!(stem, "баб" | "тармағ" | "бөліг");
            if alternated && !starts_with_vowel(rest) {
                continue;
            }
            if is_inflection(rest) {
                return Some(unit);
            }
        }
    }
    None
}

/// Whether `s` starts with the vowel an alternated stem takes before its suffix (баб-ы-ның).
fn starts_with_vowel(s: &str) -> bool {
    matches!(s.chars().next(), Some('ы' | 'і' | 'а' | 'е'))
}

/// "бөлім" (section) written for "бөлік" (part) right after an article: `2-бөлімінде`.
pub fn is_section_for_part(word: &str) -> bool {
    is_form_of(word, "бөлім")
}

/// A Russian unit word and whether it is an abbreviation that needs its period:
/// `ч.`/`части` (part), `п.`/`пункта`, `пп.`/`подпункта`, `ст.`/`статьи`, `гл.`/`главы`.
pub fn russian_unit(word: &str) -> Option<(Unit, bool)> {
    let abbreviated = match word {
        "ч" => Some(Unit::Part),
        "п" => Some(Unit::Point),
        "пп" | "подп" => Some(Unit::Subpoint),
        "ст" => Some(Unit::Article),
        "гл" => Some(Unit::Chapter),
        _ => None,
    };
    if let Some(unit) = abbreviated {
        return Some((unit, true));
    }
    const STEMS: &[(&str, Unit)] = &[
        ("подпункт", Unit::Subpoint),
        ("пункт", Unit::Point),
        ("част", Unit::Part),
        ("стать", Unit::Article),
        ("статей", Unit::Article),
        ("глав", Unit::Chapter),
    ];
    const ENDINGS: &[&str] = &[
        "", "а", "у", "ом", "е", "ы", "ов", "ам", "ами", "ах", "и", "ь", "ью", "ей", "ям", "ями",
        "ях", "я", "ю", "ёй", "ой",
    ];
    STEMS.iter().find_map(|&(stem, unit)| {
        word.strip_prefix(stem)
            .filter(|rest| ENDINGS.contains(rest))
            .map(|_| (unit, false))
    })
}

/// Russian noun endings, accepted on the last word of a registry name (`кодекса`).
pub fn is_russian_ending(rest: &str) -> bool {
    matches!(rest, "" | "а" | "у" | "ом" | "е" | "ы" | "ов" | "и")
}

/// An abbreviated unit: `б.` (бап, or бөлік after an article), `т.` / `тт.` (тармақ).
pub fn abbreviated_unit(word: &str) -> Option<Unit> {
    match word {
        "б" | "бб" => Some(Unit::Article),
        "т" | "тт" => Some(Unit::Point),
        _ => None,
    }
}

/// The number an ordinal numeral names (`бірінші` → 1, `оныншы` → 10).
pub fn ordinal(word: &str) -> Option<u32> {
    const ORDINALS: &[(&str, u32)] = &[
        ("бірінші", 1),
        ("екінші", 2),
        ("үшінші", 3),
        ("төртінші", 4),
        ("бесінші", 5),
        ("алтыншы", 6),
        ("жетінші", 7),
        ("сегізінші", 8),
        ("тоғызыншы", 9),
        ("оныншы", 10),
    ];
    ORDINALS.iter().find(|(w, _)| *w == word).map(|&(_, n)| n)
}

/// The month a Kazakh month name (with any suffix) or Russian genitive names.
pub fn month(word: &str) -> Option<u32> {
    const MONTHS: &[(&str, u32)] = &[
        ("қаңтар", 1),
        ("ақпан", 2),
        ("наурыз", 3),
        ("сәуір", 4),
        ("мамыр", 5),
        ("маусым", 6),
        ("шілде", 7),
        ("тамыз", 8),
        ("қыркүйек", 9),
        ("қазан", 10),
        ("қараша", 11),
        ("желтоқсан", 12),
        ("января", 1),
        ("февраля", 2),
        ("марта", 3),
        ("апреля", 4),
        ("мая", 5),
        ("июня", 6),
        ("июля", 7),
        ("августа", 8),
        ("сентября", 9),
        ("октября", 10),
        ("ноября", 11),
        ("декабря", 12),
    ];
    MONTHS
        .iter()
        .find(|(m, _)| word.starts_with(m))
        .map(|&(_, n)| n)
}

/// Conjunctions and separators that join list items: `11, 18-баптарын`,
/// `2 және 3-тармақтары`, `8) және 9) тармақшалармен`.
pub fn is_list_conjunction(word: &str) -> bool {
    matches!(
        word,
        "және" | "мен" | "немесе" | "бен" | "пен" | "и" | "или"
    )
}

/// What kind of act a head noun names; "осы" + head noun refers to the act the text is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Head {
    /// Заң, Заңы, Заңның, ҚРЗ …
    Law,
    /// Конституциялық заң, ҚРКЗ …
    ConstitutionalLaw,
    /// Кодекс, кодексі …
    Code,
    /// Нұсқаулық
    Instruction,
    /// Бұйрық
    Order,
    /// Қағидалар, Ереже
    Rules,
}

/// The head noun a single word is (`Заңының` → Law, `кодексіне` → Code).
pub fn head_noun(word: &str) -> Option<Head> {
    if is_form_of(word, "заң") {
        return Some(Head::Law);
    }
    if is_form_of(word, "кодекс") {
        return Some(Head::Code);
    }
    if is_form_of(word, "нұсқаулық") || is_form_of(word, "нұсқаулығ") {
        return Some(Head::Instruction);
    }
    if is_form_of(word, "бұйрық") || is_form_of(word, "бұйрығ") {
        return Some(Head::Order);
    }
    if is_form_of(word, "қағида") || is_form_of(word, "ереже") {
        return Some(Head::Rules);
    }
    None
}

/// Abbreviated head nouns that follow a quoted title: `"Прокуратура туралы" ҚРКЗ`.
/// ҚРЗК, ҚРЗР are misprints of ҚРКЗ seen in print; ҚРЗ is "ҚР Заңы".
pub fn head_abbreviation(text: &str) -> Option<Head> {
    match text {
        "ҚРКЗ" | "ҚРЗК" | "ҚРЗР" => Some(Head::ConstitutionalLaw),
        "ҚРЗ" => Some(Head::Law),
        _ => None,
    }
}

/// Case suffixes an abbreviation takes after a hyphen: `ҚПК-нің`, `ҚРКЗ-на`, `АПК-не`.
pub fn is_abbreviation_suffix(word: &str) -> bool {
    !word.is_empty() && word.chars().count() <= 5 && is_inflection(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_alternate_before_vowels() {
        for w in [
            "бап",
            "бабы",
            "бабының",
            "бабына",
            "бабында",
            "баптың",
            "бапта",
            "баптағы",
            "баптары",
            "баптарының",
            "баппен",
            "бабымен",
            "бабын",
            "бабынын",
        ] {
            assert_eq!(unit_word(w), Some(Unit::Article), "{w}");
        }
        for w in ["тармақ", "тармағы", "тармағының", "тармақтары", "тармаққа"]
        {
            assert_eq!(unit_word(w), Some(Unit::Point), "{w}");
        }
        for w in [
            "тармақша",
            "тармақшасы",
            "тармақшасындағы",
            "тармақшалармен",
        ] {
            assert_eq!(unit_word(w), Some(Unit::Subpoint), "{w}");
        }
        for w in ["бөлік", "бөлігі", "бөлігінің", "бөліктері", "бөлікпен"]
        {
            assert_eq!(unit_word(w), Some(Unit::Part), "{w}");
        }
        for w in ["тарау", "тарауы", "тарауының", "тараудың", "тарауларда"]
        {
            assert_eq!(unit_word(w), Some(Unit::Chapter), "{w}");
        }
    }

    #[test]
    fn derivations_are_not_forms() {
        assert!(!is_form_of("заңдылық", "заң"));
        assert!(!is_form_of("заңнамасы", "заң"));
        assert!(!is_form_of("конституциялық", "конституция"));
        assert!(is_form_of("конституциясының", "конституция"));
        assert_eq!(unit_word("бапкер"), None);
        assert_eq!(unit_word("баб"), None);
    }

    #[test]
    fn ordinals_and_months() {
        assert_eq!(ordinal("үшінші"), Some(3));
        assert_eq!(month("желтоқсандағы"), Some(12));
        assert_eq!(month("сәуірдегі"), Some(4));
    }
}
