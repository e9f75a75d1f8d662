//! Every limit zanbook enforces, in one place. Each protects against a class of hostile or
//! broken input (a wrong file listed in the manifest, a YAML bomb, a garbled extraction) by
//! refusing it with a located message instead of exhausting memory or time. The values are
//! far above what any real document needs; README.md ("Limits and guarantees") lists them
//! and tests/hostile.rs exercises each one through the real binary.

/// The largest corpus text accepted (bytes). Checked from the file's size before it is read.
pub use crate::load::MAX_DOCUMENT_BYTES;
/// The longest line of a corpus text (characters).
pub use crate::load::MAX_LINE_CHARS;

/// The largest corpus YAML file (`corpus.yaml`, `statutes.yaml`, `corrections.yaml`) in
/// bytes. The real ones are under 20 KiB; the limit bounds what the YAML parser may build.
pub const MAX_CORPUS_YAML_BYTES: u64 = 4 * 1024 * 1024;

/// How deep «…» quotes may nest inside one another in a law's text (amending laws quote the
/// amended text, which may itself quote a title: three levels occur; 32 is garbage).
pub const MAX_QUOTE_DEPTH: usize = 32;

/// The largest act file (bytes) and its deepest nesting; anchors and aliases are refused
/// outright, so no alias expansion limit is needed.
pub use crate::act::yaml::{MAX_BYTES as MAX_ACT_YAML_BYTES, MAX_DEPTH as MAX_ACT_YAML_DEPTH};

/// The longest search query (characters) and the most term groups used from it.
pub use crate::search::engine::{MAX_GROUPS as MAX_QUERY_GROUPS, MAX_QUERY_CHARS};

pub use crate::http::IO_TIMEOUT as SERVE_IO_TIMEOUT;
/// The largest request head (request line and headers, bytes) `zanbook serve` reads; a
/// larger one is answered 431. A client has [`SERVE_IO_TIMEOUT`] to send it.
pub use crate::http::MAX_HEAD_BYTES;
/// Connections waiting for a worker; beyond this `zanbook serve` answers 503.
pub use crate::http::QUEUE as SERVE_QUEUE;
/// The largest request body `zanbook serve` accepts (it serves GET and HEAD only); a
/// larger declared body is answered 413 without reading it.
pub use crate::serve::MAX_BODY_BYTES;
/// The longest request path `zanbook serve` accepts (bytes); longer ones get 414.
pub use crate::serve::MAX_PATH_BYTES;

/// The largest text `zanbook cite` reads from stdin (bytes): the same as a corpus document.
pub const MAX_CITE_INPUT_BYTES: usize = MAX_DOCUMENT_BYTES;

/// Reads a corpus YAML file, refusing one larger than [`MAX_CORPUS_YAML_BYTES`] before
/// reading it (exit 1: the input is wrong, with a hint).
pub fn read_corpus_yaml(path: &std::path::Path) -> crate::Result<String> {
    use crate::Error;
    let size = std::fs::metadata(path)
        .map_err(|e| Error::io(path, e))?
        .len();
    if size > MAX_CORPUS_YAML_BYTES {
        return Err(Error::input(
            path,
            None,
            format!(
                "the file has {size} bytes, more than the limit of {MAX_CORPUS_YAML_BYTES} bytes for a corpus YAML file"
            ),
        )
        .with_hint("is this the right file? corpus YAML files hold lists, not texts"));
    }
    std::fs::read_to_string(path).map_err(|e| Error::io(path, e))
}
