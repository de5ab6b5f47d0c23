//! What is inside a post body: text rendering, quotes, links, a pasted article and its
//! source link, signatures. Every engine calls this module.

use scraper::ElementRef;

use crate::ctx::Ctx;
use crate::model::{Article, Link, Post, Quote, Signature, Source};

pub(crate) mod article;
mod byline;
mod render;
mod sanitize;
pub(crate) mod serialize;

pub(crate) use byline::{split_edit, split_header};
pub(crate) use render::{Markup, QuoteMeta, Role};

/// Everything read from one post body.
#[derive(Debug, Default)]
pub(crate) struct Body {
    pub html: String,
    pub text: String,
    pub quotes: Vec<Quote>,
    pub links: Vec<Link>,
    pub article: Option<Article>,
    pub source: Option<Source>,
}

impl Body {
    /// Moves what was read into the post's body fields: the one way HTML and text engines
    /// fill them.
    pub fn fill(self, post: &mut Post) {
        post.body_html = self.html;
        post.body_text = self.text;
        post.quotes = self.quotes;
        post.links = self.links;
        post.article = self.article;
        post.source = self.source;
    }
}

/// Reads a post body: its HTML, clean text, quotes, links, and a pasted article with its
/// source link. `post` is the post's 1-based index, for warnings.
pub(crate) fn read(el: ElementRef<'_>, markup: &dyn Markup, ctx: &mut Ctx, post: usize) -> Body {
    let rendered = render::render(el, markup, ctx, Some(post));
    let found = article::find(&rendered.text, &rendered.links);
    Body {
        html: html(el, markup, ctx),
        text: rendered.text,
        quotes: rendered.quotes,
        links: rendered.links,
        article: found.article,
        source: found.source,
    }
}

/// Reads a signature block; `None` when it holds no text and no links.
pub(crate) fn signature(
    el: ElementRef<'_>,
    markup: &dyn Markup,
    ctx: &mut Ctx,
    post: usize,
) -> Option<Signature> {
    let rendered = render::render(el, markup, ctx, Some(post));
    if rendered.text.is_empty() && rendered.links.is_empty() {
        return None;
    }
    Some(Signature {
        text: rendered.text,
        html: html(el, markup, ctx),
        links: rendered.links,
        inferred: false,
    })
}

/// The inner HTML of `el` without the chrome the engine's markup skips (buttons, "Code:"
/// labels), sanitized unless the caller asked for the page's own.
fn html(el: ElementRef<'_>, markup: &dyn Markup, ctx: &Ctx) -> String {
    serialize::body_html(el, Some(markup), !ctx.raw_html)
}
