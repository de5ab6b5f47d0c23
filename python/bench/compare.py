#!/usr/bin/env python3
"""Times `forum_thread.parse` against forumscraper and harvest in one Python process, on the
same pages of the shared corpus, page by page. A benchmark, not a test.

    python python/bench/compare.py [--corpus DIR] [--rounds N] [--all] [--clock cpu|wall]
                                   [--tools forumscraper,harvest] [--json FILE]

Each tool that is importable is timed; the others are named as missing. Every page is read
from disk once; then, for each page, each tool parses it `--rounds` times (default 3) and its
best time counts: the process's CPU time by default (steady on a machine shared with other
work; every tool parses in the calling thread), or wall-clock time with `--clock wall`.
forum_thread is given the page's bytes (so its time includes decoding);
forumscraper and harvest are given the text as forum_thread decoded it, and the page's URL
as forum_thread read it (a made-up one when the page shows none). forumscraper is asked for
the thread's data only, one page, nothing written; harvest (`harvest-webforum` on PyPI) runs
its `extract_data`. Network access is cut off in this process, so no tool fetches anything.

Pages: the HTML pages of the corpus folders of the engines forumscraper reads (smf, phpbb,
vbulletin, xenforo, ipb); `--all` takes every HTML page of the corpus (not `negatives/`).
The table gives, per folder, the pages each tool read posts from, the posts it found, and
its time per page; the speed-ups are over the pages both tools read posts from.

forumscraper needs Python 3.12 or later; harvest installs as `harvest-webforum`:

    python3.12 -m venv /tmp/bench && /tmp/bench/bin/pip install ./python forumscraper harvest-webforum
    /tmp/bench/bin/python python/bench/compare.py
"""

import argparse
import json
import logging
import os
import statistics
import sys
import time
from pathlib import Path

import forum_thread

REPO = Path(__file__).resolve().parents[2]
FORUMSCRAPER_FOLDERS = ("smf", "phpbb", "vbulletin", "xenforo", "ipb")


def cut_network():
    """No tool may fetch anything: every HTTP request fails at once."""
    try:
        import requests.adapters
    except ImportError:
        return

    def refuse(*_args, **_kwargs):
        raise requests.ConnectionError("the benchmark has no network")

    requests.adapters.HTTPAdapter.send = refuse


class Tool:
    """A parser under test: `run(page)` gives the number of posts read (0 for none)."""

    name = ""

    def run(self, page):
        raise NotImplementedError


class ForumThread(Tool):
    name = "forum_thread"

    def run(self, page):
        return len(forum_thread.parse(page["bytes"])["posts"])


class Forumscraper(Tool):
    name = "forumscraper"

    def __init__(self):
        import forumscraper

        self.extractor = forumscraper.Extractor(
            output=forumscraper.Outputs.data | forumscraper.Outputs.threads,
            thread_pages_max=1,
            undisturbed=True,
        )

    def run(self, page):
        state = self.extractor.get_thread(page["url"], rq=page["text"])
        threads = (state or {}).get("data", {}).get("threads") or []
        return sum(len(t.get("posts") or []) for t in threads)


class Harvest(Tool):
    name = "harvest"

    def __init__(self):
        import harvest

        self.extract = harvest.extract_data

    def run(self, page):
        return len((self.extract(page["text"], page["url"]) or {}).get("posts") or [])


def load_tools(wanted):
    tools, missing = [ForumThread()], []
    for cls, package in ((Forumscraper, "forumscraper"), (Harvest, "harvest-webforum")):
        if cls.name not in wanted:
            continue
        try:
            tools.append(cls())
        except Exception as e:  # ImportError, or a version that does not run on this Python
            missing.append(f"{cls.name} ({package}): {type(e).__name__}: {e}")
    return tools, missing


def load_pages(corpus, every):
    folders = sorted(p.name for p in corpus.iterdir() if p.is_dir() and p.name not in ("negatives", "text"))
    if not every:
        folders = [f for f in folders if f in FORUMSCRAPER_FOLDERS]
    pages = []
    for folder in folders:
        for path in sorted((corpus / folder).glob("*.html")):
            data = path.read_bytes()
            try:
                thread = forum_thread.parse(data)
                url = thread.get("url") or (thread.get("topic") or {}).get("url")
                encoding = (thread.get("encoding") or {}).get("charset") or "utf-8"
            except forum_thread.Error:
                url, encoding = None, "utf-8"
            try:
                text = data.decode(encoding, errors="replace")
            except LookupError:  # a charset name Python does not know
                text = data.decode("utf-8", errors="replace")
            pages.append({
                "folder": folder,
                "name": path.name,
                "bytes": data,
                "text": text,
                "url": url or f"https://forum.example/{folder}/{path.stem}",
            })
    return pages


def time_page(tool, page, rounds, clock):
    """The best time of `rounds` runs in seconds, and the posts read (None on failure)."""
    best, posts = float("inf"), None
    for _ in range(rounds):
        start = clock()
        try:
            posts = tool.run(page)
        except Exception:
            posts = None
        best = min(best, clock() - start)
    return best, posts


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path,
                        default=Path(os.environ.get("FORUM_CORPUS") or REPO.parent / "shared" / "corpus"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--all", action="store_true", help="every HTML page of the corpus")
    parser.add_argument("--clock", choices=("cpu", "wall"), default="cpu")
    parser.add_argument("--tools", default="forumscraper,harvest",
                        help="the tools to time beside forum_thread (default: forumscraper,harvest)")
    parser.add_argument("--json", type=Path, help="write every page's figures here")
    args = parser.parse_args()
    if not (args.corpus / "PROVENANCE.tsv").is_file():
        sys.exit(f"compare.py: no corpus at {args.corpus} (set FORUM_CORPUS or --corpus)")

    clock = time.process_time if args.clock == "cpu" else time.perf_counter
    # harvest logs a warning per page it finds no posts in (with a formatting error that
    # prints a traceback): none of that is parsing.
    logging.disable(logging.CRITICAL)
    cut_network()
    tools, missing = load_tools(args.tools.split(","))
    pages = load_pages(args.corpus, args.all)
    print(f"python {sys.version.split()[0]}, {len(pages)} pages, best of {args.rounds} rounds, {args.clock} time")
    for line in missing:
        print(f"not timed: {line}")

    rows = []
    for page in pages:
        row = {"folder": page["folder"], "name": page["name"], "bytes": len(page["bytes"])}
        for tool in tools:
            seconds, posts = time_page(tool, page, args.rounds, clock)
            row[tool.name] = {"seconds": seconds, "posts": posts}
        rows.append(row)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))

    names = [t.name for t in tools]
    header = f"{'folder':10} {'pages':>5}"
    for name in names:
        header += f" | {name + ' read/posts':>24} {'ms/page':>8}"
    print(header)
    for folder in sorted({r["folder"] for r in rows}) + ["all"]:
        share = [r for r in rows if folder in ("all", r["folder"])]
        line = f"{folder:10} {len(share):5}"
        for name in names:
            read = [r for r in share if r[name]["posts"]]
            posts = sum(r[name]["posts"] for r in read)
            ms = 1e3 * sum(r[name]["seconds"] for r in share) / len(share)
            line += f" | {f'{len(read)}/{posts}':>24} {ms:8.2f}"
        print(line)

    # Speed-ups over the pages both tools read posts from: total time, and the median of
    # the page-by-page ratios.
    for other in names[1:]:
        both = [r for r in rows if r["forum_thread"]["posts"] and r[other]["posts"]]
        if not both:
            print(f"forum_thread against {other}: no page read by both")
            continue
        ratio = sum(r[other]["seconds"] for r in both) / sum(r["forum_thread"]["seconds"] for r in both)
        median = statistics.median(r[other]["seconds"] / r["forum_thread"]["seconds"] for r in both)
        by_folder = []
        for folder in sorted({r["folder"] for r in both}):
            part = [r for r in both if r["folder"] == folder]
            f_ratio = sum(r[other]["seconds"] for r in part) / sum(r["forum_thread"]["seconds"] for r in part)
            by_folder.append(f"{folder} {f_ratio:.1f}x ({len(part)})")
        print(f"forum_thread against {other} on the {len(both)} pages both read: {ratio:.1f}x faster in total, "
              f"{median:.1f}x the median page; " + ", ".join(by_folder))


if __name__ == "__main__":
    main()
