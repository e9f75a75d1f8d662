//! `zanbook::fuzzing::act_yaml` under libFuzzer; the body (and what it checks) lives there.
//! `init` runs it once on an empty input before fuzzing starts, so the one-time set-up (the
//! real corpus compiled, the registry or templates loaded) is not counted against the first
//! unit's `-timeout` (under load it took longer than the 30 s a hang is allowed).
#![no_main]
libfuzzer_sys::fuzz_target!(
    init: zanbook::fuzzing::act_yaml(b""),
    |data: &[u8]| zanbook::fuzzing::act_yaml(data)
);
