//! The bundled fonts cover every Kazakh letter in every style the act templates use, so no
//! glyph silently falls back to another face. (`coverage` is read from each face's cmap.)

use typst::text::{FontStretch, FontStyle, FontVariant, FontWeight};
use zanbook::act::render::bundled_fonts;

const KAZAKH: &str = "ӘәҒғҚқҢңӨөҰұҮүҺһІі";

/// The family and styles common.typ uses: regular, italic (Markdown emphasis), bold.
const STYLES: [(FontStyle, FontWeight, &str); 3] = [
    (FontStyle::Normal, FontWeight::REGULAR, "Regular"),
    (FontStyle::Italic, FontWeight::REGULAR, "Italic"),
    (FontStyle::Normal, FontWeight::BOLD, "Bold"),
];

#[test]
fn every_style_used_has_every_kazakh_letter() {
    let fonts = bundled_fonts();
    let book = typst::text::FontBook::from_fonts(&fonts);
    for (style, weight, name) in STYLES {
        let variant = FontVariant::new(style, weight, FontStretch::NORMAL);
        let index = book
            .select("libertinus serif", variant)
            .unwrap_or_else(|| panic!("Libertinus Serif {name} is not bundled"));
        let font = &fonts[index];
        assert_eq!(
            font.info().variant,
            variant,
            "{name}: the book picked another face"
        );
        let missing: String = KAZAKH
            .chars()
            .filter(|c| !font.info().coverage.contains(*c as u32))
            .collect();
        assert!(
            missing.is_empty(),
            "Libertinus Serif {name} lacks {missing}"
        );
    }
}
