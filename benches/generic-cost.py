#!/usr/bin/env python3
"""What a generic reading costs against the engine's, in instructions, page by page.

    cargo build --release --features cli --bin forum-thread
    python3 benches/generic-cost.py [--bin target/release/forum-thread] [CORPUS]

Every HTML page of a known engine in the shared corpus (CORPUS, default `../shared/corpus` or
`$FORUM_CORPUS`; `other/` and `negatives/` left out) is parsed twice under callgrind: as the
page's engine reads it (detected) and with `--engine generic`. Instruction counts do not
depend on the machine's load, unlike wall-clock time on shared cores. Each count includes the
process's start and the JSON output, the same for both, so the ratios understate the readers'
own difference a little. Issue 12 asks for at most 1.5x.
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile


def instructions(binary, args):
    with tempfile.NamedTemporaryFile(suffix=".cg") as out:
        subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out.name}", binary, *args],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        with open(out.name, encoding="utf-8", errors="replace") as f:
            for line in f:
                m = re.match(r"(?:summary|totals): (\d+)", line)
                if m:
                    return int(m.group(1))
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default="target/release/forum-thread")
    ap.add_argument("corpus", nargs="?",
                    default=os.environ.get("FORUM_CORPUS", "../shared/corpus"))
    args = ap.parse_args()
    pages = []
    for engine in sorted(os.listdir(args.corpus)):
        folder = os.path.join(args.corpus, engine)
        if engine in ("other", "negatives", "text") or not os.path.isdir(folder):
            continue
        pages += [os.path.join(folder, f) for f in sorted(os.listdir(folder))
                  if f.endswith((".html", ".htm"))]
    if not pages:
        sys.exit(f"no corpus pages under {args.corpus}")
    ratios = {}
    for page in pages:
        engine = instructions(args.bin, ["parse", "--compact", page])
        generic = instructions(args.bin, ["parse", "--compact", "--engine", "generic", page])
        if engine and generic:
            ratio = generic / engine
            ratios[os.path.relpath(page, args.corpus)] = ratio
            print(f"{os.path.relpath(page, args.corpus)}: {engine / 1e6:.1f} M -> "
                  f"{generic / 1e6:.1f} M instructions, {ratio:.2f}x", flush=True)
    values = sorted(ratios.values())
    over = [p for p, r in ratios.items() if r > 1.5]
    print(f"\n{len(values)} pages: median {statistics.median(values):.2f}x, "
          f"90th percentile {values[int(0.9 * (len(values) - 1))]:.2f}x, max {values[-1]:.2f}x; "
          f"over 1.5x: {len(over)} {over}")


if __name__ == "__main__":
    main()
