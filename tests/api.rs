//! The public API: the bundled sample (the canonical example's post as an SMF 2.0 page),
//! errors, options, and the JSON contract's shape.

use forum_thread::{Engine, Error, Parser};

const SAMPLE: &str = include_str!("../examples/data/smf20-briefing-room.html");

#[test]
fn the_canonical_example_comes_out_of_the_bundled_sample() {
    let t = forum_thread::parse(SAMPLE).expect("the sample parses");
    assert_eq!(t.engine, Engine::Smf);
    assert_eq!(t.engine_version.as_deref(), Some("2.0.19"));
    assert_eq!(t.topic.id.as_deref(), Some("612940"));
    assert_eq!(t.topic.views, Some(104));
    // SMF cut the subject at 100 characters; the pasted article's headline is the whole title.
    assert_eq!(
        t.topic.title_shown.as_deref(),
        Some(
            "Largest international operation against darknet trafficking of fentanyl, opioids results in record a"
        )
    );
    assert_eq!(
        t.topic.title.as_deref(),
        Some(
            "Largest international operation against darknet trafficking of fentanyl, opioids results in record arrests, seizures"
        )
    );
    let viewers = t.topic.viewers.as_ref().expect("viewers");
    assert_eq!((viewers.members, viewers.guests), (0, 1));
    assert_eq!(t.topic.board.as_ref().and_then(|b| b.name.as_deref()), Some("Law & Order"));
    assert_eq!(t.posts.len(), 2);
    assert!(t.warnings.is_empty(), "{:?}", t.warnings);

    let p = &t.posts[0];
    assert_eq!(p.author.name.as_deref(), Some("rangerrebew"));
    assert_eq!(p.author.online, Some(false));
    assert_eq!(p.author.rank.as_deref(), Some("TBR Contributor"));
    assert_eq!(p.author.stars, Some(5));
    assert_eq!(p.author.post_count, Some(165_733));
    assert_eq!(p.date.map(|d| d.to_string()).as_deref(), Some("2023-05-02T11:04:13"));

    let article = p.article.as_ref().expect("article");
    assert_eq!(article.date.map(|d| d.to_string()).as_deref(), Some("2023-05-02"));
    assert_eq!(article.location.as_deref(), Some("WASHINGTON, DC"));
    assert_eq!(article.categories, ["CYBER CRIMES", "NARCOTICS"]);
    assert_eq!(
        article.headline.as_deref(),
        Some(
            "Largest international operation against darknet trafficking of fentanyl, opioids results in record arrests, seizures"
        )
    );
    assert!(article.text.starts_with("WASHINGTON — International partners"));
    assert!(article.text.ends_with("protecting victims from these lethal substances.”"));
    let url = "https://www.ice.gov/news/releases/largest-international-operation-against-darknet-trafficking-fentanyl-opioids-results";
    assert_eq!(article.source_url.as_deref(), Some(url));
    let source = p.source.as_ref().expect("source");
    assert_eq!((source.url.as_str(), source.domain.as_deref()), (url, Some("www.ice.gov")));

    let sig = p.signature.as_ref().expect("signature");
    assert!(sig.text.starts_with("The legitimate powers of government"));
    assert!(sig.text.ends_with("Thomas Jefferson"));
    assert!(!p.body_text.contains("Jefferson"), "the signature is not in the body");
    assert!(!p.body_text.contains("Offline") && !p.body_text.contains("Posts:"));

    let reply = &t.posts[1];
    assert_eq!(reply.position, Some(2));
    assert_eq!(reply.quotes.len(), 1);
    assert_eq!(reply.quotes[0].author.as_deref(), Some("rangerrebew"));
    assert_eq!(reply.quotes[0].post_id.as_deref(), Some("3087715"));
    assert!(reply.body_text.starts_with("> WASHINGTON — International partners"));
    assert_eq!(reply.edited.as_ref().and_then(|e| e.by.as_deref()), Some("HarborWatch"));
}

#[test]
fn pages_that_are_not_threads_are_a_typed_error() {
    for page in ["", "plain words", "<html><body><p>An article.</p></body></html>", "\0\u{1}\u{fffd}<<<>>>"] {
        match forum_thread::parse(page) {
            Err(Error::NotAThread { looked_for }) => {
                assert!(looked_for.contains("supported engine"), "{looked_for}")
            }
            other => panic!("{page:?}: expected NotAThread, got {other:?}"),
        }
    }
}

#[test]
fn a_forced_engine_without_a_parser_is_unsupported() {
    let parser = Parser::builder().engine(Engine::Other("ubb".into())).build().expect("valid options");
    assert!(matches!(parser.parse(SAMPLE), Err(Error::UnsupportedEngine { .. })));
}

#[test]
fn base_url_must_be_absolute() {
    assert!(matches!(Parser::builder().base_url("not a url").build(), Err(Error::InvalidUrl { .. })));
}

#[test]
fn relative_dates_need_a_reference_time() {
    let page = SAMPLE.replace("</strong> May 02, 2023, 11:04:13 am", "</strong> Today at 11:04:13 am");
    let t = forum_thread::parse(&page).expect("parses");
    assert_eq!(t.posts[0].date, None);
    assert_eq!(t.posts[0].date_raw.as_deref(), Some("Today at 11:04:13 am"));
    assert_eq!(t.warnings[0].post, Some(1));
    assert_eq!(t.warnings[0].field, "date");

    let now =
        chrono::NaiveDate::from_ymd_opt(2023, 5, 3).and_then(|d| d.and_hms_opt(9, 0, 0)).expect("valid");
    let t = Parser::builder().now(now).build().expect("valid").parse(&page).expect("parses");
    assert_eq!(t.posts[0].date.map(|d| d.to_string()).as_deref(), Some("2023-05-03T11:04:13"));
}

#[test]
fn json_round_trips() {
    let t = forum_thread::parse(SAMPLE).expect("parses");
    let json = serde_json::to_string(&t).expect("serializes");
    let back: forum_thread::Thread = serde_json::from_str(&json).expect("deserializes");
    assert_eq!(back, t);
    assert_eq!(serde_json::to_string(&back).expect("serializes"), json, "stable output");
}

/// The Discourse crawler view and the topic JSON of one topic give the same posts.
#[test]
fn discourse_crawler_view_and_topic_json_agree() {
    let html = include_str!("fixtures/discourse/discourse32-crawler.html");
    let json = include_str!("fixtures/discourse/discourse32-topic.in.json");
    let from_html = forum_thread::parse(html).expect("the crawler view parses");
    let url = "https://bakers.example.org/t/sourdough-starter-smells-like-nail-polish-remover/4127.json";
    let parser = Parser::builder().base_url(url).build().expect("valid options");
    let from_json = parser.parse(json).expect("the topic JSON parses");

    assert_eq!(
        (from_html.format, from_json.format),
        (forum_thread::Format::Html, forum_thread::Format::Json)
    );
    assert_eq!(from_json.engine, Engine::Discourse);
    assert_eq!(from_json.url.as_deref(), Some(url));
    assert_eq!(from_html.topic.id, from_json.topic.id);
    assert_eq!(from_html.topic.title, from_json.topic.title);
    assert_eq!(from_html.topic.url, from_json.topic.url);
    assert_eq!(from_json.topic.views, Some(212));
    assert_eq!(from_html.posts.len(), from_json.posts.len());
    for (h, j) in from_html.posts.iter().zip(&from_json.posts) {
        assert_eq!((&h.id, h.position, &h.url), (&j.id, j.position, &j.url));
        assert_eq!(h.date, j.date, "post {:?}", h.id);
        assert_eq!(h.edited.as_ref().and_then(|e| e.date), j.edited.as_ref().and_then(|e| e.date));
        assert_eq!((&h.author.name, &h.author.url), (&j.author.name, &j.author.url));
        assert_eq!(h.body_text, j.body_text);
        assert_eq!(h.quotes, j.quotes);
        assert_eq!(h.links, j.links);
        assert_eq!(h.reactions, j.reactions);
    }
    assert!(from_html.warnings.is_empty() && from_json.warnings.is_empty());
}

#[test]
fn json_input_is_read_as_discourse_only() {
    let json = include_str!("fixtures/discourse/discourse32-topic.in.json");
    let parser = Parser::builder().engine(Engine::Smf).build().expect("valid options");
    assert!(matches!(parser.parse(json), Err(Error::NotAThread { .. })));
    for not_a_topic in ["{}", "{\"post_stream\": {\"posts\": []}}", "{ not json"] {
        assert!(matches!(forum_thread::parse(not_a_topic), Err(Error::NotAThread { .. })), "{not_a_topic}");
    }
}
