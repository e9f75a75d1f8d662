//! Stage timings for benchmarks: with `ZANBOOK_TIMINGS=1` in the environment, every stage
//! that calls [`stage`] prints `zanbook: timing <stage> <ms> ms, peak RSS <MiB> MiB` to
//! stderr (the peak so far, where the system reports it). Off by default, so ordinary output
//! never changes.

use std::sync::OnceLock;
use std::time::Instant;

fn enabled() -> bool {
    static ENABLED: OnceLock<bool> = OnceLock::new();
    *ENABLED.get_or_init(|| std::env::var_os("ZANBOOK_TIMINGS").is_some_and(|v| v != "0"))
}

/// Reports the time since `started` under `name` (when enabled) and returns a new start.
pub fn stage(name: &str, started: Instant) -> Instant {
    if enabled() {
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        match peak_rss_mib() {
            Some(mib) => eprintln!("zanbook: timing {name} {ms:.1} ms, peak RSS {mib} MiB"),
            None => eprintln!("zanbook: timing {name} {ms:.1} ms"),
        }
    }
    Instant::now()
}

/// The process's peak resident set so far (Linux: `VmHWM` in /proc/self/status).
fn peak_rss_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}
