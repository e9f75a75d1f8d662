//! Case mapping and letter classes with a fast path for the Cyrillic block.
//!
//! `str::to_lowercase` and `char::is_alphanumeric` look every non-ASCII character up in
//! Unicode's tables; the parsers and the search tokeniser ask for every character of every
//! line, and nearly every character of a Kazakh or Russian text is Cyrillic. 256-entry tables
//! for U+0400–U+04FF, filled once from the standard library's own answers, give the same
//! results without the search.

use std::sync::LazyLock;

const BLOCK_START: u32 = 0x0400;
const BLOCK_LEN: usize = 0x100;

/// The lower-case form of each character of the Cyrillic block (each maps to one character).
static CYRILLIC_LOWER: LazyLock<[char; BLOCK_LEN]> = LazyLock::new(|| {
    let mut table = ['\0'; BLOCK_LEN];
    for (i, slot) in table.iter_mut().enumerate() {
        let c = char::from_u32(BLOCK_START + i as u32).unwrap_or('\0');
        let mut lower = c.to_lowercase();
        *slot = match (lower.next(), lower.next()) {
            (Some(l), None) => l,
            _ => c, // not reached for this block (tested); keep the character
        };
    }
    table
});

/// Which characters of the Cyrillic block are alphabetic / alphanumeric (std's answers).
static CYRILLIC_CLASS: LazyLock<[(bool, bool); BLOCK_LEN]> = LazyLock::new(|| {
    let mut table = [(false, false); BLOCK_LEN];
    for (i, slot) in table.iter_mut().enumerate() {
        if let Some(c) = char::from_u32(BLOCK_START + i as u32) {
            *slot = (c.is_alphabetic(), c.is_alphanumeric());
        }
    }
    table
});

fn in_block(c: char) -> Option<usize> {
    let code = c as u32;
    (BLOCK_START..BLOCK_START + BLOCK_LEN as u32)
        .contains(&code)
        .then(|| (code - BLOCK_START) as usize)
}

/// `c.is_alphabetic()`, faster for ASCII and Cyrillic.
pub fn is_alphabetic(c: char) -> bool {
    match in_block(c) {
        Some(i) => CYRILLIC_CLASS[i].0,
        None if c.is_ascii() => c.is_ascii_alphabetic(),
        None => c.is_alphabetic(),
    }
}

/// `c.is_alphanumeric()`, faster for ASCII and Cyrillic.
pub fn is_alphanumeric(c: char) -> bool {
    match in_block(c) {
        Some(i) => CYRILLIC_CLASS[i].1,
        None if c.is_ascii() => c.is_ascii_alphanumeric(),
        None => c.is_alphanumeric(),
    }
}

/// `text.to_lowercase()`, the same string, faster on Cyrillic and ASCII text.
pub fn lowercase(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    lowercase_into(text, &mut out);
    out
}

/// Appends `text.to_lowercase()` to `out` (for callers that reuse one buffer).
pub fn lowercase_into(text: &str, out: &mut String) {
    let start = out.len();
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if let Some(i) = in_block(c) {
            out.push(CYRILLIC_LOWER[i]);
        } else if c == 'Σ' {
            // Final sigma depends on the neighbours: leave the whole text to std.
            out.truncate(start);
            out.push_str(&text.to_lowercase());
            return;
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_lowers_as_std_does() {
        for code in 0..=0x10FFFFu32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let s = c.to_string();
            assert_eq!(lowercase(&s), s.to_lowercase(), "U+{code:04X}");
        }
    }

    #[test]
    fn every_character_is_classed_as_std_does() {
        for code in 0..=0x10FFFFu32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "U+{code:04X}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "U+{code:04X}");
        }
    }

    #[test]
    fn mixed_texts_lower_as_std_does() {
        for text in [
            "ҚАЗАҚСТАН Республикасы Бас Прокурорының 2017 жылғы № 104 БҰЙРЫҒЫ",
            "ӘҒҚҢӨҰҮҺІ әғқңөұүһі ЁЖЪ Ѐ Ӏ ӏ Ԁ",
            "ΟΔΟΣ Σ ΣΑ aΣ. Straße İstanbul ǅ",
            "",
        ] {
            assert_eq!(lowercase(text), text.to_lowercase(), "{text}");
            // Appending keeps what the buffer held, also when std takes over (final sigma).
            let mut buffer = String::from("ҚПК ");
            lowercase_into(text, &mut buffer);
            assert_eq!(buffer, format!("ҚПК {}", text.to_lowercase()), "{text}");
        }
    }
}
