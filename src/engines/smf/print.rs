//! SMF's print view (`action=printpage`): an `h1` site name, an `h2` trail
//! ("Board => Board => Topic started by: ..."), then per post "Title: <b>..</b> Post by:
//! <b>NAME</b> on <b>DATE</b>", a thick rule, and the body in a `div` indented 5ex.

use scraper::ElementRef;

use crate::body;
use crate::ctx::Ctx;
use crate::engines::smf::html::{POST, SmfMarkup, engine_version, topic_id};
use crate::error::Error;
use crate::model::{Board, Engine, Format, Link, Post, Site, Thread};
use crate::normalize::text::{non_empty, squash};
use crate::page::{Document, selectors};

selectors! {
    PRINT_BODY = "div[style*='margin: 0 5ex']";
    PRINT_HEADING = "h2.normaltext, h2";
    PRINT_SITE = "h1.largetext, h1";
    PRINT_TITLE = "title";
    PRINT_SEPARATOR = "hr[size='2']";
}

/// The print view: `h1` site name, `h2` "Board => Board => Topic started by: ...", then per
/// post "Title: <b>..</b> Post by: <b>NAME</b> on <b>DATE</b>", `<hr>`, the body div.
pub(crate) fn is_print_view(doc: &Document<'_>) -> bool {
    doc.select(&PRINT_BODY).next().is_some() && doc.select(&POST).next().is_none()
}

pub(crate) fn parse(doc: &Document<'_>, ctx: &mut Ctx) -> Result<Thread, Error> {
    let mut thread = Thread { engine_version: engine_version(doc), ..Thread::new(Engine::Smf, Format::Html) };
    thread.site = doc
        .select(&PRINT_SITE)
        .next()
        .and_then(|h| non_empty(&h.text().collect::<String>()))
        .map(|name| Site { name: Some(name), url: None });
    if let Some(h2) = doc.select(&PRINT_HEADING).next() {
        let text = squash(&h2.text().collect::<String>());
        let parts: Vec<&str> = text.split(" => ").collect();
        if let Some((_, boards)) = parts.split_last() {
            thread.topic.breadcrumbs =
                boards.iter().map(|b| Link { url: None, text: (*b).to_owned() }).collect();
            thread.topic.board =
                boards.last().map(|b| Board { id: None, name: Some((*b).to_owned()), url: None });
        }
    }
    thread.topic.title = doc
        .select(&PRINT_TITLE)
        .next()
        .and_then(|t| non_empty(&t.text().collect::<String>()))
        .map(|t| t.split_once(" - ").map_or(t.clone(), |(_, title)| title.to_owned()));
    thread.url = ctx.canonical();
    thread.topic.url.clone_from(&thread.url);
    thread.topic.id = thread.url.as_deref().and_then(topic_id);
    for (i, body_el) in doc.select(&PRINT_BODY).enumerate() {
        let n = i + 1;
        let mut post = Post { position: u32::try_from(n).ok(), ..Post::default() };
        // The bold values before the body, back to the previous post's thick rule.
        let mut bolds: Vec<String> = body_el
            .prev_siblings()
            .filter_map(ElementRef::wrap)
            .take_while(|e| !(e.value().name() == "hr" && e.attr("size") == Some("2")))
            .filter(|e| e.value().name() == "b")
            .map(|b| squash(&b.text().collect::<String>()))
            .collect();
        bolds.reverse();
        // A title can be bold too ("Title: <b>..</b>"): the last two are author and date.
        let mut it = bolds.into_iter().rev();
        let date_raw = it.next();
        post.author.name = it.next().filter(|s| !s.is_empty());
        post.subject = it.next().filter(|s| !s.is_empty());
        if let Some(raw) = date_raw {
            post.date = ctx.date(&raw, Some(n), "date");
            post.date_raw = Some(raw);
        }
        body::read(body_el, &SmfMarkup, ctx, n).fill(&mut post);
        thread.posts.push(post);
    }
    if thread.posts.is_empty() {
        return Err(Error::NotAThread { looked_for: "SMF print view posts".into() });
    }
    Ok(thread)
}

/// The print view's posts counted by its thick rules, apart from the bodies it reads.
pub(crate) fn count_posts(doc: &Document<'_>) -> Option<(usize, &'static str)> {
    let n = doc.select(&PRINT_SEPARATOR).count();
    (n > 0).then_some((n, "print-view rules"))
}
