//! The page's outline: every visible element once, in document order, with what the generic
//! reader asks of it: its structural key and path, whether it is a date, an author mark or a
//! permalink, and how much text, post-date and author evidence its subtree holds. Built in
//! two linear passes (a walk down, then sums up), so that every later question about a
//! subtree is an index range and a few additions, never a walk of the tree.

use std::hash::{Hash, Hasher};

use ego_tree::NodeRef;
use rustc_hash::FxHasher;
use scraper::{ElementRef, Node};

use crate::normalize::date::{self, DateContext, DateError, DateWord};
use crate::normalize::label::is_joined_label;
use crate::page::Document;

/// No parent: the root.
pub(super) const NONE: usize = usize::MAX;

/// What kind of date an element shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum DateKind {
    /// A date that may be when a post was made.
    Posted,
    /// A date labeled as something else: a registration ("Joined:") or an edit ("Last
    /// edited:").
    Other,
}

/// How a date was found, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum DateSource {
    /// A machine-readable attribute: `datetime`, `data-time`, `content` of `itemprop=datePublished`.
    Machine,
    /// A tooltip (`title`) holding a full date, the shown text often a relative one.
    Title,
    /// The element's own text.
    Text,
}

/// A date an element shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct DateMark {
    pub kind: DateKind,
    pub source: DateSource,
    /// Whether it has a time of day (post dates do, registration dates rarely).
    pub timed: bool,
}

/// One element of the outline.
#[derive(Clone, Debug)]
pub(super) struct Item<'a> {
    pub el: ElementRef<'a>,
    pub parent: usize,
    /// The index of its last descendant (itself when it has none).
    pub end: usize,
    pub depth: u32,
    /// Tag name and the class that tells what it is (see `key_class`).
    pub key: u64,
    /// That class alone (0 without one).
    pub class_key: u64,
    /// The keys of it and its ancestors.
    pub path: u64,
    pub date: Option<DateMark>,
    /// What it says of a post's author.
    pub author: AuthorMark,
    /// Visible text characters (not whitespace) of its own text children.
    pub own_text: u32,
    /// Letters of its own text children that count as post text (see [`Sums::body`]).
    pub own_body: u32,
    /// A hash of its subtree's text (letters and digits only, whitespace and punctuation
    /// aside): elements that show the same text hash alike.
    pub text_hash: u64,
    /// Sums over its subtree, itself included.
    pub sum: Sums,
}

/// What an element says of a post's author.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) enum AuthorMark {
    #[default]
    None,
    /// A block about the author (`div.post-author`, `td.poster`): evidence that one is
    /// there; its labels are no post text.
    Block,
    /// The author's name: a link to a member profile, an element marked `itemprop=author`
    /// or `rel=author`, or classed as a user name.
    Name,
}

/// Evidence counted over a subtree.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Sums {
    /// Elements showing a date that may be a post's.
    pub dates: u32,
    /// Author marks.
    pub authors: u32,
    /// Author marks that are names.
    pub names: u32,
    /// Visible text characters.
    pub text: u32,
    /// Letters outside links, author marks and dates: what a post's text is made of.
    pub body: u32,
    /// Elements (itself included).
    pub elements: u32,
}

/// The outline of a page.
pub(super) struct Outline<'a> {
    pub items: Vec<Item<'a>>,
}

/// Elements whose content is never shown as text, left out of the outline with their subtree.
fn is_hidden(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "head"
            | "svg"
            | "select"
            | "textarea"
            | "button"
            | "iframe"
            | "object"
            | "math"
    )
}

/// Classes that say what state an element is in, not what it is: left out of its key, so
/// that the first post (`first-post`), alternating rows (`odd`) and the unread post group
/// with the rest.
fn is_state_class(class: &str) -> bool {
    const STATES: &[&str] = &[
        "first",
        "last",
        "odd",
        "even",
        "alt",
        "new",
        "old",
        "unread",
        "read",
        "active",
        "selected",
        "current",
        "highlight",
        "highlighted",
        "online",
        "offline",
        "hidden",
        "sticky",
        "deleted",
        "moderated",
        "is",
        "has",
        "own",
        "mine",
        "starter",
        "op",
        "author",
        "staff",
        "admin",
        "moderator",
        "guest",
        "ignored",
        "best",
        "bestanswer",
        "answer",
        "accepted",
        "solution",
        "featured",
        "pinned",
        "visible",
        "lazy",
        "loaded",
        "lazyloaded",
        "open",
        "closed",
        "collapsed",
        "expanded",
        "left",
        "right",
    ];
    class.split(['-', '_']).any(|token| STATES.iter().any(|s| s.eq_ignore_ascii_case(token)))
}

/// `seed` and the letters and digits of `text`, hashed.
fn hash_text(seed: u64, text: &str) -> u64 {
    let mut h = FxHasher::default();
    seed.hash(&mut h);
    for c in text.chars().filter(|c| c.is_alphanumeric()) {
        c.hash(&mut h);
    }
    h.finish()
}

fn hash(parts: impl Hash) -> u64 {
    let mut h = FxHasher::default();
    parts.hash(&mut h);
    h.finish()
}

impl<'a> Outline<'a> {
    /// Outlines `doc`, reading dates against `dates` (only whether they read, never when).
    pub fn new(doc: &'a Document<'_>) -> Outline<'a> {
        let root = doc.root_element();
        let mut items: Vec<Item<'a>> = Vec::new();
        // (node, parent item, inside a link, inside an author mark)
        let mut stack: Vec<(NodeRef<'a, Node>, usize, bool, bool)> = vec![(*root, NONE, false, false)];
        let dates = DateContext::default();
        while let Some((node, parent, in_link, in_author)) = stack.pop() {
            match node.value() {
                Node::Element(e) => {
                    let name = e.name();
                    if is_hidden(name) {
                        continue;
                    }
                    let Some(el) = ElementRef::wrap(node) else { continue };
                    let class = key_class(el);
                    let key = hash((name, class));
                    let class_key = class.map_or(0, hash);
                    let (path, depth) = match items.get(parent) {
                        Some(p) => (hash((p.path, key)), p.depth + 1),
                        None => (key, 0),
                    };
                    let author = author_mark(el);
                    let date = attribute_date(el, &dates);
                    let index = items.len();
                    items.push(Item {
                        el,
                        parent,
                        end: index,
                        depth,
                        key,
                        class_key,
                        path,
                        date,
                        author,
                        own_text: 0,
                        own_body: 0,
                        text_hash: 0,
                        sum: Sums::default(),
                    });
                    let in_link = in_link || name == "a";
                    // A signature is the author's, not the post's text.
                    let in_author = in_author || author != AuthorMark::None || is_signature(el);
                    for child in node.children().rev() {
                        stack.push((child, index, in_link, in_author));
                    }
                }
                Node::Text(t) => {
                    let Some(item) = items.get_mut(parent) else { continue };
                    let visible = t.chars().filter(|c| !c.is_whitespace()).count() as u32;
                    if visible == 0 {
                        continue;
                    }
                    item.own_text += visible;
                    item.sum.text += visible;
                    item.text_hash = hash_text(item.text_hash, t);
                    // "Posts: 24", "Joined:": a forum member's facts, shown beside the author.
                    if item.author == AuthorMark::None && visible <= 60 && is_member_fact(t) {
                        item.author = AuthorMark::Block;
                    }
                    let text_date =
                        if item.date.is_none() && visible <= 120 { text_date(node, t, &dates) } else { None };
                    match text_date {
                        Some(mark) => item.date = Some(mark),
                        None if !in_link && !in_author => {
                            let letters = t.chars().filter(|c| c.is_alphabetic()).count() as u32;
                            item.sum.body += letters;
                            item.own_body += letters;
                        }
                        None => {}
                    }
                }
                _ => {}
            }
        }
        // Sums up, children before parents (they come later in document order).
        for i in (0..items.len()).rev() {
            let item = &mut items[i];
            // A date split over a few small elements (`<span class="date">11/18/22</span>
            // <span class="time">10:02 PM</span>`) reads as one in their parent.
            if item.date.is_none()
                && item.sum.dates == 0
                && (6..=48).contains(&item.sum.text)
                && (1..=6).contains(&item.sum.elements)
            {
                let shown = crate::page::text(item.el);
                if let Some((before, run)) = find_date(&shown, &dates) {
                    let kind =
                        if labeled_other(item.el, before) { DateKind::Other } else { DateKind::Posted };
                    item.date = Some(DateMark { kind, source: DateSource::Text, timed: run.contains(':') });
                }
            }
            item.sum.elements += 1;
            if item.author != AuthorMark::None {
                item.sum.authors += 1;
            }
            if item.author == AuthorMark::Name {
                item.sum.names += 1;
            }
            if item.date.is_some_and(|d| d.kind == DateKind::Posted) {
                item.sum.dates += 1;
            }
            let (sum, end, parent, text_hash) = (item.sum, item.end, item.parent, item.text_hash);
            if let Some(p) = items.get_mut(parent) {
                p.text_hash = hash((p.text_hash, text_hash));
                p.sum.dates += sum.dates;
                p.sum.authors += sum.authors;
                p.sum.names += sum.names;
                p.sum.text += sum.text;
                p.sum.body += sum.body;
                p.sum.elements += sum.elements;
                p.end = p.end.max(end);
            }
        }
        Outline { items }
    }

    /// Whether item `j` is item `i` or inside it.
    pub fn contains(&self, i: usize, j: usize) -> bool {
        self.items.get(i).is_some_and(|item| i <= j && j <= item.end)
    }
}

/// The class that tells what an element is: the first of its classes that is not a state
/// (see [`is_state_class`]), as stylesheets name an element's kind first and its variants
/// after (`post first-post`, `post_body scaleimages`); without its trailing number, so that
/// alternating rows (`windowbg`, `windowbg2`; `bg1`, `bg2`) and numbered ones (`post-134`)
/// key alike.
fn key_class<'a>(el: ElementRef<'a>) -> Option<&'a str> {
    el.value()
        .classes()
        .map(unnumbered)
        // Digits left inside a class make it a generated one (`n92cad35`), not a kind.
        .find(|c| !c.is_empty() && !c.bytes().any(|b| b.is_ascii_digit()) && !is_state_class(c))
}

/// A class without its trailing number and the separator before it (`post-134` gives `post`).
fn unnumbered(class: &str) -> &str {
    class.trim_end_matches(|c: char| c.is_ascii_digit()).trim_end_matches(['-', '_'])
}

/// What `el` says of a post's author: a link to a member profile, an element the page marks
/// as the author (`itemprop=author`, `rel=author`) or classed as a user name is the name; an
/// element classed as the author's block (`post-author`, `poster`, `postprofile`) is evidence
/// of one. Only a class that is about the author counts: its first or last word names the
/// author (`author-data`, `post-author`), not a state or a setting of something else
/// (`by-author`, `postAuthorAlign-left`).
fn author_mark(el: ElementRef<'_>) -> AuthorMark {
    let e = el.value();
    if e.attr("itemprop").is_some_and(|p| p.split_whitespace().any(|p| p == "author" || p == "creator"))
        || e.attr("rel").is_some_and(|r| r.split_whitespace().any(|r| r == "author"))
        || e.name() == "a" && e.attr("href").is_some_and(is_profile_href)
    {
        return AuthorMark::Name;
    }
    if matches!(e.name(), "html" | "body" | "main" | "form" | "table" | "tbody") {
        return AuthorMark::None;
    }
    const NOT: &[&str] = &[
        "avatar",
        "starter",
        "pill",
        "badge",
        "title",
        "rank",
        "icon",
        "signature",
        "login",
        "form",
        "field",
        "input",
        "label",
        "align",
        "by",
        "is",
        "has",
    ];
    const NAME: &[&str] = &["username", "nickname", "membername", "postername", "uname"];
    const BLOCK: &[&str] = &[
        "author",
        "poster",
        "kwho",
        "userinfo",
        "postprofile",
        "profile",
        "postauthor",
        "postuser",
        "memberinfo",
        "userdetails",
        "authorinfo",
    ];
    let mut mark = AuthorMark::None;
    for class in e.classes() {
        // Most classes name none of these: only those are split into words.
        const ROOTS: &[&str] = &["author", "poster", "kwho", "user", "profile", "member", "name"];
        if !ROOTS.iter().any(|r| contains_ignore_case(class, r)) {
            continue;
        }
        let words = class_words(class);
        if words.iter().any(|w| NOT.contains(&w.as_str())) || class.contains("--") {
            continue;
        }
        let (Some(first), Some(last)) = (words.first(), words.last()) else { continue };
        let joined = words.concat();
        if NAME.iter().any(|w| joined.contains(w))
            || (words.len() >= 2 && last == "name" && BLOCK.contains(&words[words.len() - 2].as_str()))
        {
            return AuthorMark::Name;
        }
        if BLOCK.contains(&first.as_str())
            || BLOCK.contains(&last.as_str())
            || BLOCK.contains(&joined.as_str())
        {
            mark = AuthorMark::Block;
        }
        // A link classed as a user's or member's (`a.user-link`, `a.member`).
        if e.name() == "a" && words.iter().any(|w| matches!(w.as_str(), "user" | "member" | "profile")) {
            mark = AuthorMark::Block;
        }
    }
    // A link or a bare inline element classed as the author's is the author's name
    // (`a.kwho-user`, `a.profile-link`, `b.postauthor`).
    let leaf = matches!(e.name(), "b" | "strong" | "span" | "em" | "i" | "cite")
        && el.children().all(|c| !c.value().is_element());
    if mark == AuthorMark::Block && (e.name() == "a" || leaf) { AuthorMark::Name } else { mark }
}

/// Whether `hay` holds `needle` (ASCII lowercase), ignoring ASCII case.
fn contains_ignore_case(hay: &str, needle: &str) -> bool {
    hay.as_bytes().windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// The lowercase words of a class name: split at `-`, `_` and where a lowercase letter is
/// followed by a capital (`postAuthorAlign-left` gives post, author, align, left).
fn class_words(class: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut prev_lower = false;
    for c in class.chars() {
        if c == '-' || c == '_' {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        prev_lower = c.is_lowercase();
        word.extend(c.to_lowercase());
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// Whether a link goes to a member's profile: a path segment or script naming users or members
/// (`/members/name.5/`, `/u/name`, `profile.php?id=2`, `memberlist.php?mode=viewprofile&u=2`,
/// `index.php?action=profile;u=2`, `/participant/name/`), not to the login, the registration
/// or the member's own settings.
pub(super) fn is_profile_href(href: &str) -> bool {
    let lower = href.to_ascii_lowercase();
    let lower = lower.split('#').next().unwrap_or(&lower);
    let (path, query) = lower.split_once('?').unwrap_or((lower, ""));
    const NOT: &[&str] = &[
        "login",
        "logout",
        "log-in",
        "signin",
        "sign-in",
        "register",
        "registration",
        "signup",
        "sign-up",
        "password",
        "lostpass",
        "activate",
        "settings",
        "preferences",
        "edit",
        "messages",
        "conversations",
        "notifications",
        "compose",
        "mode=register",
        "mode=login",
        "action=register",
        "action=login",
        "subscribe",
        "ignore",
        "report",
        "search",
        "email",
    ];
    if NOT.iter().any(|w| lower.contains(w)) {
        return false;
    }
    let query_user = query.split(['&', ';']).any(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        match k {
            "u" | "uid" | "userid" | "user_id" | "memberid" | "member_id" | "showuser" | "mid" | "user" => {
                !v.is_empty()
            }
            "action" | "mode" | "do" => matches!(v, "profile" | "viewprofile" | "getinfo"),
            _ => false,
        }
    });
    if query_user {
        return true;
    }
    const SEGMENTS: &[&str] = &[
        "u",
        "user",
        "users",
        "member",
        "members",
        "profile",
        "profiles",
        "participant",
        "participants",
        "people",
        "benutzer",
        "mitglied",
        "mitglieder",
        "membre",
        "membres",
        "usuario",
        "usuarios",
        "utente",
        "utenti",
        "gebruiker",
        "uzytkownik",
        "profil",
        "userprofile",
    ];
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    segments.iter().enumerate().any(|(i, seg)| {
        let (stem, ext) = seg.split_once('.').unwrap_or((seg, ""));
        // `/members/name.5/`, `/u/name`: a segment naming members followed by the member; a
        // script (`profile.php`, `member.php`) carries the member in its query.
        let named =
            SEGMENTS.contains(&stem) && (i + 1 < segments.len() || !ext.is_empty() && !query.is_empty());
        // SEO forms: `/membre6665/`, `/user-123.html`, `member54.html`.
        let numbered = stem.trim_end_matches(|c: char| c.is_ascii_digit());
        named || numbered.len() < stem.len() && SEGMENTS.contains(&numbered.trim_end_matches(['-', '_']))
    })
}

/// A date given by an element's attributes: `datetime` (`<time>`), `data-time` and
/// `data-timestamp` (Unix seconds), `content` with `itemprop=datePublished`, or a `title`
/// tooltip holding a full date.
fn attribute_date(el: ElementRef<'_>, dates: &DateContext) -> Option<DateMark> {
    let e = el.value();
    let machine = e
        .attr("datetime")
        .or_else(|| e.attr("data-time"))
        .or_else(|| e.attr("data-timestamp"))
        .or_else(|| e.attr("data-datetime"))
        .or_else(|| {
            e.attr("itemprop")
                .is_some_and(|p| p == "datePublished" || p == "dateCreated")
                .then(|| e.attr("content"))
                .flatten()
        });
    let (raw, source) = match (machine, e.attr("title")) {
        (Some(m), _) => (m, DateSource::Machine),
        (None, Some(t)) if t.len() <= 60 && plausible(t) => (t, DateSource::Title),
        _ => return None,
    };
    let ts = date::parse_date(raw, dates).ok()?;
    let kind = if labeled_other(el, "") { DateKind::Other } else { DateKind::Posted };
    Some(DateMark { kind, source, timed: !matches!(ts, crate::model::Timestamp::Date(_)) })
}

/// The date a text node shows, when it shows one: the first run of date words in it that
/// reads as a date (relative dates included).
fn text_date(node: NodeRef<'_, Node>, text: &str, dates: &DateContext) -> Option<DateMark> {
    let (before, run) = find_date(text, dates)?;
    let parent = node.parent().and_then(ElementRef::wrap)?;
    let kind = if labeled_other(parent, before) || is_joined_label(before.trim().trim_end_matches(':')) {
        DateKind::Other
    } else {
        DateKind::Posted
    };
    Some(DateMark {
        kind,
        source: DateSource::Text,
        timed: run.contains(':') || !run.bytes().any(|b| b.is_ascii_digit()),
    })
}

/// Whether a text labels a forum member's post count or registration ("Posts: 24",
/// "Registered:", "Beiträge: 16").
fn is_member_fact(text: &str) -> bool {
    let Some((label, _)) = text.split_once(':') else { return false };
    let label = label.trim();
    !label.is_empty()
        && label.chars().count() <= 30
        && (crate::normalize::label::is_posts_label(label) || is_joined_label(label))
}

/// Finds a date in a short text: the first run of words that can belong to a date
/// ([`date::date_word`]) and reads as one, with the text before it.
pub(super) fn find_date<'t>(text: &'t str, dates: &DateContext) -> Option<(&'t str, &'t str)> {
    if !plausible(text) {
        return None;
    }
    let mut words = Vec::new();
    let mut at = 0;
    for word in text.split_whitespace() {
        let start = text[at..].find(word).map_or(at, |i| at + i);
        at = start + word.len();
        words.push((start, at, date::date_word(word)));
    }
    let mut i = 0;
    while i < words.len() {
        if !matches!(words[i].2, Some(DateWord::Part)) {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut last = i;
        while j < words.len() && words[j].2.is_some() {
            if words[j].2 == Some(DateWord::Part) {
                last = j;
            }
            j += 1;
        }
        let run = &text[words[i].0..words[last].1];
        if plausible(run) {
            if let Ok(_) | Err(DateError::NeedsNow(_)) = date::parse_date(run, dates) {
                return Some((&text[..words[i].0], run));
            }
        }
        i = j.max(i + 1);
    }
    // Words the scan above does not know as a date's ("10-August-2011", "9th"): a short
    // text of date words and numbers, a label at most besides, read whole.
    let other = words
        .iter()
        .filter(|(s, e, w)| w.is_none() && !text[*s..*e].bytes().any(|b| b.is_ascii_digit()))
        .count();
    if text.trim().len() <= 40 && other <= 1 {
        if let Ok(_) | Err(DateError::NeedsNow(_)) = date::parse_date(text.trim(), dates) {
            return Some(("", text.trim()));
        }
    }
    None
}

/// Whether a text can be a full date: it holds a digit and, unless it is a relative date,
/// a four-digit year, a clock time or a month name; "1.5.10" (a version) and "12" are not.
fn plausible(text: &str) -> bool {
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let year = text
        .split(|c: char| !c.is_ascii_digit())
        .any(|run| run.len() == 4 && matches!(run.as_bytes()[0], b'1' | b'2'));
    let clock =
        text.as_bytes().windows(3).any(|w| w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit());
    year || clock || text.split_whitespace().filter(|w| date::date_word(w).is_some()).count() >= 2
}

/// Whether a date is labeled as something other than a post's: a registration or an edit,
/// by the text before it or the classes of its element or parent.
fn labeled_other(el: ElementRef<'_>, before: &str) -> bool {
    let lower = before.to_lowercase();
    const EDIT: &[&str] = &[
        "edit",
        "bearbeitet",
        "geändert",
        "änderung",
        "modifié",
        "modifica",
        "editado",
        "изменено",
        "joined",
        "registered",
        "member since",
        "registriert",
        "dabei seit",
        "mitglied seit",
        "inscrit",
        "anmeld",
        "last seen",
        "last visit",
        "zuletzt online",
    ];
    if EDIT.iter().any(|w| lower.contains(w)) {
        return true;
    }
    let classy = |el: ElementRef<'_>| {
        el.value().classes().any(|c| {
            let c = c.to_ascii_lowercase();
            ["join", "regist", "edit", "lastseen", "last-seen", "birthday"].iter().any(|w| c.contains(w))
        })
    };
    let previous = el.prev_siblings().filter_map(ElementRef::wrap).next();
    classy(el) || el.parent().and_then(ElementRef::wrap).is_some_and(classy) || previous.is_some_and(classy)
}

/// A signature block: classed `signature`, `post-signature`, `sig-content`, `kmsgsignature`.
pub(super) fn is_signature(el: ElementRef<'_>) -> bool {
    el.value().classes().any(|c| {
        let c = c.to_ascii_lowercase();
        c.contains("signature")
            || c == "sig"
            || c.starts_with("sig-")
            || c.ends_with("-sig")
            || c == "sigline"
    })
}
