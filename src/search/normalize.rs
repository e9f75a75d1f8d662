//! Text normalisation and tokenisation, shared by the index writer and the query parser so
//! that both sides see the same tokens.
//!
//! What happens to text, in order:
//!
//! 1. **Look-alike letters.** Latin letters inside otherwise Cyrillic words become their
//!    Kazakh twins (`мемлекеттiк` with a Latin `i` → `мемлекеттік`), through
//!    [`crate::normalize::text::fold_latin_lookalikes`]. Letters from other Cyrillic
//!    alphabets and from Latin-script Kazakh fonts that are drawn like Kazakh letters are
//!    folded too: `ə Ə` (Latin schwa) → `ә Ә`, `ɵ Ɵ` and `ѳ` → `ө`, `ҡ ӄ` → `қ`, `ҥ ӊ ӈ` → `ң`.
//!    These are safe because no Kazakh or Russian word uses the originals.
//! 2. **ё → е**, a combining breve after `и` → `й`; soft hyphens, zero-width characters and
//!    combining stress marks are dropped.
//! 3. **Lower-casing** (Unicode), after the token's case has been looked at: a short
//!    all-capitals token such as `ҚПК` or `ІІО` is an abbreviation and is never stemmed.
//! 4. **Optional у/ү/ұ folding** ([`NormalizeOptions::fold_u`], off by default): `ү` and `ұ`
//!    become `у` in index keys on both the index and the query side, for collections where
//!    typists confuse the three. It is applied after stemming ([`fold_u`]), and it merges real
//!    minimal pairs (`ұл` "son" / `үл` "pattern"), so it is opt-in.
//!
//! Russian-keyboard substitutions (`ә→а ғ→г қ→к ң→н ө→о ұ→у ү→у һ→х і→и`) are **not** applied
//! to text, because they would merge distinct Kazakh words (`қаз`/`каз`, `өз`/`оз`).
//! [`keyboard_fold`] gives the folded form; the engine uses it only to look a query word that
//! has no Kazakh letter at all up in the index's own vocabulary (see `engine.rs`).
//!
//! Tokenisation rules:
//!
//! * letters and digits make tokens; everything else separates them;
//! * hyphen-joined numbers stay one token (`3-1`, `26-1`), and so do dotted numbers
//!   (`21.10.2021`, `1.2`) and law numbers with a Roman suffix (`374-IV` → `374-iv`);
//! * `40-бабы` gives the number `40`, the word `бабы` and the legal token `§art:40`;
//!   the unit words are бап (article), тармақ (item), тармақша (sub-item), бөлік (part),
//!   тарау (chapter), and Russian статья/ст., пункт/п., часть/ч., глава/гл. written before
//!   the number (`статья 40`);
//! * an abbreviation right before an article number adds an act-qualified token
//!   (`ҚРКЗ 26-бап`, `ҚК-нің 40-бабы`, `ҚРКЗ 26` → `§art:қркз:26`);
//! * an abbreviation with a hyphenated case ending keeps only the abbreviation
//!   (`ҚПК-нің` → `қпк`);
//! * other hyphenated words split into their parts (`интернет-ресурсында` → `интернет`,
//!   `ресурсында`).

use crate::normalize::chars::{is_alphabetic, is_alphanumeric, lowercase_into};
use crate::normalize::text::fold_latin_lookalikes;

/// Switches for the optional folds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NormalizeOptions {
    /// Fold `ү` and `ұ` into `у` (both sides). Off by default.
    pub fold_u: bool,
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// A word, lower-cased; the stemmer will see it.
    Word,
    /// Digits, possibly joined by hyphens or dots (`40`, `3-1`, `21.10.2021`).
    Number,
    /// A short all-capitals abbreviation, lower-cased (`қпк`); never stemmed.
    Abbreviation,
    /// A legal reference key such as `§art:40` or `§art:қркз:26`. It shares the position
    /// of its number and takes no part in phrase matching.
    Legal,
}

/// One token with its position in the token stream (legal tokens reuse their number's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub text: String,
    pub position: u32,
}

/// The prefix of every legal token; it cannot occur in a word token.
pub const LEGAL_PREFIX: char = '§';

/// A structural unit a number can be attached to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Article,
    Item,
    SubItem,
    Part,
    Chapter,
}

impl Unit {
    fn key(self) -> &'static str {
        match self {
            Unit::Article => "art",
            Unit::Item => "item",
            Unit::SubItem => "subitem",
            Unit::Part => "part",
            Unit::Chapter => "chapter",
        }
    }
}

/// Builds the legal token for `unit` number `number`, optionally qualified by an act
/// abbreviation: `§art:40`, `§art:қркз:26`.
pub fn legal_token(unit_key: &str, act: Option<&str>, number: &str) -> String {
    match act {
        Some(act) => format!("{LEGAL_PREFIX}{unit_key}:{act}:{number}"),
        None => format!("{LEGAL_PREFIX}{unit_key}:{number}"),
    }
}

/// The Kazakh unit a (lower-case) word written after a number names, if any.
/// Matching is by the start of the word so every case form counts (бабы, бабының, баптар).
fn kazakh_unit(word: &str) -> Option<Unit> {
    if word.starts_with("тармақш") {
        Some(Unit::SubItem)
    } else if word.starts_with("бап") || word.starts_with("баб") {
        Some(Unit::Article)
    } else if word.starts_with("тармақ") || word.starts_with("тармағ") {
        Some(Unit::Item)
    } else if word.starts_with("бөлік") || word.starts_with("бөліг") {
        Some(Unit::Part)
    } else if word.starts_with("тарау") {
        Some(Unit::Chapter)
    } else {
        None
    }
}

/// The Russian unit a (lower-case) word written before a number names, if any.
fn russian_unit(word: &str) -> Option<Unit> {
    match word {
        "ст" => return Some(Unit::Article),
        "п" | "пп" => return Some(Unit::Item),
        "ч" => return Some(Unit::Part),
        "гл" => return Some(Unit::Chapter),
        _ => {}
    }
    if word.starts_with("стать") || word.starts_with("статей") {
        Some(Unit::Article)
    } else if word.starts_with("подпункт") {
        Some(Unit::SubItem)
    } else if word.starts_with("пункт") {
        Some(Unit::Item)
    } else if word.starts_with("част") {
        Some(Unit::Part)
    } else if word.starts_with("глав") {
        Some(Unit::Chapter)
    } else {
        None
    }
}

/// Letters only Kazakh (not Russian) uses.
pub fn is_kazakh_letter(c: char) -> bool {
    matches!(
        c,
        'ә' | 'ғ'
            | 'қ'
            | 'ң'
            | 'ө'
            | 'ұ'
            | 'ү'
            | 'һ'
            | 'і'
            | 'Ә'
            | 'Ғ'
            | 'Қ'
            | 'Ң'
            | 'Ө'
            | 'Ұ'
            | 'Ү'
            | 'Һ'
            | 'І'
    )
}

/// Does the word contain a letter only Kazakh uses?
pub fn has_kazakh_letter(word: &str) -> bool {
    word.chars().any(is_kazakh_letter)
}

/// The word as typed on a Russian keyboard: every Kazakh letter replaced by the Russian
/// letter people type instead (`ә→а ғ→г қ→к ң→н ө→о ұ→у ү→у һ→х і→и`). Lower-case input.
pub fn keyboard_fold(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            'ә' => 'а',
            'ғ' => 'г',
            'қ' => 'к',
            'ң' => 'н',
            'ө' => 'о',
            'ұ' | 'ү' => 'у',
            'һ' => 'х',
            'і' => 'и',
            other => other,
        })
        .collect()
}

/// Character-level folds that keep case: look-alikes from other alphabets and ё.
/// `None` means "drop this character".
fn fold_char(c: char) -> Option<char> {
    let folded = match c {
        'ə' => 'ә',
        'Ə' => 'Ә',
        'ɵ' | 'ѳ' => 'ө',
        'Ɵ' | 'Ѳ' => 'Ө',
        'ҡ' | 'ӄ' => 'қ',
        'Ҡ' | 'Ӄ' => 'Қ',
        'ҥ' | 'ӊ' | 'ӈ' => 'ң',
        'Ҥ' | 'Ӊ' | 'Ӈ' => 'Ң',
        'ё' => 'е',
        'Ё' => 'Е',
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => return None,
        // Combining acute/grave (stress marks) and diaeresis (е + ̈ = ё → е).
        '\u{0300}' | '\u{0301}' | '\u{0308}' => return None,
        other => other,
    };
    Some(folded)
}

/// Applies the look-alike folds and character folds to a whole text, keeping case.
pub fn fold_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_text_into(text, &mut out);
    out
}

/// [`fold_text`], appended to `out`. Runs of characters that need no fold (nearly all of
/// a text) are copied whole.
fn fold_text_into(text: &str, out: &mut String) {
    let start = out.len();
    let latin_folded = fold_latin_lookalikes(text);
    let text = latin_folded.as_ref();
    let mut run = 0;
    for (i, c) in text.char_indices() {
        let folded = fold_char(c);
        if c != '\u{0306}' && folded == Some(c) {
            continue;
        }
        out.push_str(&text[run..i]);
        run = i + c.len_utf8();
        if c == '\u{0306}' {
            // Combining breve: и + ̆ is й.
            match out[start..].chars().next_back() {
                Some('и') => {
                    out.pop();
                    out.push('й');
                }
                Some('И') => {
                    out.pop();
                    out.push('Й');
                }
                _ => {}
            }
        } else if let Some(f) = folded {
            out.push(f);
        }
    }
    out.push_str(&text[run..]);
}

/// Normalises one word the way the tokeniser does (folds and lower-casing).
pub fn normalize_word(word: &str) -> String {
    fold_text(word).to_lowercase()
}

/// The optional у-fold ([`NormalizeOptions::fold_u`]): `ү` and `ұ` become `у`. It is applied
/// to index keys and surface words *after* stemming (see [`crate::search::analyze`]), because
/// the stemmer needs the real letters for vowel harmony.
pub fn fold_u(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'ү' | 'ұ' => 'у',
            'Ү' | 'Ұ' => 'У',
            other => other,
        })
        .collect()
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}')
}

fn is_number(part: &str) -> bool {
    !part.is_empty()
        && part.chars().next().is_some_and(|c| c.is_ascii_digit())
        && part.chars().all(|c| c.is_ascii_digit() || c == '.')
}

fn is_roman(part: &str) -> bool {
    !part.is_empty()
        && part
            .chars()
            .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'D' | 'M'))
}

fn is_vowel(c: char) -> bool {
    matches!(
        c.to_lowercase().next().unwrap_or(c),
        'а' | 'ә' | 'е' | 'ё' | 'и' | 'о' | 'ө' | 'у' | 'ұ' | 'ү' | 'ы' | 'і' | 'э' | 'ю' | 'я'
    )
}

fn is_all_caps(part: &str) -> bool {
    part.chars().all(|c| c.is_uppercase()) && part.chars().count() >= 2
}

/// Is an all-capitals token an abbreviation rather than a word set in capitals (a heading's
/// `ЖАЛПЫ ЕРЕЖЕЛЕР`)? Abbreviations are short and have few vowels: `ҚПК`, `ІІО`, `ҚРКЗ`.
/// With a hyphenated ending (`ҚПК-нің`) any all-capitals part up to 8 letters counts.
fn is_abbreviation(part: &str, has_suffix: bool) -> bool {
    if !is_all_caps(part) || !part.chars().all(is_alphabetic) {
        return false;
    }
    let letters = part.chars().count();
    let vowels = part.chars().filter(|&c| is_vowel(c)).count();
    if has_suffix {
        return letters <= 8;
    }
    letters <= 3 || (letters <= 5 && vowels <= 1)
}

/// One token of a [`TokenBuffer`]: its text is a range of the buffer's text.
#[derive(Debug, Clone, Copy)]
struct Span {
    kind: TokenKind,
    start: usize,
    end: usize,
    position: u32,
}

/// A token borrowed from a [`TokenBuffer`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenRef<'a> {
    pub kind: TokenKind,
    pub text: &'a str,
    pub position: u32,
}

/// The tokens of one text with their texts back to back in one string: what [`tokenize`]
/// returns, without a string per token. The indexer fills one buffer per thread for every
/// passage, so tokenising allocates nothing once the buffer has grown.
#[derive(Debug, Default)]
pub struct TokenBuffer {
    /// Every token's text, back to back.
    text: String,
    /// The tokens in stream order, legal tokens right after their number.
    spans: Vec<Span>,
    /// Scratch: the tokens before legal ones are merged in, the legal ones, the folded text
    /// and the chunk being split.
    plain: Vec<Span>,
    legal: Vec<Span>,
    folded: String,
    chunk: String,
}

impl TokenBuffer {
    /// Tokenises `text` (see the module comment), replacing what the buffer held.
    pub fn fill(&mut self, text: &str) {
        self.text.clear();
        self.spans.clear();
        self.plain.clear();
        self.legal.clear();
        self.folded.clear();
        fold_text_into(text, &mut self.folded);
        let folded = std::mem::take(&mut self.folded);
        let mut position: u32 = 0;
        let mut chunks = Chunks::new(&folded);
        while chunks.next_into(&mut self.chunk) {
            self.push_pieces(&mut position);
        }
        self.folded = folded;
        self.push_legal();
        self.merge_legal();
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The token at `i` in stream order.
    pub fn get(&self, i: usize) -> Option<TokenRef<'_>> {
        self.spans.get(i).map(|span| self.token(span))
    }

    /// The tokens in stream order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = TokenRef<'_>> + '_ {
        self.spans.iter().map(|span| self.token(span))
    }

    fn token(&self, span: &Span) -> TokenRef<'_> {
        TokenRef {
            kind: span.kind,
            text: &self.text[span.start..span.end],
            position: span.position,
        }
    }

    /// Classifies the hyphen-separated parts of the current chunk and appends them.
    fn push_pieces(&mut self, position: &mut u32) {
        let chunk = std::mem::take(&mut self.chunk);
        if chunk.contains('-') {
            let parts: Vec<&str> = chunk.split('-').filter(|p| !p.is_empty()).collect();
            self.push_parts(&parts, position);
        } else {
            self.push_parts(&[chunk.as_str()], position);
        }
        self.chunk = chunk;
    }

    fn push_parts(&mut self, parts: &[&str], position: &mut u32) {
        let mut i = 0;
        while i < parts.len() {
            let part = parts[i];
            let start = self.text.len();
            let kind = if is_number(part) {
                self.text.push_str(part);
                while let Some(next) = parts.get(i + 1) {
                    if is_number(next) || (is_roman(next) && next.len() <= 4) {
                        self.text.push('-');
                        self.text.push_str(&next.to_lowercase());
                        i += 1;
                    } else {
                        break;
                    }
                }
                TokenKind::Number
            } else if i == 0 && is_abbreviation(part, parts.len() > 1) {
                lowercase_into(part, &mut self.text);
                // A lower-case ending after an abbreviation is a case suffix: drop it.
                while parts
                    .get(i + 1)
                    .is_some_and(|p| p.chars().all(char::is_lowercase))
                {
                    i += 1;
                }
                TokenKind::Abbreviation
            } else {
                lowercase_into(part, &mut self.text);
                TokenKind::Word
            };
            self.plain.push(Span {
                kind,
                start,
                end: self.text.len(),
                position: *position,
            });
            *position = position.saturating_add(1);
            i += 1;
        }
    }

    fn plain_text(&self, span: &Span) -> &str {
        &self.text[span.start..span.end]
    }

    /// Finds legal references among the plain tokens (see the module comment for the forms).
    fn push_legal(&mut self) {
        for i in 0..self.plain.len() {
            let token = self.plain[i];
            let number = self.plain_text(&token);
            if token.kind != TokenKind::Number || number.contains('.') {
                continue;
            }
            let number = number.to_string();
            let before = i.checked_sub(1).map(|j| self.plain[j]);
            let after = self.plain.get(i + 1).copied();
            let text_of = |span: Option<Span>, kind: TokenKind| {
                span.filter(|t| t.kind == kind)
                    .map(|t| self.plain_text(&t).to_string())
            };
            let unit_after = text_of(after, TokenKind::Word).and_then(|t| kazakh_unit(&t));
            let unit_before = text_of(before, TokenKind::Word).and_then(|t| russian_unit(&t));
            let act_before = text_of(before, TokenKind::Abbreviation);
            let act_after = text_of(after, TokenKind::Abbreviation);
            let mut legal: Vec<String> = Vec::new();
            let mut push = |unit: Unit, act: Option<&str>| {
                legal.push(legal_token(unit.key(), act, &number));
            };
            match (unit_after, unit_before) {
                (Some(unit), _) => {
                    push(unit, None);
                    if let (Some(act), Unit::Article) = (&act_before, unit) {
                        push(unit, Some(act));
                    }
                }
                (None, Some(unit)) => {
                    push(unit, None);
                    if let (Some(act), Unit::Article) = (&act_after, unit) {
                        push(unit, Some(act));
                    }
                }
                (None, None) => {
                    // `ҚРКЗ 26`: an act abbreviation followed by a bare number means an
                    // article, unless the number is a year (`ҚР 2017 жылғы`).
                    let year = after.is_some_and(|t| self.plain_text(&t).starts_with("жыл"));
                    if let (Some(act), false) = (&act_before, year) {
                        push(Unit::Article, Some(act));
                    }
                }
            }
            for text in legal {
                let start = self.text.len();
                self.text.push_str(&text);
                self.legal.push(Span {
                    kind: TokenKind::Legal,
                    start,
                    end: self.text.len(),
                    position: token.position,
                });
            }
        }
    }

    /// Puts each legal token right after the token whose position it shares.
    fn merge_legal(&mut self) {
        let mut legal = self.legal.iter().copied().peekable();
        for &token in &self.plain {
            self.spans.push(token);
            while let Some(l) = legal.next_if(|l| l.position == token.position) {
                self.spans.push(l);
            }
        }
        self.spans.extend(legal);
    }
}

/// Splits text into chunks: runs of letters and digits, joined across a hyphen between two
/// alphanumerics and across a dot between two digits.
struct Chunks<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
    prev: Option<char>,
}

impl<'a> Chunks<'a> {
    fn new(text: &'a str) -> Self {
        Chunks {
            chars: text.chars().peekable(),
            prev: None,
        }
    }

    /// Writes the next chunk into `out`; false when the text is used up.
    fn next_into(&mut self, out: &mut String) -> bool {
        out.clear();
        while let Some(c) = self.chars.next() {
            let prev = self.prev.replace(c);
            let next = self.chars.peek().copied();
            let joins = (is_hyphen(c)
                && prev.is_some_and(is_alphanumeric)
                && next.is_some_and(is_alphanumeric))
                || (c == '.'
                    && prev.is_some_and(|p| p.is_ascii_digit())
                    && next.is_some_and(|n| n.is_ascii_digit()));
            if is_alphanumeric(c) {
                out.push(c);
            } else if joins && !out.is_empty() {
                out.push(if c == '.' { '.' } else { '-' });
            } else if !out.is_empty() {
                return true;
            }
        }
        !out.is_empty()
    }
}

/// Tokenises text for indexing or querying.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut buffer = TokenBuffer::default();
    buffer.fill(text);
    buffer
        .iter()
        .map(|t| Token {
            kind: t.kind,
            text: t.text.to_string(),
            position: t.position,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.text).collect()
    }

    fn kinds(text: &str) -> Vec<TokenKind> {
        tokenize(text).into_iter().map(|t| t.kind).collect()
    }

    #[test]
    fn words_are_lower_cased_and_punctuation_splits() {
        assert_eq!(
            texts("Прокурорлық қадағалау, (бұдан әрі – Заң)."),
            ["прокурорлық", "қадағалау", "бұдан", "әрі", "заң"]
        );
    }

    #[test]
    fn latin_i_and_lookalikes_become_kazakh_letters() {
        assert_eq!(texts("мемлекеттiк"), ["мемлекеттік"]);
        assert_eq!(texts("əділет"), ["әділет"]);
        assert_eq!(texts("ҡылмыс"), ["қылмыс"]);
        assert_eq!(texts("осуждённые"), ["осужденные"]);
        assert_eq!(texts("и\u{0306}ә"), ["йә"]);
    }

    #[test]
    fn article_number_gives_words_and_a_legal_token() {
        let tokens = tokenize("40-бабы");
        let got: Vec<(TokenKind, &str, u32)> = tokens
            .iter()
            .map(|t| (t.kind, t.text.as_str(), t.position))
            .collect();
        assert_eq!(
            got,
            [
                (TokenKind::Number, "40", 0),
                (TokenKind::Legal, "§art:40", 0),
                (TokenKind::Word, "бабы", 1),
            ]
        );
    }

    #[test]
    fn units_other_than_articles_are_recognised() {
        assert!(texts("3-тармағында").contains(&"§item:3".to_string()));
        assert!(texts("2-тармақшасы").contains(&"§subitem:2".to_string()));
        assert!(texts("1-бөлігі").contains(&"§part:1".to_string()));
        assert!(texts("2-тарау").contains(&"§chapter:2".to_string()));
        assert!(texts("статья 40").contains(&"§art:40".to_string()));
        assert!(texts("ст. 40 УК").contains(&"§art:ук:40".to_string()));
    }

    #[test]
    fn hyphenated_numbers_stay_one_token() {
        assert_eq!(texts("3-1"), ["3-1"]);
        assert_eq!(kinds("3-1"), [TokenKind::Number]);
        assert_eq!(texts("21.10.2021"), ["21.10.2021"]);
        assert_eq!(texts("№ 374-IV"), ["374-iv"]);
        assert!(texts("26-1-бабы").contains(&"§art:26-1".to_string()));
    }

    #[test]
    fn abbreviation_with_case_ending_keeps_only_the_abbreviation() {
        assert_eq!(texts("ҚПК-нің"), ["қпк"]);
        assert_eq!(kinds("ҚПК-нің"), [TokenKind::Abbreviation]);
        assert_eq!(kinds("ІІО"), [TokenKind::Abbreviation]);
        // A heading in capitals is words, not abbreviations.
        assert_eq!(kinds("ЖАЛПЫ ЕРЕЖЕЛЕР"), [TokenKind::Word, TokenKind::Word]);
    }

    #[test]
    fn act_and_article_make_a_qualified_token() {
        assert!(texts("ҚРКЗ 26-бап").contains(&"§art:қркз:26".to_string()));
        assert!(texts("ҚРКЗ 26").contains(&"§art:қркз:26".to_string()));
        assert!(!texts("ҚР 2017 жылғы").iter().any(|t| t.starts_with('§')));
        assert!(texts("ҚК-нің 40-бабы").contains(&"§art:қк:40".to_string()));
        assert!(!texts("Кодекстің 40-бабы")
            .iter()
            .any(|t| t.starts_with("§art:к")));
    }

    #[test]
    fn hyphenated_words_split_into_parts() {
        assert_eq!(
            texts("интернет-ресурсында сондай-ақ"),
            ["интернет", "ресурсында", "сондай", "ақ"]
        );
        // A dash between spaced words is punctuation.
        assert_eq!(texts("әрі – Заң"), ["әрі", "заң"]);
    }

    #[test]
    fn u_folding_maps_both_letters_to_u() {
        assert_eq!(fold_u("Үкім ұсыну"), "Укім усыну");
        assert_eq!(normalize_word("Үкім"), "үкім");
    }

    #[test]
    fn keyboard_fold_maps_kazakh_letters_to_russian_ones() {
        assert_eq!(keyboard_fold("қадағалау"), "кадагалау");
        assert_eq!(keyboard_fold("өңір"), "онир");
    }

    #[test]
    fn a_reused_buffer_tokenises_like_a_fresh_one() {
        let texts = [
            "ҚРКЗ 26-бап, ҚК-нің 40-бабы және статья 40 УК",
            "",
            "и\u{0306}ә мемлекеттiк 21.10.2021 № 374-IV",
            "ΣΑ aΣ. интернет-ресурсында",
            "-",
        ];
        let mut buffer = TokenBuffer::default();
        // Long text first, then shorter ones: nothing of the earlier text may remain.
        for text in texts.iter().chain(texts.iter().rev()) {
            buffer.fill(text);
            let reused: Vec<(TokenKind, String, u32)> = (buffer.iter())
                .map(|t| (t.kind, t.text.to_string(), t.position))
                .collect();
            let fresh: Vec<(TokenKind, String, u32)> = (tokenize(text).into_iter())
                .map(|t| (t.kind, t.text, t.position))
                .collect();
            assert_eq!(reused, fresh, "{text}");
        }
        buffer.fill("ҚРКЗ 26");
        assert_eq!(buffer.len(), 3, "ҚРКЗ, 26 and §art:қркз:26");
    }

    #[test]
    fn junk_input_does_not_panic() {
        for text in [
            "", "-", "--", "-5-", "....", "«»", "\u{0306}", "a-", "-Қ", "ҚПК-", "5.-",
        ] {
            let _ = tokenize(text);
        }
        assert!(texts("!!! ??? ...").is_empty());
    }
}
