//! scratch: scaling of each engine on many posts and on one big post
use std::time::Instant;
fn main() {
    let cases = [
        (
            "tests/fixtures/phpbb/phpbb33-prosilver-de.html",
            "<div id=\"p30417\"",
            "<div id=\"p30420\"",
            "<div class=\"content\">",
        ),
        (
            "tests/fixtures/xenforo/xf2-default-page2.html",
            "<article",
            "<article",
            "<div class=\"bbWrapper\">",
        ),
        (
            "tests/fixtures/xenforo/xf1-default-page2.html",
            "<li id=\"post-40211\"",
            "<li id=\"post-40215\"",
            "baseHtml\">",
        ),
        (
            "tests/fixtures/vbulletin/vb42-default-en.html",
            "<li class=\"postbitlegacy",
            "<li class=\"postbitlegacy",
            "<blockquote class=\"postcontent restore \">",
        ),
        (
            "tests/fixtures/vbulletin/vb38-default.html",
            "<div id=\"edit88213\"",
            "<div id=\"edit88227\"",
            "<div id=\"post_message_88213\">",
        ),
        (
            "tests/fixtures/smf/smf20-curve-page2.html",
            "<div class=\"windowbg",
            "<div class=\"windowbg",
            "<div class=\"inner\" id=\"msg_",
        ),
    ];
    let which = std::env::args().nth(1).unwrap_or_default();
    for (file, start, next, body) in cases {
        if !which.is_empty() && !file.contains(&which) {
            continue;
        }
        let page = String::from_utf8_lossy(&std::fs::read(file).unwrap_or_default()).into_owned();
        let Some(a) = page.find(start) else {
            println!("{file}: no start");
            continue;
        };
        let Some(b) = page[a + 1..].find(next).map(|p| p + a + 1) else {
            println!("{file}: no next");
            continue;
        };
        let post = &page[a..b];
        for n in [500usize, 5000] {
            let big = format!("{}{}{}", &page[..a], post.repeat(n), &page[a..]);
            time(&format!("{file} posts x{n}"), &big);
        }
        let Some(c) = page.find(body).map(|p| p + body.len()) else {
            println!("{file}: no body");
            continue;
        };
        let unit = "Lorem ipsum dolor sit amet, <b>consectetur</b> adipiscing <a href=\"https://x.example/a\">elit</a>.<br>\nSource: nowhere<br>\n";
        for mb in [1usize, 10] {
            let big = format!("{}{}{}", &page[..c], unit.repeat(mb * 1024 * 1024 / unit.len()), &page[c..]);
            time(&format!("{file} body {mb}MB"), &big);
        }
    }
}
fn time(name: &str, html: &str) {
    let t = Instant::now();
    drop(scraper::Html::parse_document(html));
    let h = t.elapsed();
    let t = Instant::now();
    let r = forum_thread::parse_bytes(html.as_bytes());
    let p = t.elapsed();
    println!(
        "{name}: {} KB html5ever {:.2?} parse_bytes {:.2?} ({:.0} ns/B, {:.1}x) {:?}",
        html.len() / 1024,
        h,
        p,
        p.as_nanos() as f64 / html.len() as f64,
        p.as_secs_f64() / h.as_secs_f64(),
        r.map(|t| (t.posts.len(), t.warnings.len())).map_err(|e| e.to_string())
    );
}
