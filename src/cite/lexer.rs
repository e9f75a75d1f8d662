//! The citation lexer: one pass over the text turns it into words, numbers and punctuation,
//! each with its character and byte span. The grammar never looks at raw characters again.
//!
//! Words keep their surface form; [`Token::lower`] is the lower-cased form with Latin
//! look-alike letters folded to Cyrillic (`кодексi` → `кодексі`), which is what the lexicon
//! compares against.

use crate::normalize::text::fold_latin_lookalikes;
use std::borrow::Cow;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A run of letters.
    Word,
    /// A run of ASCII digits.
    Num,
    /// `-` and its Unicode twins (U+2010, U+2011, U+2212): joins numbers and suffixes.
    Hyphen,
    /// `–` or `—`: a dash between clauses, or a range between numbers.
    Dash,
    /// An opening quotation mark `«`, `“` or `„`.
    OpenQuote,
    /// A closing quotation mark `»` or `”`.
    CloseQuote,
    /// `"` (opens or closes; the grammar decides).
    StraightQuote,
    /// Any other single non-space character.
    Punct,
}

/// One token with its spans: `start`/`end` count characters, `byte_start`/`byte_end` bytes.
#[derive(Debug, Clone)]
pub struct Token<'a> {
    pub kind: Kind,
    pub text: &'a str,
    /// Lower-cased, look-alike-folded text (words only; empty for other kinds).
    pub lower: Cow<'a, str>,
    pub start: usize,
    pub end: usize,
    pub byte_start: usize,
    pub byte_end: usize,
    /// Whether white space (including a line break) comes right before the token.
    pub space_before: bool,
    /// Whether the token lies inside «…» or “…” quotation marks.
    pub quoted: bool,
}

impl Token<'_> {
    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }

    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct && self.text.starts_with(c)
    }

    /// The word, lower-cased, or "" for a non-word.
    pub fn word(&self) -> &str {
        &self.lower
    }

    /// Whether the first letter is upper-case.
    pub fn is_capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
}

/// Whether `c` is a letter; the Cyrillic block (Kazakh and Russian) without a table lookup.
fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\u{0400}'..='\u{0481}' | '\u{048A}'..='\u{04FF}' => true,
        c if c.is_ascii() => false,
        c => c.is_alphabetic(),
    }
}

/// Whether a letter needs lower-casing or look-alike folding (an upper-case or Latin letter).
fn needs_lowering(c: char) -> bool {
    match c {
        'а'..='я' | 'ё' | 'і' | 'ә' | 'ғ' | 'қ' | 'ң' | 'ө' | 'ұ' | 'ү' | 'һ' => false,
        c => c.is_ascii_alphabetic() || c.is_uppercase(),
    }
}

fn classify(c: char) -> Option<Kind> {
    if c.is_ascii_digit() {
        Some(Kind::Num)
    } else if is_letter(c) {
        Some(Kind::Word)
    } else if c.is_whitespace() {
        None
    } else {
        Some(match c {
            '-' | '\u{2010}' | '\u{2011}' | '\u{2212}' => Kind::Hyphen,
            '–' | '—' => Kind::Dash,
            '«' | '“' | '„' => Kind::OpenQuote,
            '»' | '”' => Kind::CloseQuote,
            '"' => Kind::StraightQuote,
            _ => Kind::Punct,
        })
    }
}

/// The lower-cased, look-alike-folded form of a word; no allocation for the common case
/// of a word already in lower-case Cyrillic.
fn lower_folded(word: &str) -> Cow<'_, str> {
    if !word.chars().any(needs_lowering) {
        return Cow::Borrowed(word);
    }
    Cow::Owned(fold_latin_lookalikes(word).to_lowercase())
}

/// Splits `text` into tokens in one pass.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    // About one token per dozen bytes of Kazakh text; the vector grows if needed.
    let mut tokens = Vec::with_capacity(text.len() / 12 + 16);
    let mut chars = text.char_indices().peekable();
    let mut char_pos = 0usize;
    let mut space_before = true;
    let mut quote_depth = 0usize;
    while let Some((byte_start, c)) = chars.next() {
        let start = char_pos;
        char_pos += 1;
        let Some(kind) = classify(c) else {
            space_before = true;
            continue;
        };
        let mut byte_end = byte_start + c.len_utf8();
        if matches!(kind, Kind::Word | Kind::Num) {
            while let Some(&(at, next)) = chars.peek() {
                if classify(next) != Some(kind) {
                    break;
                }
                byte_end = at + next.len_utf8();
                char_pos += 1;
                chars.next();
            }
        }
        let slice = &text[byte_start..byte_end];
        if kind == Kind::CloseQuote {
            quote_depth = quote_depth.saturating_sub(1);
        }
        let lower = if kind == Kind::Word {
            lower_folded(slice)
        } else {
            Cow::Borrowed("")
        };
        tokens.push(Token {
            kind,
            text: slice,
            lower,
            start,
            end: char_pos,
            byte_start,
            byte_end,
            space_before,
            quoted: quote_depth > 0 && kind != Kind::OpenQuote,
        });
        if kind == Kind::OpenQuote {
            quote_depth += 1;
        }
        space_before = false;
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_numbers_and_hyphens() {
        let t = tokenize("ҚПК-нің 302-1-бапта");
        let kinds: Vec<Kind> = t.iter().map(|t| t.kind).collect();
        assert_eq!(
            kinds,
            [
                Kind::Word,
                Kind::Hyphen,
                Kind::Word,
                Kind::Num,
                Kind::Hyphen,
                Kind::Num,
                Kind::Hyphen,
                Kind::Word
            ]
        );
        assert_eq!(t[3].text, "302");
        assert!(t[3].space_before);
        assert!(!t[4].space_before);
    }

    #[test]
    fn spans_count_characters_not_bytes() {
        let t = tokenize("ҚК 40-бабы");
        assert_eq!((t[0].start, t[0].end), (0, 2));
        assert_eq!((t[0].byte_start, t[0].byte_end), (0, 4));
        assert_eq!((t[1].start, t[1].end), (3, 5));
        assert_eq!(t[3].lower, "бабы");
    }

    #[test]
    fn latin_lookalikes_fold_in_lower() {
        let t = tokenize("кодексiнің");
        assert_eq!(t[0].lower, "кодексінің");
        assert_eq!(t[0].text, "кодексiнің");
    }

    #[test]
    fn quotes_mark_their_contents() {
        let t = tokenize("a «осы b» c");
        let quoted: Vec<bool> = t.iter().map(|t| t.quoted).collect();
        assert_eq!(quoted, [false, false, true, true, false, false]);
    }

    #[test]
    fn digits_glued_to_letters_split() {
        let t = tokenize("26б.");
        assert_eq!(t.len(), 3);
        assert_eq!(t[1].text, "б");
    }
}
