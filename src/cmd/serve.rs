use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::Path;
use zanbook::serve::{self, ServeOptions};

/// `zanbook serve`: build, serve on 127.0.0.1 (unless `--host` says otherwise), rebuild on change.
pub fn run(
    corpus: &Path,
    out: &Path,
    templates: Option<&Path>,
    host: Option<IpAddr>,
    port: u16,
) -> zanbook::Result<u8> {
    let ip = host.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    if !ip.is_loopback() {
        eprintln!("zanbook: warning: serving on {ip}, which other machines can reach");
    }
    // In a checkout, serve the templates of templates/site/ and watch them, so that an edit
    // to a template shows up without recompiling zanbook.
    let templates = templates
        .map(Path::to_path_buf)
        .or_else(|| Some(Path::new("templates/site").to_path_buf()).filter(|d| d.is_dir()));
    serve::run(ServeOptions {
        corpus: corpus.to_path_buf(),
        out: out.to_path_buf(),
        templates,
        addr: SocketAddr::new(ip, port),
    })?;
    Ok(0)
}
