//! `zanbook serve` as a user's browser (or an attacker) meets it: the real binary on a free
//! port, raw HTTP over std sockets. It binds loopback and says so, refuses traversal in
//! every spelling, bounds request sizes, and survives 1,000 concurrent connections.

mod common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The server process, killed when the test ends.
struct Server {
    child: Child,
    addr: SocketAddr,
    banner: String,
    _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `zanbook serve --port 0` on a copy of the unseen-orders corpus and reads the
/// address it reports.
fn start() -> Server {
    let dir = tempfile::tempdir().expect("dir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).expect("mkdir");
    for f in ["corpus.yaml", "order-2019-12.txt", "order-2020-77.txt"] {
        std::fs::copy(
            common::repo().join("tests/fixtures/unseen").join(f),
            corpus.join(f),
        )
        .expect("copy");
    }
    std::fs::write(dir.path().join("secret.txt"), "secret").expect("secret");
    let mut child = Command::new(env!("CARGO_BIN_EXE_zanbook"))
        .args([
            "serve", "--port", "0", "--corpus", "corpus", "--out", "site",
        ])
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("zanbook serve starts");
    let mut stderr = child.stderr.take().expect("stderr");
    let mut banner = String::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut byte = [0u8; 1];
    while !banner.contains("Ctrl-C") {
        assert!(Instant::now() < deadline, "no banner: {banner}");
        match stderr.read(&mut byte) {
            Ok(1) => banner.push(byte[0] as char),
            _ => panic!("serve exited: {banner}"),
        }
    }
    // Keep draining stderr so the server never blocks on a full pipe.
    std::thread::spawn(move || {
        let _ = std::io::copy(&mut stderr, &mut std::io::sink());
    });
    let addr = banner
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| panic!("no address in: {banner}"));
    // A symlink out of the site, planted after the build.
    std::os::unix::fs::symlink(
        dir.path().join("secret.txt"),
        dir.path().join("site/leak.txt"),
    )
    .expect("symlink");
    Server {
        child,
        addr,
        banner,
        _dir: dir,
    }
}

/// Sends raw request bytes and returns the status code and the whole response.
fn raw(addr: SocketAddr, request: &[u8]) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    // The server may answer and close before reading an oversized request to its end.
    let _ = stream.write_all(request);
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, text)
}

fn get(addr: SocketAddr, path: &str) -> (u16, String) {
    raw(
        addr,
        format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").as_bytes(),
    )
}

#[test]
fn serve_binds_loopback_refuses_traversal_and_bounds_requests() {
    let server = start();
    assert!(server.addr.ip().is_loopback(), "{}", server.banner);
    assert!(server.banner.contains("loopback only"), "{}", server.banner);
    let (status, body) = get(server.addr, "/");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("</html>"));
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/..%2fsecret.txt",
        "/index.html%00.png",
        "/%c0%ae%c0%ae/secret.txt",
    ] {
        let (status, body) = get(server.addr, path);
        assert_eq!(status, 400, "{path}: {body}");
        assert!(
            !body.contains("secret\n") && !body.ends_with("secret"),
            "{path}"
        );
    }
    for path in [
        "/etc/passwd",
        "//etc/passwd",
        "/%2Fetc%2Fpasswd",
        "/leak.txt",
    ] {
        let (status, body) = get(server.addr, path);
        assert_eq!(status, 404, "{path}: {body}");
    }
    let long = format!("/{}", "a".repeat(zanbook::limits::MAX_PATH_BYTES + 10));
    assert_eq!(get(server.addr, &long).0, 414);
    let big_body = format!(
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        zanbook::limits::MAX_BODY_BYTES * 16
    );
    // Only GET and HEAD are served: a POST is refused before its body is read.
    assert_eq!(raw(server.addr, big_body.as_bytes()).0, 405);
    let get_with_body = format!(
        "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        zanbook::limits::MAX_BODY_BYTES + 1
    );
    assert_eq!(raw(server.addr, get_with_body.as_bytes()).0, 413);
    let huge_header = format!(
        "GET / HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n",
        "a".repeat(zanbook::limits::MAX_HEAD_BYTES + 1)
    );
    assert_eq!(raw(server.addr, huge_header.as_bytes()).0, 431);
    let many_headers: String = (0..5000).map(|i| format!("X-{i}: y\r\n")).collect();
    let many = format!("GET / HTTP/1.1\r\n{many_headers}\r\n");
    assert_eq!(raw(server.addr, many.as_bytes()).0, 431);
    let chunked = "GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
    assert_eq!(raw(server.addr, chunked.as_bytes()).0, 413);
    let head = raw(server.addr, b"HEAD / HTTP/1.1\r\nHost: x\r\n\r\n");
    assert_eq!(head.0, 200);
    assert!(head.1.ends_with("\r\n\r\n"), "HEAD has no body");
    let (status, _) = raw(server.addr, b"BREW /pot HTCPCP/1.0\r\n\r\n");
    assert!(
        (400..500).contains(&status) || status == 0 || status == 505,
        "{status}"
    );
    // The server still answers after all of that.
    assert_eq!(get(server.addr, "/").0, 200);
}

#[test]
fn idle_connections_do_not_starve_a_real_request() {
    let server = start();
    // Browsers open sockets speculatively and may send nothing on them for a while.
    let idle: Vec<TcpStream> = (0..16)
        .map(|_| TcpStream::connect(server.addr).expect("connect"))
        .collect();
    let started = Instant::now();
    assert_eq!(get(server.addr, "/").0, 200);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "a request waited {:?} behind idle connections",
        started.elapsed()
    );
    drop(idle);
}

#[test]
fn serve_survives_a_burst_of_a_thousand_concurrent_connections() {
    let server = start();
    let addr = server.addr;
    let pages: Vec<String> = vec![
        "/".into(),
        "/index.html".into(),
        "/__zanbook/version".into(),
    ];
    let started = Instant::now();
    let handles: Vec<_> = (0..1000)
        .map(|i| {
            let path = pages[i % pages.len()].clone();
            std::thread::spawn(move || get(addr, &path))
        })
        .collect();
    let mut failures = Vec::new();
    for handle in handles {
        let (status, body) = handle.join().expect("client thread");
        let complete = status == 304 || (status == 200 && !body.is_empty());
        if !complete {
            failures.push(format!(
                "{status}: {}",
                body.chars().take(80).collect::<String>()
            ));
        }
    }
    let elapsed = started.elapsed();
    assert!(
        failures.is_empty(),
        "{} of 1000 failed, e.g. {:?}",
        failures.len(),
        &failures[..failures.len().min(3)]
    );
    eprintln!("1000 concurrent requests in {elapsed:?}");
    assert_eq!(get(addr, "/").0, 200, "the server answers after the burst");
}

/// The site file (relative to `site`) that contains `needle`, if any.
fn file_containing(site: &std::path::Path, needle: &str) -> Option<String> {
    let mut stack = vec![site.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).ok()?.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "html")
                && std::fs::read_to_string(&path).is_ok_and(|t| t.contains(needle))
            {
                return Some(path.strip_prefix(site).ok()?.to_string_lossy().into_owned());
            }
        }
    }
    None
}

#[test]
fn an_edit_is_rebuilt_served_and_announced_to_browsers() {
    let server = start();
    let (_, before) = get(server.addr, "/__zanbook/version");
    let text_path = server._dir.path().join("corpus/order-2019-12.txt");
    let text = std::fs::read_to_string(&text_path).expect("text");
    let needle = "өзгертілгенмәтін";
    let edited = text.replacen(
        "Қоса беріліп отырған",
        &format!("Қоса беріліп {needle} отырған"),
        1,
    );
    assert_ne!(edited, text, "the fixture has the line to edit");
    std::fs::write(&text_path, edited).expect("edit");
    let site = server._dir.path().join("site");
    let deadline = Instant::now() + Duration::from_secs(120);
    let page = loop {
        if let Some(page) = file_containing(&site, needle) {
            break page;
        }
        assert!(Instant::now() < deadline, "the edit never reached the site");
        std::thread::sleep(Duration::from_millis(200));
    };
    let (status, body) = get(server.addr, &format!("/{page}"));
    assert_eq!(status, 200);
    assert!(body.contains(needle), "the served page has the edit");
    let number = |r: &str| r.rsplit("\r\n\r\n").next().unwrap_or("").trim().to_string();
    // The number changes right after the pages are written.
    while number(&get(server.addr, "/__zanbook/version").1) == number(&before) {
        assert!(
            Instant::now() < deadline,
            "browsers are never told to reload"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}
