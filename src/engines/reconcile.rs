//! What [`super::read_html`] does when an engine's independent post counter disagrees with
//! the posts its parser read: rather than only warning, it reconciles the two by rules
//! that hold for every engine.
//!
//! 1. Posts with the same id next to each other are one post the page drew in several
//!    blocks (a body row and a signature row): the later ones are merged into the first,
//!    a later body becoming the signature when the first has none.
//! 2. While more posts were read than counted, blocks with no id, no author and no date
//!    (an advert or a header drawn like a post, which a counter of post ids does not
//!    count) are dropped, when they are no more than the excess.
//!
//! Every merge and drop is a warning on the page's `posts` naming what was merged or
//! dropped; the warnings about a dropped or merged-away post go with it, and those about
//! later posts are renumbered. An engine whose markup says better which blocks are no
//! posts decides in its own reader (phpBB's header rows, Forumotion's ad slot).

use crate::ctx::Ctx;
use crate::model::{Post, Signature, Thread};

/// Reconciles `thread.posts` with the `count` of posts the page marks (see the module doc).
pub(crate) fn reconcile(thread: &mut Thread, count: usize, ctx: &mut Ctx) {
    merge_same_ids(thread, ctx);
    if thread.posts.len() > count {
        drop_shells(thread, thread.posts.len() - count, ctx);
    }
}

/// Rule 1: runs of posts with the same id become one.
fn merge_same_ids(thread: &mut Thread, ctx: &mut Ctx) {
    let mut i = 1;
    while i < thread.posts.len() {
        let same = thread.posts[i].id.is_some() && thread.posts[i].id == thread.posts[i - 1].id;
        if !same {
            i += 1;
            continue;
        }
        let later = thread.posts.remove(i);
        let id = later.id.clone().unwrap_or_default();
        let became = merge(&mut thread.posts[i - 1], later);
        forget(ctx, i + 1);
        ctx.warn(
            None,
            "posts",
            format!(
                "blocks {i} and {} read as posts have one id ({id}): one post, the second block {became}",
                i + 1
            ),
        );
    }
}

/// Fills `into` from `later`, a block of the same post: fields `into` lacks, and the body,
/// which is the signature when `into` has a body and no signature. Says what the block
/// became, for the warning.
fn merge(into: &mut Post, later: Post) -> &'static str {
    into.position = into.position.or(later.position);
    into.url = into.url.take().or(later.url);
    into.subject = into.subject.take().or(later.subject);
    if into.date.is_none() && into.date_raw.is_none() {
        into.date = later.date;
        into.date_raw = later.date_raw;
    }
    into.edited = into.edited.take().or(later.edited);
    if into.author.name.is_none() {
        into.author = later.author;
    }
    into.article = into.article.take().or(later.article);
    into.source = into.source.take().or(later.source);
    into.attachments.extend(later.attachments);
    into.reactions.extend(later.reactions);
    let has_body = !later.body_text.is_empty() || !later.body_html.is_empty();
    if !has_body {
        into.signature = into.signature.take().or(later.signature);
        "adding no text"
    } else if into.body_text.is_empty() && into.body_html.is_empty() {
        into.body_html = later.body_html;
        into.body_text = later.body_text;
        into.quotes = later.quotes;
        into.links = later.links;
        into.signature = into.signature.take().or(later.signature);
        "its body"
    } else if into.signature.is_none() {
        let text = later.body_text.trim_start_matches('_').trim_start().to_owned();
        into.signature = Some(Signature { text, html: later.body_html, links: later.links, inferred: false });
        "its signature"
    } else {
        into.body_html.push('\n');
        into.body_html.push_str(&later.body_html);
        into.body_text = format!("{}\n\n{}", into.body_text, later.body_text);
        into.quotes.extend(later.quotes);
        into.links.extend(later.links);
        "more of its body"
    }
}

/// Rule 2: drops the blocks with no id, no author and no date, when they are no more than
/// `excess`.
fn drop_shells(thread: &mut Thread, excess: usize, ctx: &mut Ctx) {
    let shell =
        |p: &Post| p.id.is_none() && p.author.name.is_none() && p.date.is_none() && p.date_raw.is_none();
    let shells: Vec<usize> =
        thread.posts.iter().enumerate().filter(|(_, p)| shell(p)).map(|(i, _)| i).collect();
    if shells.is_empty() || shells.len() > excess {
        return;
    }
    for &i in shells.iter().rev() {
        let dropped = thread.posts.remove(i);
        forget(ctx, i + 1);
        let excerpt: String = dropped.body_text.split_whitespace().collect::<Vec<_>>().join(" ");
        let excerpt = match excerpt.char_indices().nth(60) {
            Some((at, _)) => format!("{}…", &excerpt[..at]),
            None => excerpt,
        };
        ctx.warn(
            None,
            "posts",
            format!("dropped block {} read as a post, with no id, author or date: {excerpt:?}", i + 1),
        );
    }
}

/// Forgets the warnings about post `n` (1-based), which is gone, and renumbers those about
/// the posts after it.
fn forget(ctx: &mut Ctx, n: usize) {
    ctx.warnings.retain(|w| w.post != Some(n));
    for w in &mut ctx.warnings {
        if let Some(p) = w.post.as_mut().filter(|p| **p > n) {
            *p -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Author, Engine, Format, Timestamp, Warning};

    fn post(id: Option<&str>, name: Option<&str>, date: Option<&str>, body: &str) -> Post {
        Post {
            id: id.map(str::to_owned),
            author: Author { name: name.map(str::to_owned), ..Author::default() },
            date_raw: date.map(str::to_owned),
            date: date.and_then(|d| d.parse::<Timestamp>().ok()),
            body_text: body.to_owned(),
            body_html: body.to_owned(),
            ..Post::default()
        }
    }

    fn thread(posts: Vec<Post>) -> Thread {
        let mut t = Thread::new(Engine::Phpbb, Format::Html);
        t.posts = posts;
        t
    }

    fn summary(t: &Thread) -> Vec<(Option<String>, String, Option<String>)> {
        t.posts
            .iter()
            .map(|p| (p.id.clone(), p.body_text.clone(), p.signature.as_ref().map(|s| s.text.clone())))
            .collect()
    }

    /// A body row and a signature row with the same id are one post; the warnings of the
    /// signature row go, later posts' are renumbered.
    #[test]
    fn rows_with_one_id_are_one_post() {
        let mut t = thread(vec![
            post(Some("7"), Some("ann"), Some("2020-01-01"), "Hello."),
            post(Some("7"), None, None, "_________________ Ann from Leeds"),
            post(Some("8"), Some("bob"), Some("2020-01-02"), "Hi."),
        ]);
        let mut ctx = Ctx::default();
        ctx.warn(Some(2), "date", "no date");
        ctx.warn(Some(3), "author.rank", "odd rank");
        reconcile(&mut t, 2, &mut ctx);
        assert_eq!(
            summary(&t),
            [
                (Some("7".into()), "Hello.".into(), Some("Ann from Leeds".into())),
                (Some("8".into()), "Hi.".into(), None)
            ]
        );
        let posts: Vec<Option<usize>> = ctx.warnings.iter().map(|w| w.post).collect();
        assert_eq!(posts, [Some(2), None]);
        assert_eq!(
            ctx.warnings[1].message,
            "blocks 1 and 2 read as posts have one id (7): one post, the second block its signature"
        );
    }

    /// A block with no id, author or date that the counter does not count is dropped, and
    /// the warning quotes it; a block with any of them stays.
    #[test]
    fn shells_are_dropped_when_they_are_the_excess() {
        let ad = post(None, None, None, "Buy   cheap tyres at tyres.example.com today");
        let guest = post(None, Some("guest"), Some("2020-01-03"), "A guest's post without id.");
        let mut t = thread(vec![
            post(Some("1"), Some("ann"), Some("2020-01-01"), "One."),
            ad.clone(),
            post(Some("2"), Some("bob"), Some("2020-01-02"), "Two."),
            guest.clone(),
        ]);
        let mut ctx = Ctx::default();
        ctx.warn(Some(2), "author.name", "no author");
        ctx.warn(Some(4), "author.id", "no id");
        reconcile(&mut t, 2, &mut ctx);
        let ids: Vec<Option<&str>> = t.posts.iter().map(|p| p.id.as_deref()).collect();
        assert_eq!(ids, [Some("1"), Some("2"), None]);
        assert_eq!(
            ctx.warnings,
            [
                Warning::new(Some(3), "author.id", "no id"),
                Warning::new(
                    None,
                    "posts",
                    "dropped block 2 read as a post, with no id, author or date: \"Buy cheap tyres at tyres.example.com today\""
                )
            ]
        );
        // More shells than the excess: which are posts is not known, none is dropped.
        let mut t = thread(vec![post(Some("1"), Some("a"), Some("2020-01-01"), "x"), ad.clone(), ad]);
        let mut ctx = Ctx::default();
        reconcile(&mut t, 2, &mut ctx);
        assert_eq!((t.posts.len(), ctx.warnings.len()), (3, 0));
    }

    /// A later block of the same post fills what the first lacks; two bodies with a
    /// signature already read are one body.
    #[test]
    fn merged_blocks_fill_what_is_missing() {
        let mut first = post(Some("5"), None, None, "");
        first.position = Some(5);
        let mut t = thread(vec![first, post(Some("5"), Some("cy"), Some("2021-05-05"), "The text.")]);
        reconcile(&mut t, 1, &mut Ctx::default());
        let p = &t.posts[0];
        assert_eq!(
            (p.author.name.as_deref(), p.date_raw.as_deref(), p.body_text.as_str(), p.position),
            (Some("cy"), Some("2021-05-05"), "The text.", Some(5))
        );
        let mut signed = post(Some("6"), Some("di"), Some("2021-05-06"), "Part one.");
        signed.signature = Some(Signature { text: "Di".into(), ..Signature::default() });
        let mut t = thread(vec![signed, post(Some("6"), None, None, "Part two.")]);
        reconcile(&mut t, 1, &mut Ctx::default());
        assert_eq!(summary(&t), [(Some("6".into()), "Part one.\n\nPart two.".into(), Some("Di".into()))]);
    }
}
