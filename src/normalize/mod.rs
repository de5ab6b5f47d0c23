//! Small pure functions that turn the strings pages show into typed values.
//!
//! Nothing here knows about forum engines: engines call these.

pub mod date;
pub mod label;
pub mod number;
pub mod text;
pub mod url;
