//! The bounded HTTP/1.1 core of `zanbook serve`, on std sockets only.
//!
//! It exists because the server must not be trickable: every request head is read with a
//! size cap ([`MAX_HEAD_BYTES`], else 431) and a read timeout (a slow client cannot hold a
//! worker), bodies over [`MAX_BODY_BYTES`] are refused unread (413), connections are served
//! by a fixed pool of workers behind a bounded queue (503 when it is full, instead of a
//! thread per connection), and an accept error such as "too many open files" is waited out
//! rather than ending the server. Every response closes its connection: a static study site
//! needs no keep-alive, and one request per connection keeps each worker's cost bounded.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc::{sync_channel, Receiver, TrySendError};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The largest request head (request line and headers) read, in bytes.
pub const MAX_HEAD_BYTES: usize = 16 * 1024;
/// The largest request body accepted; zanbook serves GET and HEAD, which carry none.
pub const MAX_BODY_BYTES: usize = 64 * 1024;
/// How long a client may take to send its request, or to take the response.
pub const IO_TIMEOUT: Duration = Duration::from_secs(10);
/// Connections accepted but not yet served; beyond this, 503.
pub const QUEUE: usize = 4096;

/// A parsed request head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    /// The request target as sent (`/doc/index.html?x`), not decoded.
    pub target: String,
    pub content_length: Option<usize>,
    pub chunked: bool,
}

/// A response to write.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
}

impl Response {
    pub fn text(status: u16, body: &str) -> Self {
        Response {
            status,
            content_type: "text/plain; charset=utf-8",
            body: body.as_bytes().to_vec(),
        }
    }
}

/// Why a request head could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeadError {
    /// 431: the head is larger than [`MAX_HEAD_BYTES`].
    TooLarge,
    /// 400: not an HTTP request head.
    Malformed,
    /// The client went away or timed out before sending a whole head.
    Closed,
}

/// Reads a request head (up to the blank line) from `stream`.
pub fn read_head(stream: &mut impl Read) -> Result<Request, HeadError> {
    let mut head = Vec::with_capacity(1024);
    let mut chunk = [0u8; 2048];
    loop {
        let n = stream.read(&mut chunk).map_err(|_| HeadError::Closed)?;
        if n == 0 {
            return Err(HeadError::Closed);
        }
        head.extend_from_slice(&chunk[..n]);
        if let Some(end) = find_head_end(&head) {
            if end > MAX_HEAD_BYTES {
                return Err(HeadError::TooLarge);
            }
            head.truncate(end);
            return parse_head(&head);
        }
        if head.len() > MAX_HEAD_BYTES {
            return Err(HeadError::TooLarge);
        }
    }
}

fn find_head_end(bytes: &[u8]) -> Option<usize> {
    bytes.windows(4).position(|w| w == b"\r\n\r\n").or_else(|| {
        // Some clients (and hand-typed requests) end lines with a bare LF.
        bytes.windows(2).position(|w| w == b"\n\n")
    })
}

fn parse_head(head: &[u8]) -> Result<Request, HeadError> {
    let text = std::str::from_utf8(head).map_err(|_| HeadError::Malformed)?;
    let mut lines = text.lines();
    let mut parts = lines.next().unwrap_or("").split_whitespace();
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(HeadError::Malformed);
    };
    if !version.starts_with("HTTP/1.") {
        return Err(HeadError::Malformed);
    }
    let mut request = Request {
        method: method.to_string(),
        target: target.to_string(),
        content_length: None,
        chunked: false,
    };
    for line in lines.filter(|l| !l.is_empty()) {
        let (name, value) = line.split_once(':').ok_or(HeadError::Malformed)?;
        let value = value.trim();
        if name.eq_ignore_ascii_case("content-length") {
            request.content_length = Some(value.parse().map_err(|_| HeadError::Malformed)?);
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            request.chunked = true;
        }
    }
    Ok(request)
}

/// Writes a response and closes the connection's write side.
pub fn write_response(stream: &mut impl Write, response: &Response, head_only: bool) {
    let head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        response.status,
        reason(response.status),
        response.content_type,
        response.body.len()
    );
    // A client that went away is not an error worth reporting.
    let _ = stream.write_all(head.as_bytes());
    if !head_only {
        let _ = stream.write_all(&response.body);
    }
    let _ = stream.flush();
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        413 => "Content Too Large",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "",
    }
}

/// Serves connections from `listener` with `workers` threads until the process ends.
/// `handle` turns a request whose size is within the limits into a response.
pub fn serve<H>(listener: TcpListener, workers: usize, handle: H)
where
    H: Fn(&Request) -> Response + Send + Sync + 'static,
{
    let handle = Arc::new(handle);
    let (queue, connections) = sync_channel::<TcpStream>(QUEUE);
    let connections = Arc::new(Mutex::new(connections));
    for _ in 0..workers.max(1) {
        let connections = Arc::clone(&connections);
        let handle = Arc::clone(&handle);
        std::thread::spawn(move || worker(&connections, handle.as_ref()));
    }
    for stream in listener.incoming() {
        match stream {
            Ok(stream) => {
                if let Err(TrySendError::Full(mut stream)) = queue.try_send(stream) {
                    write_response(&mut stream, &Response::text(503, "busy\n"), false);
                }
            }
            // Out of file descriptors or a connection reset before accept: wait, go on.
            Err(_) => std::thread::sleep(Duration::from_millis(20)),
        }
    }
}

fn worker<H: Fn(&Request) -> Response>(connections: &Mutex<Receiver<TcpStream>>, handle: &H) {
    loop {
        let next = match connections.lock() {
            Ok(receiver) => receiver.recv(),
            Err(_) => return,
        };
        let Ok(stream) = next else { return };
        serve_connection(stream, handle);
    }
}

fn serve_connection<H: Fn(&Request) -> Response>(mut stream: TcpStream, handle: &H) {
    let _ = stream.set_read_timeout(Some(IO_TIMEOUT));
    let _ = stream.set_write_timeout(Some(IO_TIMEOUT));
    let request = match read_head(&mut stream) {
        Ok(request) => request,
        Err(HeadError::TooLarge) => {
            return write_response(
                &mut stream,
                &Response::text(431, "header too large\n"),
                false,
            )
        }
        Err(HeadError::Malformed) => {
            return write_response(&mut stream, &Response::text(400, "bad request\n"), false)
        }
        Err(HeadError::Closed) => return,
    };
    let head_only = request.method == "HEAD";
    let response = match check_limits(&request) {
        Some(refusal) => refusal,
        None => handle(&request),
    };
    write_response(&mut stream, &response, head_only);
}

/// The refusal for a request over a limit, if it is one.
pub fn check_limits(request: &Request) -> Option<Response> {
    if !matches!(request.method.as_str(), "GET" | "HEAD") {
        return Some(Response::text(405, "only GET and HEAD\n"));
    }
    if request.target.len() > crate::serve::MAX_PATH_BYTES {
        return Some(Response::text(414, "URI too long\n"));
    }
    if request.chunked || request.content_length.is_some_and(|n| n > MAX_BODY_BYTES) {
        return Some(Response::text(413, "body too large\n"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_head_is_parsed() {
        let mut input: &[u8] = b"GET /a%20b?x HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc";
        let request = read_head(&mut input).expect("head");
        assert_eq!(request.method, "GET");
        assert_eq!(request.target, "/a%20b?x");
        assert_eq!(request.content_length, Some(3));
    }

    #[test]
    fn oversized_and_malformed_heads_are_refused() {
        let big = format!(
            "GET / HTTP/1.1\r\nX: {}\r\n\r\n",
            "a".repeat(MAX_HEAD_BYTES)
        );
        assert_eq!(read_head(&mut big.as_bytes()), Err(HeadError::TooLarge));
        let endless = "a".repeat(MAX_HEAD_BYTES * 4);
        assert_eq!(read_head(&mut endless.as_bytes()), Err(HeadError::TooLarge));
        for bad in [
            &b"GET /\r\n\r\n"[..],
            b"GET / HTTP/1.1 extra\r\n\r\n",
            b"GET / SPDY/3\r\n\r\n",
            b"GET / HTTP/1.1\r\nno colon\r\n\r\n",
            b"GET / HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
            b"GET / HTTP/1.1\r\n\xff: x\r\n\r\n",
        ] {
            assert_eq!(
                read_head(&mut &bad[..]),
                Err(HeadError::Malformed),
                "{bad:?}"
            );
        }
        assert_eq!(read_head(&mut &b"GET / HT"[..]), Err(HeadError::Closed));
    }

    #[test]
    fn limits_refuse_methods_long_targets_and_bodies() {
        let request = |method: &str, target: String, length: Option<usize>| Request {
            method: method.to_string(),
            target,
            content_length: length,
            chunked: false,
        };
        let status = |r: Request| check_limits(&r).map(|r| r.status);
        assert_eq!(status(request("GET", "/".into(), None)), None);
        assert_eq!(status(request("POST", "/".into(), None)), Some(405));
        let long = format!("/{}", "a".repeat(crate::serve::MAX_PATH_BYTES));
        assert_eq!(status(request("GET", long, None)), Some(414));
        let body = Some(MAX_BODY_BYTES + 1);
        assert_eq!(status(request("GET", "/".into(), body)), Some(413));
    }
}
