//! phpBB pages rendered as text (`w3m -dump`, `lynx -dump`, a browser's "copy page"): read by
//! the shared anchored reader ([`crate::text::anchored`]) with this table of phpBB's words.
//! prosilver and subsilver2 print "Post by NAME » DATE" (localized: "Postby", "Message par",
//! "Beitrag von"; a theme may put "#ID by NAME" over the date), phpBB 2 and subSilver
//! "Posted: DATE", some themes only the "#N" permalink above the date.

use crate::ctx::Ctx;
use crate::error::Error;
use crate::model::{Engine, Thread};
use crate::text::anchored::{self, Kind, Shape, Table};

/// phpBB's words, in the languages of the renderings seen.
pub(crate) const TABLE: Table = Table {
    engine: Engine::Phpbb,
    kinds: &[Kind::By, Kind::Posted, Kind::Number],
    by: &["by", "von", "par", "de", "door", "da", "por", "av", "przez", "от", "autor"],
    posted: &["posted", "verfasst", "posté", "envoyé", "geschrieben", "inviato"],
    avatar: &[("avatar de ", ""), ("avatar von ", "")],
    status: &[],
    author_below: false,
    date_noise: &[],
    fields: &[
        "posts",
        "joined",
        "location",
        "contact",
        "messages",
        "inscription",
        "enregistré le",
        "localisation",
        "beiträge",
        "registriert",
        "wohnort",
        "kontaktdaten",
        "has thanked",
        "been thanked",
        "username",
    ],
    posts_label: &["posts", "messages", "beiträge"],
    wrote: &["wrote", "a écrit", "hat geschrieben", "schrieb", "escribió", "ha scritto", "napisał"],
    quote: &["quote", "zitat", "citation", "citar", "cita"],
    chrome: &[
        "top",
        "back to top",
        "nach oben",
        "haut",
        "quote",
        "zitat",
        "citer",
        "reply with quote",
        "répondre en citant le message",
        "mit zitat antworten",
        "profile",
        "offline",
        "online",
        "pm",
        "email",
        "user avatar",
        "benutzeravatar",
        "avatar de l’utilisateur",
        "avatar de l'utilisateur",
    ],
    title_next: &[],
    trailers: &["last edited by", "zuletzt geändert von", "dernière édition par"],
    footer: &[
        "display:",
        "display posts from previous",
        "return to ",
        "retourner vers",
        "zurück zu",
        "who is online",
        "wer ist online",
        "qui est en ligne",
        "jump to",
        "post a reply",
        "users browsing this forum",
    ],
    markers: &[
        ("board index", 2),
        ("who is online", 1),
        ("user avatar", 1),
        ("print view", 1),
        ("delete all board cookies", 3),
        ("code: select all", 2),
        ("post a reply", 2),
        ("benutzeravatar", 1),
        ("avatar de l’utilisateur", 1),
        ("index du forum", 2),
        ("foren-übersicht", 2),
        ("supprimer les cookies du forum", 3),
        ("alle cookies des boards löschen", 3),
        ("post by ", 2),
        ("postby ", 3),
        ("posted: ", 1),
        ("post subject:", 2),
        ("joined:", 1),
        ("beitrag von ", 2),
        ("beitragvon ", 3),
        ("message par ", 2),
        ("messagepar ", 3),
        ("messagede ", 3),
        ("powered by phpbb", 3),
        ("phpbb", 1),
        ("wrote:", 1),
        ("back to top", 1),
    ],
    shapes: &[Shape::ByLine],
};

/// Reads a text rendering of a phpBB page.
pub(crate) fn parse(input: &str, ctx: &mut Ctx) -> Result<Thread, Error> {
    anchored::parse(input, &TABLE, ctx)
}
