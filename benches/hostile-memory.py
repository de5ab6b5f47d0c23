#!/usr/bin/env python3
"""Time and peak memory of `thread2json` on the hostile inputs of issue 14, against their size.

    cargo build --release --example thread2json
    python3 benches/hostile-memory.py [--bin target/release/examples/thread2json] [--runs 3]

(`thread2json FILE` parses one page with the default limits; `forum-thread parse` does the
same.)

Each input is generated into a temporary directory, parsed in a child process, and measured
with `getrusage` (maximum resident set size of the child, which is what `/usr/bin/time -v`
reports). Every input is also run as a *baseline* of the same size that is an ordinary page
(the bundled sample's post repeated), in the same run and interleaved, so the table gives
ratios that do not depend on the machine: peak memory over input size, and time against the
baseline's. The target is a peak under 10x the input plus a constant (the baseline's peak
on an empty page). Figures go in benches/README.md.
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

SMF_HEAD = """<!DOCTYPE html><html><head><meta charset="UTF-8"><title>Hostile</title></head><body>
<div id="forumposts"><h3 class="catbg"><span id="author">Author</span> Topic: Hostile (Read 12 times)</h3>"""
SMF_POST = """<div class="windowbg"><div class="post_wrapper">
<div class="poster"><h4><a href="index.php?action=profile;u={id}">user{id}</a></h4></div>
<div class="postarea"><div class="keyinfo"><h5 id="subject_{id}"><a href="index.php?topic=3.msg{id}#msg{id}">Re: Hostile</a></h5>
<div class="smalltext">&laquo; <strong>Reply #{id} on:</strong> May 02, 2023, 11:04:13 am &raquo;</div></div>
<div class="post"><div class="inner" id="msg_{id}">{body}</div></div></div></div></div>"""
SMF_TAIL = "</div></body></html>"


def smf_page(*bodies):
    posts = "".join(SMF_POST.format(id=i + 1, body=b) for i, b in enumerate(bodies))
    return SMF_HEAD + posts + SMF_TAIL


def discourse_json(cooked):
    post = {"id": 1, "username": "alice", "created_at": "2023-05-02T11:04:13Z", "cooked": cooked,
            "post_number": 1}
    return json.dumps({"id": 7, "title": "Hostile", "posts_count": 1,
                       "post_stream": {"posts": [post]}})


def cases():
    """(name, suffix, text): the inputs of issue 14, at the sizes it gives."""
    yield "rb x100,000", "html", smf_page("<ruby>" + "<rb>x" * 100_000)
    yield "dd li x25,000 in a post", "html", smf_page("<dd><li>" * 25_000)
    yield "3,200 reopened <b class>", "html", smf_page(
        "".join(f"<div><b class=c{i}>x</div>" for i in range(3200)))
    yield "3,200 reopened <b class>, no forum", "html", "".join(
        f"<div><b class=c{i}>x</div>" for i in range(3200))
    yield "one tag, 100,000 attributes", "html", smf_page(
        "<p " + " ".join(f"a{i}=v" for i in range(100_000)) + ">x</p>")
    yield "Discourse JSON, cooked divs x100,000", "json", discourse_json("<div>" * 100_000)
    yield "text, 1.6 million empty paragraphs", "txt", "Topic: Hostile\n\n" + "a\n\n" * 1_600_000
    paragraph = ('Lorem ipsum dolor sit amet, <b>consectetur</b> adipiscing '
                 '<a href="https://x.example/">elit</a>.<br>\n')
    yield "a 50 MB post", "html", smf_page(paragraph * (50 * 1024 * 1024 // len(paragraph)))


def baseline(size):
    """An ordinary page of about `size` bytes: posts of plain paragraphs."""
    body = "<p>An ordinary paragraph of a forum post, with a <a href=\"https://x.example/\">link</a>.</p>" * 40
    n = max(1, size // (len(body) + len(SMF_POST)))
    return smf_page(*([body] * n))


def run(binary, path):
    """(seconds, peak RSS in bytes, exit status, first line of stderr) of one child."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    p = subprocess.run([binary, path], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # ru_maxrss of children is the largest of any child so far: children run largest-last
    # would hide nothing, but a smaller child after a larger one would read the larger one's
    # peak. Each measurement therefore runs in its own helper process (see measure()).
    assert after.ru_maxrss >= before.ru_maxrss
    err = p.stderr.decode("utf-8", "replace").splitlines()
    return seconds, after.ru_maxrss * 1024, p.returncode, err[0] if err else ""


def measure(binary, path):
    """run() in a fresh Python child, so that ru_maxrss is this parse's alone."""
    code = (f"import sys; sys.path.insert(0, {os.path.dirname(os.path.abspath(__file__))!r}); "
            f"import importlib; m = importlib.import_module('hostile-memory'); "
            f"print(repr(m.run({binary!r}, {path!r})))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return eval(out.stdout)  # noqa: S307, our own repr of a tuple


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default="target/release/examples/thread2json")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        empty = os.path.join(tmp, "empty.html")
        with open(empty, "w") as f:
            f.write(smf_page("x"))
        constant = statistics.median(measure(args.bin, empty)[1] for _ in range(args.runs))
        print(f"constant (one-post page): {constant / 2**20:.1f} MiB peak")
        print("| input | size | exit | time (median) | baseline time | peak | baseline peak | "
              "(peak - constant) / size |")
        print("|---|---|---|---|---|---|---|---|")
        for name, suffix, text in cases():
            path = os.path.join(tmp, f"case.{suffix}")
            base = os.path.join(tmp, "base.html")
            data = text.encode()
            with open(path, "wb") as f:
                f.write(data)
            with open(base, "w") as f:
                f.write(baseline(len(data)))
            runs, bases = [], []
            for _ in range(args.runs):  # interleaved: case, baseline, case, baseline, ...
                runs.append(measure(args.bin, path))
                bases.append(measure(args.bin, base))
            t = statistics.median(r[0] for r in runs)
            bt = statistics.median(r[0] for r in bases)
            peak = statistics.median(r[1] for r in runs)
            bpeak = statistics.median(r[1] for r in bases)
            status, err = runs[-1][2], runs[-1][3]
            note = f"{status}" + (f" ({err[:60]})" if status else "")
            print(f"| {name} | {len(data) / 2**20:.2f} MiB | {note} | {t:.2f} s | {bt:.2f} s | "
                  f"{peak / 2**20:.0f} MiB | {bpeak / 2**20:.0f} MiB | "
                  f"{max(0, peak - constant) / len(data):.1f}x |", flush=True)


if __name__ == "__main__":
    main()
