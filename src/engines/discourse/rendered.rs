//! The rendered view: the page as a browser left it after Discourse's app ran (saved with
//! "Save page as", or a DOM serialization).
//!
//! Each post the stream shows is a `div.topic-post` around an `article#post_N` carrying
//! `data-post-id` (the database id), `data-user-id`; its `div.names` holds the username
//! (`span.username`) and the full name (`span.full-name`; which of them comes first is a
//! site setting) and the user title; `a.post-date` links the post and holds a
//! `span.relative-date` whose `data-time` is the creation time in milliseconds and whose
//! `title` the long date; `div.cooked` is the body; a `div.post-info.edits` button's title
//! says "Last edited on DATE"; the like button (`.like-count`) shows the likes.
//!
//! What is no post: small actions ("closed", "pinned": `div.small-action`, no article) and
//! replies expanded inside a post (`section.embedded-posts`). Posts the app "cloaked"
//! (far from the viewport: `div.cloaked-post#post_N`, empty) have nothing to read; the
//! counter counts them, so the page says how many it did not show.
//!
//! Ids are post numbers, as in the crawler view and the topic JSON, so that the three give
//! the same model.

use scraper::ElementRef;

use super::html::{DiscourseMarkup, category_id, page, site, topic_id};
use crate::body;
use crate::ctx::Ctx;
use crate::engines::chrome;
use crate::error::Error;
use crate::model::{Author, Board, Edited, Engine, Field, Format, Link, Post, Reaction, Thread, Topic};
use crate::normalize::date::{DateWord, date_word, is_date};
use crate::normalize::number::parse_count;
use crate::normalize::text::non_empty;
use crate::page::Document;
use crate::page::{first, has_class, non_empty_text, selectors};

selectors! {
    POST_IDS = "article[id^='post_'][data-post-id], div.cloaked-post[id^='post_']";
}

selectors! {
    ARTICLE = "article[data-post-id]";
    COOKED = "div.cooked";
    NAMES = "div.names";
    USERNAME = "span.username a";
    FULL_NAME = "span.full-name a";
    FIRST_NAME = "span.first a";
    USER_TITLE = "span.user-title";
    AVATAR = "div.topic-avatar img.avatar[src]";
    AVATAR_LINK = "div.topic-avatar a[data-user-card]";
    POST_DATE = "a.post-date";
    RELATIVE_DATE = "span.relative-date";
    EDITS = "div.post-info.edits [title]";
    LIKE_COUNT = ".like-count";
    EMBEDDED = "section.embedded-posts";
    TITLE = "#topic-title h1 a.fancy-title, #topic-title h1";
    CATEGORY_LINK = "#topic-title .topic-category a[href]";
    CATEGORY_NAME = ".category-name, .badge-category__name";
    OG_TITLE = "meta[property='og:title'][content]";
    GENERATOR = "meta[name='generator'][content]";
}

/// Whether the page holds rendered posts.
pub(crate) fn has_posts(doc: &Document<'_>) -> bool {
    doc.select(&ARTICLE).any(|a| a.select(&COOKED).next().is_some())
}

/// Reads the rendered post stream.
pub(crate) fn parse(doc: &Document<'_>, ctx: &mut Ctx) -> Result<Thread, Error> {
    let articles: Vec<ElementRef<'_>> = doc
        .select(&ARTICLE)
        .filter(|a| a.select(&COOKED).next().is_some() && !inside(*a, &EMBEDDED))
        .collect();
    if articles.is_empty() {
        return Err(Error::NotAThread {
            looked_for: "Discourse rendered posts (article[data-post-id] with div.cooked)".into(),
        });
    }
    let version = doc.select(&GENERATOR).find_map(|m| {
        m.attr("content")?.trim().strip_prefix("Discourse ")?.split_whitespace().next().map(str::to_owned)
    });
    let mut thread = Thread { engine_version: version, ..Thread::new(Engine::Discourse, Format::Html) };
    thread.topic = topic(doc, ctx);
    thread.page = page(doc, doc, ctx);
    thread.site = site(doc, doc, ctx);
    let topic_url = thread.topic.url.clone();
    for (i, article) in articles.into_iter().enumerate() {
        thread.posts.push(post(article, topic_url.as_deref(), ctx, i + 1));
    }
    Ok(thread)
}

/// Whether `el` is inside an element matching `sel`.
fn inside(el: ElementRef<'_>, sel: &scraper::Selector) -> bool {
    el.ancestors().filter_map(ElementRef::wrap).any(|a| sel.matches(&a))
}

/// The first element of the post matching `sel`, outside replies expanded inside it.
fn find<'a>(article: ElementRef<'a>, sel: &scraper::Selector) -> Option<ElementRef<'a>> {
    article.select(sel).find(|e| !inside(*e, &EMBEDDED))
}

fn post(article: ElementRef<'_>, topic_url: Option<&str>, ctx: &mut Ctx, n: usize) -> Post {
    let mut post = Post::default();
    let link = find(article, &POST_DATE);
    let number = article
        .attr("id")
        .and_then(|id| id.strip_prefix("post_"))
        .or_else(|| link.and_then(|l| l.attr("data-post-number")))
        .and_then(|num| num.trim().parse::<u32>().ok());
    post.position = number;
    post.id = number.map(|num| num.to_string());
    post.url = match (topic_url, number) {
        (Some(topic), Some(num)) => Some(format!("{}/{num}", topic.trim_end_matches('/'))),
        _ => link.and_then(|l| l.attr("href")).and_then(|h| ctx.url(h)),
    };

    // The creation time: `data-time` in milliseconds, else the long date of the title.
    let shown = link.and_then(|l| first(l, &RELATIVE_DATE));
    post.date_raw = shown.and_then(|s| s.attr("title").and_then(non_empty).or_else(|| non_empty_text(s)));
    let seconds = shown
        .and_then(|s| s.attr("data-time"))
        .and_then(|ms| ms.trim().parse::<u64>().ok())
        .map(|ms| (ms / 1000).to_string());
    post.date = match seconds.or_else(|| post.date_raw.clone()) {
        Some(d) => ctx.date(&d, Some(n), "date"),
        None => {
            ctx.warn(Some(n), "date", "no a.post-date with a span.relative-date in the post");
            None
        }
    };
    // "Last edited on March 3, 2024 10:15 am": the long date in the saving browser's time
    // zone, which the page does not name. A wiki post's button says something else.
    post.edited = find(article, &EDITS).and_then(|e| {
        let date_raw = date_in(e.attr("title")?)?;
        Some(Edited {
            date: ctx.date(&date_raw, Some(n), "edited.date"),
            date_raw: Some(date_raw),
            by: None,
            reason: None,
        })
    });

    post.author = author(article, ctx);
    if post.author.name.is_none() {
        ctx.warn(Some(n), "author.name", "no username in div.names");
    }
    if let Some(cooked) = find(article, &COOKED) {
        body::read(cooked, &DiscourseMarkup, ctx, n).fill(&mut post);
    }
    post.reactions = find(article, &LIKE_COUNT)
        .and_then(non_empty_text)
        .and_then(|t| parse_count(&t))
        .filter(|c| *c > 0)
        .map(|count| Reaction { kind: "Like".into(), count, users: Vec::new() })
        .into_iter()
        .collect();
    post
}

/// The date a label leads into ("Last edited on March 3, 2024 10:15 am"): the words from the
/// first that belongs to a date, when they read as one.
fn date_in(label: &str) -> Option<String> {
    let words: Vec<&str> = label.split_whitespace().collect();
    let start = words.iter().position(|w| date_word(w) == Some(DateWord::Part))?;
    let date = words[start..].join(" ");
    is_date(&date).then_some(date)
}

/// `div.names`: the username (`span.username`, first or second as the site orders them),
/// the full name going to `fields` as "Name" as in the crawler view, the user title; the
/// member id from `data-user-id`; the primary group, which the post's `div.topic-post`
/// names in a `group-NAME` class, as the rank (the topic JSON's `primary_group_name`).
fn author(article: ElementRef<'_>, ctx: &Ctx) -> Author {
    let mut a = Author::default();
    let names = find(article, &NAMES);
    let username = names.and_then(|b| first(b, &USERNAME));
    let name_link = username.or_else(|| names.and_then(|b| first(b, &FIRST_NAME)));
    a.name = name_link
        .and_then(non_empty_text)
        .or_else(|| find(article, &AVATAR_LINK).and_then(|l| l.attr("data-user-card")).and_then(non_empty));
    a.url = name_link
        .or_else(|| find(article, &AVATAR_LINK))
        .and_then(|l| l.attr("href"))
        .and_then(|h| ctx.url(h));
    a.id = article
        .attr("data-user-id")
        .and_then(|id| id.trim().parse::<i64>().ok())
        .filter(|id| *id > 0)
        .map(|id| id.to_string());
    a.title = names.and_then(|b| first(b, &USER_TITLE)).and_then(non_empty_text);
    a.avatar_url = find(article, &AVATAR).and_then(|i| i.attr("src")).and_then(|s| ctx.url(s));
    a.rank =
        article.parent().and_then(ElementRef::wrap).filter(|p| has_class(*p, "topic-post")).and_then(|p| {
            p.value()
                .classes()
                .find_map(|c| c.strip_prefix("group-").filter(|g| !g.is_empty() && !g.starts_with('-')))
                .map(str::to_owned)
        });
    let full = names.and_then(|b| first(b, &FULL_NAME)).and_then(non_empty_text);
    if let Some(full) = full.filter(|f| username.is_some() && Some(f) != a.name.as_ref()) {
        a.fields.push(Field { label: "Name".into(), value: full });
    }
    a
}

/// The topic: its title, canonical URL and id, and the category badges as breadcrumbs.
fn topic(doc: &Document<'_>, ctx: &Ctx) -> Topic {
    let mut topic = Topic {
        title: doc
            .select(&TITLE)
            .find_map(non_empty_text)
            .or_else(|| doc.select(&OG_TITLE).next().and_then(|m| m.attr("content")).and_then(non_empty)),
        ..Topic::default()
    };
    let canonical = ctx
        .page
        .canonical
        .as_deref()
        .or_else(|| doc.select(&TITLE).next().and_then(|h| first(h, &crate::page::ANCHOR)?.attr("href")))
        .or_else(|| doc.select(&TITLE).find(|t| t.value().name() == "a").and_then(|a| a.attr("href")));
    if let Some(url) = canonical.and_then(|h| ctx.url(h)) {
        let url = url.split('?').next().unwrap_or(&url).to_owned();
        topic.id = topic_id(&url);
        topic.url = Some(url);
    }
    topic.breadcrumbs = doc
        .select(&CATEGORY_LINK)
        .filter_map(|a| {
            let name = first(a, &CATEGORY_NAME).and_then(non_empty_text).or_else(|| non_empty_text(a))?;
            Some(Link { url: a.attr("href").and_then(|h| ctx.url(h)), text: name })
        })
        .collect();
    topic.breadcrumbs = chrome::distinct_links(std::mem::take(&mut topic.breadcrumbs));
    topic.board = topic.breadcrumbs.last().map(|c| Board {
        id: c.url.as_deref().and_then(category_id),
        name: Some(c.text.clone()),
        url: c.url.clone(),
    });
    topic
}

/// The page's posts counted apart from the articles the reader reads: distinct post numbers
/// of `article#post_N` and of cloaked posts (`div.cloaked-post#post_N`).
pub(crate) fn count_posts(doc: &Document<'_>) -> Option<(usize, &'static str)> {
    let n = chrome::distinct_ids(doc, &POST_IDS);
    (n > 0).then_some((
        n,
        "distinct post numbers of the rendered view's article#post_N and div.cloaked-post#post_N",
    ))
}

#[cfg(test)]
mod tests {
    /// A rendered post: the markup of one `div.topic-post`.
    fn post(number: u32, user: &str, ms: u64, text: &str) -> String {
        format!(
            r#"<div class="topic-post clearfix regular"><article id="post_{number}" data-post-id="{id}" data-user-id="7">
            <div class="topic-body"><div class="topic-meta-data"><div class="names"><span class="first username"><a href="/u/{user}">{user}</a></span></div>
            <div class="post-infos"><div class="post-info post-date"><a class="post-date" href="/t/x/9/{number}"><span class="relative-date" data-time="{ms}" title="x">1d</span></a></div></div></div>
            <div class="regular contents"><div class="cooked"><p>{text}</p></div></div></div></article></div>"#,
            id = 500 + number
        )
    }

    /// Cloaked posts (far from the viewport when the page was saved) are counted, not read;
    /// the rendered stream wins over the `<noscript>` crawler view.
    #[test]
    fn cloaked_posts_are_counted_and_the_rendered_stream_wins() {
        let html = format!(
            r#"<html><head><link rel="canonical" href="https://f.example/t/x/9"></head><body>
            <div class="post-stream"><div class="topic-post cloaked-post" id="post_1" style="height: 300px"></div>{}{}</div>
            <noscript><div id="post_1" class="topic-body crawler-post"><span class="creator" itemprop="author"><span itemprop="name">other</span></span>
            <time class="post-time" datetime="2020-01-01T00:00:00Z">x</time><div class="post" itemprop="text"><p>crawler</p></div></div></noscript>
            </body></html>"#,
            post(2, "ann", 1_709_370_840_000, "second"),
            post(3, "bob", 1_709_377_357_000, "third")
        );
        let thread = crate::parse(&html).expect("parses");
        let read: Vec<(Option<&str>, Option<&str>, String)> = thread
            .posts
            .iter()
            .map(|p| {
                (p.id.as_deref(), p.author.name.as_deref(), p.date.map(|d| d.to_string()).unwrap_or_default())
            })
            .collect();
        assert_eq!(
            read,
            [
                (Some("2"), Some("ann"), "2024-03-02T09:14:00+00:00".to_owned()),
                (Some("3"), Some("bob"), "2024-03-02T11:02:37+00:00".to_owned())
            ]
        );
        assert_eq!(thread.posts[0].url.as_deref(), Some("https://f.example/t/x/9/2"));
        let counted: Vec<&str> =
            thread.warnings.iter().filter(|w| w.field == "posts").map(|w| w.message.as_str()).collect();
        assert_eq!(counted.len(), 1, "{:?}", thread.warnings);
        assert!(counted[0].starts_with("the page marks 3 posts"), "{counted:?}");
    }

    #[test]
    fn dates_in_labels() {
        assert_eq!(
            super::date_in("Last edited on March 3, 2024 10:15 am").as_deref(),
            Some("March 3, 2024 10:15 am")
        );
        assert_eq!(super::date_in("This post is a wiki"), None);
    }
}
