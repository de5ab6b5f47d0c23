//! What is inside a post body: text rendering, quotes, links, a pasted article and its
//! source link, signatures. Every engine calls this module.

pub(crate) mod article;
