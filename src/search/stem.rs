//! Stemming: a Kazakh suffix stripper written for this project, and Snowball Russian (via
//! the `rust-stemmers` crate, MIT / BSD-3-Clause) for Russian words.
//!
//! # The Kazakh stemmer
//!
//! Kazakh is agglutinative: a noun is `stem + plural + possessive + case`
//! (`орган·дар·ы·ның`, `бап·тар·ы·н`). The stemmer strips at most one suffix from each slot,
//! right to left — **case** (with the locative-relative `-дағы`), then **possessive**, then
//! **plural** — and accepts a suffix only when
//!
//! * its vowel agrees with the stem's last vowel (**vowel harmony**: `-лар/-дың` after back
//!   vowels а о ұ ы, `-лер/-дің` after front vowels ә е ө ү і; `и` counts as front; a final
//!   `у` or one after a vowel — the glide of `-ау/-еу` and the verbal noun `-у` — is a
//!   consonant and takes the harmony of the vowel before it, while `у` inside a loan
//!   (`институт`) is a back vowel);
//! * its first consonant fits the sound the stem ends in (**assimilation**): `-лар` after a
//!   vowel or р й у, `-дар` after л м н ң з ж, `-тар` after a voiceless consonant; `-ның`
//!   after a vowel or м н ң, `-дың` after р й у л з ж, `-тың` after a voiceless one; `-н`,
//!   `-на`, `-нда`, `-нан`, `-ндағы` only after a 3rd-person possessive `-ы/-і`; and so on
//!   (the tables below);
//! * at least [`MIN_STEM`] letters and a vowel remain (or one of the few two-letter roots
//!   `іс ел өз ой ер`), and the stem reached is not a protected word;
//! * the split is not one of the few that the grammar allows but that are almost always
//!   wrong (`жұмы·сы` for `жұмыс·ы`, `басш·ы` for `басшы`; see `ambiguous_split`).
//!
//! A pronominal case ending (`-н`, `-на`, `-нда`) is kept only if a possessive can be
//! stripped after it (`бабын → бап`, but `орын` stays). A relative form (`-дағы`, `-ғы`)
//! that was itself inflected (`мекемелеріндегілерге`) gets a second pass.
//!
//! Then the **consonant alternation** is undone: a stem-final `б г ғ` (which only arises
//! when a vowel-initial suffix voiced `п к қ`) is written `п к қ`, so `бабы → бап`,
//! `тармағы → тармақ`, `бөлігі → бөлік`, `кітабы → кітап`. Because the same rewrite is applied
//! to every word, a Russian loan that really ends in `г`/`б` (`педагог`) gets the same
//! stem (`педагок`) in all its forms, which is what matters for search. A few stems with
//! a dropped vowel are restored from a small table (`орны → орын`, `халқы → халық`), and
//! so are loans that take an epenthetic `і` (`актілері → акт`).
//!
//! **Derivational suffixes are never stripped**: in legal vocabulary they make different
//! terms. `заң` (law), `заңдылық` (legality) and `заңнама` (legislation) must not collide,
//! nor `қадағалау` (supervision) and `қадағалаушы` (supervisor), nor `қаулы` (resolution)
//! and `нұсқаулық` (instruction). Verb endings are not stripped either; the verbal noun in
//! `-у` (`қадағалау`, `ұйымдастыру`) and the participle in `-ған` (`сотталған`, "convicted")
//! are the forms legal texts use as terms, and they keep their ending.
//!
//! **Proper nouns and abbreviations.** Short all-capitals tokens (`ҚПК`, `ІІО`) are
//! abbreviations: the tokeniser drops a hyphenated ending (`ҚПК-нің`) and they are never
//! stemmed. Other proper nouns inflect like any noun (`Алматыда`, `Асановтың`) and are
//! stemmed so their forms meet; the protected list keeps those whose ending looks like a
//! suffix (`Қазақстан` is not `қазақс + тан`), and surnames in `-ов/-ев` are not taken for
//! Russian words.
//!
//! Known limits: the possessive `-ы/-і` cannot be told from a root-final `ы/і` without a
//! lexicon, so `кісі` stems to `кіс` (its forms `кісінің`, `кісіге` agree, `кісісі` does not);
//! words on the protected list are the roots where this would merge unrelated words.
//! Finite verbs and participles in `-атын/-етін` are not conflated (`келетін` → `келет`).
//! A Russian word with no Russian-only ending (`надзора`, `статья`) is stemmed as Kazakh when
//! indexed; query words try both stemmers ([`stem_candidates`]), so Russian queries still
//! reach Snowball stems and the ru → kk term list.
//!
//! No code or data was taken from other stemmers: the suffix tables follow standard
//! descriptions of Kazakh grammar and were tuned on this corpus (tests/stemmer.rs). The
//! ideas — ordered suffix classes, harmony checks, mutation reversal, proper-noun protection
//! — are those the project's reference notes (anchors.md §4.2) list for yupana's
//! `KazakhLightStemmer` (Apache-2.0) and pg_kazsearch; we read neither's code
//! (pg_kazsearch's code and data are LGPL-3.0+/CC BY-SA, apertium-kaz is GPL).

use std::sync::OnceLock;

use super::normalize::{has_kazakh_letter, TokenKind};

/// The shortest stem (in letters) the stripper will leave, except for the two-letter roots
/// in `SHORT_ROOTS`.
pub const MIN_STEM: usize = 3;

/// Two-letter roots that may be reached by stripping (`істер → іс`, `елдің → ел`).
const SHORT_ROOTS: &[&str] = &["іс", "ел", "өз", "ой", "ер"];

/// Words whose ending looks like a suffix but belongs to the root (or whose stripping would
/// merge them with an unrelated word). Stripping stops when it reaches one of them.
const PROTECTED: &[&str] = &[
    "қаулы",
    "туралы",
    "арқылы",
    "бойынша",
    "басқа",
    "қарсы",
    "өзге",
    "жалпы",
    "сияқты",
    "тағы",
    "ішкі",
    "сыртқы",
    "жоғары",
    "төмен",
    "әрі",
    "және",
    "немесе",
    "үшін",
    "кейін",
    "дейін",
    "бұрын",
    "қазақстан",
    "өзбекстан",
    "қырғызстан",
    "түркменстан",
    "тәжікстан",
    "ауғанстан",
    "пәкістан",
    "тұлға",
    // Roots ending in -ын/-ін, -ды/-ты, -да/-де, -ға/-гі… that look inflected.
    "орын",
    "кәсіпорын",
    "мәтін",
    "жақын",
    "шығын",
    "сайын",
    "буын",
    "тұрғын",
    "мүмкін",
    "бүгін",
    "күдікті",
    "қорытынды",
    "ерікті",
    "жарты",
    "саты",
    "жалақы",
    "пайда",
    "шілде",
    "нүкте",
    "кесте",
    "нұсқа",
    "үлгі",
    "белгі",
    "кедергі",
    "құрылғы",
    "қаржы",
    "сүргін",
    "егемен",
    "қысқа",
    "салдар",
];

/// Stems whose vowel drops before a vowel-initial suffix (`орын + ы → орны`), mapped back.
const ELIDED: &[(&str, &str)] = &[
    ("орн", "орын"),
    ("кәсіпорн", "кәсіпорын"),
    ("халқ", "халық"),
    ("ауз", "ауыз"),
    ("мұрн", "мұрын"),
    ("ерн", "ерін"),
    ("қарн", "қарын"),
    ("әрп", "әріп"),
    ("ерк", "ерік"),
    ("бөрк", "бөрік"),
    ("парқ", "парық"),
    ("құлқ", "құлық"),
    // Russian loans that take an epenthetic і before Kazakh suffixes (`акт → актісі`).
    ("акті", "акт"),
    ("факті", "факт"),
    ("объекті", "объект"),
    ("субъекті", "субъект"),
    ("контракті", "контракт"),
    ("аспекті", "аспект"),
];

/// What a suffix may follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum After {
    /// A vowel (у and й count as consonants).
    Vowel,
    /// р, й, у.
    Ryu,
    /// л.
    L,
    /// м, н, ң.
    Nasal,
    /// з, ж.
    Zh,
    /// A voiceless consonant, or б в г д ғ (which end loans and alternating stems).
    Voiceless,
    /// The 3rd-person possessive vowel `ы/і` (the suffix is "pronominal": -н, -на, -нда…).
    Poss3,
}

/// Vowel class of a suffix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Harmony {
    Back,
    Front,
    /// Harmony-neutral (the instrumental -мен/-бен/-пен).
    Any,
}

/// One suffix: its text, its harmony and what it may follow.
struct Suffix {
    text: &'static str,
    harmony: Harmony,
    after: &'static [After],
}

use After::*;
use Harmony::*;

const SONORANT: &[After] = &[Vowel, Ryu, L, Nasal, Zh];
const VOWEL_OR_RYU: &[After] = &[Vowel, Ryu];
const L_NASAL_ZH: &[After] = &[L, Nasal, Zh];
const RYU_L_ZH: &[After] = &[Ryu, L, Zh];
const VOWEL_NASAL: &[After] = &[Vowel, Nasal];
const VOWEL_RYU_L_ZH: &[After] = &[Vowel, Ryu, L, Zh];
const NASAL_POSS3: &[After] = &[Nasal, Poss3];
const VOICELESS: &[After] = &[Voiceless];
const POSS3: &[After] = &[Poss3];
const VOWEL: &[After] = &[Vowel];
const CONSONANT: &[After] = &[Ryu, L, Nasal, Zh, Voiceless];
const RYU_L_NASAL_ZH: &[After] = &[Ryu, L, Nasal, Zh];
const VOWEL_RYU_L_NASAL: &[After] = &[Vowel, Ryu, L, Nasal, Poss3];
const NASAL_ZH: &[After] = &[Nasal, Zh];

macro_rules! sfx {
    ($text:expr, $harmony:expr, $after:expr) => {
        Suffix {
            text: $text,
            harmony: $harmony,
            after: $after,
        }
    };
}

/// Case endings (and the locative-relative -дағы, which behaves like one).
const CASE: &[Suffix] = &[
    // Locative + relative -ғы: "in/at … (which is)".
    sfx!("ндағы", Back, POSS3),
    sfx!("ндегі", Front, POSS3),
    sfx!("дағы", Back, SONORANT),
    sfx!("дегі", Front, SONORANT),
    sfx!("тағы", Back, VOICELESS),
    sfx!("тегі", Front, VOICELESS),
    // Relative -ғы without the locative (`жылғы`, `қазіргі`, `бастапқы`).
    sfx!("ғы", Back, RYU_L_NASAL_ZH),
    sfx!("гі", Front, RYU_L_NASAL_ZH),
    sfx!("қы", Back, VOICELESS),
    sfx!("кі", Front, VOICELESS),
    // Instrumental (harmony-neutral in the modern spelling).
    sfx!("менен", Any, VOWEL_RYU_L_NASAL),
    sfx!("бенен", Any, NASAL_ZH),
    sfx!("пенен", Any, VOICELESS),
    sfx!("мен", Any, VOWEL_RYU_L_NASAL),
    sfx!("бен", Any, NASAL_ZH),
    sfx!("пен", Any, VOICELESS),
    // Genitive.
    sfx!("ның", Back, VOWEL_NASAL),
    sfx!("нің", Front, VOWEL_NASAL),
    sfx!("дың", Back, RYU_L_ZH),
    sfx!("дің", Front, RYU_L_ZH),
    sfx!("тың", Back, VOICELESS),
    sfx!("тің", Front, VOICELESS),
    // Ablative.
    sfx!("нан", Back, NASAL_POSS3),
    sfx!("нен", Front, NASAL_POSS3),
    sfx!("дан", Back, VOWEL_RYU_L_ZH),
    sfx!("ден", Front, VOWEL_RYU_L_ZH),
    sfx!("тан", Back, VOICELESS),
    sfx!("тен", Front, VOICELESS),
    // Locative.
    sfx!("нда", Back, POSS3),
    sfx!("нде", Front, POSS3),
    sfx!("да", Back, SONORANT),
    sfx!("де", Front, SONORANT),
    sfx!("та", Back, VOICELESS),
    sfx!("те", Front, VOICELESS),
    // Dative.
    sfx!("ға", Back, SONORANT),
    sfx!("ге", Front, SONORANT),
    sfx!("қа", Back, VOICELESS),
    sfx!("ке", Front, VOICELESS),
    sfx!("на", Back, POSS3),
    sfx!("не", Front, POSS3),
    // Accusative.
    sfx!("ны", Back, VOWEL),
    sfx!("ні", Front, VOWEL),
    sfx!("ды", Back, RYU_L_NASAL_ZH),
    sfx!("ді", Front, RYU_L_NASAL_ZH),
    sfx!("ты", Back, VOICELESS),
    sfx!("ті", Front, VOICELESS),
    sfx!("н", Any, POSS3),
];

/// Possessive endings: 3rd person, 1st person plural, polite 2nd person.
const POSSESSIVE: &[Suffix] = &[
    sfx!("ымыз", Back, CONSONANT),
    sfx!("іміз", Front, CONSONANT),
    sfx!("мыз", Back, VOWEL),
    sfx!("міз", Front, VOWEL),
    sfx!("ыңыз", Back, CONSONANT),
    sfx!("іңіз", Front, CONSONANT),
    sfx!("ңыз", Back, VOWEL),
    sfx!("ңіз", Front, VOWEL),
    sfx!("сы", Back, VOWEL),
    sfx!("сі", Front, VOWEL),
    sfx!("ы", Back, CONSONANT),
    sfx!("і", Front, CONSONANT),
];

/// Plural endings.
const PLURAL: &[Suffix] = &[
    sfx!("лар", Back, VOWEL_OR_RYU),
    sfx!("лер", Front, VOWEL_OR_RYU),
    sfx!("дар", Back, L_NASAL_ZH),
    sfx!("дер", Front, L_NASAL_ZH),
    sfx!("тар", Back, VOICELESS),
    sfx!("тер", Front, VOICELESS),
];

fn is_back_vowel(c: char) -> bool {
    matches!(c, 'а' | 'о' | 'ұ' | 'ы' | 'я' | 'ю' | 'ё')
}

fn is_front_vowel(c: char) -> bool {
    matches!(c, 'ә' | 'е' | 'ө' | 'ү' | 'і' | 'э' | 'и')
}

fn is_vowel(c: char) -> bool {
    is_back_vowel(c) || is_front_vowel(c)
}

/// The harmony class of a stem: that of its last vowel (у is skipped), if any.
fn stem_harmony(stem: &[char]) -> Option<Harmony> {
    (0..stem.len()).rev().find_map(|i| {
        let c = stem[i];
        if is_back_vowel(c) || (c == 'у' && is_full_vowel_u(stem, i)) {
            Some(Back)
        } else if is_front_vowel(c) {
            Some(Front)
        } else {
            None
        }
    })
}

/// Is the `у` at `i` a vowel (`институт`, `сұрақ` in loans) rather than the glide of `-ау`,
/// `-еу` or the verbal noun `-у` (`қадағалау`, `тексеру`), which takes the harmony of the
/// vowel before it?
fn is_full_vowel_u(stem: &[char], i: usize) -> bool {
    let final_u = i + 1 == stem.len();
    let after_vowel = i > 0 && is_vowel(stem[i - 1]);
    !final_u && !after_vowel
}

/// The sound class a stem ends in.
fn ending_class(stem: &[char]) -> Option<After> {
    let last = *stem.last()?;
    Some(match last {
        'р' | 'й' | 'у' => Ryu,
        'л' => L,
        'м' | 'н' | 'ң' => Nasal,
        'з' | 'ж' => Zh,
        c if is_vowel(c) => Vowel,
        c if c.is_alphabetic() => Voiceless,
        _ => return None,
    })
}

fn allowed_after(stem: &[char], after: &[After]) -> bool {
    let Some(class) = ending_class(stem) else {
        return false;
    };
    after.iter().any(|&a| match a {
        Poss3 => matches!(stem.last(), Some('ы' | 'і')) && stem.len() >= 2,
        other => other == class,
    })
}

fn harmony_agrees(stem: &[char], harmony: Harmony) -> bool {
    match (harmony, stem_harmony(stem)) {
        (Any, _) | (_, None) => true,
        (wanted, Some(found)) => wanted == found,
    }
}

fn long_enough(stem: &[char]) -> bool {
    if !stem.iter().any(|&c| is_vowel(c) || c == 'у') {
        return false;
    }
    if stem.len() >= MIN_STEM {
        return true;
    }
    let text: String = stem.iter().collect();
    SHORT_ROOTS.contains(&text.as_str())
}

fn is_protected(stem: &[char]) -> bool {
    let text: String = stem.iter().collect();
    PROTECTED.contains(&text.as_str())
}

/// Strips the longest acceptable suffix of one slot and returns it.
fn strip_slot(word: &mut Vec<char>, slot: &'static [Suffix]) -> Option<&'static Suffix> {
    for suffix in slot {
        // Most suffixes end in another letter than the word: one comparison rules them out.
        if suffix.text.chars().next_back() != word.last().copied() {
            continue;
        }
        let len = suffix.text.chars().count();
        if word.len() <= len
            || !word[word.len() - len..]
                .iter()
                .copied()
                .eq(suffix.text.chars())
        {
            continue;
        }
        let stem = &word[..word.len() - len];
        if long_enough(stem)
            && harmony_agrees(stem, suffix.harmony)
            && allowed_after(stem, suffix.after)
            && !ambiguous_split(stem, suffix)
        {
            word.truncate(word.len() - len);
            return Some(suffix);
        }
    }
    None
}

/// Splits that the grammar allows but that are almost always wrong:
///
/// * `-сы/-сі` after a stem ending in `ы/і` (`жұмы·сы`): the stem ends in `-ыс/-іс`
///   (`жұмыс·ы`, `қылмыс·ы`), a very common derivational ending — unless the stem is an
///   agent noun in `-шы/-ші` (`басшы·сы`) or a protected word (`қаулы·сы`);
/// * `-ы/-і` after a stem of four or more letters ending in `ш` (`басш·ы`): that is the
///   agent or ordinal suffix `-шы/-ші` (`басшы`, `айыпталушы`, `бірінші`), not a possessive.
fn ambiguous_split(stem: &[char], suffix: &Suffix) -> bool {
    match suffix.text {
        "сы" | "сі" => {
            matches!(stem.last(), Some('ы' | 'і'))
                && stem.len() >= 2
                && stem[stem.len() - 2] != 'ш'
                && !is_protected(stem)
        }
        "ы" | "і" => stem.len() >= 4 && stem.last() == Some(&'ш'),
        _ => false,
    }
}

/// Is this the relative suffix (-ғы, -дағы…), which can itself take endings?
fn is_relative(suffix: &Suffix) -> bool {
    ["ғы", "гі", "қы", "кі"]
        .iter()
        .any(|r| suffix.text.ends_with(r))
}

/// Writes a stem-final voiced б/г/ғ as п/к/қ and restores a dropped vowel.
fn undo_alternation(stem: &mut Vec<char>) {
    if let Some(last) = stem.last_mut() {
        *last = match *last {
            'б' => 'п',
            'г' => 'к',
            'ғ' => 'қ',
            other => other,
        };
    }
    let text: String = stem.iter().collect();
    if let Some((_, full)) = ELIDED.iter().find(|(short, _)| *short == text) {
        *stem = full.chars().collect();
    }
}

/// Stems a lower-case Kazakh word.
pub fn stem_kazakh(word: &str) -> String {
    let mut chars: Vec<char> = word.chars().collect();
    if chars.len() < MIN_STEM || !chars.iter().all(|c| c.is_alphabetic()) || is_protected(&chars) {
        return word.to_string();
    }
    let before_case = chars.clone();
    let case = strip_slot(&mut chars, CASE);
    if case.is_some() && is_protected(&chars) {
        return chars.into_iter().collect();
    }
    let possessive = strip_slot(&mut chars, POSSESSIVE);
    if case.is_some_and(|c| c.after == POSS3) && possessive.is_none() {
        // `-н`, `-на`, `-нда`… only follow a possessive; without one the `н` is the root's
        // (`орын`, `мәтін`): undo the case split and try the possessive slot on the word.
        chars = before_case;
        strip_slot(&mut chars, POSSESSIVE);
    }
    if is_protected(&chars) {
        return chars.into_iter().collect();
    }
    let plural = strip_slot(&mut chars, PLURAL);
    // `мекеме·лер·і·ндегі·лер·ге`: a relative form (-дағы, -ғы) can itself be inflected.
    if case.is_some() || possessive.is_some() || plural.is_some() {
        let mut again = chars.clone();
        if strip_slot(&mut again, CASE).is_some_and(is_relative) && !is_protected(&again) {
            chars = again;
            strip_slot(&mut chars, POSSESSIVE);
            strip_slot(&mut chars, PLURAL);
        }
    }
    undo_alternation(&mut chars);
    chars.into_iter().collect()
}

fn russian_stemmer() -> &'static rust_stemmers::Stemmer {
    static STEMMER: OnceLock<rust_stemmers::Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::Russian))
}

/// Stems a lower-case Russian word with Snowball Russian.
pub fn stem_russian(word: &str) -> String {
    russian_stemmer().stem(word).into_owned()
}

/// Endings that mark a word without Kazakh letters as Russian (adjective, participle,
/// noun and verb inflections Kazakh words do not have).
const RUSSIAN_ENDINGS: &[&str] = &[
    "ый", "ий", "ая", "яя", "ое", "ее", "ые", "кие", "тие", "бие", "ого", "его", "ому", "ему",
    "ыми", "ими", "ых", "ть", "ться", "тся", "ся", "ние", "нию", "нии", "ции", "цию", "ость",
    "ости", "ью", "ами", "ями", "ям", "ях", "ьи", "ьей", "ьям", "ьями", "ьях",
];

/// Which language a lower-case word most likely is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    Kazakh,
    Russian,
}

/// Guesses the language of a lower-case word: Kazakh if it has a Kazakh letter, Russian if
/// it has `ъ` or a Russian-only inflection, Kazakh otherwise. (`ь`, `э`, `щ` occur in Kazakh
/// loans such as `бельгия`, `электронды`; `-ов/-ев` ends Kazakh surnames.)
pub fn guess_language(word: &str) -> Language {
    if has_kazakh_letter(word) {
        return Language::Kazakh;
    }
    if word.contains('ъ') {
        return Language::Russian;
    }
    if word.chars().count() >= 4 && RUSSIAN_ENDINGS.iter().any(|e| word.ends_with(e)) {
        return Language::Russian;
    }
    Language::Kazakh
}

/// The index key of a normalised token: a stem for words (by guessed language), the text
/// itself for numbers, abbreviations and legal tokens.
pub fn stem_token(kind: TokenKind, text: &str) -> String {
    match kind {
        TokenKind::Word => stem_word(text),
        TokenKind::Number | TokenKind::Abbreviation | TokenKind::Legal => text.to_string(),
    }
}

/// Stems a normalised (lower-case) word in its guessed language.
pub fn stem_word(word: &str) -> String {
    match guess_language(word) {
        Language::Kazakh => stem_kazakh(word),
        Language::Russian => stem_russian(word),
    }
}

/// Every key a query word could have been indexed under: its stem in the guessed language
/// and, for a word with no Kazakh letter, its Russian stem as well (a Russian query word
/// such as `прокурора` has no Russian-only ending, yet must reach `прокурор`).
pub fn stem_candidates(word: &str) -> Vec<String> {
    let mut out = vec![stem_word(word)];
    if !has_kazakh_letter(word) {
        for other in [stem_kazakh(word), stem_russian(word)] {
            if !out.contains(&other) {
                out.push(other);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(word: &str) -> String {
        stem_kazakh(word)
    }

    #[test]
    fn case_possessive_and_plural_are_stripped_in_order() {
        assert_eq!(s("органдарының"), "орган");
        assert_eq!(s("баптарын"), "бап");
        assert_eq!(s("прокурорларға"), "прокурор");
        assert_eq!(s("мекемелерінде"), "мекеме");
        assert_eq!(s("республикасының"), "республика");
    }

    #[test]
    fn consonant_alternation_is_undone() {
        assert_eq!(s("бабы"), "бап");
        assert_eq!(s("тармағы"), "тармақ");
        assert_eq!(s("бөлігі"), "бөлік");
        assert_eq!(s("кітабы"), "кітап");
        assert_eq!(s("заңдылығын"), "заңдылық");
    }

    #[test]
    fn dropped_vowels_are_restored() {
        assert_eq!(s("орны"), "орын");
        assert_eq!(s("орнында"), "орын");
        assert_eq!(s("халқының"), "халық");
    }

    #[test]
    fn harmony_and_assimilation_block_false_suffixes() {
        // "-ы" after a vowel is not a possessive (that would be "-сы").
        assert_eq!(s("жаза"), "жаза");
        // "-нда" needs a possessive vowel before it; "органда" is орган + да.
        assert_eq!(s("органда"), "орган");
        // A front suffix on a back stem is not stripped.
        assert_eq!(s("адамдер"), "адамдер");
    }

    #[test]
    fn short_roots_and_protected_words_survive() {
        assert_eq!(s("осы"), "осы");
        assert_eq!(s("істер"), "іс");
        assert_eq!(s("қаулы"), "қаулы");
        assert_eq!(s("қаулысы"), "қаулы");
        assert_eq!(s("қаулының"), "қаулы");
        assert_eq!(s("туралы"), "туралы");
    }

    #[test]
    fn derivational_suffixes_stay() {
        assert_eq!(s("заңдылық"), "заңдылық");
        assert_ne!(s("заңдылығы"), s("заңы"));
        assert_eq!(s("нұсқаулыққа"), "нұсқаулық");
        assert_eq!(s("қадағалауды"), "қадағалау");
    }

    #[test]
    fn russian_words_use_snowball() {
        assert_eq!(guess_language("прокурорский"), Language::Russian);
        assert_eq!(guess_language("прокурор"), Language::Kazakh);
        assert_eq!(stem_word("прокурорский"), stem_russian("прокурорского"));
        assert_eq!(stem_word("осужденные"), stem_russian("осужденный"));
        assert!(stem_candidates("прокурора").contains(&"прокурор".to_string()));
    }

    #[test]
    fn odd_input_does_not_panic() {
        for word in ["", "н", "ны", "ын", "ның", "123", "a-b", "ъъъ", "ы"] {
            let _ = stem_kazakh(word);
            let _ = stem_word(word);
        }
    }
}
