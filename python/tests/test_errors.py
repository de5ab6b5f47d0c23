"""Errors are exceptions of one hierarchy, with the Rust error's message and fields; bad
options are ValueError or TypeError; nothing crashes the interpreter."""

import datetime

import pytest

import forum_thread
from conftest import REPO

SAMPLE = (REPO / "examples" / "data" / "smf20-briefing-room.html").read_bytes()


def test_hierarchy():
    assert issubclass(forum_thread.Error, ValueError)
    for kind in (forum_thread.NotAThread, forum_thread.UnsupportedEngine, forum_thread.TooLarge,
                 forum_thread.TooDeep, forum_thread.InvalidUrl):
        assert kind.__bases__ == (forum_thread.Error,)
    assert issubclass(forum_thread.TooManyNodes, forum_thread.TooLarge)
    assert issubclass(forum_thread.TooManyAttributes, forum_thread.TooLarge)
    assert forum_thread.NotAThread.__module__ == "forum_thread"


def test_not_a_thread():
    with pytest.raises(forum_thread.NotAThread) as raised:
        forum_thread.parse(b"<html><body><p>Welcome to our shop.</p></body></html>")
    assert str(raised.value).startswith("not a forum thread page: looked for the post markup of a supported engine")
    assert raised.value.looked_for == str(raised.value).removeprefix("not a forum thread page: looked for ")


def test_unsupported_engine():
    with pytest.raises(forum_thread.UnsupportedEngine) as raised:
        forum_thread.parse(SAMPLE, engine="nonesuch")
    assert str(raised.value) == "unsupported forum engine: nonesuch"
    assert raised.value.detected == "nonesuch"


def test_too_large():
    with pytest.raises(forum_thread.TooLarge) as raised:
        forum_thread.parse(b" " * (64 * 1024 * 1024 + 1))
    assert (raised.value.size, raised.value.limit) == (64 * 1024 * 1024 + 1, 64 * 1024 * 1024)
    assert str(raised.value) == "input of 67108865 bytes is over the limit of 67108864 bytes"


def test_too_deep():
    with pytest.raises(forum_thread.TooDeep) as raised:
        forum_thread.parse(b"<html><body>" + b"<div>" * 600 + b"x")
    assert raised.value.limit == 512


def test_too_many_attributes():
    page = "<p " + " ".join(f"a{i}=1" for i in range(1100)) + ">x"
    with pytest.raises(forum_thread.TooManyAttributes) as raised:
        forum_thread.parse(page)
    assert raised.value.limit == 1024


def test_too_many_nodes():
    # Formatting elements left open are cloned into every later paragraph: 300 elements
    # for each 4 bytes of input.
    page = "<p>" + "".join(f"<b id={i}>" for i in range(300)) + "<p>x" * 20000
    with pytest.raises(forum_thread.TooManyNodes) as raised:
        forum_thread.parse(page)
    assert raised.value.size == len(page)
    assert raised.value.limit == 32 * len(page) + 16 * 1024 * 1024
    # Caught as the kind the dump records count it under.
    assert isinstance(raised.value, forum_thread.TooLarge)


def test_invalid_url():
    with pytest.raises(forum_thread.InvalidUrl) as raised:
        forum_thread.parse(SAMPLE, url="index.php?topic=1")
    assert raised.value.url == "index.php?topic=1"
    assert raised.value.reason == "relative URL without a base"


def test_bad_options_and_data():
    with pytest.raises(ValueError, match=r'format: unknown format "pdf"'):
        forum_thread.parse(SAMPLE, format="pdf")
    with pytest.raises(ValueError, match=r'timezone: "noon"'):
        forum_thread.parse(SAMPLE, timezone="noon")
    with pytest.raises(TypeError, match="timezone must be"):
        forum_thread.parse(SAMPLE, timezone=3)
    with pytest.raises(TypeError, match="data must be bytes or str, not int"):
        forum_thread.parse(42)
    with pytest.raises(TypeError):
        forum_thread.parse(SAMPLE, "https://forum.example/")  # options are keyword-only


def test_timezone_forms_agree():
    # The sample's first post is shown as "May 02, 2023, 11:04:13 am".
    dates = {
        forum_thread.parse(SAMPLE, timezone=tz)["posts"][0]["date"]
        for tz in ("+05:30", datetime.timezone(datetime.timedelta(hours=5, minutes=30)),
                   datetime.timedelta(hours=5, minutes=30))
    }
    assert dates == {"2023-05-02T11:04:13+05:30"}
    assert forum_thread.parse(SAMPLE, timezone="UTC")["posts"][0]["date"] == "2023-05-02T11:04:13+00:00"


def test_text_and_bytes_give_the_same_thread():
    from_bytes = forum_thread.parse(SAMPLE)
    from_text = forum_thread.parse(SAMPLE.decode("utf-8"))
    # Only bytes are decoded, so only they say how.
    assert from_bytes.pop("encoding")["charset"] == "utf-8"
    assert "encoding" not in from_text
    assert from_bytes == from_text


def test_detect():
    detected = forum_thread.detect(SAMPLE)
    assert (detected["engine"], detected["version"], detected["score"]) == ("smf", "2.0.19", 12)
    assert "div.post_wrapper div.keyinfo" in detected["matched"]
    assert detected["candidates"][0]["engine"] == "smf"
    assert detected["candidates"][0]["matched"] == detected["matched"]
    assert detected == forum_thread.detect(SAMPLE.decode())
    nothing = forum_thread.detect(b"<p>hello</p>")
    assert nothing == {"engine": None, "version": None, "score": 0, "matched": [], "candidates": []}
