//! `zanbook::fuzzing::act_yaml` under libFuzzer; the body (and what it checks) lives there.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| zanbook::fuzzing::act_yaml(data));
