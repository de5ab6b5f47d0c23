//! vBulletin pages rendered as text: read by the shared anchored reader
//! ([`crate::text::anchored`]) with this table of vBulletin's words. Every postbit prints the
//! "#N" permalink: on the date's line in 4.x ("10-04-2017, 11:00 AM #1", the author block
//! under it), under the date in some 3.x themes (the author block above), or as "post #2 of
//! 23 (permalink) Old DATE".

use crate::ctx::Ctx;
use crate::error::Error;
use crate::model::{Engine, Thread};
use crate::text::anchored::{self, Kind, Shape, Table};

/// vBulletin's words, in the languages of the renderings seen.
pub(crate) const TABLE: Table = Table {
    engine: Engine::Vbulletin,
    kinds: &[Kind::Number],
    by: &[],
    posted: &[],
    avatar: &[("avatar von ", ""), ("avatar de ", ""), ("", "'s avatar"), ("", " آواتار ها")],
    status: &[" is offline", " is online", " ist offline", " ist online", " est déconnecté", " est connecté"],
    author_below: true,
    date_noise: &["old", "alt", "ancien"],
    fields: &[
        "join date",
        "posts",
        "location",
        "mentioned",
        "tagged",
        "quoted",
        "registriert seit",
        "beiträge",
        "ort",
        "date d'inscription",
        "messages",
        "localisation",
        "عضویت",
        "نوشته",
    ],
    posts_label: &["posts", "beiträge", "messages", "نوشته"],
    wrote: &["wrote", "schrieb", "a écrit"],
    quote: &[
        "quote originally posted by",
        "originally posted by",
        "zitat zitat von",
        "zitat von",
        "citation citation de",
        "citation de",
        "quote",
        "zitat",
        "citation",
    ],
    chrome: &[
        "reply with quote",
        "quote",
        "zitieren",
        "zitat",
        "citer",
        "répondre avec citation",
        "view post",
        "beitrag anzeigen",
        "voir le message",
        "[progress]",
        "view profile",
        "view forum posts",
        "visit homepage",
        "private message",
        "profil",
        "beiträge anzeigen",
        "private nachricht",
        "homepage besuchen",
        "multi-quote this message",
        "quick reply to this message",
        "report post",
        "thanks",
        "like",
    ],
    title_next: &[],
    trailers: &["last edited by", "zuletzt bearbeitet von", "dernière modification par"],
    footer: &[
        "« previous thread",
        "« vorheriges thema",
        "posting permissions",
        "beitragsregeln",
        "quick navigation",
        "thread information",
        "similar threads",
        "ähnliche themen",
        "sujets similaires",
        "règles de messages",
    ],
    markers: &[
        ("posting permissions", 3),
        ("you may not post", 2),
        ("thread tools", 2),
        ("themen-optionen", 3),
        ("show printable version", 2),
        ("druckbare version zeigen", 3),
        ("bb code is on", 3),
        ("« previous thread | next thread »", 3),
        ("« vorheriges thema | nächstes thema »", 3),
        ("view forum posts", 2),
        ("[progress]", 1),
        ("join date", 2),
        (" is offline", 2),
        (" ist offline", 2),
        ("reply with quote", 1),
        ("quote originally posted by", 3),
        ("zitat zitat von", 3),
        ("vbulletin", 3),
        ("(permalink)", 2),
        ("registriert seit", 1),
        ("date d'inscription", 2),
    ],
    shapes: &[Shape::DatedPermalink],
};

/// Reads a text rendering of a vBulletin page.
pub(crate) fn parse(input: &str, ctx: &mut Ctx) -> Result<Thread, Error> {
    anchored::parse(input, &TABLE, ctx)
}
