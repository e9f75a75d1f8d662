//! Text-level repairs that every layout uses: Latin look-alike letters, white space and
//! punctuation spacing, letter-spaced lines.

use super::chars::is_alphabetic;
use std::borrow::Cow;

/// Is `c` a Cyrillic letter (Russian or Kazakh)?
pub fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}' | '\u{0500}'..='\u{052F}')
}

/// The Cyrillic letter a Latin letter is mistaken for in PDF extractions, if any.
fn cyrillic_twin(c: char) -> Option<char> {
    Some(match c {
        'a' => 'а',
        'c' => 'с',
        'e' => 'е',
        'h' => 'һ',
        'i' => 'і',
        'o' => 'о',
        'p' => 'р',
        'x' => 'х',
        'y' => 'у',
        'A' => 'А',
        'B' => 'В',
        'C' => 'С',
        'E' => 'Е',
        'H' => 'Н',
        'I' => 'І',
        'K' => 'К',
        'M' => 'М',
        'O' => 'О',
        'P' => 'Р',
        'T' => 'Т',
        'X' => 'Х',
        _ => return None,
    })
}

/// Replaces Latin look-alike letters inside words that are otherwise Cyrillic
/// (`мемлекеттiк` → `мемлекеттік`). A word made only of Latin letters (`IV`, `N`, a URL) is
/// left alone, and so is a mixed word with a Latin letter that has no Cyrillic twin.
pub fn fold_latin_lookalikes(text: &str) -> Cow<'_, str> {
    if text.is_ascii() || !any_word_needs_folding(text) {
        return Cow::Borrowed(text);
    }
    fold_words(text)
}

/// [`fold_latin_lookalikes`] the long way: word by word.
fn fold_words(text: &str) -> Cow<'_, str> {
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    for (is_word, piece) in split_words(text) {
        if is_word && needs_folding(piece) {
            out.extend(piece.chars().map(|c| cyrillic_twin(c).unwrap_or(c)));
            changed = true;
        } else {
            out.push_str(piece);
        }
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

/// The ASCII letters that have a Cyrillic twin, as a bit set over byte values.
const TWIN_BYTES: u128 = {
    let mut set = 0u128;
    let letters = b"acehiopxyABCEHIKMOPTX";
    let mut i = 0;
    while i < letters.len() {
        set |= 1 << letters[i];
        i += 1;
    }
    set
};

/// Is this byte an ASCII letter with a Cyrillic twin? (One bit test: this runs on every
/// byte of every line.)
fn is_twin_byte(b: u8) -> bool {
    b < 128 && TWIN_BYTES & (1 << b) != 0
}

fn needs_folding(word: &str) -> bool {
    let mut latin = word.chars().filter(char::is_ascii_alphabetic).peekable();
    let has_latin = latin.peek().is_some();
    has_latin && latin.all(|c| cyrillic_twin(c).is_some()) && word.chars().any(is_cyrillic)
}

/// Does a word of `text` (a run of letters, as [`split_words`] cuts them) need folding? Only
/// a word with a twin byte can, so only those words are looked at: this runs on every line,
/// and most lines have a Latin `e` or `c` somewhere but nothing to fold.
fn any_word_needs_folding(text: &str) -> bool {
    let mut from = 0;
    while let Some(offset) = text.as_bytes()[from..]
        .iter()
        .position(|&b| is_twin_byte(b))
    {
        let at = from + offset;
        let start = at
            - (text[..at].chars().rev())
                .take_while(|&c| is_alphabetic(c))
                .map(char::len_utf8)
                .sum::<usize>();
        let end = at
            + (text[at..].chars())
                .take_while(|&c| is_alphabetic(c))
                .map(char::len_utf8)
                .sum::<usize>();
        if needs_folding(&text[start..end]) {
            return true;
        }
        from = end;
    }
    false
}

/// Splits text into alternating runs of letters and non-letters.
fn split_words(text: &str) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut current: Option<bool> = None;
    for (i, c) in text.char_indices() {
        let is_letter = is_alphabetic(c);
        if current.is_some_and(|w| w != is_letter) {
            out.push((current.unwrap_or(false), &text[start..i]));
            start = i;
        }
        current = Some(is_letter);
    }
    if start < text.len() {
        out.push((current.unwrap_or(false), &text[start..]));
    }
    out
}

/// Collapses runs of white space into one space and trims both ends.
pub fn collapse_spaces(text: &str) -> String {
    if is_collapsed(text) {
        return text.to_string();
    }
    rejoin_words(text)
}

/// [`collapse_spaces`] the long way.
fn rejoin_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Are the words of `text` already one space apart, with no white space around them? Then
/// [`collapse_spaces`] would give it back as it is. Looks at bytes: outside ASCII only
/// characters led by 0xC2, 0xE1, 0xE2 or 0xE3 can be white space (no-break and other
/// spaces), and a text with one of those goes the long way.
fn is_collapsed(text: &str) -> bool {
    let bytes = text.as_bytes();
    let edges = |b: &u8| b.is_ascii_whitespace() || *b == 0x0B;
    if bytes.first().is_some_and(edges) || bytes.last().is_some_and(edges) {
        return false;
    }
    let mut after_space = false;
    for &b in bytes {
        match b {
            b' ' if after_space => return false,
            b' ' => after_space = true,
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | 0xC2 | 0xE1 | 0xE2 | 0xE3 => return false,
            _ => after_space = false,
        }
    }
    true
}

/// Removes a space before closing punctuation (`алып :` → `алып:`, `( бұдан` → `(бұдан`).
/// These spaces are left behind where the extractor moved a word away.
pub fn tighten_punctuation(text: &str) -> String {
    if !has_space_to_tighten(text) {
        return text.to_string();
    }
    drop_loose_spaces(text)
}

/// [`tighten_punctuation`] the long way, character by character.
fn drop_loose_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut prev: Option<char> = None;
    while let Some(c) = chars.next() {
        if c == ' ' {
            let next = chars.peek().copied();
            let before_closing =
                matches!(next, Some(',' | ';' | ':' | '.' | ')' | '»' | '!' | '?'))
                    && !next_is_ellipsis(&chars)
                    && prev.is_some_and(|p| !matches!(p, ' ' | '—' | '–' | '-'));
            let after_opening = matches!(prev, Some('(' | '«'));
            if before_closing || after_opening {
                continue;
            }
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

/// Is there a space that [`tighten_punctuation`] might remove: one before closing
/// punctuation or after an opening bracket or quote? (A quick test on bytes; most lines
/// have none.)
fn has_space_to_tighten(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        if b != b' ' {
            return false;
        }
        let after = &bytes[i + 1..];
        let before = &bytes[..i];
        let closing = after.first().is_some_and(|b| b",;:.)!?".contains(b))
            || after.starts_with("»".as_bytes());
        let opening = before.ends_with(b"(") || before.ends_with("«".as_bytes());
        closing || opening
    })
}

/// Is the upcoming text `..` (an ellipsis), which keeps the space before it?
fn next_is_ellipsis(chars: &std::iter::Peekable<std::str::Chars<'_>>) -> bool {
    let mut ahead = chars.clone();
    ahead.next() == Some('.') && ahead.next() == Some('.')
}

/// Repairs a letter-spaced line (`т о л ы қ т ы р ы л с ы н ;` → `толықтырылсын;`) or a
/// word-spaced line with words split before `і` (`мүддес iн  б iлд iред i`). Returns `None`
/// when the line is ordinary text. Gaps of two or more spaces between words come out as two
/// spaces, because the displaced-link repair reads them.
pub fn despace(line: &str) -> Option<String> {
    let body = line.trim();
    let tokens: Vec<&str> = body.split(' ').filter(|t| !t.is_empty()).collect();
    if tokens.len() < 4 {
        return None;
    }
    let single = tokens.iter().filter(|t| t.chars().count() == 1).count();
    if single * 10 >= tokens.len() * 6 {
        return Some(despace_letters(body));
    }
    despace_words(body)
}

/// Every character is separated by a space and words by two or more.
fn despace_letters(body: &str) -> String {
    let words: Vec<String> = split_on_wide_gaps(body)
        .iter()
        .map(|w| w.split(' ').collect::<String>())
        .collect();
    words.join("  ")
}

/// Words are separated by two or more spaces and some are split before `і`/`i` or before
/// punctuation. Only fires when wide gaps outnumber ordinary single spaces, so ordinary
/// text such as `мерзім ішінде` is never glued.
fn despace_words(body: &str) -> Option<String> {
    let words = split_on_wide_gaps(body);
    if words.len() < 2 {
        return None;
    }
    let wide_gaps = words.len() - 1;
    let mut ordinary_single = 0;
    let mut glue_single = 0;
    for word in &words {
        for fragment in word.split(' ').skip(1) {
            if starts_glued(fragment) {
                glue_single += 1;
            } else {
                ordinary_single += 1;
            }
        }
    }
    if glue_single == 0 || wide_gaps < ordinary_single {
        return None;
    }
    let glued: Vec<String> = words
        .iter()
        .map(|word| {
            let mut out = String::new();
            for (i, fragment) in word.split(' ').enumerate() {
                if i > 0 && !starts_glued(fragment) {
                    out.push(' ');
                }
                out.push_str(fragment);
            }
            out
        })
        .collect();
    Some(glued.join("  "))
}

fn starts_glued(fragment: &str) -> bool {
    fragment
        .chars()
        .next()
        .is_some_and(|c| matches!(c, 'і' | 'i' | 'І' | ',' | '.' | ';' | ':' | ')' | '»'))
}

fn split_on_wide_gaps(body: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(at) = rest.find("  ") {
        out.push(&rest[..at]);
        rest = rest[at..].trim_start_matches(' ');
    }
    if !rest.is_empty() {
        out.push(rest);
    }
    out.into_iter().filter(|w| !w.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twin_bytes_are_the_latin_letters_with_a_twin() {
        for b in 0..=255u8 {
            let expected = b.is_ascii() && cyrillic_twin(b as char).is_some();
            assert_eq!(is_twin_byte(b), expected, "byte {b}");
        }
    }

    /// Every string of up to four pieces that the quick tests look at: spaces of every kind,
    /// brackets, quotes, punctuation, ellipses, Latin twins inside and outside words.
    fn tricky_strings() -> Vec<String> {
        let pieces = [
            "",
            " ",
            "  ",
            "\t",
            "\n",
            "\u{a0}",
            "\u{b}",
            "\u{2009}",
            ",",
            ".",
            "..",
            "(",
            "«",
            "»",
            "—",
            "-",
            "e",
            "i",
            "IV",
            "x1",
            "мемлекеттiк",
            "ау",
            "Ж",
            "é",
            "ц",
        ];
        let mut out = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = (out.iter())
                .flat_map(|s| pieces.iter().map(move |p| format!("{s}{p}")))
                .collect();
            out.extend(longer);
            out.sort();
            out.dedup();
        }
        out
    }

    #[test]
    fn the_quick_tests_agree_with_the_long_way() {
        let strings = tricky_strings();
        assert!(strings.len() > 100_000, "{} strings", strings.len());
        for s in &strings {
            assert_eq!(fold_latin_lookalikes(s), fold_words(s), "fold {s:?}");
            assert_eq!(collapse_spaces(s), rejoin_words(s), "collapse {s:?}");
            assert_eq!(
                tighten_punctuation(s),
                drop_loose_spaces(s),
                "tighten {s:?}"
            );
        }
    }

    #[test]
    fn collapse_spaces_joins_words_with_one_space() {
        assert_eq!(collapse_spaces("  a \t b\n\n c  "), "a b c");
        assert_eq!(collapse_spaces(" \t "), "");
        assert_eq!(collapse_spaces("бір"), "бір");
    }

    #[test]
    fn latin_i_inside_cyrillic_word_is_folded() {
        assert_eq!(
            fold_latin_lookalikes("мемлекеттiк органы"),
            "мемлекеттік органы"
        );
        assert_eq!(fold_latin_lookalikes("Президентiнің"), "Президентінің");
    }

    #[test]
    fn latin_words_are_left_alone() {
        assert_eq!(fold_latin_lookalikes("N 374-IV Заңы"), "N 374-IV Заңы");
        assert_eq!(
            fold_latin_lookalikes("https://adilet.zan.kz"),
            "https://adilet.zan.kz"
        );
    }

    #[test]
    fn letter_spaced_line_is_joined_into_words() {
        assert_eq!(
            despace("д е г е н  с ө з д е р м е н  т о л ы қ т ы р ы л с ы н ;").as_deref(),
            Some("деген  сөздермен  толықтырылсын;")
        );
        assert_eq!(
            despace("т о л ы қ т ы р ы л с ы н :").as_deref(),
            Some("толықтырылсын:")
        );
    }

    #[test]
    fn word_spaced_line_glues_only_fragments_before_i() {
        assert_eq!(
            despace("10 )  сотта  мемлекет  мүддес iн  б iлд iред i ;")
                .map(|s| collapse_spaces(&s)),
            Some("10) сотта мемлекет мүддесiн бiлдiредi;".to_string())
        );
    }

    #[test]
    fn ordinary_text_with_one_wide_gap_is_not_glued() {
        // The trap: gluing every і-initial fragment would produce "мерзімішінде".
        let line = "5) 281-баптың бірінші бөлігі «мерзім ішінде» деген сөздерден  кейін";
        assert_eq!(despace(line), None);
    }

    #[test]
    fn space_before_closing_punctuation_is_removed() {
        assert_eq!(tighten_punctuation("алып :БҰЙЫРАМЫН"), "алып:БҰЙЫРАМЫН");
        assert_eq!(
            tighten_punctuation("Заңының , басшылыққа"),
            "Заңының, басшылыққа"
        );
        assert_eq!(
            tighten_punctuation("( бұдан әрі – ҚАЖ )"),
            "(бұдан әрі – ҚАЖ)"
        );
    }
}
