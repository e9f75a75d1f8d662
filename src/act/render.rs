//! Typesetting with Typst embedded as a library (typst 0.15.1, pinned: its embedding API
//! changes between minor versions).
//!
//! Fonts and templates are loaded once per [`Typesetter`] and shared by every act of a batch.
//! An act's values reach the template only as data: one dictionary in `sys.inputs.act`; no
//! value is ever pasted into Typst source. The template can read nothing but the files of the
//! templates directory (no file system, no packages). Output is PDF/A-2b.

use super::calendar::Date;
use crate::error::{Error, Result};
use serde_json::Value as Json;
use std::collections::HashMap;
use std::path::Path;
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Array, Bytes, Datetime, Dict, Str, Value};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

/// Fonts, font book and template sources, loaded once.
pub struct Typesetter {
    fonts: Vec<Font>,
    book: LazyHash<FontBook>,
    sources: HashMap<FileId, Source>,
    by_name: HashMap<String, FileId>,
}

/// The bundled fonts (typst-assets): Libertinus Serif, New Computer Modern, DejaVu Sans Mono.
pub fn bundled_fonts() -> Vec<Font> {
    typst_assets::fonts()
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect()
}

impl Typesetter {
    /// Loads the bundled fonts and every `.typ` file of the templates directory.
    pub fn new(template_dir: &Path) -> Result<Typesetter> {
        let fonts = bundled_fonts();
        let book = LazyHash::new(FontBook::from_fonts(&fonts));
        let mut sources = HashMap::new();
        let mut by_name = HashMap::new();
        let entries = std::fs::read_dir(template_dir).map_err(|e| Error::io(template_dir, e))?;
        for entry in entries {
            let path = entry.map_err(|e| Error::io(template_dir, e))?.path();
            if path.extension().and_then(|e| e.to_str()) != Some("typ") {
                continue;
            }
            let Some(name) = path
                .file_name()
                .and_then(|n| n.to_str())
                .map(str::to_string)
            else {
                continue;
            };
            let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
            let vpath = VirtualPath::new(&name)
                .map_err(|e| Error::input(&path, None, format!("unusable template name: {e:?}")))?;
            let id = FileId::new(RootedPath::new(VirtualRoot::Project, vpath));
            sources.insert(id, Source::new(id, text));
            by_name.insert(name, id);
        }
        Ok(Typesetter {
            fonts,
            book,
            sources,
            by_name,
        })
    }

    /// Typesets the template `main` (a file name in the templates directory) with `inputs` as
    /// `sys.inputs`, to PDF/A-2b bytes. `ident` makes the PDF's document id reproducible.
    pub fn render(
        &self,
        main: &str,
        inputs: &Json,
        date: Date,
        ident: &str,
    ) -> Result<Vec<u8>, String> {
        let main = *self
            .by_name
            .get(main)
            .ok_or_else(|| format!("template `{main}` is not in the templates directory"))?;
        let Value::Dict(dict) = to_value(inputs) else {
            return Err("the act data must be a mapping".into());
        };
        let world = ActWorld {
            ts: self,
            library: LazyHash::new(Library::builder().with_inputs(dict).build()),
            main,
            today: Datetime::from_ymd(date.year, date.month as u8, date.day as u8),
        };
        let document = typst::compile::<PagedDocument>(&world)
            .output
            .map_err(|errors| describe(&world, &errors))?;
        let timestamp =
            Datetime::from_ymd_hms(date.year, date.month as u8, date.day as u8, 0, 0, 0)
                .map(Timestamp::new_utc);
        let standards = PdfStandards::new(&[PdfStandard::A_2b]).map_err(|e| format!("{e:?}"))?;
        let options = PdfOptions {
            ident: typst::foundations::Smart::Custom(ident.to_string()),
            timestamp,
            standards,
            ..PdfOptions::default()
        };
        typst_pdf::pdf(&document, &options).map_err(|errors| describe(&world, &errors))
    }
}

/// Typst errors as text: `template.typ:12: message`.
fn describe(world: &ActWorld, errors: &[SourceDiagnostic]) -> String {
    errors
        .iter()
        .map(|e| {
            let place = e
                .span
                .id()
                .and_then(|id| {
                    let source = world.ts.sources.get(&id)?;
                    let range = world.range(e.span)?;
                    let line = source.lines().byte_to_line(range.start)? + 1;
                    Some(format!("{}:{line}: ", id.vpath().get_without_slash()))
                })
                .unwrap_or_default();
            format!("{place}{}", e.message)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// JSON data as a Typst value (dictionaries, arrays, strings, numbers, booleans, none).
pub fn to_value(json: &Json) -> Value {
    match json {
        Json::Null => Value::None,
        Json::Bool(b) => Value::Bool(*b),
        Json::Number(n) => match n.as_i64() {
            Some(i) => Value::Int(i),
            None => Value::Float(n.as_f64().unwrap_or(0.0)),
        },
        Json::String(s) => Value::Str(Str::from(s.as_str())),
        Json::Array(items) => Value::Array(items.iter().map(to_value).collect::<Array>()),
        Json::Object(map) => Value::Dict(
            map.iter()
                .map(|(k, v)| (Str::from(k.as_str()), to_value(v)))
                .collect::<Dict>(),
        ),
    }
}

struct ActWorld<'a> {
    ts: &'a Typesetter,
    library: LazyHash<Library>,
    main: FileId,
    today: Option<Datetime>,
}

impl World for ActWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.ts.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.ts.sources.get(&id).cloned().ok_or_else(|| {
            FileError::NotFound(std::path::PathBuf::from(id.vpath().get_without_slash()))
        })
    }

    /// Only the templates are files; `read("/etc/passwd")` in a template finds nothing.
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.source(id)
            .map(|s| Bytes::new(s.text().as_bytes().to_vec()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.ts.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        self.today
    }
}

/// Writes `bytes` to `path` atomically: a temporary file beside it, then a rename, so a reader
/// never sees half a PDF and a failed run leaves the old file as it was.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "act.pdf".into());
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    std::fs::write(&tmp, bytes).map_err(|e| Error::io(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(path, e)
    })
}
