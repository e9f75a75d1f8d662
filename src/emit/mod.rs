//! Stage 6, emit: renderers that read the finished graph and write outputs.
//! Every renderer writes into a fresh temporary directory and swaps it in at the end, so
//! a failed build leaves the previous output untouched.

pub mod atomic;
pub mod site;
