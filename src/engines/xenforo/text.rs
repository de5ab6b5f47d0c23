//! XenForo pages rendered as text: read by the shared anchored reader
//! ([`crate::text::anchored`]) with this table of XenForo's words. XenForo 2 prints the author
//! block (avatar, name, title, "Messages" / "Reaction score" facts), then the date and the
//! "#N" permalink over the post; XenForo 1 closes each post with "NAME, DATE" and "#N".

use crate::ctx::Ctx;
use crate::error::Error;
use crate::model::{Engine, Thread};
use crate::text::anchored::{self, Kind, Table};

/// XenForo's words, in the languages of the renderings seen.
pub(crate) const TABLE: Table = Table {
    engine: Engine::Xenforo,
    kinds: &[Kind::Number],
    by: &[],
    posted: &[],
    avatar: &[],
    status: &[],
    author_below: false,
    date_noise: &[],
    fields: &[
        "messages",
        "reaction score",
        "points",
        "location",
        "joined",
        "likes received",
        "trophy points",
        "registriert seit",
        "dabei seit",
        "beiträge",
        "zustimmungen",
        "punkte für erfolge",
        "reaktionspunkte",
        "punkte",
        "ort",
    ],
    posts_label: &["messages", "beiträge"],
    wrote: &["said", "schrieb", "sagte", "a dit"],
    quote: &["zitat von", "quote", "zitat", "citation de"],
    chrome: &[
        "report",
        "like",
        "reply",
        "quote",
        "antworten",
        "zitieren",
        "melden",
        "gefällt mir",
        "click to expand...",
        "klicken sie in dieses feld, um es in vollständiger größe anzuzeigen.",
        "zum vergrößern anklicken....",
        "original poster",
        "thread starter",
        "themenstarter",
    ],
    title_next: &[
        "thread starter",
        "start date",
        "ersteller des themas",
        "themenstarter",
        "discussion in",
        "dieses thema",
        "diskussion in",
        "discussion dans",
        "von ",
    ],
    trailers: &["reactions:", "reaktionen:", "last edited:", "zuletzt bearbeitet:", "like", "gefällt mir"],
    footer: &[
        "you must log in or register",
        "(you must log in or sign up",
        "share this page",
        "share:",
        "similar threads",
        "users who are viewing this thread",
        "teilen:",
        "ähnliche themen",
        "du musst dich anmelden",
        "diese seite teilen",
    ],
    markers: &[
        ("terms and rules", 2),
        ("search titles only", 2),
        ("nur die titel durchsuchen", 3),
        ("show ignored content", 3),
        ("ignorierte inhalte anzeigen", 3),
        ("erstellt von:", 1),
        ("stay logged in", 1),
        ("reaction score", 3),
        ("thread starter", 2),
        ("start date", 1),
        ("click to expand...", 2),
        (" said: ↑", 3),
        ("zum vergrößern anklicken", 2),
        ("themenstarter", 2),
        ("xenforo", 3),
        ("punkte für erfolge", 3),
        ("trophy points", 3),
        ("(you must log in or sign up to reply here.)", 3),
    ],
    shapes: &[],
};

/// Reads a text rendering of a XenForo page.
pub(crate) fn parse(input: &str, ctx: &mut Ctx) -> Result<Thread, Error> {
    anchored::parse(input, &TABLE, ctx)
}
