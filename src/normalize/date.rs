//! Dates as forums show them, to [`Timestamp`].
//!
//! One pipeline for every engine, in this order:
//!
//! 1. **Cleanup**: everything up to the last label colon goes ("« Reply #3 on:", "Dátum:",
//!    "Joined:"), and so do decorations around the date (`«`, `»`, `(`, `)`).
//! 2. **Machine forms**: ISO 8601 / RFC 3339 (`<time datetime>` values) and Unix timestamps
//!    (XenForo `data-time`) are read exactly, as such.
//! 3. **Tokens**: the rest is cut into numbers ("14", "2009"), numeric dates ("14.03.2009"),
//!    clock times ("1:43", "19h46"), known words (month and weekday names in many languages,
//!    am/pm, time zones, "today", "ago", ...) and explicit offsets ("+02:00"). Unknown words
//!    ("Posted", "at", "um", "Uhr") are dropped; a word meaning "by" ("by", "von", "írta")
//!    after the date ends it, so the editor's name in "Last Edit: ... by Name" is not read.
//! 4. **Relative forms**: "Today at", "3 hours ago", "Freitag um 00:40" are read against
//!    [`DateContext::now`], and give [`DateError::NeedsNow`] without it.
//! 5. **Absolute forms**: the tokens are assembled into a calendar day and an optional time.
//! 6. **Reduced precision**, for fields that take it ([`Precision::Month`]: join dates,
//!    datelines): what names no day but a month of a year ("Aug 2008", "Okt. 2007",
//!    "08.2008", "2008-08") or a year alone ("2008") is kept at that precision. Post, edit
//!    and quote dates are a day at least ([`Precision::Day`]).
//!
//! All-numeric dates are ambiguous: see [`DayOrder`] for the rule.
//!
//! Nothing here allocates on success, and no input makes it panic.

use chrono::{
    DateTime, Datelike, Days, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone, Weekday,
};

use super::number::digit;
use crate::model::Timestamp;

/// What a date string is read against.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct DateContext {
    /// The reference time for relative dates ("Today at 10:31", "3 hours ago"), in the
    /// forum's displayed time zone.
    pub(crate) now: Option<NaiveDateTime>,
    /// The offset of displayed times when known; results then carry it.
    pub(crate) offset: Option<FixedOffset>,
}

/// Why a date string gave no [`Timestamp`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub(crate) enum DateError {
    /// The string is relative ("Today at ...") and no reference time is known.
    #[error("relative date {0:?} needs a reference time (Parser::builder().now(..))")]
    NeedsNow(String),
    /// No known format matched.
    #[error("unrecognized date {0:?}")]
    Unrecognized(String),
}

/// How to read an all-numeric date whose first two fields could each be the day or the month
/// ("03/04/2009").
///
/// Whatever the order, a field above 12 decides ("03-14-2009" is March 14, "14/03/2009" is
/// 14 March), a leading four-digit field is a year (year, month, day: "2023-05-02",
/// "1394/11/27"), and dotted dates are always day first ("03.04.2009": nobody writes
/// month.day.year).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum DayOrder {
    /// Month first ("03/04/2009" is March 4), vBulletin's default date format and the
    /// most common in English pages; except that a time written "19h46" (French) makes it
    /// day first, since French pages never put the month first.
    #[default]
    Auto,
    /// Day first: most pages outside the US (the caller knows from the page language).
    DayFirst,
}

/// How coarse a date a field takes (see [`Timestamp`] for which fields take which).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Precision {
    /// A calendar day at least: the dates of things a forum stamps when they happen (posts,
    /// edits, quoted posts). "Aug 2008" in a post's date line is no post date.
    #[default]
    Day,
    /// A month of a year or a year alone too: facts pages show coarsely, such as
    /// vBulletin's "Join Date: Aug 2008" or MyBB's "Registriert: Feb 2019".
    Month,
}

/// Parses a displayed date (or date-time) string.
///
/// Also accepts ISO 8601 / RFC 3339 strings (`<time datetime>` values) and Unix timestamps
/// as 9 to 11 digits (`data-time`). The result is a [`Timestamp::Date`] when the string has
/// no time, a [`Timestamp::Offset`] when the string or [`DateContext::offset`] gives the
/// offset, else a [`Timestamp::Local`]. A month and a year without a day ("Mar 2010") is
/// not a day and gives [`DateError::Unrecognized`] (fields that take one read it with
/// [`parse_date_at`]).
///
/// # Errors
/// [`DateError::NeedsNow`] for a relative date ("Yesterday at 9:00 pm", "3 hours ago",
/// "March 30" without a year) when [`DateContext::now`] is `None`;
/// [`DateError::Unrecognized`] for anything else that is not a valid date.
pub(crate) fn parse_date(raw: &str, ctx: &DateContext) -> Result<Timestamp, DateError> {
    parse_date_with_order(raw, ctx, DayOrder::Auto)
}

/// [`parse_date`], reading ambiguous all-numeric dates in the given [`DayOrder`].
///
/// # Errors
/// As [`parse_date`].
pub(crate) fn parse_date_with_order(
    raw: &str,
    ctx: &DateContext,
    order: DayOrder,
) -> Result<Timestamp, DateError> {
    parse_date_at(raw, ctx, order, Precision::Day)
}

/// [`parse_date_with_order`] for a field that takes the given [`Precision`]: with
/// [`Precision::Month`], a month of a year without a day ("Join Date: Aug 2008",
/// "Registriert seit: 08.2008", "2008-08") is a [`Timestamp::Month`], and a year alone
/// ("Joined: 2008") a [`Timestamp::Year`]. A month and year of the Jalali calendar ("دی
/// 1391") straddle two Gregorian months and are refused, as is a year alone between 1300
/// and 1499 (see `calendar_date`); "2 months ago" is no month either.
///
/// # Errors
/// As [`parse_date`].
pub(crate) fn parse_date_at(
    raw: &str,
    ctx: &DateContext,
    order: DayOrder,
    precision: Precision,
) -> Result<Timestamp, DateError> {
    let unrecognized = || DateError::Unrecognized(raw.to_owned());
    if raw.len() > MAX_LEN {
        return Err(unrecognized());
    }
    // 1. Cleanup.
    let s = strip_label(raw).trim_matches(|c: char| c.is_whitespace() || DECORATION.contains(&c));
    if s.is_empty() {
        return Err(unrecognized());
    }
    // 2. Machine forms.
    if let Some(ts) = parse_machine(s, ctx) {
        return Ok(ts);
    }
    // 6. A year alone, when the field takes one: only the four digits, since words the
    // lexer drops would make "Bitdefender 2020" a year.
    if precision == Precision::Month && s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().ok().filter(|y| gregorian_year(*y)).map(Timestamp::Year).ok_or_else(unrecognized);
    }
    // 3. to 5. Tokens, relative and absolute forms.
    let parts = Parts::read(s).ok_or_else(unrecognized)?;
    match parts.resolve(ctx, order) {
        Ok(ts) => Ok(ts),
        // 6. A month of a year, when the field takes one.
        Err(Fail::Unrecognized) if precision == Precision::Month => {
            parts.month_of_year().ok_or_else(unrecognized)
        }
        Err(Fail::NeedsNow) => Err(DateError::NeedsNow(raw.to_owned())),
        Err(Fail::Unrecognized) => Err(unrecognized()),
    }
}

/// Whether `raw` reads as a date, relative dates included (which need a reference time to
/// become a [`Timestamp`]). For telling a date line from other text.
pub(crate) fn is_date(raw: &str) -> bool {
    matches!(parse_date(raw, &DateContext::default()), Ok(_) | Err(DateError::NeedsNow(_)))
}

/// What a word of a longer text is to a date within it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DateWord {
    /// A part of a date: a number, a month, a weekday, am/pm, a zone, "today", "ago", ...
    Part,
    /// A word that joins a date's parts without being one ("Today *at* 10:31", "Heute *um*",
    /// "Сегодня *в*"): a date may hold it but does not start or end with it.
    Glue,
}

/// Words that join the parts of a date, by language.
const GLUE: &[&str] = &[
    "at", "um", "à", "a", "alle", "om", "às", "las", "в", "o", "kl", "klo", "uhr",
    // Invision 3's "04 March 2012 - 11:00 AM" puts a dash between the day and the time.
    "-", "–",
];

/// Tells whether `word` (one whitespace-separated word, punctuation included) can belong to
/// a displayed date. [`parse_date`] ignores words it does not know, so a caller that must
/// find where a date starts inside a longer text ("Quote from: NAME on DATE") walks the
/// words with this instead.
pub(crate) fn date_word(word: &str) -> Option<DateWord> {
    let w = word.trim_matches(|c: char| matches!(c, ',' | ';' | '«' | '»' | '(' | ')' | '[' | ']'));
    if w.is_empty() {
        return None;
    }
    // A clock time may carry its am/pm ("11:31AM", Vanilla).
    let clock = w
        .strip_suffix(['m', 'M'])
        .and_then(|x| x.strip_suffix(['a', 'A', 'p', 'P']))
        .filter(|x| x.contains(':'))
        .unwrap_or(w);
    let numeric =
        clock.chars().all(|c| c.is_numeric() || matches!(c, '.' | '/' | '-' | ':' | '+' | 'h' | 'T' | 'Z'));
    if numeric && clock.chars().any(char::is_numeric) {
        return Some(DateWord::Part);
    }
    let bare = w.trim_end_matches('.');
    let mut buf = [0u8; 48];
    if fold(bare, &mut buf).is_some_and(|lower| GLUE.contains(&lower)) {
        return Some(DateWord::Glue);
    }
    match lookup(bare) {
        Some(Word { kind: Some(Kind::By), month: None, weekday: None }) | None => None,
        Some(_) => Some(DateWord::Part),
    }
}

/// Longer strings are not a date but a caller's mistake (a whole post).
const MAX_LEN: usize = 512;

/// Characters framing a date: SMF's "« ... »", vBulletin's "(04.01.2020 um 14:51 Uhr)".
const DECORATION: &[char] = &['«', '»', '(', ')', '[', ']'];

// ---------------------------------------------------------------------------------------
// Words, as data. Lowercase, without a trailing dot: the lexer folds case and eats the dot.
// ---------------------------------------------------------------------------------------

/// Month names: full, genitive and abbreviated forms. Forms shared by languages are listed
/// once, under the first language that has them.
#[rustfmt::skip]
const MONTHS: &[(&str, u32)] = &[
    // English
    ("january", 1), ("jan", 1), ("february", 2), ("feb", 2), ("march", 3), ("mar", 3), ("april", 4),
    ("apr", 4), ("may", 5), ("june", 6), ("jun", 6), ("july", 7), ("jul", 7), ("august", 8),
    ("aug", 8), ("september", 9), ("sep", 9), ("sept", 9), ("october", 10), ("oct", 10),
    ("november", 11), ("nov", 11), ("december", 12), ("dec", 12),
    // German (Austrian "Jänner" too)
    ("januar", 1), ("jänner", 1), ("jän", 1), ("februar", 2), ("febr", 2), ("märz", 3), ("mär", 3),
    ("mrz", 3), ("maerz", 3), ("mai", 5), ("juni", 6), ("juli", 7), ("oktober", 10), ("okt", 10),
    ("dezember", 12), ("dez", 12),
    // French (with and without accents: pages and typists drop them)
    ("janvier", 1), ("janv", 1), ("février", 2), ("fevrier", 2), ("févr", 2), ("fevr", 2),
    ("fév", 2), ("fev", 2), ("mars", 3), ("avril", 4), ("avr", 4), ("juin", 6), ("juillet", 7),
    ("juil", 7), ("août", 8), ("aout", 8), ("aoû", 8), ("septembre", 9), ("octobre", 10),
    ("novembre", 11), ("décembre", 12), ("decembre", 12), ("déc", 12),
    // Spanish ("ago" is also English "ago": see `Parts::read`)
    ("enero", 1), ("ene", 1), ("febrero", 2), ("marzo", 3), ("abril", 4), ("abr", 4), ("mayo", 5),
    ("junio", 6), ("julio", 7), ("agosto", 8), ("ago", 8), ("septiembre", 9), ("setiembre", 9),
    ("set", 9), ("octubre", 10), ("noviembre", 11), ("diciembre", 12), ("dic", 12),
    // Italian
    ("gennaio", 1), ("gen", 1), ("febbraio", 2), ("aprile", 4), ("maggio", 5), ("mag", 5),
    ("giugno", 6), ("giu", 6), ("luglio", 7), ("lug", 7), ("settembre", 9), ("ottobre", 10),
    ("ott", 10), ("dicembre", 12),
    // Dutch
    ("januari", 1), ("februari", 2), ("maart", 3), ("mrt", 3), ("mei", 5), ("augustus", 8),
    // Portuguese
    ("janeiro", 1), ("fevereiro", 2), ("março", 3), ("marco", 3), ("maio", 5), ("junho", 6),
    ("julho", 7), ("setembro", 9), ("outubro", 10), ("out", 10), ("novembro", 11), ("dezembro", 12),
    // Russian: nominative (SMF's Russian pack: "30 Декабрь 2009") and genitive
    // ("12 Июня 2010"), and abbreviations
    ("январь", 1), ("января", 1), ("янв", 1), ("февраль", 2), ("февраля", 2), ("фев", 2),
    ("февр", 2), ("март", 3), ("марта", 3), ("мар", 3), ("апрель", 4), ("апреля", 4), ("апр", 4),
    ("май", 5), ("мая", 5), ("июнь", 6), ("июня", 6), ("июн", 6), ("июль", 7), ("июля", 7),
    ("июл", 7), ("август", 8), ("августа", 8), ("авг", 8), ("сентябрь", 9), ("сентября", 9),
    ("сен", 9), ("сент", 9), ("октябрь", 10), ("октября", 10), ("окт", 10), ("ноябрь", 11),
    ("ноября", 11), ("ноя", 11), ("нояб", 11), ("декабрь", 12), ("декабря", 12), ("дек", 12),
    // Hungarian
    ("január", 1), ("február", 2), ("március", 3), ("márc", 3), ("április", 4), ("ápr", 4),
    ("május", 5), ("máj", 5), ("június", 6), ("jún", 6), ("július", 7), ("júl", 7),
    ("augusztus", 8), ("szeptember", 9), ("szept", 9), ("október", 10),
    // Polish: nominative and genitive ("12 marca 2010")
    ("styczeń", 1), ("stycznia", 1), ("sty", 1), ("luty", 2), ("lutego", 2), ("lut", 2),
    ("marzec", 3), ("marca", 3), ("kwiecień", 4), ("kwietnia", 4), ("kwi", 4), ("maj", 5),
    ("maja", 5), ("czerwiec", 6), ("czerwca", 6), ("cze", 6), ("lipiec", 7), ("lipca", 7),
    ("lip", 7), ("sierpień", 8), ("sierpnia", 8), ("sie", 8), ("wrzesień", 9), ("września", 9),
    ("wrz", 9), ("październik", 10), ("października", 10), ("paź", 10), ("listopad", 11),
    ("listopada", 11), ("lis", 11), ("grudzień", 12), ("grudnia", 12), ("gru", 12),
    // Persian, Jalali months: only ever with a Jalali year (see `calendar_date`)
    ("فروردین", 1), ("اردیبهشت", 2), ("خرداد", 3), ("تیر", 4), ("مرداد", 5), ("شهریور", 6),
    ("مهر", 7), ("آبان", 8), ("آذر", 9), ("دی", 10), ("بهمن", 11), ("اسفند", 12),
];

/// Weekday names: noise beside a date ("Sat Mar 14, 2009"), a date of the past week alone
/// ("Freitag um 00:40 Uhr", XenForo).
#[rustfmt::skip]
const WEEKDAYS: &[(&str, Weekday)] = &[
    // English
    ("monday", Weekday::Mon), ("mon", Weekday::Mon), ("tuesday", Weekday::Tue),
    ("tue", Weekday::Tue), ("tues", Weekday::Tue), ("wednesday", Weekday::Wed),
    ("wed", Weekday::Wed), ("thursday", Weekday::Thu), ("thu", Weekday::Thu),
    ("thur", Weekday::Thu), ("thurs", Weekday::Thu), ("friday", Weekday::Fri),
    ("fri", Weekday::Fri), ("saturday", Weekday::Sat), ("sat", Weekday::Sat),
    ("sunday", Weekday::Sun), ("sun", Weekday::Sun),
    // German
    ("montag", Weekday::Mon), ("mo", Weekday::Mon), ("dienstag", Weekday::Tue),
    ("di", Weekday::Tue), ("mittwoch", Weekday::Wed), ("mi", Weekday::Wed),
    ("donnerstag", Weekday::Thu), ("do", Weekday::Thu), ("freitag", Weekday::Fri),
    ("fr", Weekday::Fri), ("samstag", Weekday::Sat), ("sonnabend", Weekday::Sat),
    ("sa", Weekday::Sat), ("sonntag", Weekday::Sun), ("so", Weekday::Sun),
    // French ("mar" is also March: see `Parts::read`)
    ("lundi", Weekday::Mon), ("lun", Weekday::Mon), ("mardi", Weekday::Tue), ("mar", Weekday::Tue),
    ("mercredi", Weekday::Wed), ("mer", Weekday::Wed), ("jeudi", Weekday::Thu),
    ("jeu", Weekday::Thu), ("vendredi", Weekday::Fri), ("ven", Weekday::Fri),
    ("samedi", Weekday::Sat), ("sam", Weekday::Sat), ("dimanche", Weekday::Sun),
    ("dim", Weekday::Sun),
    // Spanish
    ("lunes", Weekday::Mon), ("martes", Weekday::Tue), ("miércoles", Weekday::Wed),
    ("miercoles", Weekday::Wed), ("mié", Weekday::Wed), ("jueves", Weekday::Thu),
    ("jue", Weekday::Thu), ("viernes", Weekday::Fri), ("vie", Weekday::Fri),
    ("sábado", Weekday::Sat), ("sabado", Weekday::Sat), ("sáb", Weekday::Sat),
    ("domingo", Weekday::Sun), ("dom", Weekday::Sun),
    // Italian
    ("lunedì", Weekday::Mon), ("martedì", Weekday::Tue), ("mercoledì", Weekday::Wed),
    ("giovedì", Weekday::Thu), ("gio", Weekday::Thu), ("venerdì", Weekday::Fri),
    ("sabato", Weekday::Sat), ("sab", Weekday::Sat), ("domenica", Weekday::Sun),
    // Dutch ("ma" is also Hungarian "today": see `WORDS`)
    ("maandag", Weekday::Mon), ("ma", Weekday::Mon), ("dinsdag", Weekday::Tue),
    ("woensdag", Weekday::Wed), ("wo", Weekday::Wed), ("donderdag", Weekday::Thu),
    ("vrijdag", Weekday::Fri), ("vr", Weekday::Fri), ("zaterdag", Weekday::Sat),
    ("za", Weekday::Sat), ("zondag", Weekday::Sun), ("zo", Weekday::Sun),
    // Portuguese
    ("segunda-feira", Weekday::Mon), ("seg", Weekday::Mon), ("terça-feira", Weekday::Tue),
    ("ter", Weekday::Tue), ("quarta-feira", Weekday::Wed), ("qua", Weekday::Wed),
    ("quinta-feira", Weekday::Thu), ("qui", Weekday::Thu), ("sexta-feira", Weekday::Fri),
    ("sex", Weekday::Fri),
    // Russian
    ("понедельник", Weekday::Mon), ("пн", Weekday::Mon), ("вторник", Weekday::Tue),
    ("вт", Weekday::Tue), ("среда", Weekday::Wed), ("ср", Weekday::Wed), ("четверг", Weekday::Thu),
    ("чт", Weekday::Thu), ("пятница", Weekday::Fri), ("пт", Weekday::Fri),
    ("суббота", Weekday::Sat), ("сб", Weekday::Sat), ("воскресенье", Weekday::Sun),
    ("вс", Weekday::Sun),
    // Hungarian
    ("hétfő", Weekday::Mon), ("kedd", Weekday::Tue), ("szerda", Weekday::Wed),
    ("csütörtök", Weekday::Thu), ("péntek", Weekday::Fri), ("szombat", Weekday::Sat),
    ("vasárnap", Weekday::Sun),
    // Polish
    ("poniedziałek", Weekday::Mon), ("pon", Weekday::Mon), ("wtorek", Weekday::Tue),
    ("wt", Weekday::Tue), ("środa", Weekday::Wed), ("śr", Weekday::Wed), ("czwartek", Weekday::Thu),
    ("czw", Weekday::Thu), ("piątek", Weekday::Fri), ("pt", Weekday::Fri), ("sobota", Weekday::Sat),
    ("sob", Weekday::Sat), ("niedziela", Weekday::Sun), ("niedz", Weekday::Sun),
    ("nd", Weekday::Sun),
];

/// A unit of "N units ago".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    /// Known, to read "2 months ago" as relative, but too coarse to be a day: refused.
    Month,
    /// As `Month`.
    Year,
}

/// What a word other than a month or weekday name means in a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// am (`pm` false) or pm; `leading` when it may also stand before the time (Hungarian
    /// "de. 10:31"); "am" elsewhere than after a time is German "on" and is dropped.
    Meridiem { pm: bool, leading: bool },
    /// A zone abbreviation, seconds east of UTC.
    Zone(i32),
    /// "today" (0), "yesterday" (1), "the day before yesterday" (2).
    DaysBack(u8),
    /// "just now".
    Now,
    /// A unit of "N units ago".
    Unit(Unit),
    /// A unit that says "ago" by itself (Hungarian "3 órája", three hours ago).
    UnitAgo(Unit),
    /// "ago", "vor", "il (y a)", "hace", ...
    Ago,
    /// "a" in "a minute ago".
    One,
    /// "by": what follows a date is a name ("Last Edit: ... by Name", "... írta Name").
    By,
}

/// Every other word a date may hold, by language.
#[rustfmt::skip]
const WORDS: &[(&str, Kind)] = &[
    // am/pm. "a.m." and "p.m." are read by the lexer. "de."/"du." (délelőtt, délután) are
    // Hungarian, but "de"/"du" are also Spanish and French "of": they count only next to a
    // time.
    ("am", Kind::Meridiem { pm: false, leading: false }),
    ("pm", Kind::Meridiem { pm: true, leading: false }),
    ("vorm", Kind::Meridiem { pm: false, leading: false }),
    ("nachm", Kind::Meridiem { pm: true, leading: false }),
    ("de", Kind::Meridiem { pm: false, leading: true }),
    ("du", Kind::Meridiem { pm: true, leading: true }),
    // Zones with one meaning: UTC, and the US zones that RFC 2822 defines; central European
    // ones as German pages write them (MEZ, WEZ: "Alle Zeitangaben in WEZ +2").
    ("utc", Kind::Zone(0)), ("gmt", Kind::Zone(0)), ("ut", Kind::Zone(0)), ("wez", Kind::Zone(0)),
    ("wet", Kind::Zone(0)), ("cet", Kind::Zone(3600)), ("mez", Kind::Zone(3600)),
    ("cest", Kind::Zone(7200)), ("mesz", Kind::Zone(7200)), ("est", Kind::Zone(-5 * 3600)),
    ("edt", Kind::Zone(-4 * 3600)), ("cst", Kind::Zone(-6 * 3600)), ("cdt", Kind::Zone(-5 * 3600)),
    ("mst", Kind::Zone(-7 * 3600)), ("mdt", Kind::Zone(-6 * 3600)), ("pst", Kind::Zone(-8 * 3600)),
    ("pdt", Kind::Zone(-7 * 3600)),
    // Today ("ma" is Hungarian today and Dutch Monday: with a date it is the weekday)
    ("today", Kind::DaysBack(0)), ("heute", Kind::DaysBack(0)), ("aujourd'hui", Kind::DaysBack(0)),
    ("hoy", Kind::DaysBack(0)), ("oggi", Kind::DaysBack(0)), ("vandaag", Kind::DaysBack(0)),
    ("hoje", Kind::DaysBack(0)), ("сегодня", Kind::DaysBack(0)), ("ma", Kind::DaysBack(0)),
    ("dzisiaj", Kind::DaysBack(0)), ("dziś", Kind::DaysBack(0)),
    // Yesterday
    ("yesterday", Kind::DaysBack(1)), ("gestern", Kind::DaysBack(1)), ("hier", Kind::DaysBack(1)),
    ("ayer", Kind::DaysBack(1)), ("ieri", Kind::DaysBack(1)), ("gisteren", Kind::DaysBack(1)),
    ("ontem", Kind::DaysBack(1)), ("вчера", Kind::DaysBack(1)), ("tegnap", Kind::DaysBack(1)),
    ("wczoraj", Kind::DaysBack(1)),
    // The day before yesterday
    ("vorgestern", Kind::DaysBack(2)), ("avant-hier", Kind::DaysBack(2)),
    ("anteayer", Kind::DaysBack(2)), ("eergisteren", Kind::DaysBack(2)),
    ("anteontem", Kind::DaysBack(2)), ("позавчера", Kind::DaysBack(2)),
    ("tegnapelőtt", Kind::DaysBack(2)), ("przedwczoraj", Kind::DaysBack(2)),
    // Just now
    ("now", Kind::Now), ("moment", Kind::Now), ("gerade", Kind::Now), ("soeben", Kind::Now),
    ("l'instant", Kind::Now), ("ahora", Kind::Now), ("adesso", Kind::Now), ("zojuist", Kind::Now),
    ("agora", Kind::Now), ("только", Kind::Now), ("chwilą", Kind::Now), ("most", Kind::Now),
    // Ago ("il" for French "il y a"; "ago" is also Spanish/Italian August)
    ("ago", Kind::Ago), ("vor", Kind::Ago), ("il", Kind::Ago), ("hace", Kind::Ago),
    ("fa", Kind::Ago), ("geleden", Kind::Ago), ("há", Kind::Ago), ("atrás", Kind::Ago),
    ("назад", Kind::Ago), ("temu", Kind::Ago), ("ezelőtt", Kind::Ago),
    // One ("an" is not French "year" here: English "an hour ago" is far more common)
    ("a", Kind::One), ("an", Kind::One), ("one", Kind::One), ("ein", Kind::One),
    ("eine", Kind::One), ("einer", Kind::One), ("einem", Kind::One), ("un", Kind::One),
    ("une", Kind::One), ("uno", Kind::One), ("una", Kind::One), ("um", Kind::One),
    ("uma", Kind::One), ("een", Kind::One), ("één", Kind::One), ("egy", Kind::One),
    ("один", Kind::One), ("одну", Kind::One), ("jeden", Kind::One), ("jedną", Kind::One),
    // Seconds
    ("second", Kind::Unit(Unit::Second)), ("seconds", Kind::Unit(Unit::Second)),
    ("sec", Kind::Unit(Unit::Second)), ("secs", Kind::Unit(Unit::Second)),
    ("sekunde", Kind::Unit(Unit::Second)), ("sekunden", Kind::Unit(Unit::Second)),
    ("seconde", Kind::Unit(Unit::Second)), ("secondes", Kind::Unit(Unit::Second)),
    ("seconden", Kind::Unit(Unit::Second)), ("segundo", Kind::Unit(Unit::Second)),
    ("segundos", Kind::Unit(Unit::Second)), ("secondo", Kind::Unit(Unit::Second)),
    ("secondi", Kind::Unit(Unit::Second)), ("секунду", Kind::Unit(Unit::Second)),
    ("секунды", Kind::Unit(Unit::Second)), ("секунд", Kind::Unit(Unit::Second)),
    ("sekundę", Kind::Unit(Unit::Second)), ("sekundy", Kind::Unit(Unit::Second)),
    ("sekund", Kind::Unit(Unit::Second)), ("másodperccel", Kind::Unit(Unit::Second)),
    ("másodperce", Kind::UnitAgo(Unit::Second)),
    // Minutes
    ("minute", Kind::Unit(Unit::Minute)), ("minutes", Kind::Unit(Unit::Minute)),
    ("min", Kind::Unit(Unit::Minute)), ("mins", Kind::Unit(Unit::Minute)),
    ("minuten", Kind::Unit(Unit::Minute)), ("minuto", Kind::Unit(Unit::Minute)),
    ("minutos", Kind::Unit(Unit::Minute)), ("minuti", Kind::Unit(Unit::Minute)),
    ("minuut", Kind::Unit(Unit::Minute)), ("минуту", Kind::Unit(Unit::Minute)),
    ("минуты", Kind::Unit(Unit::Minute)), ("минут", Kind::Unit(Unit::Minute)),
    ("minutę", Kind::Unit(Unit::Minute)), ("minuty", Kind::Unit(Unit::Minute)),
    ("minut", Kind::Unit(Unit::Minute)), ("perccel", Kind::Unit(Unit::Minute)),
    ("perce", Kind::UnitAgo(Unit::Minute)),
    // Hours
    ("hour", Kind::Unit(Unit::Hour)), ("hours", Kind::Unit(Unit::Hour)),
    ("hr", Kind::Unit(Unit::Hour)), ("hrs", Kind::Unit(Unit::Hour)),
    ("stunde", Kind::Unit(Unit::Hour)), ("stunden", Kind::Unit(Unit::Hour)),
    ("heure", Kind::Unit(Unit::Hour)), ("heures", Kind::Unit(Unit::Hour)),
    ("hora", Kind::Unit(Unit::Hour)), ("horas", Kind::Unit(Unit::Hour)),
    ("ora", Kind::Unit(Unit::Hour)), ("ore", Kind::Unit(Unit::Hour)),
    ("uur", Kind::Unit(Unit::Hour)), ("час", Kind::Unit(Unit::Hour)),
    ("часа", Kind::Unit(Unit::Hour)), ("часов", Kind::Unit(Unit::Hour)),
    ("godzinę", Kind::Unit(Unit::Hour)), ("godziny", Kind::Unit(Unit::Hour)),
    ("godzin", Kind::Unit(Unit::Hour)), ("órával", Kind::Unit(Unit::Hour)),
    ("órája", Kind::UnitAgo(Unit::Hour)),
    // Days
    ("day", Kind::Unit(Unit::Day)), ("days", Kind::Unit(Unit::Day)), ("tag", Kind::Unit(Unit::Day)),
    ("tagen", Kind::Unit(Unit::Day)), ("jour", Kind::Unit(Unit::Day)),
    ("jours", Kind::Unit(Unit::Day)), ("día", Kind::Unit(Unit::Day)),
    ("días", Kind::Unit(Unit::Day)), ("dia", Kind::Unit(Unit::Day)),
    ("dias", Kind::Unit(Unit::Day)), ("giorno", Kind::Unit(Unit::Day)),
    ("giorni", Kind::Unit(Unit::Day)), ("dag", Kind::Unit(Unit::Day)),
    ("dagen", Kind::Unit(Unit::Day)), ("день", Kind::Unit(Unit::Day)),
    ("дня", Kind::Unit(Unit::Day)), ("дней", Kind::Unit(Unit::Day)),
    ("dzień", Kind::Unit(Unit::Day)), ("dni", Kind::Unit(Unit::Day)),
    ("nappal", Kind::Unit(Unit::Day)), ("napja", Kind::UnitAgo(Unit::Day)),
    // Weeks
    ("week", Kind::Unit(Unit::Week)), ("weeks", Kind::Unit(Unit::Week)),
    ("woche", Kind::Unit(Unit::Week)), ("wochen", Kind::Unit(Unit::Week)),
    ("semaine", Kind::Unit(Unit::Week)), ("semaines", Kind::Unit(Unit::Week)),
    ("semana", Kind::Unit(Unit::Week)), ("semanas", Kind::Unit(Unit::Week)),
    ("settimana", Kind::Unit(Unit::Week)), ("settimane", Kind::Unit(Unit::Week)),
    ("weken", Kind::Unit(Unit::Week)), ("неделю", Kind::Unit(Unit::Week)),
    ("недели", Kind::Unit(Unit::Week)), ("недель", Kind::Unit(Unit::Week)),
    ("tydzień", Kind::Unit(Unit::Week)), ("tygodnie", Kind::Unit(Unit::Week)),
    ("tygodni", Kind::Unit(Unit::Week)), ("héttel", Kind::Unit(Unit::Week)),
    ("hete", Kind::UnitAgo(Unit::Week)),
    // Months and years: recognized so that "2 months ago" is not read as a date
    ("month", Kind::Unit(Unit::Month)), ("months", Kind::Unit(Unit::Month)),
    ("monat", Kind::Unit(Unit::Month)), ("monaten", Kind::Unit(Unit::Month)),
    ("mois", Kind::Unit(Unit::Month)), ("mes", Kind::Unit(Unit::Month)),
    ("meses", Kind::Unit(Unit::Month)), ("mese", Kind::Unit(Unit::Month)),
    ("mesi", Kind::Unit(Unit::Month)), ("maand", Kind::Unit(Unit::Month)),
    ("maanden", Kind::Unit(Unit::Month)), ("mês", Kind::Unit(Unit::Month)),
    ("месяц", Kind::Unit(Unit::Month)), ("месяца", Kind::Unit(Unit::Month)),
    ("месяцев", Kind::Unit(Unit::Month)), ("miesiąc", Kind::Unit(Unit::Month)),
    ("miesiące", Kind::Unit(Unit::Month)), ("miesięcy", Kind::Unit(Unit::Month)),
    ("hónapja", Kind::UnitAgo(Unit::Month)), ("year", Kind::Unit(Unit::Year)),
    ("years", Kind::Unit(Unit::Year)), ("jahr", Kind::Unit(Unit::Year)),
    ("jahren", Kind::Unit(Unit::Year)), ("ans", Kind::Unit(Unit::Year)),
    ("année", Kind::Unit(Unit::Year)), ("années", Kind::Unit(Unit::Year)),
    ("año", Kind::Unit(Unit::Year)), ("años", Kind::Unit(Unit::Year)),
    ("anno", Kind::Unit(Unit::Year)), ("anni", Kind::Unit(Unit::Year)),
    ("jaar", Kind::Unit(Unit::Year)), ("ano", Kind::Unit(Unit::Year)),
    ("anos", Kind::Unit(Unit::Year)), ("год", Kind::Unit(Unit::Year)),
    ("года", Kind::Unit(Unit::Year)), ("лет", Kind::Unit(Unit::Year)),
    ("rok", Kind::Unit(Unit::Year)), ("lata", Kind::Unit(Unit::Year)),
    ("lat", Kind::Unit(Unit::Year)), ("éve", Kind::UnitAgo(Unit::Year)),
    // By
    ("by", Kind::By), ("von", Kind::By), ("par", Kind::By), ("от", Kind::By), ("írta", Kind::By),
    ("door", Kind::By), ("por", Kind::By), ("przez", Kind::By), ("da", Kind::By),
    // Chinese, simplified and traditional (Discuz!'s relative dates: "6 天前", "昨天 10:22",
    // "3 小时前", "刚刚"). Chinese writes no space between a unit and "ago" (前), so each
    // "unit ago" is one word to the lexer; a lone "前天" is the day before yesterday.
    ("今天", Kind::DaysBack(0)), ("昨天", Kind::DaysBack(1)), ("前天", Kind::DaysBack(2)),
    ("刚刚", Kind::Now), ("剛剛", Kind::Now),
    ("秒前", Kind::UnitAgo(Unit::Second)), ("分钟前", Kind::UnitAgo(Unit::Minute)),
    ("分鐘前", Kind::UnitAgo(Unit::Minute)), ("小时前", Kind::UnitAgo(Unit::Hour)),
    ("小時前", Kind::UnitAgo(Unit::Hour)), ("天前", Kind::UnitAgo(Unit::Day)),
    ("周前", Kind::UnitAgo(Unit::Week)), ("週前", Kind::UnitAgo(Unit::Week)),
];

// ---------------------------------------------------------------------------------------
// 1. Cleanup
// ---------------------------------------------------------------------------------------

/// What follows the last label: a colon that is not between two digits ("« Reply #3 on:
/// ...", "« Ответ #3 : ...", "Dátum: ..."; time and offset colons stay), or a "»" with
/// more text after it (phpBB's "by Name » Sat Mar 14, 2009 1:43 pm"; SMF's closing "»"
/// has nothing after it).
fn strip_label(s: &str) -> &str {
    match after_last_label(s, true) {
        rest if rest.chars().any(char::is_alphanumeric) => rest,
        _ => after_last_label(s, false),
    }
}

/// The text after the last label colon, or after the last "»" too when `guillemet`.
fn after_last_label(s: &str, guillemet: bool) -> &str {
    let mut start = 0;
    let mut prev = None;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let label_end = match c {
            ':' => !(prev.and_then(digit).is_some() && next.and_then(digit).is_some()),
            '»' => guillemet,
            _ => false,
        };
        if label_end {
            start = i + c.len_utf8();
        }
        prev = Some(c);
    }
    s.get(start..).unwrap_or(s)
}

// ---------------------------------------------------------------------------------------
// 2. Machine forms
// ---------------------------------------------------------------------------------------

/// A Unix timestamp of 9 to 11 digits (1973 to 5138), or ISO 8601 / RFC 3339:
/// `2023-05-02`, `2023-05-02T11:04:13`, `2023-05-02 11:04:13.16`, with an optional `Z`,
/// `+00:00`, `+0000` or `+00` (XenForo writes `2019-06-03T09:12:17-0700`). Anything else,
/// such as "2019-02-23, 09:14 PM" (MyBB), goes on to the tokens.
fn parse_machine(s: &str, ctx: &DateContext) -> Option<Timestamp> {
    let b = s.as_bytes();
    if (9..=11).contains(&b.len()) && b.iter().all(u8::is_ascii_digit) {
        let secs: i64 = s.parse().ok()?;
        return DateTime::<chrono::Utc>::from_timestamp(secs, 0)
            .map(|dt| Timestamp::Offset(dt.fixed_offset()));
    }
    let mut c = Cursor { b, i: 0 };
    let year = c.digits(4)?;
    c.expect(b'-')?;
    let month = c.digits(2)?;
    c.expect(b'-')?;
    let day = c.digits(2)?;
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    if c.done() {
        return Some(Timestamp::Date(date));
    }
    if !(c.eat(b'T') || c.eat(b't') || c.eat(b' ')) {
        return None;
    }
    let hour = c.digits(2)?;
    c.expect(b':')?;
    let minute = c.digits(2)?;
    let (second, nano) = if c.eat(b':') {
        let second = c.digits(2)?;
        let nano = if c.eat(b'.') || c.eat(b',') { c.fraction()? } else { 0 };
        (second, nano)
    } else {
        (0, 0)
    };
    let time = NaiveTime::from_hms_nano_opt(hour, minute, second, nano)?;
    let offset = if c.eat(b'Z') || c.eat(b'z') {
        Some(0)
    } else if let Some(sign) = c.sign() {
        let hours = c.digits(2)?;
        c.eat(b':');
        let minutes = if c.done() { 0 } else { c.digits(2)? };
        Some(sign * i32::try_from(hours * 3600 + minutes * 60).ok()?)
    } else {
        None
    };
    if !c.done() {
        return None;
    }
    stamp(date.and_time(time), offset, ctx)
}

/// A byte cursor over an ASCII machine form.
struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn done(&self) -> bool {
        self.i >= self.b.len()
    }

    fn eat(&mut self, byte: u8) -> bool {
        let hit = self.b.get(self.i) == Some(&byte);
        self.i += usize::from(hit);
        hit
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        self.eat(byte).then_some(())
    }

    /// Exactly `n` ASCII digits.
    fn digits(&mut self, n: usize) -> Option<u32> {
        let run = self.b.get(self.i..self.i + n)?;
        let mut value = 0;
        for &b in run {
            if !b.is_ascii_digit() {
                return None;
            }
            value = value * 10 + u32::from(b - b'0');
        }
        self.i += n;
        Some(value)
    }

    /// Fractional seconds after the dot, as nanoseconds (digits past the ninth dropped).
    fn fraction(&mut self) -> Option<u32> {
        let start = self.i;
        let mut nano = 0;
        let mut scale = 100_000_000;
        while let Some(b) = self.b.get(self.i).filter(|b| b.is_ascii_digit()) {
            nano += u32::from(b - b'0') * scale;
            scale /= 10;
            self.i += 1;
        }
        (self.i > start).then_some(nano)
    }

    fn sign(&mut self) -> Option<i32> {
        if self.eat(b'+') {
            Some(1)
        } else if self.eat(b'-') {
            Some(-1)
        } else {
            None
        }
    }
}

// ---------------------------------------------------------------------------------------
// 3. Tokens
// ---------------------------------------------------------------------------------------

/// A clock time as written, not yet checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Clock {
    hour: u32,
    minute: u32,
    second: u32,
    nano: u32,
    /// Written "19h46" (French): a hint that numeric dates are day first.
    h_sep: bool,
}

/// A word the tables know, with every meaning it has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Word {
    month: Option<u32>,
    weekday: Option<Weekday>,
    kind: Option<Kind>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tok {
    /// A lone number and its count of digits ("14", "2009", "09").
    Num(u32, u8),
    /// Three numbers joined by one separator, each with its count of digits
    /// ("03-14-2009", "14.03.2009", "1394/11/27").
    Numeric([(u32, u8); 3], char),
    /// Two numbers joined by '.', '/' or '-' ("08.2008", "2008-08"): a month of a year in
    /// fields that take one, else no date.
    Pair([(u32, u8); 2], char),
    Time(Clock),
    Word(Word),
    /// An explicit offset after a time or zone ("+02:00", "GMT -5"), seconds east of UTC.
    Offset(i32),
    /// Something no date holds ("2.1", "1:2:3:4:5", twelve digits): the string is refused.
    Junk,
}

/// Cuts a cleaned string into [`Tok`]s, dropping separators and unknown words.
struct Lexer<'a> {
    s: &'a str,
    i: usize,
    /// Whether a '+' or '-' before digits is an offset: right after a time or zone.
    sign_ok: bool,
}

impl<'a> Lexer<'a> {
    fn new(s: &'a str) -> Self {
        Lexer { s, i: 0, sign_ok: false }
    }

    fn rest(&self) -> &'a str {
        self.s.get(self.i..).unwrap_or("")
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn peek2(&self) -> Option<char> {
        self.rest().chars().nth(1)
    }

    fn bump(&mut self, c: char) {
        self.i += c.len_utf8();
    }

    /// A run of digits (ASCII, Persian or Arabic-Indic): its value and its length, or
    /// `None` past nine digits (no date field is that long).
    fn digits(&mut self) -> Option<(u32, u8)> {
        let mut value: u32 = 0;
        let mut len: u8 = 0;
        let mut too_long = false;
        while let Some((c, d)) = self.peek().and_then(|c| Some((c, digit(c)?))) {
            self.bump(c);
            len = len.saturating_add(1);
            match value.checked_mul(10).and_then(|v| v.checked_add(d)) {
                Some(v) if len <= 9 => value = v,
                _ => too_long = true,
            }
        }
        (!too_long).then_some((value, len))
    }

    /// A number group: "14", "2009", "14.03.2009", "11:04:13", "10:09:38.16", "19h46".
    fn number(&mut self) -> Tok {
        let mut parts = [(0u32, 0u8); 4];
        let mut seps = ['\0'; 3];
        let mut n = 0;
        loop {
            let Some(part) = self.digits() else {
                return Tok::Junk;
            };
            let Some(slot) = parts.get_mut(n) else {
                return Tok::Junk;
            };
            *slot = part;
            n += 1;
            let Some(c) = self.peek() else { break };
            let next_is_digit = self.peek2().and_then(digit).is_some();
            let joins = match c {
                ':' | '.' | '/' | '-' => next_is_digit,
                // Chinese and Japanese "2019年3月5日": the year and month marks join the
                // fields as a dash would (the day mark after them is a word, dropped).
                '年' | '月' => next_is_digit,
                'h' | 'H' => n == 1 && part.1 <= 2 && next_is_digit,
                _ => false,
            };
            if !joins {
                break;
            }
            let Some(sep) = seps.get_mut(n - 1) else {
                return Tok::Junk;
            };
            *sep = if matches!(c, '年' | '月') { '-' } else { c };
            self.bump(c);
        }
        // French "à 12h": an hour alone.
        if n == 1
            && parts[0].1 <= 2
            && matches!(self.peek(), Some('h' | 'H'))
            && !self.peek2().is_some_and(char::is_alphabetic)
        {
            self.bump('h');
            let hour = parts[0].0;
            return Tok::Time(Clock { hour, minute: 0, second: 0, nano: 0, h_sep: true });
        }
        group(&parts[..n], &seps)
    }

    /// An offset after its sign: "2", "02", "0200", "02:00", "5:30".
    fn offset(&mut self, sign: i32) -> Tok {
        let Some((value, len)) = self.digits() else {
            return Tok::Junk;
        };
        let (hours, mut minutes) = match len {
            1 | 2 => (value, 0),
            3 | 4 => (value / 100, value % 100),
            _ => return Tok::Junk,
        };
        if len <= 2 && self.peek() == Some(':') && self.peek2().and_then(digit).is_some() {
            self.bump(':');
            match self.digits() {
                Some((m, 2)) => minutes = m,
                _ => return Tok::Junk,
            }
        }
        if hours > 23 || minutes > 59 {
            return Tok::Junk;
        }
        i32::try_from(hours * 3600 + minutes * 60).map_or(Tok::Junk, |secs| Tok::Offset(sign * secs))
    }

    /// A word: letters, with inner apostrophes and hyphens ("aujourd'hui", "avant-hier"),
    /// and the dot of an abbreviation ("Mär.", "lun.").
    fn word(&mut self) -> Option<Tok> {
        let start = self.i;
        while let Some(c) = self.peek() {
            let inner = matches!(c, '\'' | '’' | '-')
                && self.i > start
                && self.peek2().is_some_and(char::is_alphabetic);
            if !(c.is_alphabetic() || inner) {
                break;
            }
            self.bump(c);
        }
        let word = self.s.get(start..self.i).unwrap_or("");
        if let Some(pm) = self.dotted_meridiem(word) {
            return Some(Tok::Word(Word {
                month: None,
                weekday: None,
                kind: Some(Kind::Meridiem { pm, leading: false }),
            }));
        }
        if self.peek() == Some('.') {
            self.bump('.');
        }
        lookup(word).map(Tok::Word)
    }

    /// "a.m.", "p.m.", "a. m." (Spanish), after the lexer read "a" or "p".
    fn dotted_meridiem(&mut self, word: &str) -> Option<bool> {
        let pm = match word {
            "a" | "A" => false,
            "p" | "P" => true,
            _ => return None,
        };
        let rest = self.rest();
        let r = rest.strip_prefix('.').unwrap_or(rest);
        let r = r.strip_prefix([' ', '\u{a0}']).unwrap_or(r);
        let r = r.strip_prefix(['m', 'M'])?;
        let r = r.strip_prefix('.').unwrap_or(r);
        if r.chars().next().is_some_and(char::is_alphabetic) {
            return None;
        }
        self.i = self.s.len() - r.len();
        Some(pm)
    }
}

impl Iterator for Lexer<'_> {
    type Item = Tok;

    fn next(&mut self) -> Option<Tok> {
        loop {
            let c = self.peek()?;
            if digit(c).is_some() {
                let tok = self.number();
                self.sign_ok = matches!(tok, Tok::Time(_));
                return Some(tok);
            }
            if c.is_alphabetic() {
                let Some(tok) = self.word() else { continue };
                self.sign_ok =
                    matches!(tok, Tok::Word(Word { kind: Some(Kind::Zone(_) | Kind::Meridiem { .. }), .. }));
                return Some(tok);
            }
            self.bump(c);
            let before_digit = self.peek().and_then(digit).is_some();
            match c {
                '+' if self.sign_ok && before_digit => return Some(self.offset(1)),
                '-' | '−' if self.sign_ok && before_digit => return Some(self.offset(-1)),
                // A post number ("Reply #3", "#12401"), not part of the date.
                '#' if before_digit => {
                    let _ = self.digits();
                }
                _ => {}
            }
        }
    }
}

/// What a number group is, from its parts and separators.
fn group(parts: &[(u32, u8)], seps: &[char; 3]) -> Tok {
    let clock = |h: (u32, u8), m: (u32, u8), s: (u32, u8), nano: u32, h_sep: bool| {
        if h.1 > 2 || m.1 != 2 || s.1 > 2 {
            return Tok::Junk;
        }
        Tok::Time(Clock { hour: h.0, minute: m.0, second: s.0, nano, h_sep })
    };
    match (parts, seps) {
        ([one], _) => Tok::Num(one.0, one.1),
        ([h, m], [':', ..]) => clock(*h, *m, (0, 0), 0, false),
        ([h, m], ['h' | 'H', ..]) => clock(*h, *m, (0, 0), 0, true),
        ([a, b], [sep @ ('.' | '/' | '-'), ..]) => Tok::Pair([*a, *b], *sep),
        ([h, m, s], [':', ':', _]) => clock(*h, *m, *s, 0, false),
        ([h, m, s, frac], [':', ':', '.']) => {
            // Fractional seconds: keep nine digits' worth.
            let nano = match frac.1 {
                1..=9 => frac.0 * 10u32.pow(9 - u32::from(frac.1)),
                _ => return Tok::Junk,
            };
            clock(*h, *m, *s, nano, false)
        }
        ([a, b, c], [s1, s2, _]) if s1 == s2 && matches!(s1, '.' | '/' | '-') => {
            Tok::Numeric([*a, *b, *c], *s1)
        }
        _ => Tok::Junk,
    }
}

/// Every meaning the tables give `word`, case-folded; `None` when it has none.
fn lookup(word: &str) -> Option<Word> {
    let mut buf = [0u8; 48];
    let lower = fold(word, &mut buf)?;
    LEXICON.get(lower).copied()
}

/// Every word of [`MONTHS`], [`WEEKDAYS`] and [`WORDS`] with all it means, each table's
/// first entry for a word counting: one lookup instead of three scans of some 700 names
/// (the generic reader asks for every word of every text with a digit in it).
static LEXICON: std::sync::LazyLock<
    std::collections::HashMap<&'static str, Word, std::hash::BuildHasherDefault<rustc_hash::FxHasher>>,
> = std::sync::LazyLock::new(|| {
    let mut lexicon = std::collections::HashMap::default();
    const NOTHING: Word = Word { month: None, weekday: None, kind: None };
    for &(name, month) in MONTHS {
        lexicon.entry(name).or_insert(NOTHING).month.get_or_insert(month);
    }
    for &(name, weekday) in WEEKDAYS {
        lexicon.entry(name).or_insert(NOTHING).weekday.get_or_insert(weekday);
    }
    for &(name, kind) in WORDS {
        lexicon.entry(name).or_insert(NOTHING).kind.get_or_insert(kind);
    }
    lexicon
});

/// Lowercases `word` into `buf`, with a typographic apostrophe made straight. `None` when it
/// does not fit: no known word is that long.
fn fold<'b>(word: &str, buf: &'b mut [u8; 48]) -> Option<&'b str> {
    let mut n = 0;
    for c in word.chars().flat_map(char::to_lowercase) {
        let c = if c == '’' { '\'' } else { c };
        let end = n + c.len_utf8();
        c.encode_utf8(buf.get_mut(n..end)?);
        n = end;
    }
    std::str::from_utf8(buf.get(..n)?).ok()
}

// ---------------------------------------------------------------------------------------
// 4. and 5. Assembly
// ---------------------------------------------------------------------------------------

/// Why the tokens make no date.
enum Fail {
    NeedsNow,
    Unrecognized,
}

/// The tokens of one date string, sorted by role.
#[derive(Default)]
struct Parts {
    numeric: Option<([(u32, u8); 3], char)>,
    pair: Option<[(u32, u8); 2]>,
    month: Option<u32>,
    weekday: Option<Weekday>,
    /// Lone numbers in order: day, year, or the N of "N units ago".
    nums: [(u32, u8); 2],
    n_nums: usize,
    clock: Option<Clock>,
    pm: Option<bool>,
    offset: Option<i32>,
    days_back: Option<u8>,
    now: bool,
    unit: Option<Unit>,
    ago: bool,
    one: bool,
}

impl Parts {
    /// Sorts the tokens of `s`; `None` when they cannot be one date (junk, two times,
    /// three lone numbers, ...).
    fn read(s: &str) -> Option<Parts> {
        let mut p = Parts::default();
        // Words that may be a month, resolved at the end: "Mar" is March or French/Spanish/
        // Italian Tuesday ("Mar 26 Nov 2019"), "ago" is August or "3 hours ago".
        let mut month_words: [Option<Word>; 2] = [None; 2];
        // am/pm binds to the time right before it, or (Hungarian "de.") right after it.
        let mut last_was_time = false;
        let mut meridiem_pending: Option<bool> = None;
        for tok in Lexer::new(s) {
            let after_time = std::mem::replace(&mut last_was_time, false);
            let meridiem_before = meridiem_pending.take();
            match tok {
                Tok::Junk => return None,
                Tok::Num(value, len) => {
                    if len > 4 {
                        return None;
                    }
                    *p.nums.get_mut(p.n_nums)? = (value, len);
                    p.n_nums += 1;
                }
                Tok::Numeric(parts, sep) => {
                    if p.numeric.replace((parts, sep)).is_some() {
                        return None;
                    }
                }
                Tok::Pair(parts, _) => {
                    if p.pair.replace(parts).is_some() {
                        return None;
                    }
                }
                Tok::Time(clock) => {
                    if p.clock.replace(clock).is_some() {
                        return None;
                    }
                    p.pm = p.pm.or(meridiem_before);
                    last_was_time = true;
                }
                Tok::Offset(secs) => p.offset = Some(secs),
                Tok::Word(word) => {
                    if word.kind == Some(Kind::By) && p.has_date_or_time() {
                        break;
                    }
                    if word.month.is_some() {
                        *month_words.iter_mut().find(|w| w.is_none())? = Some(word);
                        continue;
                    }
                    if word.weekday.is_some() {
                        p.weekday = word.weekday;
                    }
                    match word.kind {
                        Some(Kind::Meridiem { pm, leading }) => {
                            if after_time && p.pm.is_none() {
                                p.pm = Some(pm);
                            } else if leading {
                                meridiem_pending = Some(pm);
                            }
                        }
                        Some(Kind::Zone(secs)) => p.offset = p.offset.or(Some(secs)),
                        Some(Kind::DaysBack(days)) => p.days_back = Some(days),
                        Some(Kind::Now) => p.now = true,
                        Some(Kind::Unit(unit)) => p.unit = Some(unit),
                        Some(Kind::UnitAgo(unit)) => {
                            p.unit = Some(unit);
                            p.ago = true;
                        }
                        Some(Kind::Ago) => p.ago = true,
                        Some(Kind::One) => p.one = true,
                        Some(Kind::By) | None => {}
                    }
                }
            }
        }
        p.resolve_month_words(month_words)?;
        Some(p)
    }

    fn has_date_or_time(&self) -> bool {
        self.numeric.is_some() || self.clock.is_some() || self.n_nums > 0
    }

    /// "ago" is "ago" when a unit is present. Of two month words, the one that is also a
    /// weekday is the weekday ("Mar 26 Nov 2019": Tuesday, November).
    fn resolve_month_words(&mut self, words: [Option<Word>; 2]) -> Option<()> {
        let mut months = [None; 2];
        let mut n = 0;
        for word in words.into_iter().flatten() {
            if word.kind == Some(Kind::Ago) && self.unit.is_some() {
                self.ago = true;
            } else {
                *months.get_mut(n)? = Some(word);
                n += 1;
            }
        }
        match months {
            [None, _] => {}
            [Some(only), None] => self.month = only.month,
            [Some(first), Some(second)] => {
                let (weekday, month) = if first.weekday.is_some() {
                    (first, second)
                } else if second.weekday.is_some() {
                    (second, first)
                } else {
                    return None;
                };
                self.weekday = weekday.weekday;
                self.month = month.month;
            }
        }
        Some(())
    }

    fn nums(&self) -> &[(u32, u8)] {
        self.nums.get(..self.n_nums).unwrap_or(&[])
    }

    fn resolve(&self, ctx: &DateContext, order: DayOrder) -> Result<Timestamp, Fail> {
        // "08.2008" names no day.
        if self.pair.is_some() {
            return Err(Fail::Unrecognized);
        }
        let absolute = self.numeric.is_some() || self.month.is_some();
        // "3 hours ago", "vor 3 Stunden", "il y a 2 jours", "a minute ago".
        if let Some(unit) = self.unit.filter(|_| self.ago && !absolute && self.clock.is_none()) {
            return self.ago(unit, ctx);
        }
        // "just now".
        if self.now && !absolute && self.clock.is_none() && self.n_nums == 0 {
            let now = ctx.now.ok_or(Fail::NeedsNow)?;
            return stamp(now, None, ctx).ok_or(Fail::Unrecognized);
        }
        let time = match self.clock {
            Some(clock) => Some(clock.time(self.pm).ok_or(Fail::Unrecognized)?),
            None => None,
        };
        let date = if absolute {
            self.absolute_date(ctx, order)?
        } else {
            // "Today at 10:31", "Gestern, 12:00", "Freitag um 00:40 Uhr".
            if self.n_nums > 0 || (self.days_back.is_none() && self.weekday.is_none()) {
                return Err(Fail::Unrecognized);
            }
            let now = ctx.now.ok_or(Fail::NeedsNow)?;
            let days = match (self.days_back, self.weekday) {
                (Some(days), _) => u64::from(days),
                // A weekday alone is within the past week; today would say "today".
                (None, Some(weekday)) => {
                    let from_monday = |w: Weekday| u64::from(w.num_days_from_monday());
                    match (from_monday(now.weekday()) + 7 - from_monday(weekday)) % 7 {
                        0 => 7,
                        days => days,
                    }
                }
                (None, None) => return Err(Fail::Unrecognized),
            };
            now.date().checked_sub_days(Days::new(days)).ok_or(Fail::Unrecognized)?
        };
        match time {
            None => Ok(Timestamp::Date(date)),
            Some(time) => stamp(date.and_time(time), self.offset, ctx).ok_or(Fail::Unrecognized),
        }
    }

    /// "N units ago": minutes and hours give a time; days and weeks a day, since the page
    /// said nothing finer; months and years are too coarse to be a day and are refused.
    fn ago(&self, unit: Unit, ctx: &DateContext) -> Result<Timestamp, Fail> {
        let count = match self.nums() {
            [(n, _)] => i64::from(*n),
            [] if self.one => 1,
            _ => return Err(Fail::Unrecognized),
        };
        let delta = match unit {
            Unit::Second => TimeDelta::try_seconds(count),
            Unit::Minute => TimeDelta::try_minutes(count),
            Unit::Hour => TimeDelta::try_hours(count),
            Unit::Day => TimeDelta::try_days(count),
            Unit::Week => TimeDelta::try_weeks(count),
            Unit::Month | Unit::Year => None,
        }
        .ok_or(Fail::Unrecognized)?;
        let now = ctx.now.ok_or(Fail::NeedsNow)?;
        let then = now.checked_sub_signed(delta).ok_or(Fail::Unrecognized)?;
        match unit {
            Unit::Day | Unit::Week => Ok(Timestamp::Date(then.date())),
            _ => stamp(then, None, ctx).ok_or(Fail::Unrecognized),
        }
    }

    /// The day of a date with a month name or an all-numeric date.
    fn absolute_date(&self, ctx: &DateContext, order: DayOrder) -> Result<NaiveDate, Fail> {
        let (year, month, day) = if let Some((fields, sep)) = self.numeric {
            if self.month.is_some() || self.n_nums > 0 {
                return Err(Fail::Unrecognized);
            }
            self.numeric_ymd(fields, sep, order).ok_or(Fail::Unrecognized)?
        } else {
            let month = self.month.ok_or(Fail::Unrecognized)?;
            match *self.nums() {
                // "May 02, 2023", "2018. Április 25", "Mon Nov 17 12:24:43 EST 2008"
                [(year, 4), (day, 1..=2)] | [(day, 1..=2), (year, 4)] => (year, month, day),
                // "14 Mar 09": day first, then a two-digit year.
                [(day, 1..=2), (year, 2)] => (expand_year(year), month, day),
                // "January 30", "8 February at 5:50PM": this year, or last year if that
                // day is still to come.
                [(day, 1..=2)] => return yearless(month, day, ctx),
                // "Mar 2010", "Oct.2015": a month is not a day.
                _ => return Err(Fail::Unrecognized),
            }
        };
        calendar_date(year, month, day).ok_or(Fail::Unrecognized)
    }

    /// A month of a year and nothing else: a month name and a four-digit year ("Aug 2008",
    /// "Dabei seit Okt. 2007", "2018. Április"), or two numbers, one a month and the other
    /// a four-digit year ("08.2008", "8/2008", "2008-08"). No day, time, weekday or relative
    /// word beside them.
    fn month_of_year(&self) -> Option<Timestamp> {
        let relative = self.days_back.is_some() || self.now || self.unit.is_some() || self.ago || self.one;
        if self.numeric.is_some() || self.clock.is_some() || self.weekday.is_some() || relative {
            return None;
        }
        let (year, month) = match (self.month, self.pair, self.nums()) {
            (Some(month), None, [(year, 4)]) => (*year, month),
            (None, Some([(year, 4), (month, 1..=2)] | [(month, 1..=2), (year, 4)]), []) => (year, month),
            _ => return None,
        };
        let year = i32::try_from(year).ok().filter(|y| gregorian_year(*y))?;
        let month = chrono::Month::try_from(u8::try_from(month).ok()?).ok()?;
        Some(Timestamp::Month { year, month })
    }

    /// Year, month, day of "03-14-2009", "14.03.2009", "2023/05/02", "24/03/16".
    fn numeric_ymd(&self, fields: [(u32, u8); 3], sep: char, order: DayOrder) -> Option<(u32, u32, u32)> {
        let [(a, a_len), (b, b_len), (c, c_len)] = fields;
        if a_len == 4 {
            return (b_len <= 2 && c_len <= 2).then_some((a, b, c));
        }
        if a_len > 2 || b_len > 2 || !matches!(c_len, 2 | 4) {
            return None;
        }
        let year = if c_len == 2 { expand_year(c) } else { c };
        let day_first = if a > 12 {
            true
        } else if b > 12 {
            false
        } else if sep == '.' {
            true
        } else {
            match order {
                DayOrder::DayFirst => true,
                DayOrder::Auto => self.clock.is_some_and(|clock| clock.h_sep),
            }
        };
        Some(if day_first { (year, b, a) } else { (year, a, b) })
    }
}

impl Clock {
    /// The time, with am/pm applied; `None` when out of range ("25:00", "13:00 am").
    fn time(self, pm: Option<bool>) -> Option<NaiveTime> {
        let hour = match (self.hour, pm) {
            (h, None) => h,
            (0, Some(false)) | (12, Some(false)) => 0,
            (h @ 1..=11, Some(false)) => h,
            (12, Some(true)) => 12,
            (h @ 1..=11, Some(true)) => h + 12,
            // "13:43 pm": a 24-hour time with a needless pm.
            (h @ 13..=23, Some(true)) => h,
            _ => return None,
        };
        NaiveTime::from_hms_nano_opt(hour, self.minute, self.second, self.nano)
    }
}

/// Two-digit years: 00–69 are 2000–2069, 70–99 are 1970–1999.
fn expand_year(year: u32) -> u32 {
    if year < 70 { 2000 + year } else { 1900 + year }
}

/// A day of the year `now` shows, or of the year before if that day is after `now`.
fn yearless(month: u32, day: u32, ctx: &DateContext) -> Result<NaiveDate, Fail> {
    // "Feb 30" is no day in any year: say so before asking for `now`.
    if NaiveDate::from_ymd_opt(2000, month, day).is_none() {
        return Err(Fail::Unrecognized);
    }
    let today = ctx.now.ok_or(Fail::NeedsNow)?.date();
    let this_year = NaiveDate::from_ymd_opt(today.year(), month, day).filter(|d| *d <= today);
    this_year.or_else(|| NaiveDate::from_ymd_opt(today.year() - 1, month, day)).ok_or(Fail::Unrecognized)
}

/// The Gregorian day; years 1300 to 1499 are Jalali (Persian, "1394/11/27"): no forum
/// post is from the Gregorian 14th century.
fn calendar_date(year: u32, month: u32, day: u32) -> Option<NaiveDate> {
    let year = i32::try_from(year).ok()?;
    match year {
        1300..=1499 => jalali_to_gregorian(year, month, day),
        1000..=9999 => NaiveDate::from_ymd_opt(year, month, day),
        _ => None,
    }
}

/// Whether a year without a day is read: four digits, and not 1300 to 1499, which are
/// Jalali years (see [`calendar_date`]) whose months and years straddle Gregorian ones.
fn gregorian_year(year: i32) -> bool {
    (1000..=9999).contains(&year) && !(1300..=1499).contains(&year)
}

/// Converts a Jalali (Solar Hijri) date by counting days from 1 Farvardin 1395, which was
/// 20 March 2016. Leap years follow the 33-year arithmetic rule, which agrees with the
/// official (astronomical) calendar for the years forums have seen.
fn jalali_to_gregorian(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    const ANCHOR_YEAR: i32 = 1395;
    let is_leap = |y: i32| (25 * y + 11).rem_euclid(33) < 8;
    let month_len = match month {
        1..=6 => 31,
        7..=11 => 30,
        12 if is_leap(year) => 30,
        12 => 29,
        _ => return None,
    };
    if day == 0 || day > month_len {
        return None;
    }
    let before_month = if month <= 6 { (month - 1) * 31 } else { 186 + (month - 7) * 30 };
    let mut days = i64::from(before_month + day - 1);
    for y in year.min(ANCHOR_YEAR)..year.max(ANCHOR_YEAR) {
        let len = 365 + i64::from(is_leap(y));
        days += if year >= ANCHOR_YEAR { len } else { -len };
    }
    NaiveDate::from_ymd_opt(2016, 3, 20)?.checked_add_signed(TimeDelta::try_days(days)?)
}

/// A wall-clock time with the offset the string gave, else the context's, else none.
fn stamp(dt: NaiveDateTime, offset: Option<i32>, ctx: &DateContext) -> Option<Timestamp> {
    let offset = match offset {
        Some(secs) => FixedOffset::east_opt(secs)?,
        None => match ctx.offset {
            Some(offset) => offset,
            None => return Some(Timestamp::Local(dt)),
        },
    };
    offset.from_local_datetime(&dt).single().map(Timestamp::Offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|date| date.and_hms_opt(h, min, 0))
            .expect("valid test date")
    }

    fn plus_two() -> FixedOffset {
        FixedOffset::east_opt(2 * 3600).expect("valid offset")
    }

    /// Runs a table: the expected string is `Timestamp`'s Display, or "NEEDS_NOW", or
    /// "UNRECOGNIZED".
    fn check(ctx: &DateContext, order: DayOrder, cases: &[(&str, &str)]) {
        let mut failures = Vec::new();
        for &(input, expected) in cases {
            let got = match parse_date_with_order(input, ctx, order) {
                Ok(ts) => ts.to_string(),
                Err(DateError::NeedsNow(raw)) if raw == input => "NEEDS_NOW".to_owned(),
                Err(DateError::Unrecognized(raw)) if raw == input => "UNRECOGNIZED".to_owned(),
                Err(other) => format!("{other:?}"),
            };
            if got != expected {
                failures.push(format!("{input:?}: expected {expected}, got {got}"));
            }
        }
        assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
    }

    /// Real date strings from the corpus (`shared/corpus/<engine>/`), one per shape, and the
    /// shapes the engines' templates produce. No `now`, no offset.
    #[test]
    fn absolute_dates() {
        check(
            &DateContext::default(),
            DayOrder::Auto,
            &[
                // SMF (English, bitcointalk)
                ("May 02, 2023, 11:04:13 am", "2023-05-02T11:04:13"),
                ("May 02, 2023, 11:04:13 AM", "2023-05-02T11:04:13"),
                ("02 May 2023, 11:04", "2023-05-02T11:04:00"),
                ("December 29, 2013, 02:14:25 PM", "2013-12-29T14:14:25"),
                ("July 31, 2014, 10:26:28 PM", "2014-07-31T22:26:28"),
                ("« Reply #3 on: May 02, 2023, 11:04:13 am »", "2023-05-02T11:04:13"),
                ("« on: May 02, 2023, 11:04:13 am »", "2023-05-02T11:04:13"),
                ("on: May 02, 2023, 11:04:13 am", "2023-05-02T11:04:13"),
                ("Posted: May 02, 2023, 11:04:13 pm", "2023-05-02T23:04:13"),
                ("Posted on May 02, 2023", "2023-05-02"),
                ("Sent: December 12, 2009, 02:11:37 PM", "2009-12-12T14:11:37"),
                ("Date: May 02, 2023, 11:04:13 am", "2023-05-02T11:04:13"),
                ("Joined: 12 March 2010", "2010-03-12"),
                // print page: the author's name before "on"
                ("Post by: Cryddit on December 23, 2013, 07:27:01 PM", "2013-12-23T19:27:01"),
                ("« Last Edit: May 02, 2023, 11:04:13 am by Name123 »", "2023-05-02T11:04:13"),
                // a ctime() date quoted in a post: the zone is RFC 2822's EST
                ("Mon Nov 17 12:24:43 EST 2008", "2008-11-17T12:24:43-05:00"),
                // SMF, Russian (club2u): nominative months in SMF's pack, genitive elsewhere
                ("« Ответ #3 : 12 Июня 2010, 11:22:33 »", "2010-06-12T11:22:33"),
                ("« : 30 Декабрь 2009, 00:17:53 »", "2009-12-30T00:17:53"),
                ("« Ответ #10 : 06 Январь 2010, 12:11:53 »", "2010-01-06T12:11:53"),
                ("10 Февраль 2010, 21:03:56", "2010-02-10T21:03:56"),
                // SMF, Hungarian (metin2hungary): year first, with a dot
                ("« Válasz #3 Dátum: 2018. Április 25, 11:04:13 »", "2018-04-25T11:04:13"),
                ("« Dátum: 2011-04-24, 22:37:00 »", "2011-04-24T22:37:00"),
                ("« Válasz #1 Dátum: 2011-04-24, 22:48:56 »", "2011-04-24T22:48:56"),
                // "last edited: ... by Name": the name is cut
                ("« Utoljára szerkesztve: 2011-08-22, 18:23:13 írta [MOD]Niix »", "2011-08-22T18:23:13"),
                ("2018-11-22, 22:55:59", "2018-11-22T22:55:59"),
                // Hungarian afternoon written before the time
                ("2023. május 2. du. 3:04", "2023-05-02T15:04:00"),
                // SMF, German
                ("« Antwort #3 am: 02. Mai 2023, 11:04:13 »", "2023-05-02T11:04:13"),
                // phpBB 3 (airliners, nationstates, odroid, raspberrypi, ebaumsworld)
                ("Sat Mar 14, 2009 1:43 pm", "2009-03-14T13:43:00"),
                ("Wed Aug 07, 2019 6:50 am", "2019-08-07T06:50:00"),
                ("Thu Jan 02, 2020 10:15 pm", "2020-01-02T22:15:00"),
                ("Tue Jan 07, 2020 12:38 am", "2020-01-07T00:38:00"),
                ("Joined: Thu Nov 17, 2011 6:12 am", "2011-11-17T06:12:00"),
                ("by Euroslavia » Wed Mar 21, 2012 1:33 pm", "2012-03-21T13:33:00"),
                ("It is currently Wed Jun 03, 2020 5:17 am", "2020-06-03T05:17:00"),
                ("Founded: Mar 04, 2012", "2012-03-04"),
                ("14 Mar 2009, 13:43", "2009-03-14T13:43:00"),
                // phpBB 2 (forumer, codjumper): ordinal suffixes
                ("Posted: Wed Jun 02, 2010 11:01 pm", "2010-06-02T23:01:00"),
                ("Joined: 20 Oct 2008", "2008-10-20"),
                ("Posted: January 9th, 2016, 2:30 am", "2016-01-09T02:30:00"),
                ("Added: February 1, 2016", "2016-02-01"),
                // phpBB, German (mein-schoener-garten, myoos, phpbb33)
                ("Mo 14. Mär 2009, 13:43", "2009-03-14T13:43:00"),
                ("Registriert: 07 Mär 2006, 09:28", "2006-03-07T09:28:00"),
                ("Beitrag von moderator » 12 Jan 2018, 12:15", "2018-01-12T12:15:00"),
                ("01 Dez 2007, 18:25", "2007-12-01T18:25:00"),
                ("Registriert: 18.09.2008, 05:56", "2008-09-18T05:56:00"),
                ("Post by galitsyn » 11. Sep 2024, 18:36", "2024-09-11T18:36:00"),
                ("2024-09-11T16:36:25+00:00", "2024-09-11T16:36:25+00:00"),
                // phpBB, French (maladiesrares, zone-concours): "Mar" is mardi before a month
                ("lun. 14 mars 2009 13:43", "2009-03-14T13:43:00"),
                ("par Nanette63 » Lun 8 Jan 2018 15:33", "2018-01-08T15:33:00"),
                ("Enregistré le: Ven 8 Déc 2017 19:38", "2017-12-08T19:38:00"),
                ("Sam 27 Juil 2019 14:05", "2019-07-27T14:05:00"),
                ("Nous sommes le Mar 26 Nov 2019 14:35", "2019-11-26T14:35:00"),
                ("Inscription: Mer 3 Nov 2010 17:05", "2010-11-03T17:05:00"),
                ("5 Juil 2018 03:22", "2018-07-05T03:22:00"),
                // vBulletin (msworld, mazdaworld, terraforums, vb606): US month first
                ("03-14-2009, 01:43 PM", "2009-03-14T13:43:00"),
                ("10-04-2017, 11:00 AM", "2017-10-04T11:00:00"),
                ("Reply With Quote 10-31-2017, 01:56 PM #2", "2017-10-31T13:56:00"),
                ("Old 04-25-2015, 09:47 PM", "2015-04-25T21:47:00"),
                ("Last edited by oppo; 04-26-2015 at 09:32 PM", "2015-04-26T21:32:00"),
                ("Join Date: Mar 2014", "UNRECOGNIZED"),
                ("Oct.2015", "UNRECOGNIZED"),
                // vBulletin, German (drwindows, pocketpc, worldofplayers): dotted, day first
                ("14.03.2009, 13:43", "2009-03-14T13:43:00"),
                ("08.11.2009, 11:49", "2009-11-08T11:49:00"),
                ("08.11.2009 um 13:53 Uhr", "2009-11-08T13:53:00"),
                ("(04.01.2020 um 14:51 Uhr)", "2020-01-04T14:51:00"),
                ("14.12.2019 21:42", "2019-12-14T21:42:00"),
                // vBulletin, French (futura-sciences): "19h46" makes slashes day first
                ("29/07/2004, 19h46", "2004-07-29T19:46:00"),
                ("10/05/2006, 13h16", "2006-05-10T13:16:00"),
                ("09/04/2019 à 09h38", "2019-04-09T09:38:00"),
                ("14/03/2009", "2009-03-14"),
                // vBulletin, Persian (askdin): Jalali year/month/day
                ("1394/11/27, 00:31", "2016-02-16T00:31:00"),
                (" 1394/10/24, 15:35", "2016-01-14T15:35:00"),
                ("۱۳۹۴/۱۱/۲۷، ۰۰:۳۱", "2016-02-16T00:31:00"),
                ("۲۷ بهمن ۱۳۹۴", "2016-02-16"),
                ("1403/12/30", "2025-03-20"), // 1403 is a leap year: Esfand has 30 days
                ("1402/12/30", "UNRECOGNIZED"),
                ("عضویت دی 1391", "UNRECOGNIZED"), // month and year only
                // XenForo (gtplanet, macrumors, statcounter, oneplus, villagersandheroes)
                ("Mar 14, 2009", "2009-03-14"),
                ("Jun 3, 2019 at 9:12 AM", "2019-06-03T09:12:00"),
                ("Last edited: Mar 8, 2016 at 5:13 AM", "2016-03-08T05:13:00"),
                ("Oct 29, 2014", "2014-10-29"),
                ("2019-06-03T09:12:17-0700", "2019-06-03T09:12:17-07:00"),
                ("1559578337", "2019-06-03T16:12:17+00:00"),
                ("1457606598", "2016-03-10T10:43:18+00:00"),
                // XenForo, German (computerbase, digitalfernsehen, juraforum, musiker-board,
                // uhrforum, katzen-forum, android-hilfe)
                ("14. Mär. 2009", "2009-03-14"),
                ("22. April 2020", "2020-04-22"),
                ("11. November 2019 um 10:54 Uhr", "2019-11-11T10:54:00"),
                ("13.01.2020, 10:47", "2020-01-13T10:47:00"),
                ("29.01.19 um 15:25 Uhr", "2019-01-29T15:25:00"),
                ("29.01.19", "2019-01-29"),
                ("13.11.2019", "2019-11-13"),
                ("2018-09-27T14:51:09+0200", "2018-09-27T14:51:09+02:00"),
                ("1587681434", "2020-04-23T22:37:14+00:00"),
                ("Dabei seit Okt. 2007", "UNRECOGNIZED"),
                // Invision (utorrent)
                ("Posted July 25, 2007", "2007-07-25"),
                ("August 19, 2013", "2013-08-19"),
                // Discourse (blizzard, glamour, home-assistant)
                ("14 May 2020 22:19", "2020-05-14T22:19:00"),
                ("17 April 2020 23:20", "2020-04-17T23:20:00"),
                ("5. Januar 2019 um 03:32", "2019-01-05T03:32:00"),
                ("7. März 2020 um 23:45", "2020-03-07T23:45:00"),
                ("May 3, 2024, 8:45am", "2024-05-03T08:45:00"),
                ("2020-03-07T23:20:43Z", "2020-03-07T23:20:43+00:00"),
                ("2024-05-03 10:09:38.16", "2024-05-03T10:09:38"),
                // FluxBB (archlinux)
                ("2019-09-29 10:46:47", "2019-09-29T10:46:47"),
                ("Registered: 2017-03-15", "2017-03-15"),
                // MyBB (mybb-community)
                ("2019-02-23, 09:14 PM", "2019-02-23T21:14:00"),
                ("This post was last modified: 2024-01-05, 03:27 AM by Omar G.", "2024-01-05T03:27:00"),
                ("Joined: Feb 2019", "UNRECOGNIZED"),
                // Phorum (angelman), Forumotion (wolfsrebellen)
                ("10-August-2011 20:18", "2011-08-10T20:18:00"),
                ("24/03/16, 02:31 pm", "2016-03-24T14:31:00"),
                ("02/03/16, 11:30 am", "2016-02-03T11:30:00"), // ambiguous: month first
                ("30.05.2014 23:07:56", "2014-05-30T23:07:56"),
                // Vanilla (bitdefender, moneysavingexpert, scope, vanilla-open)
                ("March 30, 2020 4:09PM", "2020-03-30T16:09:00"),
                ("4 December 2016 at 12:11AM", "2016-12-04T00:11:00"),
                ("8 February 2020 at 5:50PM", "2020-02-08T17:50:00"),
                ("Edited March 4, 2020 11:31AM by Chloe_Scope.", "2020-03-04T11:31:00"),
                ("2020-03-30T16:09:49+00:00", "2020-03-30T16:09:49+00:00"),
                ("September 2019", "UNRECOGNIZED"),
                // a real template bug: "edited 30 November -1"
                ("30 November -1 at 1:00AM", "UNRECOGNIZED"),
                // Other languages' month names
                ("2 de mayo de 2023, 10:31", "2023-05-02T10:31:00"),
                ("2 de mayo de 2023, 10:31 p. m.", "2023-05-02T22:31:00"),
                ("2 maggio 2023 alle 10:31", "2023-05-02T10:31:00"),
                ("14 mrt 2009 13:43", "2009-03-14T13:43:00"),
                ("ma 14 mrt 2009 13:43", "2009-03-14T13:43:00"), // "ma": Monday (Dutch) here
                ("2 de março de 2023 às 10:31", "2023-03-02T10:31:00"),
                ("12 marca 2010, 11:22", "2010-03-12T11:22:00"),
                ("2 czerwca 2023", "2023-06-02"),
                ("12 июня 2010 г., 11:22", "2010-06-12T11:22:00"),
                ("1 août 2015 à 08h05", "2015-08-01T08:05:00"),
                ("1er janvier 2015", "2015-01-01"),
                ("3 sept. 2015", "2015-09-03"),
                ("Dec 25 2020 10:00 a.m.", "2020-12-25T10:00:00"),
                ("Dec 25 2020 10:00 P.M.", "2020-12-25T22:00:00"),
                ("25 Dec 99", "1999-12-25"),
                ("25 Dec 09", "2009-12-25"),
                // Zones in the string
                ("May 02, 2023, 11:04 GMT+2", "2023-05-02T11:04:00+02:00"),
                ("May 02, 2023, 11:04 UTC", "2023-05-02T11:04:00+00:00"),
                ("May 02, 2023, 11:04 UTC-07:00", "2023-05-02T11:04:00-07:00"),
                ("May 02, 2023, 11:04 am GMT -5", "2023-05-02T11:04:00-05:00"),
                ("May 02, 2023, 11:04 +0530", "2023-05-02T11:04:00+05:30"),
                // Machine forms
                ("2023-05-02T11:04:13+00:00", "2023-05-02T11:04:13+00:00"),
                ("2023-05-02T11:04:13Z", "2023-05-02T11:04:13+00:00"),
                ("2023-05-02 11:04:13", "2023-05-02T11:04:13"),
                ("2023-05-02", "2023-05-02"),
                ("123456789", "1973-11-29T21:33:09+00:00"),
                // Discuz! (Chinese): "发表于" (posted on) before a year-first date without
                // leading zeros; Chinese and Japanese year and month marks.
                ("发表于 2024-5-18 19:27:00", "2024-05-18T19:27:00"),
                ("2019-3-5 10:22", "2019-03-05T10:22:00"),
                ("發表於 2012-11-30 08:05", "2012-11-30T08:05:00"),
                ("2019年3月5日 10:22", "2019-03-05T10:22:00"),
                ("2019年03月05日", "2019-03-05"),
            ],
        );
    }

    /// Fields that take a month or a year alone (join dates, datelines) keep them at that
    /// precision; everything else reads as for a post's date.
    #[test]
    fn reduced_precision() {
        let check_month = |ctx: &DateContext, cases: &[(&str, &str)]| {
            let mut failures = Vec::new();
            for &(input, expected) in cases {
                let got = match parse_date_at(input, ctx, DayOrder::Auto, Precision::Month) {
                    Ok(ts) => ts.to_string(),
                    Err(DateError::NeedsNow(_)) => "NEEDS_NOW".to_owned(),
                    Err(DateError::Unrecognized(_)) => "UNRECOGNIZED".to_owned(),
                };
                if got != expected {
                    failures.push(format!("{input:?}: expected {expected}, got {got}"));
                }
            }
            assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
        };
        let cases = [
            // vBulletin, MyBB, XenForo 2 (the corpus's and the templates' forms)
            ("Join Date: Aug 2008", "2008-08"),
            ("Join Date: Mar 2014", "2014-03"),
            ("Joined: Feb 2019", "2019-02"),
            ("Registriert: Feb 2019", "2019-02"),
            ("Dabei seit Okt. 2007", "2007-10"),
            ("Oct.2015", "2015-10"),
            ("September 2019", "2019-09"),
            ("März 2010", "2010-03"),
            ("Inscrit: janv. 2012", "2012-01"),
            ("2018. Április", "2018-04"),
            // numeric months: German vBulletin's "Registriert seit: 08.2008", ISO 8601
            ("Registriert seit: 08.2008", "2008-08"),
            ("8/2008", "2008-08"),
            ("2008-08", "2008-08"),
            ("2008/08", "2008-08"),
            // a year alone: only the four digits
            ("Joined: 2008", "2008"),
            ("2008", "2008"),
            ("Bitdefender 2020", "UNRECOGNIZED"),
            ("F1 2018", "UNRECOGNIZED"),
            // days and times are read as always
            ("Join Date: 14 Mar 2009", "2009-03-14"),
            ("Joined: Thu Nov 17, 2011 6:12 am", "2011-11-17T06:12:00"),
            ("2023-05-02", "2023-05-02"),
            ("Today at 10:31", "NEEDS_NOW"),
            // no month of a year
            ("13/2008", "UNRECOGNIZED"),
            ("00.2008", "UNRECOGNIZED"),
            ("08.208", "UNRECOGNIZED"),
            ("2.1", "UNRECOGNIZED"),
            ("Aug 2008 10:31", "UNRECOGNIZED"),
            ("Mon Aug 2008", "UNRECOGNIZED"),
            ("Aug 2008 2009", "UNRECOGNIZED"),
            ("Aug Sep 2008", "UNRECOGNIZED"),
            ("08.2008.", "2008-08"),
            ("9 years ago", "UNRECOGNIZED"),
            ("2 months ago", "UNRECOGNIZED"),
            // Jalali months and years straddle Gregorian ones
            ("عضویت دی 1391", "UNRECOGNIZED"),
            ("1391/10", "UNRECOGNIZED"),
            ("1391", "UNRECOGNIZED"),
            ("0999", "UNRECOGNIZED"),
            ("Mar 0999", "UNRECOGNIZED"),
        ];
        let now = DateContext { now: Some(at(2023, 5, 10, 12, 0)), offset: Some(plus_two()) };
        check_month(&DateContext::default(), &cases);
        // A reference time and an offset change nothing about a month or a year.
        let with_now: Vec<(&str, &str)> =
            cases.iter().copied().filter(|(_, want)| *want != "NEEDS_NOW" && !want.contains('T')).collect();
        check_month(&now, &with_now);
        // A post's date is a day at least: the same strings are no post dates.
        for (input, _) in cases.iter().filter(|(_, want)| want.len() <= 7 && *want != "UNRECOGNIZED") {
            let got = parse_date(input, &DateContext::default());
            assert!(matches!(got, Err(DateError::Unrecognized(_))), "{input:?} gave {got:?}");
        }
    }

    #[test]
    fn relative_dates_need_now() {
        let cases = [
            "Today at 10:31:05 am",
            "Yesterday at 10:31:05 pm",
            "Yesterday at 9:00 pm",
            "Today 07:10 AM",
            "Heute um 10:31",
            "Heute, 09:10",
            "Gestern, 12:00",
            "Aujourd'hui à 10:31",
            "Aujourd’hui à 10:31",
            "Hoy a las 10:31",
            "Oggi alle 10:31",
            "Vandaag om 10:31",
            "Hoje às 10:31",
            "Сегодня в 10:31",
            "Вчера в 10:31",
            "Ma, 10:31",
            "Ma 10:31",
            "Tegnap, 10:31",
            "Dzisiaj, 10:31",
            "Dziś 10:31",
            "Wczoraj 10:31",
            "Today",
            "3 hours ago",
            "2 days ago",
            "5 minutes ago",
            "a minute ago",
            "just now",
            "vor 3 Stunden",
            "il y a 2 jours",
            "Freitag um 00:40 Uhr",
            "January 30",
            "8 February at 5:50PM",
            "6\u{a0}天前",
            "发表于 昨天\u{a0}10:22",
            "前天 08:15",
            "3 小时前",
            "刚刚",
        ];
        let table: Vec<(&str, &str)> = cases.iter().map(|&c| (c, "NEEDS_NOW")).collect();
        check(&DateContext::default(), DayOrder::Auto, &table);
    }

    #[test]
    fn relative_dates_with_now() {
        // A Wednesday.
        let ctx = DateContext { now: Some(at(2023, 5, 10, 12, 0)), offset: None };
        check(
            &ctx,
            DayOrder::Auto,
            &[
                ("Today at 10:31:05 am", "2023-05-10T10:31:05"),
                ("Yesterday at 9:00 pm", "2023-05-09T21:00:00"),
                ("Yesterday at 10:31:05 pm", "2023-05-09T22:31:05"),
                ("Today 07:10 AM", "2023-05-10T07:10:00"),
                ("Today", "2023-05-10"),
                ("Heute um 10:31", "2023-05-10T10:31:00"),
                ("Gestern, 12:00", "2023-05-09T12:00:00"),
                ("vorgestern, 12:00", "2023-05-08T12:00:00"),
                ("Aujourd'hui à 10:31", "2023-05-10T10:31:00"),
                ("Hoy a las 10:31", "2023-05-10T10:31:00"),
                ("Oggi alle 10:31", "2023-05-10T10:31:00"),
                ("Vandaag om 10:31", "2023-05-10T10:31:00"),
                ("Hoje às 10:31", "2023-05-10T10:31:00"),
                ("Сегодня в 10:31", "2023-05-10T10:31:00"),
                ("Вчера в 10:31", "2023-05-09T10:31:00"),
                ("Ma, 10:31", "2023-05-10T10:31:00"),
                ("Ma 10:31", "2023-05-10T10:31:00"),
                ("Tegnap, 10:31", "2023-05-09T10:31:00"),
                ("Dzisiaj, 10:31", "2023-05-10T10:31:00"),
                ("Dziś 10:31", "2023-05-10T10:31:00"),
                ("Wczoraj 10:31", "2023-05-09T10:31:00"),
                ("« Reply #2 on: Today at 10:31:05 am »", "2023-05-10T10:31:05"),
                ("3 hours ago", "2023-05-10T09:00:00"),
                ("5 minutes ago", "2023-05-10T11:55:00"),
                ("a minute ago", "2023-05-10T11:59:00"),
                ("an hour ago", "2023-05-10T11:00:00"),
                ("just now", "2023-05-10T12:00:00"),
                ("vor 3 Stunden", "2023-05-10T09:00:00"),
                ("vor einer Stunde", "2023-05-10T11:00:00"),
                ("hace 2 horas", "2023-05-10T10:00:00"),
                ("2 часа назад", "2023-05-10T10:00:00"),
                ("5 minut temu", "2023-05-10T11:55:00"),
                ("3 órája", "2023-05-10T09:00:00"),
                // days and weeks ago: the page gave the day, not the time
                ("2 days ago", "2023-05-08"),
                ("il y a 2 jours", "2023-05-08"),
                ("1 week ago", "2023-05-03"),
                // months and years ago: no day to give
                ("2 months ago", "UNRECOGNIZED"),
                ("a year ago", "UNRECOGNIZED"),
                // a weekday alone is in the past week (XenForo)
                ("Freitag um 00:40 Uhr", "2023-05-05T00:40:00"),
                ("Mittwoch, 10:00", "2023-05-03T10:00:00"),
                // no year: this year, unless that day is still to come
                ("January 30", "2023-01-30"),
                ("8 February at 5:50PM", "2023-02-08T17:50:00"),
                ("June 4", "2022-06-04"),
                ("May 10", "2023-05-10"),
                // Chinese (Discuz!'s relative dates)
                ("6\u{a0}天前", "2023-05-04"),
                ("发表于 昨天\u{a0}10:22", "2023-05-09T10:22:00"),
                ("前天 08:15", "2023-05-08T08:15:00"),
                ("3 小时前", "2023-05-10T09:00:00"),
                ("25 分钟前", "2023-05-10T11:35:00"),
                ("刚刚", "2023-05-10T12:00:00"),
                // absolute dates do not look at `now`
                ("May 02, 2023, 11:04:13 am", "2023-05-02T11:04:13"),
            ],
        );
    }

    #[test]
    fn offsets() {
        let ctx = DateContext { now: Some(at(2023, 5, 10, 12, 0)), offset: Some(plus_two()) };
        check(
            &ctx,
            DayOrder::Auto,
            &[
                // no zone in the string: the context's
                ("May 02, 2023, 11:04:13 am", "2023-05-02T11:04:13+02:00"),
                ("2023-05-02 11:04:13", "2023-05-02T11:04:13+02:00"),
                ("Today at 10:31", "2023-05-10T10:31:00+02:00"),
                ("3 hours ago", "2023-05-10T09:00:00+02:00"),
                // a zone in the string wins
                ("May 02, 2023, 11:04 UTC", "2023-05-02T11:04:00+00:00"),
                ("2023-05-02T11:04:13Z", "2023-05-02T11:04:13+00:00"),
                ("May 02, 2023, 11:04 GMT-5", "2023-05-02T11:04:00-05:00"),
                // days stay days
                ("May 02, 2023", "2023-05-02"),
                ("2023-05-02", "2023-05-02"),
                // Unix timestamps are instants: UTC
                ("1559578337", "2019-06-03T16:12:17+00:00"),
            ],
        );
    }

    #[test]
    fn day_order() {
        let ctx = DateContext::default();
        let cases = [("02/03/16, 11:30 am", "2016-03-02T11:30:00"), ("03-04-2009", "2009-04-03")];
        check(&ctx, DayOrder::DayFirst, &cases);
        let cases = [("02/03/16, 11:30 am", "2016-02-03T11:30:00"), ("03-04-2009", "2009-03-04")];
        check(&ctx, DayOrder::Auto, &cases);
        // Whatever the order: a field above 12 decides, dots are day first, a leading
        // four-digit field is the year.
        for order in [DayOrder::Auto, DayOrder::DayFirst] {
            check(
                &ctx,
                order,
                &[
                    ("24/03/16", "2016-03-24"),
                    ("03/24/16", "2016-03-24"),
                    ("02.03.2016", "2016-03-02"),
                    ("2016/03/02", "2016-03-02"),
                ],
            );
        }
    }

    #[test]
    fn junk_is_refused_without_panic() {
        let digits = "7".repeat(10 * 1024);
        let long_words = "word ".repeat(200);
        let junk = [
            "",
            " ",
            "???",
            digits.as_str(),
            long_words.as_str(),
            "🙂",
            "🙂 May 🙂",
            "99/99/9999",
            "Feb 30, 2023",
            "Feb 30",
            "February 29, 2023",
            "2023-02-29",
            "2023-13-01T00:00:00Z",
            "2023-05-02T25:00:00",
            "2023-05-02T11:04:13+25:00",
            "Mar 2010",
            "März 2010",
            "12345678",
            "123456789012",
            "25:00",
            "May 02, 2023, 25:00",
            "May 02, 2023, 13:00 am",
            "May 02, 2023, 0:30 pm",
            "Today at 25:61",
            "F1 2018",
            "Bitdefender 2020",
            "1:2:3:4:5",
            "1.2.3.4",
            "2.1",
            "«»",
            "on:",
            "May 2, 2023 May 3, 2023",
            "10:31 11:31",
            "May 2023 2024 12",
            "0000-00-00",
            "00.00.0000",
            "31.04.2023",
            "1999999999999999999999/1/1",
            "+99999999",
            "May 02, 2023, 11:04 +99:99",
            "Dec 25 0999",
            "Dec 25 99999",
            "ago ago ago",
            "99999 hours ago",
            "٩٩٩٩٩٩٩٩٩٩٩٩",
            "\u{0}\u{7f}\u{feff}",
        ];
        let ctx = DateContext { now: Some(at(2023, 5, 10, 12, 0)), offset: None };
        for ctx in [DateContext::default(), ctx] {
            for input in junk {
                let result = parse_date(input, &ctx);
                assert!(matches!(result, Err(DateError::Unrecognized(_))), "{input:?} gave {result:?}");
            }
        }
    }

    /// Every prefix and suffix of real strings, cut at every character: no panic.
    #[test]
    fn cut_strings_do_not_panic() {
        let samples = [
            "« Válasz #3 Dátum: 2018. Április 25, 11:04:13 »",
            "۱۳۹۴/۱۱/۲۷، ۰۰:۳۱",
            "2019-06-03T09:12:17-0700",
            "Aujourd’hui à 10:31 p. m. GMT+02:00",
            "Mon Nov 17 12:24:43 EST 2008",
            "3 órája",
        ];
        let ctx = DateContext { now: Some(at(2023, 5, 10, 12, 0)), offset: None };
        for sample in samples {
            for (i, _) in sample.char_indices() {
                for part in [sample.get(..i), sample.get(i..)].into_iter().flatten() {
                    let _ = parse_date(part, &ctx);
                    let _ = parse_date(part, &DateContext::default());
                }
            }
        }
    }

    #[test]
    fn word_tables_agree_with_themselves() {
        fn check_table<T: PartialEq + std::fmt::Debug>(name: &str, table: &[(&str, T)]) {
            for (i, (word, value)) in table.iter().enumerate() {
                assert_eq!(word.to_lowercase(), *word, "{name}: {word:?} is not lowercase");
                assert!(!word.ends_with('.'), "{name}: {word:?} ends with a dot");
                let later = table.get(i + 1..).unwrap_or(&[]);
                assert!(
                    !later.iter().any(|(w, _)| w == word),
                    "{name}: {word:?} ({value:?}) is listed twice"
                );
            }
        }
        check_table("MONTHS", MONTHS);
        check_table("WEEKDAYS", WEEKDAYS);
        check_table("WORDS", WORDS);
    }

    #[test]
    fn jalali_conversion() {
        // Nowruz: 1 Farvardin, per year.
        let nowruz = [(1370, "1991-03-21"), (1395, "2016-03-20"), (1400, "2021-03-21"), (1404, "2025-03-21")];
        for (year, expected) in nowruz {
            let got = jalali_to_gregorian(year, 1, 1).map(|d| d.to_string());
            assert_eq!(got.as_deref(), Some(expected), "1 Farvardin {year}");
        }
        assert_eq!(jalali_to_gregorian(1394, 13, 1), None);
        assert_eq!(jalali_to_gregorian(1394, 1, 32), None);
        assert_eq!(jalali_to_gregorian(1394, 7, 31), None);
    }
}
