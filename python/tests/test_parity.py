"""`forum_thread.parse` gives the dict the command-line tool prints: on every page of the
shared corpus (thread pages and pages it refuses), and on the repository's fixtures with
each option."""

import json
import subprocess

import pytest

import forum_thread
from conftest import FIXTURES, corpus_pages, corpus_root, fixture_pages

# The exception each error message of the tool names.
ERRORS = {
    "not a forum thread page": forum_thread.NotAThread,
    "unsupported forum engine": forum_thread.UnsupportedEngine,
    "elements nest deeper": forum_thread.TooDeep,
    "input of": forum_thread.TooLarge,
    "the input builds a tree": forum_thread.TooManyNodes,
    "a tag has more than": forum_thread.TooManyAttributes,
}


def cli(tools, path, *options):
    """What `forum-thread parse` says of a page: `(dict, None)`, or `(None, message)` on error."""
    run = subprocess.run([tools["forum-thread"], "parse", *options, str(path)], capture_output=True)
    if run.returncode == 0:
        return json.loads(run.stdout), None
    assert run.returncode == 1, run.stderr
    message = run.stderr.decode().strip()
    prefix = f"forum-thread: {path}: "
    assert message.startswith(prefix), message
    return None, message[len(prefix):]


def check(tools, path, cli_options=(), **options):
    expected, message = cli(tools, path, *cli_options)
    data = path.read_bytes()
    if message is None:
        assert forum_thread.parse(data, **options) == expected, path
        return expected
    with pytest.raises(forum_thread.Error) as raised:
        forum_thread.parse(data, **options)
    assert str(raised.value) == message, path
    kind = next(cls for start, cls in ERRORS.items() if message.startswith(start))
    assert type(raised.value) is kind, (path, message)
    return None


PAGES = corpus_pages()


@pytest.mark.skipif(not PAGES, reason=f"the real-page corpus is absent (looked for {corpus_root()}; set FORUM_CORPUS)")
@pytest.mark.parametrize("path", PAGES, ids=lambda p: str(p.relative_to(p.parents[1])))
def test_corpus_page_equals_the_command_line_json(tools, path):
    check(tools, path)


@pytest.mark.skipif(not PAGES, reason="the real-page corpus is absent (set FORUM_CORPUS)")
def test_the_corpus_is_read_whole():
    # Every engine folder, the text renderings and the refused pages are there.
    names = {p.relative_to(corpus_root()).parts[0] for p in PAGES}
    assert {"smf", "phpbb", "vbulletin", "xenforo", "discourse", "negatives", "text"} <= names
    assert len(PAGES) >= 200


@pytest.mark.parametrize("path", fixture_pages(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixture_with_options_equals_the_command_line_json(tools, path):
    url = "https://forum.example/thread/7?page=1"
    thread = check(tools, path, ["--url", url, "--raw-html"], url=url, raw_html=True)
    assert thread is not None and thread["url"] == url


def test_content_type_engine_and_format_options(tools):
    # A UTF-8 page served as windows-1251: the bytes win over the header, which is kept as
    # what was declared.
    page = FIXTURES / "smf" / "smf11-default.html"
    content_type = "text/html; charset=windows-1251"
    thread = check(tools, page, ["--content-type", content_type, "--engine", "smf", "--format", "html"],
                   content_type=content_type, engine="smf", format="html")
    assert thread["encoding"] == {"charset": "utf-8", "source": "detected", "declared": "windows-1251",
                                  "repaired": False, "malformed": False}
    assert thread["topic"]["title"] == "IPTV через роутер: пропадает картинка"
    assert len(thread["posts"]) == 4
    rendered = check(tools, FIXTURES / "text" / "smf20-copy-page2.txt", ["--format", "text"], format="text")
    assert rendered["format"] == "text" and rendered["engine"] == "smf"
