//! zanbook: a compiler for Kazakh legal texts.
//!
//! The pipeline runs one way: [`load`] → [`normalize`] → [`parse`] → [`graph`] → [`check`]
//! → [`emit`]. [`pipeline`] runs the stages in order; `src/main.rs` is only the command line.
//! See ARCHITECTURE.md for where each concern lives.

pub mod act;
pub mod check;
pub mod cite;
pub mod corrections;
pub mod dates;
pub mod diagnostic;
pub mod emit;
pub mod error;
#[doc(hidden)]
pub mod fuzzing;
pub mod glossary;
pub mod graph;
pub mod handout;
pub mod http;
pub mod incremental;
pub mod limits;
pub mod load;
pub mod normalize;
pub mod parse;
pub mod pipeline;
pub mod search;
pub mod serve;
pub mod timings;

pub use error::{Error, Result};
