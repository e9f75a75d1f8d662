//! The two outputs of a handout copy: PDF through the acts' Typst engine (same embedded
//! fonts, data only through `sys.inputs`, PDF/A-2b) and one self-contained HTML page in the
//! study site's style.

use super::assemble::CopyView;
use crate::act::calendar::Date;
use crate::act::render::Typesetter;
use crate::emit::site::templates::{describe, escape_html, STATIC_FILES};
use crate::error::{Error, Result};
use serde_json::json;
use std::path::Path;
use tera::Tera;

/// The handout's Typst template (a file of the handout templates directory).
pub const TYPST_MAIN: &str = "handout.typ";
const HTML_TEMPLATE: &str = include_str!("../../templates/handout/handout.html");

/// Fonts, the Typst template and the HTML template, loaded once for any number of copies.
pub struct Renderer {
    typesetter: Typesetter,
    tera: Tera,
    style: String,
}

impl Renderer {
    /// Loads the Typst templates of `dir` (`templates/handout/`) and the built-in HTML
    /// template; a `handout.html` in `dir` overrides the built-in one.
    pub fn new(dir: &Path) -> Result<Renderer> {
        if !dir.join(TYPST_MAIN).is_file() {
            return Err(Error::Usage(format!(
                "`{}` not found (use --templates DIR)",
                dir.join(TYPST_MAIN).display()
            )));
        }
        let typesetter = Typesetter::new(dir)?;
        let custom = dir.join("handout.html");
        let html = if custom.is_file() {
            std::fs::read_to_string(&custom).map_err(|e| Error::io(&custom, e))?
        } else {
            HTML_TEMPLATE.to_string()
        };
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html"]);
        tera.set_escape_fn(escape_html);
        tera.add_raw_template("handout.html", &html)
            .map_err(|e| Error::input(&custom, None, describe(&e)))?;
        let style = STATIC_FILES
            .iter()
            .find(|(name, _)| *name == "style.css")
            .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
            .unwrap_or_default();
        Ok(Renderer {
            typesetter,
            tera,
            style,
        })
    }

    /// Typesets one copy to PDF/A-2b bytes. `ident` makes the PDF's id reproducible.
    pub fn pdf(&self, copy: &CopyView, date: Date, ident: &str) -> Result<Vec<u8>, String> {
        let data = serde_json::to_value(copy).map_err(|e| e.to_string())?;
        self.typesetter
            .render(TYPST_MAIN, &json!({ "handout": data }), date, ident)
    }

    /// Renders one copy as a self-contained HTML page (the site's stylesheet inlined).
    pub fn html(&self, copy: &CopyView) -> Result<String, String> {
        let mut ctx = tera::Context::new();
        ctx.insert("h", copy);
        // The stylesheet is the project's own file, not user input.
        ctx.insert("style", &self.style);
        self.tera
            .render("handout.html", &ctx)
            .map_err(|e| describe(&e))
    }
}
