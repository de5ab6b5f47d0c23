"""Python threads parse at once: the interpreter is released while Rust parses, and the
results are those of one thread."""

import gzip
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

import forum_thread
from conftest import fixture_pages


def test_threads_parse_at_once_and_agree():
    pages = [p.read_bytes() for p in fixture_pages()]
    assert len(pages) >= 40
    alone = [forum_thread.parse(page) for page in pages]
    with ThreadPoolExecutor(max_workers=8) as pool:
        together = list(pool.map(forum_thread.parse, pages * 4))
    assert together == alone * 4
    assert {t["engine"] for t in together} >= {"smf", "phpbb", "vbulletin", "xenforo", "discourse"}


def test_the_interpreter_is_released_while_parsing():
    # A page of 4 MB that is no thread: building its tree takes a while. A Python thread
    # counting meanwhile runs only if parse() let go of the interpreter; were it held, the
    # counter could only move in the one switch interval (5 ms) after parse() returns.
    page = "<html><body>" + "<p>one two three <b>four</b> five</p>\n" * 100_000
    count = 0
    stop = threading.Event()

    def spin():
        nonlocal count
        while not stop.is_set():
            count += 1

    spinner = threading.Thread(target=spin)
    spinner.start()
    try:
        before = count
        time.sleep(0.1)  # the counter's pace alone, per 100 ms
        pace = count - before
        before = count
        with pytest.raises(forum_thread.NotAThread):
            forum_thread.parse(page)
        during = count - before
    finally:
        stop.set()
        spinner.join()
    # At least 50 ms worth of counting happened while parse() ran.
    assert during > pace / 2, (during, pace)


def test_dumps_read_in_two_threads(tmp_path):
    pages = fixture_pages()
    paths = []
    for n, share in enumerate((pages[::2], pages[1::2])):
        path = tmp_path / f"part{n}.html.gz"
        path.write_bytes(gzip.compress(b"\n".join(p.read_bytes() for p in share)))
        paths.append(path)
    alone = [list(forum_thread.iter_dump(p, pages=True, threads=2)) for p in paths]
    with ThreadPoolExecutor(max_workers=2) as pool:
        together = list(pool.map(lambda p: list(forum_thread.iter_dump(p, pages=True, threads=2)), paths))
    assert together == alone
    assert sum(len(records) for records in together) == len(pages)
    assert not any("error" in r for records in together for r in records)
