//! Forumotion (hosted; also branded Forumactif, forumieren, ...): its Invision-like template
//! (`div.post.post--N#pN` holding `div.postprofile`, `div.postbody-head` with the subject,
//! "Post #N" and `p.author`, the body in `div.post-entry`) and its phpBB3-like template
//! (`div.post#pN` holding `div.postbody` with `p.author` and `div.content`, and
//! `dl.postprofile`). Both put signatures in `div.signature_div` and link profiles as `/u12`,
//! topics as `/t123-slug`, boards as `/f4-slug`.
//!
//! Forumotion's ad slot is post-shaped (`div#p0`, "Sponsored content", no date): it is not a
//! post and is skipped. Numeric dates ("26/10/13, 03:48 pm") are read day first: Forumotion's
//! numeric date formats put the day first.

use scraper::ElementRef;

use crate::body::{self, Markup, Role};
use crate::ctx::Ctx;
use crate::engines::chrome::{self, PageBox};
use crate::error::Error;
use crate::model::{Author, Board, Engine, Format, Link, Page, Post, Site, Thread, Timestamp, Topic};
use crate::normalize::date::DayOrder;
use crate::normalize::text::{non_empty, squash};
use crate::normalize::url::leading_id;
use crate::page::text;
use crate::page::{Document, contains};
use crate::page::{has_class, selectors};

/// Detection markers: selectors with weights (3 for markup only this engine writes, 1 or 2
/// for hints other software may share).
pub(crate) const MARKERS: &[(&str, u32)] = &[
    // Markup Forumotion writes in every template; its phpBB-like templates share
    // `div.postbody`, `p.author` and `postprofile` with phpBB, so these outweigh them.
    ("div.post[class*='post--']", 3),
    ("div.signature_div", 3),
    ("div.postprofile-head", 2),
    ("span.poster-profile", 2),
    ("div.postbody-head", 2),
    ("div.post-entry", 1),
    // Profiles linked as `/u12` from the author column.
    (".postprofile a[href^='/u'], p.author a[href^='/u']", 3),
];

selectors! {
    POST = "div.post[id^='p']";
    BODY = "div.post-entry, div.postbody div.content";
    PROFILE = "div.postprofile, dl.postprofile";
    POSTER_PROFILE = "span.poster-profile, dd";
    PROFILE_LINK = "a[href^='/u'], a[href*='.com/u'], a[href*='.net/u'], a[href*='.org/u']";
    NAME = "strong";
    AUTHOR_LINE = "p.author";
    POST_INFO = "ul.post-info li";
    SUBJECT_LINK = ".postbody-head h3 a, h2.topic-title a, .topic-title a, .postbody h2 a";
    AVATAR = "div.avatar img, dt img";
    LABEL = "span.label";
    SIGNATURE = "div.signature_div";
    TITLE = ".maintitle h3, h1.page-title, .page-title";
    CRUMBS = "#navstrip, .sub-header-path, p.breadcrumbs, .breadcrumbs";
    NAV_LINKS = "a.nav";
    PAGINATION = ".pagination";
    STRONG = "strong";
    PROFILE_IDS = "div[id^='profile'], dl[id^='profile']";
    POST_ANCHORS = "a[name], div[id]";
}

/// Forumotion's BBCode output: `blockquote > div > cite` "NAME a écrit:" and
/// `dl.codebox > dt` "Code:" + `dd`.
struct ForumotionMarkup;

impl Markup for ForumotionMarkup {
    fn role(&self, el: ElementRef<'_>) -> Role {
        let name = el.value().name();
        let parent = el.parent().and_then(ElementRef::wrap);
        if name == "blockquote" {
            Role::Quote
        } else if name == "cite" {
            Role::QuoteHeader
        } else if name == "dt" && parent.is_some_and(|p| has_class(p, "codebox")) {
            Role::Skip
        } else if has_class(el, "codebox") {
            Role::Code
        } else if has_class(el, "signature_div") {
            Role::Skip
        } else {
            Role::Normal
        }
    }
}

pub(crate) fn parse(doc: &Document<'_>, ctx: &mut Ctx) -> Result<Thread, Error> {
    let posts: Vec<ElementRef<'_>> = doc
        .select(&POST)
        .filter(|p| {
            let id = p.attr("id").and_then(|id| id.strip_prefix('p')).unwrap_or_default();
            !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) && id != "0"
        })
        .filter(|p| p.select(&BODY).next().is_some())
        .collect();
    if posts.is_empty() {
        return Err(Error::NotAThread {
            looked_for: "Forumotion posts (div.post#pN with div.post-entry or div.postbody div.content)"
                .into(),
        });
    }
    let mut thread = Thread::new(Engine::Forumotion, Format::Html);
    thread.topic = topic(doc, ctx);
    thread.page = page(doc, ctx);
    thread.site =
        thread.topic.breadcrumbs.first().map(|c| Site { name: Some(c.text.clone()), url: c.url.clone() });
    for (i, container) in posts.into_iter().enumerate() {
        thread.posts.push(post(container, ctx, i + 1));
    }
    Ok(thread)
}

fn post(container: ElementRef<'_>, ctx: &mut Ctx, n: usize) -> Post {
    let mut post = Post {
        id: container.attr("id").and_then(|id| id.strip_prefix('p')).and_then(leading_id),
        ..Post::default()
    };
    // "Beitrag #2", "Post n°2": the number ending the post-info item.
    post.position = container
        .select(&POST_INFO)
        .map(text)
        .find(|t| t.ends_with(|c: char| c.is_ascii_digit()))
        .and_then(|t| chrome::numbers(&t).last().copied())
        .and_then(|p| u32::try_from(p).ok());
    if let Some(link) = container.select(&SUBJECT_LINK).next() {
        post.url = link.attr("href").and_then(|h| ctx.url(h));
        post.subject = non_empty(&text(link));
    }
    let profile = container.select(&PROFILE).next();
    let line = container.select(&AUTHOR_LINE).next();
    post.author = author(profile, line, ctx, n);
    if post.author.name.is_none() {
        ctx.warn(Some(n), "author.name", "no author name in the profile or the author line");
    }
    match line.and_then(author_line_date) {
        Some(raw) => {
            post.date = date(&raw, ctx, n);
            post.date_raw = Some(raw);
        }
        None => ctx.warn(Some(n), "date", "no date in p.author"),
    }
    let Some(body_el) = container.select(&BODY).next() else { return post };
    body::read(body_el, &ForumotionMarkup, ctx, n).fill(&mut post);
    post.signature = container
        .select(&SIGNATURE)
        .find(|s| !contains(body_el, *s))
        .and_then(|s| body::signature(s, &ForumotionMarkup, ctx, n));
    post
}

fn date(raw: &str, ctx: &mut Ctx, n: usize) -> Option<Timestamp> {
    ctx.date_with_order(raw, Some(n), "date", DayOrder::DayFirst)
}

/// The date of "von NAME am 26/10/13, 03:48 pm" / "par NAME le Jeu 24 Mar - 14:31": the text
/// after the author's name, without a leading word that the date does not need ("am", "le").
fn author_line_date(line: ElementRef<'_>) -> Option<String> {
    let mut after = String::new();
    for child in line.children() {
        match child.value() {
            scraper::Node::Text(t) => after.push_str(t),
            scraper::Node::Element(e) if e.name() == "img" || e.name() == "br" => {}
            // An element with text (the name, its link): the date is after it.
            scraper::Node::Element(_) if ElementRef::wrap(child).is_some_and(|el| !text(el).is_empty()) => {
                after.clear();
            }
            _ => {}
        }
    }
    let after = squash(&after);
    let plain = crate::normalize::date::DateContext::default();
    let parse = |s: &str| crate::normalize::date::parse_date_with_order(s, &plain, DayOrder::DayFirst);
    if let Some((first, rest)) = after.split_once(' ') {
        if !first.chars().any(|c| c.is_ascii_digit()) && parse(rest).is_ok() && parse(rest) == parse(&after) {
            return Some(rest.to_owned());
        }
    }
    non_empty(&after)
}

/// The profile column: the name (linked `/u12` when the viewer may see profiles), avatar,
/// rank, and the labeled fields ("Beiträge 1070", "Anmeldedatum 26.10.13", "Ort ...") whose
/// labels are text or an image's alt text.
fn author(profile: Option<ElementRef<'_>>, line: Option<ElementRef<'_>>, ctx: &mut Ctx, n: usize) -> Author {
    let mut a = Author::default();
    // The name's link: a profile link with text (the avatar links there too).
    let link = profile.into_iter().chain(line).find_map(|el| {
        el.select(&PROFILE_LINK)
            .find(|l| is_profile_href(l.attr("href").unwrap_or_default()) && !text(*l).is_empty())
    });
    match link {
        Some(link) => {
            a.name = non_empty(&text(link));
            a.url = link.attr("href").and_then(|h| ctx.url(h));
            a.id = link.attr("href").and_then(profile_id);
        }
        None => {
            a.name = profile
                .and_then(|p| p.select(&NAME).find_map(|s| non_empty(&text(s))))
                .or_else(|| line.and_then(|l| l.select(&NAME).find_map(|s| non_empty(&text(s)))));
        }
    }
    let Some(profile) = profile else { return a };
    a.avatar_url = profile
        .select(&AVATAR)
        .chain(profile.select(&POSTER_PROFILE).flat_map(|p| p.select(&crate::page::IMG)))
        .find(|i| !i.ancestors().filter_map(ElementRef::wrap).any(|x| has_class(x, "label")))
        .and_then(|i| i.attr("src"))
        .and_then(|s| ctx.url(s));
    // The rank: the first text line of the profile block that is not the name, before the
    // labeled fields.
    if let Some(block) = profile.select(&POSTER_PROFILE).next() {
        a.rank = rank_line(block).filter(|r| Some(r) != a.name.as_ref());
    }
    for label in profile.select(&LABEL) {
        let name = non_empty(&text(label))
            .or_else(|| label.select(&crate::page::IMG).find_map(|i| i.attr("alt").and_then(non_empty)));
        let mut value = String::new();
        for node in label.next_siblings() {
            match node.value() {
                scraper::Node::Text(t) => value.push_str(t),
                scraper::Node::Element(e) if e.name() == "br" || has_class_name(e, "label") => break,
                scraper::Node::Element(_) => {
                    if let Some(el) = ElementRef::wrap(node) {
                        value.push_str(&text(el));
                    }
                }
                _ => {}
            }
        }
        let value = squash(value.trim().trim_start_matches(':'));
        if let Some(name) = name {
            chrome::profile_field(&mut a, &name, &value, ctx, n, DayOrder::DayFirst);
        }
    }
    a.guest = link.is_none() && a.post_count.is_none() && a.joined.is_none();
    a
}

fn has_class_name(e: &scraper::node::Element, class: &str) -> bool {
    e.classes().any(|c| c == class)
}

/// The first line of text in the profile block before its fields, buttons and hidden parts.
fn rank_line(block: ElementRef<'_>) -> Option<String> {
    let mut current = String::new();
    for child in block.children() {
        match child.value() {
            scraper::Node::Text(t) => current.push_str(t),
            scraper::Node::Element(e) if e.name() == "br" => {
                if let Some(line) = non_empty(&current) {
                    return Some(line);
                }
                current.clear();
            }
            scraper::Node::Element(e)
                if matches!(e.name(), "div" | "input" | "script") || has_class_name(e, "label") =>
            {
                break;
            }
            scraper::Node::Element(_) => {
                if let Some(el) = ElementRef::wrap(child) {
                    current.push_str(&text(el));
                }
            }
            _ => {}
        }
    }
    non_empty(&current)
}

/// `/u12`, `/u12-name`, `https://x.forumotion.com/u12`.
fn is_profile_href(href: &str) -> bool {
    profile_id(href).is_some()
}

fn profile_id(href: &str) -> Option<String> {
    let path = href.split_once("://").map_or(href, |(_, rest)| rest.find('/').map_or("", |i| &rest[i..]));
    let rest = path.strip_prefix("/u")?;
    let id = leading_id(rest)?;
    matches!(rest[id.len()..].chars().next(), None | Some('-' | '?' | '#')).then_some(id)
}

/// The id after a path prefix: `/t7-forums-regeln` (prefix `t`) is 7, `/f27-name` (`f`) is 27.
fn path_id(href: &str, prefix: char) -> Option<String> {
    let path = href.split_once("://").map_or(href, |(_, rest)| rest.find('/').map_or("", |i| &rest[i..]));
    let rest = path.strip_prefix('/')?.strip_prefix(prefix)?;
    leading_id(rest)
}

fn topic(doc: &Document<'_>, ctx: &Ctx) -> Topic {
    let mut topic = Topic {
        title: doc
            .select(&TITLE)
            .next()
            .and_then(|t| non_empty(&text(t)))
            .or_else(|| doc.select(&crate::page::TITLE).next().and_then(|t| non_empty(&text(t)))),
        ..Topic::default()
    };
    let crumbs: Vec<Link> = match doc.select(&CRUMBS).next() {
        Some(box_) => box_.select(&crate::page::ANCHOR).filter_map(|a| chrome::link(a, ctx)).collect(),
        None => doc.select(&NAV_LINKS).filter_map(|a| chrome::link(a, ctx)).collect(),
    };
    // The topic's own crumb, when linked, ends the trail.
    topic.breadcrumbs = crumbs;
    if topic.breadcrumbs.last().is_some_and(|c| c.url.as_deref().and_then(|u| path_id(u, 't')).is_some()) {
        if let Some(last) = topic.breadcrumbs.pop() {
            topic.url = last.url;
        }
    }
    topic.board = topic.breadcrumbs.iter().rev().find_map(|c| {
        let id = c.url.as_deref().and_then(|u| path_id(u, 'f'))?;
        Some(Board { id: Some(id), name: Some(c.text.clone()), url: c.url.clone() })
    });
    if topic.url.is_none() {
        topic.url = ctx.canonical();
    }
    topic.id = topic.url.as_deref().and_then(|u| path_id(u, 't'));
    topic
}

/// "Seite 1 von 3 • 1, 2, 3  Weiter": the current page in bold, the total the largest
/// number shown.
fn page(doc: &Document<'_>, ctx: &Ctx) -> Page {
    let Some(box_) = doc.select(&PAGINATION).find(|p| p.select(&crate::page::ANCHOR).next().is_some()) else {
        return Page::default();
    };
    let mut page = chrome::pagination(box_, ctx, &PageBox::new(&STRONG));
    let bold_max = box_.select(&STRONG).filter_map(|s| text(s).parse::<u32>().ok()).max();
    page.total = page.total.max(bold_max);
    page
}

/// The page's posts counted apart from the containers the parser reads posts from
/// (`engines::POST_COUNTERS`): the distinct post ids of the profile blocks
/// (`div.postprofile#profileN` in the Invision-like template, `dl.postprofile#profileN` in
/// the phpBB3-like one) and of the permalinks' targets (`/t7-slug#655` lands on `div#655`
/// in the Invision-like template, on `a[name=655]` in phpBB2-style markup): ids made of
/// digits only, so that the page's other ids (`pm655`, `sig655`, ad slots) stay out. Id 0
/// is the sponsored-content slot, not a post.
pub(crate) fn count_posts(doc: &Document<'_>) -> Option<(usize, &'static str)> {
    let profiles = doc.select(&PROFILE_IDS).filter_map(|e| e.attr("id")?.strip_prefix("profile"));
    let targets = doc.select(&POST_ANCHORS).filter_map(|e| e.attr("name").or_else(|| e.attr("id")));
    let ids: std::collections::HashSet<&str> = profiles
        .chain(targets)
        .filter(|id| {
            !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) && id.bytes().any(|b| b != b'0')
        })
        .collect();
    (!ids.is_empty()).then_some((ids.len(), "distinct post ids of #profileN blocks and #N anchors"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_of_urls() {
        assert_eq!(profile_id("/u12").as_deref(), Some("12"));
        assert_eq!(profile_id("https://x.forumotion.com/u12-name").as_deref(), Some("12"));
        assert_eq!(profile_id("/uploads/a.png"), None);
        assert_eq!(path_id("/t7-forums-regeln#655", 't').as_deref(), Some("7"));
        assert_eq!(path_id("https://a.example.org/f27-forums-regeln", 'f').as_deref(), Some("27"));
        assert_eq!(path_id("/forum", 'f'), None);
    }

    #[test]
    fn counts_posts_by_profile_blocks_and_anchors() {
        let count = |html: &str| count_posts(&Document::new(&crate::page::parse_document(html)));
        let cases = [
            // A profile block and its post's permalink target name the same post; the
            // sponsored slot is id 0.
            (
                r#"<div class="postprofile" id="profile5"></div><div id="5"></div>
                <dl class="postprofile" id="profile9"></dl>
                <div class="postprofile" id="profile0"></div><div id="0"></div>"#,
                Some(2),
            ),
            // phpBB2- and PunBB-like templates: named anchors.
            (r#"<a name="12"></a><a name="13"></a><a name="quickreply"></a>"#, Some(2)),
            // Ids that are not post ids.
            (r#"<div id="profile-card"></div><div id="crt-4f8b"></div><div id="12ab"></div>"#, None),
        ];
        for (html, expected) in cases {
            assert_eq!(count(html).map(|(n, _)| n), expected, "{html}");
        }
    }
}
