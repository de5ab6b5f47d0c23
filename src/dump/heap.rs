//! What a parsed page holds in memory: the bytes its strings and lists take on the heap,
//! counted as the allocator gives them out, for the stitcher's memory bound.
//!
//! Every field of the model is listed here (the patterns name them all, so a field added to
//! the model does not compile until it is counted). A string or list costs its capacity,
//! rounded as glibc's allocator rounds a request (16-byte steps, 8 bytes of header, 32 bytes
//! at least), and a list's elements cost their own size in it, beside what they hold.

use std::mem::size_of;

use crate::model::{
    Article, Attachment, Author, Board, Edited, Encoding, Engine, Field, Link, Origin, Page, PageOrigin,
    Post, Quote, Reaction, Signature, Site, Source, Thread, Topic, Viewers, Warning,
};

/// The bytes the allocator takes for a request of `n` (none for none).
pub(crate) fn alloc(n: usize) -> usize {
    if n == 0 { 0 } else { (n + 8).next_multiple_of(16).max(32) }
}

fn string(s: &String) -> usize {
    alloc(s.capacity())
}

fn opt(s: &Option<String>) -> usize {
    s.as_ref().map_or(0, string)
}

fn list<T>(v: &Vec<T>, each: impl Fn(&T) -> usize) -> usize {
    alloc(v.capacity() * size_of::<T>()) + v.iter().map(each).sum::<usize>()
}

/// The heap a thread holds, beyond the `Thread` itself.
pub(crate) fn thread(t: &Thread) -> usize {
    let Thread {
        schema_version: _,
        format: _,
        encoding,
        engine,
        engine_version,
        software,
        url,
        site,
        topic,
        page,
        posts,
        warnings,
        origins,
        stitch_key,
    } = t;
    encoding.as_ref().map_or(0, self::encoding)
        + self::engine(engine)
        + opt(engine_version)
        + opt(software)
        + opt(url)
        + site.as_ref().map_or(0, |Site { name, url }| opt(name) + opt(url))
        + self::topic(topic)
        + self::page(page)
        + list(posts, post)
        + list(warnings, |Warning { post: _, field, message }| string(field) + string(message))
        + list(origins, |PageOrigin { page: _, origin: o }| self::origin(o))
        + opt(stitch_key)
}

/// The heap an origin holds.
pub(crate) fn origin(o: &Origin) -> usize {
    let Origin { file, offset: _, member: _, record_id, url } = o;
    string(file) + opt(record_id) + opt(url)
}

fn encoding(e: &Encoding) -> usize {
    let Encoding { charset, source: _, declared, repaired: _, malformed: _ } = e;
    string(charset) + opt(declared)
}

fn engine(e: &Engine) -> usize {
    match e {
        Engine::Other(name) => string(name),
        _ => 0,
    }
}

fn topic(t: &Topic) -> usize {
    let Topic { id, title, title_shown, url, board, breadcrumbs, views: _, replies: _, viewers } = t;
    opt(id)
        + opt(title)
        + opt(title_shown)
        + opt(url)
        + board.as_ref().map_or(0, |Board { id, name, url }| opt(id) + opt(name) + opt(url))
        + list(breadcrumbs, link)
        + viewers.as_ref().map_or(0, |Viewers { members: _, guests: _, names }| list(names, string))
}

fn page(p: &Page) -> usize {
    let Page { number: _, total: _, next_url, prev_url } = p;
    opt(next_url) + opt(prev_url)
}

fn link(l: &Link) -> usize {
    let Link { url, text } = l;
    opt(url) + string(text)
}

fn post(p: &Post) -> usize {
    let Post {
        id,
        position: _,
        url,
        subject,
        date: _,
        date_raw,
        edited,
        author,
        body_html,
        body_text,
        quotes,
        article,
        source,
        links,
        signature,
        attachments,
        reactions,
    } = p;
    opt(id)
        + opt(url)
        + opt(subject)
        + opt(date_raw)
        + edited
            .as_ref()
            .map_or(0, |Edited { date: _, date_raw, by, reason }| opt(date_raw) + opt(by) + opt(reason))
        + self::author(author)
        + string(body_html)
        + string(body_text)
        + list(quotes, quote)
        + article.as_ref().map_or(0, self::article)
        + source.as_ref().map_or(0, |Source { url, domain, text }| string(url) + opt(domain) + opt(text))
        + list(links, link)
        + signature.as_ref().map_or(0, |Signature { text, html, links, inferred: _ }| {
            string(text) + string(html) + list(links, link)
        })
        + list(attachments, |Attachment { name, url, size: _, downloads: _ }| string(name) + opt(url))
        + list(reactions, |Reaction { kind, count: _, users }| string(kind) + list(users, string))
}

fn author(a: &Author) -> usize {
    let Author {
        name,
        id,
        url,
        rank,
        title,
        stars: _,
        post_count: _,
        online: _,
        avatar_url,
        joined: _,
        location,
        fields,
        guest: _,
    } = a;
    opt(name)
        + opt(id)
        + opt(url)
        + opt(rank)
        + opt(title)
        + opt(avatar_url)
        + opt(location)
        + list(fields, |Field { label, value }| string(label) + string(value))
}

fn quote(q: &Quote) -> usize {
    let Quote { author, date: _, date_raw, post_id, url, text, quotes } = q;
    opt(author) + opt(date_raw) + opt(post_id) + opt(url) + string(text) + list(quotes, quote)
}

fn article(a: &Article) -> usize {
    let Article { headline, dateline, date: _, location, categories, text, source_url } = a;
    opt(headline) + opt(dateline) + opt(location) + list(categories, string) + string(text) + opt(source_url)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Format;

    #[test]
    fn every_string_and_list_is_counted_as_allocated() {
        assert_eq!((alloc(0), alloc(1), alloc(24), alloc(25), alloc(100)), (0, 32, 32, 48, 112));
        let mut t = Thread::new(Engine::Other("ubb".into()), Format::Html);
        let empty = thread(&t);
        assert_eq!(empty, 32, "the engine's name");
        let body = "x".repeat(1000);
        t.posts.push(Post { body_html: body.clone(), body_text: body, ..Post::default() });
        let one = thread(&t) - empty;
        // The list's room for one post, and two bodies.
        assert!(one >= size_of::<Post>() + 2 * 1000, "{one}");
        t.posts[0].quotes.push(Quote {
            quotes: vec![Quote { text: "y".repeat(500), ..Quote::default() }],
            ..Quote::default()
        });
        assert!(thread(&t) - empty - one >= 500 + 2 * size_of::<Quote>(), "nested quotes are counted");
    }
}
