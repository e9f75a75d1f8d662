//! Stage timings for benchmarks: with `ZANBOOK_TIMINGS=1` in the environment, every stage
//! that calls [`stage`] prints `zanbook: timing <stage> <ms> ms` to stderr. Off by default,
//! so ordinary output never changes; bench/scale/ reads these lines.

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
        eprintln!("zanbook: timing {name} {ms:.1} ms");
    }
    Instant::now()
}
