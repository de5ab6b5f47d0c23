"""`iter_dump` gives the records `forum-thread dump` writes, lazily, from a gzip file of pages back
to back."""

import gzip
import json
import subprocess

import pytest

import forum_thread
from conftest import FIXTURES

PAGES = [
    FIXTURES / "smf" / "smf21-default.html",
    FIXTURES / "phpbb" / "phpbb33-prosilver-de.html",
    FIXTURES / "generic" / "not-threads" / "member-list.html",
    FIXTURES / "xenforo" / "xf2-default-page2.html",
]


@pytest.fixture()
def dump(tmp_path):
    path = tmp_path / "crawl.html.gz"
    path.write_bytes(gzip.compress(b"\n".join(p.read_bytes() for p in PAGES)))
    return path


def cli(tools, *args):
    run = subprocess.run([tools["forum-thread"], "dump", "-q", *map(str, args)], capture_output=True, check=True)
    return [json.loads(line) for line in run.stdout.splitlines()]


@pytest.mark.parametrize("options, flags", [
    ({}, []),
    ({"posts": True}, ["--posts"]),
    ({"pages": True, "threads": 1}, ["--pages", "-j", "1"]),
])
def test_records_equal_the_commands(tools, dump, options, flags):
    assert list(forum_thread.iter_dump(str(dump), **options)) == cli(tools, *flags, dump)


def test_records_are_the_pages_parsed(dump):
    records = forum_thread.iter_dump([dump])
    assert iter(records) is records
    threads = [forum_thread.parse(p.read_bytes()) for p in PAGES if "not-threads" not in str(p)]
    got = list(records)
    assert len(got) == 4
    # The error comes at once; threads wait for their other pages until the end of the input
    # (phpBB's and XenForo's pages are pages 2), then come in input order.
    error = got.pop(0)["error"]
    assert (error["kind"], error["origin"]["file"]) == ("not_a_thread", str(dump))
    assert error["origin"]["offset"] == sum(len(p.read_bytes()) + 1 for p in PAGES[:2])
    assert [r["topic"]["title"] for r in got] == [t["topic"]["title"] for t in threads]
    assert [[p["author"]["name"] for p in r["posts"]] for r in got] == \
        [[p["author"]["name"] for p in t["posts"]] for t in threads]
    stats = records.stats
    assert (stats["files"], stats["pages_read"], stats["pages_parsed"], stats["threads"]) == (1, 4, 3, 3)
    assert stats["posts"] == sum(len(t["posts"]) for t in threads)
    assert stats["errors"] == {"not_a_thread": 1}
    assert stats["read_errors"] == 0


def test_posts_carry_their_thread(dump):
    smf = forum_thread.parse(PAGES[0].read_bytes())
    posts = [r for r in forum_thread.iter_dump(dump, posts=True) if "error" not in r]
    first = posts[: len(smf["posts"])]
    assert {(p["thread_id"], p["thread_title"], p["engine"]) for p in first} == \
        {(smf["topic"]["id"], smf["topic"]["title"], "smf")}
    assert [p["id"] for p in first] == [p["id"] for p in smf["posts"]]


def test_unreadable_input_is_an_error_record(tmp_path):
    missing = tmp_path / "missing.warc.gz"
    records = forum_thread.iter_dump([missing])
    (record,) = list(records)
    assert record["error"]["kind"] == "io"
    assert record["error"]["origin"]["file"] == str(missing)
    assert records.stats["read_errors"] == 1
    assert records.stats["errors"] == {"io": 1}


def test_close_stops_early(dump):
    with forum_thread.iter_dump(dump, pages=True, threads=1) as records:
        first = next(records)
    assert first["engine"] == "smf"
    assert list(records) == []
    assert records.stats["threads"] == 1


def test_paths_must_be_paths():
    with pytest.raises(TypeError):
        forum_thread.iter_dump([1, 2])
