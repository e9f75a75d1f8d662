//! Writing the site again after a change without rendering what did not change.
//!
//! Every page is a pure function of the templates, the template's name and the Tera context
//! the page is rendered with. So instead of working out which graph changes reach which page
//! (titles in breadcrumbs, citation previews, counts on the home page, …), a rebuild builds
//! every page's context, fingerprints it, and renders and writes only the pages whose
//! fingerprint differs from the one written last time. Nothing has to be decided about
//! dependencies, so nothing can be forgotten: a page is skipped only when its complete input
//! is the same. A change of the templates re-renders every page.
//!
//! The first build (and any build after a failure) is a full one into a staged directory,
//! swapped in atomically, exactly like [`super::write_site_with`]. Later builds render the
//! changed pages into memory first and write them only when all rendered: a template error
//! leaves the previous site. Each file is replaced atomically (a temporary file renamed over
//! it), and pages that no longer exist are removed.

use super::{templates, PageMap, Site, LISTINGS};
use crate::diagnostic::Diagnostic;
use crate::emit::atomic::StagedDir;
use crate::error::{Error, Result};
use crate::graph::{CiteEdge, Graph};
use rayon::prelude::*;
use std::collections::HashMap;
use std::hash::Hasher;
use std::path::Path;
use std::sync::Mutex;
use tera::Context;

/// Where [`Site`] puts rendered pages.
pub trait Sink: Sync {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<()>;

    /// Does the page at `path`, rendered from `template` with `ctx`, hold exactly the bytes
    /// written last time? Then it is neither rendered nor written.
    fn unchanged(&self, _template: &str, _path: &str, _ctx: &Context) -> bool {
        false
    }
}

impl Sink for StagedDir {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<()> {
        StagedDir::write(self, path, bytes)
    }
}

/// A 128-bit fingerprint: two SipHash-1-3 streams over the same bytes with different first
/// bytes. Accidental collisions between two versions of one page are out of reach.
pub type Fingerprint = u128;

struct Fingerprinter(std::hash::DefaultHasher, std::hash::DefaultHasher);

impl Fingerprinter {
    fn new() -> Self {
        let mut a = std::hash::DefaultHasher::new();
        let mut b = std::hash::DefaultHasher::new();
        a.write_u8(0xA5);
        b.write_u8(0x5A);
        Fingerprinter(a, b)
    }

    /// Feeds one part, length-prefixed so that parts cannot run together.
    fn part(&mut self, bytes: &[u8]) {
        self.0.write_usize(bytes.len());
        self.1.write_usize(bytes.len());
        self.0.write(bytes);
        self.1.write(bytes);
    }

    fn finish(&self) -> Fingerprint {
        (u128::from(self.0.finish()) << 64) | u128::from(self.1.finish())
    }
}

impl std::io::Write for Fingerprinter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.write(bytes);
        self.1.write(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The fingerprint of some bytes (length-prefixed parts, so that parts cannot run together).
pub fn fingerprint_parts<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> Fingerprint {
    let mut f = Fingerprinter::new();
    for part in parts {
        f.part(part);
    }
    f.finish()
}

/// Everything a statute unit's page is made of ([`Site::statute_page`]), fingerprinted
/// without building its context: the unit, and for every edge to it, in order, the edge, the
/// citing node (kind, number, heading, text, source), its address from the unit's page, and
/// its document (id, title).
fn statute_input(site: &Site<'_>, unit: &crate::graph::StatuteUnit) -> Fingerprint {
    let path = super::view::statute_file(&unit.id);
    let viewer = site.viewer(&path, &path);
    let mut f = Fingerprinter::new();
    f.part(format!("{unit:?}").as_bytes());
    for edge in site.cites.to.get(unit.id.as_str()).into_iter().flatten() {
        let CiteEdge {
            from,
            to,
            text,
            start,
            end,
            ..
        } = edge;
        for part in [from, to, text] {
            f.part(part.as_bytes());
        }
        f.part(&[start.to_le_bytes(), end.to_le_bytes()].concat());
        let Some(node) = site.graph.node(from) else {
            continue;
        };
        let title = site
            .graph
            .document(&node.document)
            .map(|d| d.title.as_str());
        let [first, last] = node.source.lines;
        f.part(&[node.kind as u8]);
        for part in [
            node.number.as_deref(),
            node.heading.as_deref(),
            Some(&node.text),
            Some(&node.source.file),
            Some(&node.document),
            title,
            viewer.href(&node.id).as_deref(),
        ] {
            // `None` and `Some("")` differ: a None part is one 0xFF byte, never a length.
            match part {
                Some(text) => f.part(text.as_bytes()),
                None => f.part(&[0xFF]),
            }
        }
        f.part(&[first.to_le_bytes(), last.to_le_bytes()].concat());
    }
    f.finish()
}

/// The fingerprint of one page's complete input: the template's name and the context.
fn page_fingerprint(template: &str, ctx: &Context) -> Option<Fingerprint> {
    let mut f = Fingerprinter::new();
    f.0.write(template.as_bytes());
    f.1.write(template.as_bytes());
    f.0.write_u8(0);
    f.1.write_u8(0);
    serde_json::to_writer(&mut f, &ctx.clone().into_json()).ok()?;
    Some(f.finish())
}

/// What the caller knows to be unchanged since the last written build.
#[derive(Debug, Default)]
pub struct Unchanged {
    /// Documents whose own pages (index and node pages) have exactly the same input: their
    /// nodes, their citation edges and everything those edges point to are unchanged.
    pub documents: std::collections::HashSet<String>,
    /// Statute units whose page has the same input: the unit is equal and every passage
    /// citing it, before and after, is in an unchanged document.
    pub units: std::collections::HashSet<String>,
}

/// Statute unit → how many passages its page lists and the fingerprint of its input.
type StatuteCounts = HashMap<String, (usize, Fingerprint)>;

/// What the incremental writer remembers between builds.
#[derive(Debug, Default)]
pub struct PageCache {
    /// Fingerprint of the template sources the pages were rendered with.
    templates: Option<Fingerprint>,
    /// Site-relative path → fingerprint of the page written there.
    pages: HashMap<String, Fingerprint>,
    /// Statute unit → how many passages its page lists (the statutes index shows it) and
    /// the fingerprint of its page's input ([`statute_input`]).
    statute_counts: StatuteCounts,
    /// The output directory holds exactly what `pages` describes (false before the first
    /// build and after a failed one: the next build is then a full one).
    valid: bool,
    /// The templates compiled for `templates`, kept while they do not change.
    tera: Option<tera::Tera>,
}

impl PageCache {
    /// Forgets everything: the next build is a full one.
    pub fn invalidate(&mut self) {
        self.valid = false;
        self.pages.clear();
        self.statute_counts.clear();
    }
}

/// What an incremental build did.
#[derive(Debug, Clone, Copy, Default)]
pub struct IncrementalStats {
    /// Pages in the site.
    pub pages: usize,
    /// Pages rendered and written this time.
    pub written: usize,
    /// Pages removed because they no longer exist.
    pub removed: usize,
    /// Whether this was a full build (first build, template change, after a failure).
    pub full: bool,
}

/// The sink of an incremental build: records every page's fingerprint, skips pages whose
/// fingerprint is unchanged (in direct mode), and collects or stages what is rendered.
struct Recorder<'a> {
    previous: &'a HashMap<String, Fingerprint>,
    now: Mutex<HashMap<String, Fingerprint>>,
    /// Full builds write into the staged directory; incremental ones collect in memory.
    staged: Option<&'a StagedDir>,
    pending: Mutex<Vec<(String, Vec<u8>)>>,
}

impl Sink for Recorder<'_> {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<()> {
        match self.staged {
            Some(staged) => staged.write(path, bytes),
            None => {
                lock(&self.pending).push((path.to_string(), bytes.to_vec()));
                Ok(())
            }
        }
    }

    fn unchanged(&self, template: &str, path: &str, ctx: &Context) -> bool {
        let Some(print) = page_fingerprint(template, ctx) else {
            return false;
        };
        lock(&self.now).insert(path.to_string(), print);
        self.staged.is_none() && self.previous.get(path) == Some(&print)
    }
}

impl Recorder<'_> {
    /// Keeps the page at `path` as the last build wrote it, if it did (incremental builds
    /// only); the caller knows its input is unchanged.
    fn keep(&self, path: &str) -> bool {
        if self.staged.is_some() {
            return false;
        }
        match self.previous.get(path) {
            Some(print) => {
                lock(&self.now).insert(path.to_string(), *print);
                true
            }
            None => false,
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The fingerprint of the templates in use: the built-ins are fixed for this binary; what can
/// change while serving is the override directory.
fn templates_fingerprint(overrides: Option<&Path>) -> Result<Fingerprint> {
    let mut parts: Vec<Vec<u8>> = Vec::new();
    for (name, _) in templates::TEMPLATES {
        let custom = templates::override_file(overrides, name);
        parts.push(name.as_bytes().to_vec());
        match custom {
            Some(path) => parts.push(std::fs::read(&path).map_err(|e| Error::io(&path, e))?),
            None => parts.push(b"\0builtin".to_vec()),
        }
    }
    Ok(fingerprint_parts(parts.iter().map(Vec::as_slice)))
}

/// Writes the site into `out`, rendering only pages whose input changed since the build
/// `cache` remembers. The pages `clean` names are kept without even building their contexts
/// (see [`Unchanged`] for what must hold, and `crate::incremental` for how it is decided). `full_extra` writes more files (the search index) on a full build, as
/// in [`super::write_site_with`]; on an incremental build the caller updates them itself.
pub fn write_site_incremental(
    graph: &Graph,
    diagnostics: &[Diagnostic],
    out: &Path,
    templates_dir: Option<&Path>,
    cache: &mut PageCache,
    clean: &Unchanged,
    full_extra: impl FnOnce(&StagedDir, &PageMap) -> Result<()>,
) -> Result<IncrementalStats> {
    let result = write(
        graph,
        diagnostics,
        out,
        templates_dir,
        cache,
        clean,
        full_extra,
    );
    if result.is_err() {
        cache.invalidate();
    }
    result
}

fn write(
    graph: &Graph,
    diagnostics: &[Diagnostic],
    out: &Path,
    templates_dir: Option<&Path>,
    cache: &mut PageCache,
    clean: &Unchanged,
    full_extra: impl FnOnce(&StagedDir, &PageMap) -> Result<()>,
) -> Result<IncrementalStats> {
    let t = std::time::Instant::now();
    let templates_print = templates_fingerprint(templates_dir)?;
    let tera = match cache.tera.take() {
        Some(tera) if cache.templates == Some(templates_print) => tera,
        _ => templates::load(templates_dir)?,
    };
    let full = !cache.valid || cache.templates != Some(templates_print) || !out.is_dir();
    let t = crate::timings::stage("incremental templates", t);
    let (map, cites) = rayon::join(|| PageMap::build(graph), || super::CiteIndex::build(graph));
    let staged = if full {
        Some(StagedDir::new(out)?)
    } else {
        None
    };
    let empty = HashMap::new();
    let recorder = Recorder {
        previous: if full { &empty } else { &cache.pages },
        now: Mutex::new(HashMap::new()),
        staged: staged.as_ref(),
        pending: Mutex::new(Vec::new()),
    };
    let site = Site {
        graph,
        diagnostics,
        map: &map,
        cites: &cites,
        tera: &tera,
        overrides: templates_dir,
        sink: &recorder,
        footnotes: super::footnotes_by_page(graph, &map),
    };
    let t = crate::timings::stage("incremental page map", t);
    let counts = Mutex::new(HashMap::new());
    let pages = render_pages(&site, &recorder, clean, (&cache.statute_counts, &counts))?;
    let t = crate::timings::stage("incremental pages", t);
    let now = recorder
        .now
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let pending = recorder
        .pending
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut stats = IncrementalStats {
        pages,
        full,
        ..IncrementalStats::default()
    };
    cache.valid = false;
    match staged {
        Some(staged) => {
            for (name, bytes) in templates::STATIC_FILES {
                staged.write(&format!("static/{name}"), bytes)?;
            }
            full_extra(&staged, &map)?;
            staged.commit()?;
            stats.written = pages;
        }
        None => {
            stats.written = pending.len();
            for (path, bytes) in &pending {
                write_atomic(out, path, bytes)?;
            }
            let mut gone: Vec<&String> = cache
                .pages
                .keys()
                .filter(|p| !now.contains_key(*p))
                .collect();
            gone.sort();
            for path in gone {
                remove_page(out, path)?;
                stats.removed += 1;
            }
        }
    }
    crate::timings::stage("incremental write", t);
    cache.pages = now;
    cache.statute_counts = counts
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    cache.templates = Some(templates_print);
    cache.tera = Some(tera);
    cache.valid = true;
    Ok(stats)
}

/// Every page of the site, in the order [`super::write_site_with`] renders them, except the
/// pages of clean documents that the last build wrote (kept as they are).
/// Keep the two lists the same: `tests/incremental.rs` compares the outputs byte for byte.
fn render_pages(
    site: &Site<'_>,
    recorder: &Recorder<'_>,
    clean: &Unchanged,
    (counts_before, counts): (&StatuteCounts, &Mutex<StatuteCounts>),
) -> Result<usize> {
    let statutes = || {
        site.statutes_with(|unit| {
            let before = counts_before.get(&unit.id);
            // A unit cited only from clean documents has the input it had; one cited from a
            // changed document often has too (the edit was elsewhere in it): its input is
            // fingerprinted, far cheaper than its page's context.
            let input = match before {
                Some(&(_, input)) if clean.units.contains(&unit.id) => input,
                _ => statute_input(site, unit),
            };
            let kept = match before {
                Some(&(count, was)) if was == input => recorder
                    .keep(&super::view::statute_file(&unit.id))
                    .then_some(count),
                _ => None,
            };
            let count = match kept {
                Some(count) => count,
                None => site.statute_page(unit)?,
            };
            lock(counts).insert(unit.id.clone(), (count, input));
            Ok(count)
        })
    };
    // The same jobs as `Site::all_pages`, side by side, site-wide pages first.
    type Job<'j> = &'j (dyn Fn() -> Result<usize> + Sync);
    let indexes = LISTINGS.map(|listing| move || site.listing_index(&listing));
    let site_wide: [Job<'_>; 7] = [
        &indexes[0],
        &indexes[1],
        &indexes[2],
        &statutes,
        &|| site.glossary(),
        &|| site.home(),
        &|| Ok(site.diagnostics_page()? + site.search_page()?),
    ];
    let documents = site.graph.documents.par_iter().map(|doc| {
        // A clean document's listing pages are as they were too (they show only its nodes).
        let clean = clean.documents.contains(&doc.id);
        let keep = |path: &str| clean && recorder.keep(path);
        let own = match keep(&format!("{}/index.html", doc.id)) {
            true => 1,
            false => site.document(&doc.id)?,
        };
        let listings: usize = (LISTINGS.iter())
            .map(|l| match keep(&l.page(&doc.id)) {
                true => Ok(1),
                false => site.listing_page(l, doc),
            })
            .sum::<Result<usize>>()?;
        Ok(own + listings)
    });
    let node_pages: Vec<(&String, bool)> = (site.graph.documents.iter())
        .flat_map(|d| {
            let clean = clean.documents.contains(&d.id);
            (site.map.reading_order.get(&d.id).into_iter().flatten()).map(move |p| (p, clean))
        })
        .collect();
    let nodes = node_pages.par_iter().map(|(page, clean)| {
        if *clean && recorder.keep(&super::page_file(page)) {
            Ok(1)
        } else {
            site.node_page(page)
        }
    });
    (site_wide.par_iter().map(|job| job()))
        .chain(documents)
        .chain(nodes)
        .try_reduce(|| 0, |a, b| Ok(a + b))
}

/// Replaces one file of the site: written beside it, then renamed over it.
pub fn write_atomic(out: &Path, relative: &str, bytes: &[u8]) -> Result<()> {
    let path = out.join(relative);
    let dir = path.parent().unwrap_or(out);
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    std::fs::write(&temp, bytes).map_err(|e| Error::io(&temp, e))?;
    std::fs::rename(&temp, &path).map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        Error::io(&path, e)
    })
}

/// Removes a page that no longer exists, and the directories it leaves empty.
fn remove_page(out: &Path, relative: &str) -> Result<()> {
    let path = out.join(relative);
    match std::fs::remove_file(&path) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(Error::io(&path, e)),
    }
    let mut dir = path.parent();
    while let Some(d) = dir.filter(|d| *d != out && d.starts_with(out)) {
        // Fails (and stops) at the first directory that is not empty.
        if std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_fingerprints_tell_contexts_and_templates_apart() {
        let mut a = Context::new();
        a.insert("title", "бап");
        let mut b = Context::new();
        b.insert("title", "бап ");
        let pa = page_fingerprint("page.html", &a);
        assert!(pa.is_some());
        assert_eq!(pa, page_fingerprint("page.html", &a.clone()));
        assert_ne!(pa, page_fingerprint("page.html", &b));
        assert_ne!(pa, page_fingerprint("index.html", &a));
    }

    #[test]
    fn parts_cannot_run_together() {
        assert_ne!(
            fingerprint_parts([b"ab".as_slice(), b"c".as_slice()]),
            fingerprint_parts([b"a".as_slice(), b"bc".as_slice()])
        );
    }

    #[test]
    fn removing_a_page_removes_the_directories_it_empties() {
        let dir = tempfile::tempdir().expect("dir");
        write_atomic(dir.path(), "doc/sub/page.html", b"x").expect("write");
        write_atomic(dir.path(), "doc/keep.html", b"y").expect("write");
        remove_page(dir.path(), "doc/sub/page.html").expect("remove");
        assert!(!dir.path().join("doc/sub").exists());
        assert!(dir.path().join("doc/keep.html").is_file());
        assert!(dir.path().is_dir());
    }
}
