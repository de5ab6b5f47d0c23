//! The topic JSON (`/t/ID.json`): the same model as the crawler view, bodies read from the
//! cooked HTML it carries.

use serde::Deserialize;

use crate::body;
use crate::ctx::Ctx;
use crate::engines::discourse::html::{DiscourseMarkup, HTML_BODY};
use crate::error::Error;
use crate::model::{Author, Board, Edited, Engine, Field, Format, Page, Post, Reaction, Site, Thread, Topic};
use crate::normalize::text::non_empty;

/// `/t/ID.json`: the fields read here, every one optional.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct TopicJson {
    id: Option<u64>,
    title: Option<String>,
    fancy_title: Option<String>,
    slug: Option<String>,
    posts_count: Option<u64>,
    views: Option<u64>,
    category_id: Option<u64>,
    chunk_size: Option<u64>,
    post_stream: Option<PostStream>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct PostStream {
    posts: Vec<PostJson>,
    stream: Vec<u64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct PostJson {
    id: Option<u64>,
    name: Option<String>,
    username: Option<String>,
    avatar_template: Option<String>,
    created_at: Option<String>,
    updated_at: Option<String>,
    cooked: Option<String>,
    post_number: Option<u32>,
    user_title: Option<String>,
    primary_group_name: Option<String>,
    user_id: Option<i64>,
    trust_level: Option<u32>,
    version: Option<u32>,
    edit_reason: Option<String>,
    like_count: Option<u64>,
    actions_summary: Vec<ActionJson>,
    reactions: Vec<ReactionJson>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ActionJson {
    id: Option<u64>,
    count: Option<u64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ReactionJson {
    id: Option<String>,
    count: Option<u64>,
}

/// Discourse's post action id for a like.
const LIKE_ACTION: u64 = 2;

/// Reads a topic JSON (`/t/ID.json`, `/t/ID.json?page=2`) into the same model as the
/// crawler view; bodies are the `cooked` HTML, read like the page's.
pub(crate) fn parse(json: &str, ctx: &mut Ctx) -> Result<Thread, Error> {
    let not_a_topic =
        || Error::NotAThread { looked_for: "a Discourse topic JSON (post_stream.posts)".into() };
    let topic_json: TopicJson = serde_json::from_str(json).map_err(|_| not_a_topic())?;
    let stream = topic_json.post_stream.as_ref().ok_or_else(not_a_topic)?;
    if stream.posts.is_empty() {
        return Err(not_a_topic());
    }
    let root = forum_root(ctx);
    let mut thread = Thread::new(Engine::Discourse, Format::Json);
    let topic_url = match (&root, &topic_json.slug, topic_json.id) {
        (Some(root), Some(slug), Some(id)) => Some(format!("{root}/t/{slug}/{id}")),
        _ => None,
    };
    thread.topic = Topic {
        id: topic_json.id.map(|i| i.to_string()),
        title: topic_json.title.clone().or(topic_json.fancy_title.clone()).and_then(|t| non_empty(&t)),
        url: topic_url.clone(),
        board: topic_json.category_id.map(|c| Board { id: Some(c.to_string()), name: None, url: None }),
        views: topic_json.views,
        replies: topic_json.posts_count.map(|c| c.saturating_sub(1)),
        ..Topic::default()
    };
    thread.site =
        root.clone().filter(|r| !r.is_empty()).map(|r| Site { name: None, url: Some(format!("{r}/")) });
    thread.page = json_page(&topic_json, stream, topic_url.as_deref());
    for (i, p) in stream.posts.iter().enumerate() {
        thread.posts.push(json_post(p, topic_url.as_deref(), root.as_deref(), ctx, i + 1));
    }
    Ok(thread)
}

/// The forum's root URL: the base URL up to its `/t/` (Discourse may live in a subfolder,
/// `/en/wow/t/...`); without a base URL, links stay relative (`/t/slug/123`), as a page's
/// links do; `None` when the base URL is not a topic's.
fn forum_root(ctx: &Ctx) -> Option<String> {
    let Some(base) = ctx.base.as_ref() else {
        return Some(String::new());
    };
    let (root, _) = base.as_str().split_once("/t/")?;
    Some(root.trim_end_matches('/').to_owned())
}

/// The page's place from the chunk it holds: posts are served `chunk_size` at a time, in
/// the order of `stream` (every post id of the topic) when the JSON has it.
fn json_page(topic: &TopicJson, stream: &PostStream, topic_url: Option<&str>) -> Page {
    let mut page = Page::default();
    let Some(chunk) = topic.chunk_size.filter(|c| *c > 0) else {
        return page;
    };
    let first = stream.posts.first();
    let index = match first.and_then(|p| p.id).and_then(|id| stream.stream.iter().position(|s| *s == id)) {
        Some(i) => i as u64,
        None => first.and_then(|p| p.post_number).map_or(0, |n| u64::from(n.saturating_sub(1))),
    };
    let count = if stream.stream.is_empty() { topic.posts_count } else { Some(stream.stream.len() as u64) };
    let number = u32::try_from(index / chunk + 1).unwrap_or(1);
    let total = count.and_then(|c| u32::try_from(c.div_ceil(chunk)).ok()).map(|t| t.max(number));
    page.number = number;
    page.total = total;
    let page_url = |n: u32| topic_url.map(|u| if n == 1 { u.to_owned() } else { format!("{u}?page={n}") });
    if total.is_some_and(|t| number < t) {
        page.next_url = page_url(number + 1);
    }
    if number > 1 {
        page.prev_url = page_url(number - 1);
    }
    page
}

fn json_post(p: &PostJson, topic_url: Option<&str>, root: Option<&str>, ctx: &mut Ctx, n: usize) -> Post {
    let mut post =
        Post { position: p.post_number, id: p.post_number.map(|n| n.to_string()), ..Post::default() };
    post.url = p.post_number.and_then(|num| Some(format!("{}/{num}", topic_url?)));
    match p.created_at.as_deref() {
        Some(created) => {
            post.date = ctx.date(created, Some(n), "date");
            post.date_raw = Some(created.to_owned());
        }
        None => ctx.warn(Some(n), "date", "no created_at"),
    }
    if p.version.is_some_and(|v| v > 1) {
        post.edited = Some(Edited {
            date: p.updated_at.as_deref().and_then(|d| ctx.date(d, Some(n), "edited.date")),
            date_raw: p.updated_at.clone(),
            by: None,
            reason: p.edit_reason.as_deref().and_then(non_empty),
        });
    }
    let mut a = Author {
        name: p.username.as_deref().and_then(non_empty),
        id: p.user_id.filter(|id| *id > 0).map(|id| id.to_string()),
        title: p.user_title.as_deref().and_then(non_empty),
        rank: p.primary_group_name.as_deref().and_then(non_empty),
        ..Author::default()
    };
    if let (Some(root), Some(username)) = (root, &a.name) {
        a.url = Some(format!("{root}/u/{username}"));
    }
    a.avatar_url = p.avatar_template.as_deref().and_then(|t| {
        let href = t.replace("{size}", "120");
        match root {
            Some(root) if href.starts_with('/') && !href.starts_with("//") => Some(format!("{root}{href}")),
            _ => ctx.url(&href),
        }
    });
    if let Some(full) = p.name.as_deref().and_then(non_empty).filter(|f| Some(f) != a.name.as_ref()) {
        a.fields.push(Field { label: "Name".into(), value: full });
    }
    if let Some(level) = p.trust_level {
        a.fields.push(Field { label: "Trust level".into(), value: level.to_string() });
    }
    if a.name.is_none() {
        ctx.warn(Some(n), "author.name", "no username");
    }
    post.author = a;

    let cooked = ctx.parse_html(p.cooked.as_deref().unwrap_or_default());
    let cooked_body = cooked.select(&HTML_BODY).next().unwrap_or_else(|| cooked.root_element());
    body::read(cooked_body, &DiscourseMarkup, ctx, n).fill(&mut post);
    post.reactions = if p.reactions.is_empty() {
        let likes = p
            .actions_summary
            .iter()
            .find(|a| a.id == Some(LIKE_ACTION))
            .and_then(|a| a.count)
            .or(p.like_count)
            .filter(|c| *c > 0);
        likes.map(|count| Reaction { kind: "Like".into(), count, users: Vec::new() }).into_iter().collect()
    } else {
        p.reactions
            .iter()
            .filter_map(|r| {
                Some(Reaction { kind: r.id.clone()?, count: r.count.filter(|c| *c > 0)?, users: Vec::new() })
            })
            .collect()
    };
    post
}
