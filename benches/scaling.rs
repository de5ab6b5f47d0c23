//! Parse time against input size: one SMF page whose single post is 1, 10 and 50 MB of
//! formatted text, links and credit lines, through `parse_bytes`, beside html5ever's tree
//! alone on the same bytes (the floor of any scraper-based parser). Linear growth shows as a
//! flat time per byte (criterion's throughput) across the three sizes.
//!
//! `cargo bench --bench scaling` (about five minutes: ten samples of each, the 50 MB page
//! taking seconds per parse).

#![allow(missing_docs)] // criterion_group! generates undocumented items

use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

/// A page with one post of about `bytes` bytes.
fn page(bytes: usize) -> String {
    let unit = "Lorem ipsum dolor sit amet, <b>consectetur</b> adipiscing elit, \
                <a href=\"https://example.org/a\">sed do</a> eiusmod.<br>\nSource: nowhere<br>\n";
    let body = unit.repeat(bytes / unit.len());
    format!(
        r#"<html><head><meta charset="UTF-8"></head><body><div id="forumposts"><div class="windowbg"><div class="post_wrapper">
<div class="poster"><h4><a href="index.php?action=profile;u=1">alice</a></h4></div>
<div class="postarea"><div class="keyinfo"><h5 id="subject_1"><a href="index.php?topic=3.msg1#msg1">Big</a></h5>
<div class="smalltext">« <strong>on:</strong> May 02, 2023, 11:04:13 am »</div></div>
<div class="post"><div class="inner" id="msg_1">{body}</div></div></div></div></div></div></body></html>"#
    )
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("scaling");
    group.sample_size(10).warm_up_time(Duration::from_millis(100)).measurement_time(Duration::from_secs(1));
    for mb in [1, 10, 50] {
        let html = page(mb * 1024 * 1024);
        group.throughput(Throughput::Bytes(html.len() as u64));
        group.bench_with_input(BenchmarkId::new("html5ever_tree", format!("{mb}MB")), &html, |b, h| {
            b.iter(|| scraper::Html::parse_document(h))
        });
        group.bench_with_input(BenchmarkId::new("parse_bytes", format!("{mb}MB")), &html, |b, h| {
            b.iter(|| forum_thread::parse_bytes(h.as_bytes()).map(|t| t.posts.len()))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
