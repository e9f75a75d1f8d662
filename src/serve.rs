//! `zanbook serve`: the same build as `zanbook build`, served on 127.0.0.1, rebuilt when the
//! corpus or the templates change, with browsers reloaded after each successful rebuild.
//!
//! Only files inside the site directory are served: the request path is percent-decoded,
//! any `..`, absolute or drive component is refused, and the resolved file must lie inside
//! the site directory after symlinks are followed.

use crate::emit::site;
use crate::error::{Error, Result};
use crate::pipeline;
use std::io::Read;
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
pub const MAX_BODY_BYTES: usize = 64 * 1024;
/// Requests are served by this many threads.
const WORKERS: usize = 8;

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
    let stats = site::write_site(
        &compiled.graph,
        &compiled.diagnostics,
        &opts.out,
        opts.templates.as_deref(),
    )?;
    Ok(stats.pages)
}

/// Builds, then serves until the process is stopped.
pub fn run(opts: ServeOptions) -> Result<()> {
    let pages = build_once(&opts)?;
    let server = tiny_http::Server::http(opts.addr)
        .map_err(|e| Error::Usage(format!("cannot listen on {}: {e}", opts.addr)))?;
    let version = Arc::new(AtomicU64::new(1));
    // With `--port 0` the system picks the port: report the one actually bound.
    let bound = server.server_addr().to_ip().unwrap_or(opts.addr);
    let reach = if bound.ip().is_loopback() {
        "loopback only: other machines cannot connect"
    } else {
        "reachable from other machines"
    };
    eprintln!(
        "zanbook: {pages} pages; serving {} at http://{bound} ({reach}); Ctrl-C stops",
        opts.out.display(),
    );
    let _watcher = watch(&opts, Arc::clone(&version))?;
    let server = Arc::new(server);
    let root = opts.out.clone();
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let server = Arc::clone(&server);
            let root = root.clone();
            let version = Arc::clone(&version);
            std::thread::spawn(move || {
                while let Ok(request) = server.recv() {
                    respond(request, &root, &version);
                }
            })
        })
        .collect();
    for worker in workers {
        let _ = worker.join();
    }
    Ok(())
}

/// Watches the corpus and templates; rebuilds after changes settle for 100 ms.
fn watch(opts: &ServeOptions, version: Arc<AtomicU64>) -> Result<notify::RecommendedWatcher> {
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
    let opts = opts.clone();
    std::thread::spawn(move || {
        while rx.recv().is_ok() {
            while rx.recv_timeout(Duration::from_millis(100)).is_ok() {}
            let started = Instant::now();
            match build_once(&opts) {
                Ok(pages) => {
                    version.fetch_add(1, Ordering::SeqCst);
                    eprintln!(
                        "zanbook: rebuilt {pages} pages in {} ms",
                        started.elapsed().as_millis()
                    );
                }
                Err(err) => eprintln!("zanbook: rebuild failed, the previous site stays: {err}"),
            }
        }
    });
    Ok(watcher)
}

/// The script served pages get, so that a browser reloads after a rebuild.
const RELOAD_SCRIPT: &str = "<script>(function(){var v=null;function poll(){fetch('/__zanbook/version').then(function(r){return r.text();}).then(function(t){if(v!==null&&t!==v){location.reload();}v=t;}).catch(function(){}).finally(function(){setTimeout(poll,1000);});}poll();}());</script>";

fn respond(mut request: tiny_http::Request, root: &Path, version: &AtomicU64) {
    use tiny_http::{Header, Method, Response};
    let head = matches!(request.method(), Method::Head);
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ = request.respond(Response::from_string("only GET and HEAD\n").with_status_code(405));
        return;
    }
    if request.body_length().is_some_and(|n| n > MAX_BODY_BYTES) {
        let _ = request.respond(Response::from_string("body too large\n").with_status_code(413));
        return;
    }
    if request.url().len() > MAX_PATH_BYTES {
        let _ = request.respond(Response::from_string("URI too long\n").with_status_code(414));
        return;
    }
    // A GET has no body; read at most a little of one so the connection stays usable.
    let _ = std::io::copy(
        &mut request.as_reader().take(MAX_BODY_BYTES as u64),
        &mut std::io::sink(),
    );
    if request.url() == VERSION_PATH {
        let body = version.load(Ordering::SeqCst).to_string();
        let _ =
            request.respond(Response::from_string(body).with_header(content_type("text/plain")));
        return;
    }
    let response = match resolve(root, request.url()) {
        Err(Refusal::BadPath) => Response::from_string("bad request\n").with_status_code(400),
        Err(Refusal::NotFound) => Response::from_string("not found\n").with_status_code(404),
        Ok(file) => match std::fs::read(&file) {
            Ok(mut bytes) => {
                let mime = mime_of(&file);
                if mime.starts_with("text/html") && !head {
                    inject_reload(&mut bytes);
                }
                Response::from_data(bytes).with_header(content_type(mime))
            }
            Err(_) => Response::from_string("not found\n").with_status_code(404),
        },
    };
    let response = response.with_header(
        "X-Content-Type-Options: nosniff"
            .parse::<Header>()
            .unwrap_or_else(|_| content_type("text/plain")),
    );
    let _ = request.respond(response);
}

fn inject_reload(html: &mut Vec<u8>) {
    let marker = b"</body>";
    if let Some(at) = html.windows(marker.len()).rposition(|w| w == marker) {
        html.splice(at..at, RELOAD_SCRIPT.bytes());
    }
}

fn content_type(mime: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(&b"Content-Type"[..], mime.as_bytes()).unwrap_or_else(|_| {
        tiny_http::Header::from_bytes(&b"Content-Type"[..], &b"application/octet-stream"[..])
            .expect("static header")
    })
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
