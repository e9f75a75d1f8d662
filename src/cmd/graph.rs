use std::io::Write;
use std::path::Path;
use zanbook::pipeline;

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Json,
}

/// `zanbook graph --format json`: the whole article graph on stdout.
pub fn run(corpus: &Path, format: Format) -> zanbook::Result<u8> {
    let compiled = pipeline::compile_dir(corpus)?;
    match format {
        Format::Json => {
            let text = serde_json::to_string_pretty(&compiled.graph)
                .map_err(|e| zanbook::Error::Usage(format!("cannot serialise the graph: {e}")))?;
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth a message.
            let _ = writeln!(stdout, "{text}");
        }
    }
    Ok(0)
}
