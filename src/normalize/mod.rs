//! Small pure functions that turn the strings pages show into typed values.
//!
//! Nothing here knows about forum engines: engines call these.

pub(crate) mod date;
pub(crate) mod label;
pub(crate) mod number;
pub(crate) mod text;
pub(crate) mod url;
