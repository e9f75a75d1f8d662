//! `zanbook serve`: the same build as `zanbook build`, served on 127.0.0.1, rebuilt when the
//! corpus or the templates change, with browsers reloaded after each successful rebuild.
//!
//! Only files inside the site directory are served: the request path is percent-decoded,
//! any `..`, absolute or drive component is refused, and the resolved file must lie inside
//! the site directory after symlinks are followed.

use crate::emit::site;
use crate::error::{Error, Result};
use crate::http;
use crate::incremental::Session;
use crate::pipeline;
use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Where the reload script asks for the build number.
pub const VERSION_PATH: &str = "/__zanbook/version";
/// Longest request path accepted.
pub const MAX_PATH_BYTES: usize = 2048;
/// Largest request body accepted (GET and HEAD carry none; a form post is not served).
pub use crate::http::MAX_BODY_BYTES;
/// Connections are served by this many threads. A browser keeps idle preconnected sockets
/// open, each holding a worker until its request or the I/O timeout: 32 leaves room.
const WORKERS: usize = 32;

/// What `serve` needs to know.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub corpus: PathBuf,
    pub out: PathBuf,
    pub templates: Option<PathBuf>,
    pub addr: SocketAddr,
}

/// Why a request path is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// 400: not a path zanbook serves (`..`, an absolute path, a NUL, bad encoding, too long).
    BadPath,
    /// 404: no such file in the site.
    NotFound,
}

/// Maps a request path to a file inside `root`, or refuses it.
pub fn resolve(root: &Path, request_path: &str) -> std::result::Result<PathBuf, Refusal> {
    let path = request_path.split(['?', '#']).next().unwrap_or("");
    if path.len() > MAX_PATH_BYTES || !path.starts_with('/') {
        return Err(Refusal::BadPath);
    }
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .map_err(|_| Refusal::BadPath)?;
    if decoded.contains(['\0', '\\']) {
        return Err(Refusal::BadPath);
    }
    let relative = Path::new(decoded.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return Err(Refusal::BadPath);
    }
    let mut file = root.join(relative);
    if file.is_dir() {
        file = file.join("index.html");
    }
    let real = file.canonicalize().map_err(|_| Refusal::NotFound)?;
    let real_root = root.canonicalize().map_err(|_| Refusal::NotFound)?;
    if !real.starts_with(&real_root) || !real.is_file() {
        return Err(Refusal::NotFound);
    }
    Ok(real)
}

/// Builds the site once; returns the number of pages.
pub fn build_once(opts: &ServeOptions) -> Result<usize> {
    let compiled = pipeline::compile_dir(&opts.corpus)?;
    let errors = compiled
        .diagnostics
        .iter()
        .filter(|d| d.severity == crate::diagnostic::Severity::Error)
        .count();
    if errors > 0 {
        return Err(Error::Diagnostics(format!(
            "{errors} error(s) in the corpus (run `zanbook check`)"
        )));
    }
    let terms = opts.corpus.join("search-terms.yaml");
    let stats = site::write_site_with(
        &compiled.graph,
        &compiled.diagnostics,
        &opts.out,
        opts.templates.as_deref(),
        |staged, map| {
            crate::search::shards::index_site(&compiled.graph, map, staged, &terms).map(|_| ())
        },
    )?;
    Ok(stats.pages)
}

/// Builds, then serves until the process is stopped.
pub fn run(opts: ServeOptions) -> Result<()> {
    let mut session = Session::new(&opts.corpus, &opts.out, opts.templates.as_deref());
    let pages = session.rebuild()?.pages;
    let listener = std::net::TcpListener::bind(opts.addr)
        .map_err(|e| Error::Usage(format!("cannot listen on {}: {e}", opts.addr)))?;
    // With `--port 0` the system picks the port: report the one actually bound.
    let bound = listener.local_addr().unwrap_or(opts.addr);
    let reach = if bound.ip().is_loopback() {
        "loopback only: other machines cannot connect"
    } else {
        "reachable from other machines"
    };
    eprintln!(
        "zanbook: {pages} pages; serving {} at http://{bound} ({reach}); Ctrl-C stops",
        opts.out.display(),
    );
    let version = Arc::new(AtomicU64::new(1));
    let _watcher = watch(&opts, session, Arc::clone(&version))?;
    let root = opts.out.clone();
    crate::http::serve(listener, WORKERS, move |request| {
        respond(request, &root, &version)
    });
    Ok(())
}

/// Watches the corpus and templates; after changes settle for 100 ms, rebuilds through the
/// session (only what changed), reloads browsers, then brings the search index up to date.
fn watch(
    opts: &ServeOptions,
    mut session: Session,
    version: Arc<AtomicU64>,
) -> Result<notify::RecommendedWatcher> {
    use notify::{RecursiveMode, Watcher};
    let (tx, rx) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if event.is_ok_and(|e| !e.kind.is_access()) {
            let _ = tx.send(());
        }
    })
    .map_err(|e| Error::Usage(format!("cannot watch files: {e}")))?;
    let mut watched = vec![opts.corpus.clone()];
    watched.extend(opts.templates.clone());
    for dir in &watched {
        watcher
            .watch(dir, RecursiveMode::Recursive)
            .map_err(|e| Error::Usage(format!("cannot watch {}: {e}", dir.display())))?;
    }
    std::thread::spawn(move || {
        while rx.recv().is_ok() {
            while rx.recv_timeout(Duration::from_millis(100)).is_ok() {}
            rebuild(&mut session, &version);
        }
    });
    Ok(watcher)
}

/// One rebuild after a change, reported on stderr.
fn rebuild(session: &mut Session, version: &AtomicU64) {
    let started = Instant::now();
    match session.rebuild() {
        Ok(stats) => {
            version.fetch_add(1, Ordering::SeqCst);
            eprintln!(
                "zanbook: rebuilt in {} ms ({} of {} documents parsed, {} of {} pages written{}{})",
                started.elapsed().as_millis(),
                stats.parsed,
                stats.documents,
                stats.written,
                stats.pages,
                if stats.removed > 0 {
                    format!(", {} removed", stats.removed)
                } else {
                    String::new()
                },
                if stats.full { ", full build" } else { "" },
            );
        }
        Err(err) => {
            eprintln!("zanbook: rebuild failed, the previous site stays: {err}");
            return;
        }
    }
    if session.search_stale() {
        let started = Instant::now();
        match session.update_search() {
            Ok(()) => eprintln!(
                "zanbook: search index updated in {} ms",
                started.elapsed().as_millis()
            ),
            Err(err) => eprintln!("zanbook: search index not updated: {err}"),
        }
    }
}

/// The script served pages get, so that a browser reloads after a rebuild.
const RELOAD_SCRIPT: &str = "<script>(function(){var v=null;function poll(){fetch('/__zanbook/version').then(function(r){return r.text();}).then(function(t){if(v!==null&&t!==v){location.reload();}v=t;}).catch(function(){}).finally(function(){setTimeout(poll,1000);});}poll();}());</script>";

/// The response to a request within the size limits.
fn respond(request: &http::Request, root: &Path, version: &AtomicU64) -> http::Response {
    if request.target == VERSION_PATH {
        return http::Response::text(200, &version.load(Ordering::SeqCst).to_string());
    }
    match resolve(root, &request.target) {
        Err(Refusal::BadPath) => http::Response::text(400, "bad request\n"),
        Err(Refusal::NotFound) => http::Response::text(404, "not found\n"),
        Ok(file) => match std::fs::read(&file) {
            Ok(mut body) => {
                let content_type = mime_of(&file);
                if content_type.starts_with("text/html") && request.method != "HEAD" {
                    inject_reload(&mut body);
                }
                http::Response {
                    status: 200,
                    content_type,
                    body,
                }
            }
            Err(_) => http::Response::text(404, "not found\n"),
        },
    }
}

fn inject_reload(html: &mut Vec<u8>) {
    let marker = b"</body>";
    if let Some(at) = html.windows(marker.len()).rposition(|w| w == marker) {
        html.splice(at..at, RELOAD_SCRIPT.bytes());
    }
}

fn mime_of(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("pdf") => "application/pdf",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("dir");
        std::fs::create_dir_all(dir.path().join("site/doc")).expect("mkdir");
        std::fs::write(dir.path().join("site/index.html"), "home").expect("write");
        std::fs::write(dir.path().join("site/doc/index.html"), "doc").expect("write");
        std::fs::write(dir.path().join("secret.txt"), "secret").expect("write");
        dir
    }

    #[test]
    fn files_inside_the_site_are_served() {
        let dir = site();
        let root = dir.path().join("site");
        assert!(resolve(&root, "/").is_ok());
        assert!(resolve(&root, "/doc/").is_ok());
        assert!(resolve(&root, "/doc/index.html?x=1#frag").is_ok());
        assert_eq!(resolve(&root, "/nope.html"), Err(Refusal::NotFound));
    }

    #[test]
    fn traversal_is_refused_in_every_spelling() {
        let dir = site();
        let root = dir.path().join("site");
        for path in [
            "/../secret.txt",
            "/doc/../../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E%2Fsecret.txt",
            "/..%2fsecret.txt",
            "/doc\\..\\..\\secret.txt",
            "/index.html%00.png",
            "relative.html",
        ] {
            assert_eq!(resolve(&root, path), Err(Refusal::BadPath), "{path}");
        }
        // A doubled slash stays inside the site: it is looked up there and not found.
        assert_eq!(resolve(&root, "//etc/passwd"), Err(Refusal::NotFound));
        assert_eq!(resolve(&root, "/%2Fetc%2Fpasswd"), Err(Refusal::NotFound));
        let long = format!("/{}", "a".repeat(MAX_PATH_BYTES + 1));
        assert_eq!(resolve(&root, &long), Err(Refusal::BadPath));
    }

    #[test]
    fn symlinks_out_of_the_site_are_not_followed() {
        let dir = site();
        let root = dir.path().join("site");
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("leak.txt"))
            .expect("symlink");
        assert_eq!(resolve(&root, "/leak.txt"), Err(Refusal::NotFound));
    }

    #[test]
    fn reload_script_goes_before_the_body_end() {
        let mut html = b"<html><body><p>x</p></body></html>".to_vec();
        inject_reload(&mut html);
        let text = String::from_utf8(html).expect("utf-8");
        assert!(text.contains("</script></body>"));
    }
}
