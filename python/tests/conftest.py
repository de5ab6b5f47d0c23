"""Shared fixtures: the repository's paths, the shared corpus, and the command-line tools the
bindings are compared with (built once per session with cargo, in the profile `cargo test`
already built them in, so that in CI the build is a no-op)."""

import json
import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"


def corpus_root():
    """The shared corpus of real pages: `$FORUM_CORPUS`, else `../shared/corpus` beside the
    repository; None when it is absent."""
    root = Path(os.environ.get("FORUM_CORPUS") or REPO.parent / "shared" / "corpus")
    return root if (root / "PROVENANCE.tsv").is_file() else None


def corpus_pages():
    """Every page of the corpus (`.html` and text renderings `.txt`), sorted."""
    root = corpus_root()
    if root is None:
        return []
    return sorted(p for p in root.rglob("*") if p.suffix in (".html", ".txt") and p.is_file())


def fixture_pages():
    """The repository's own engine fixtures that have golden JSON (thread pages)."""
    return sorted(p for p in FIXTURES.glob("*/*.html") if p.with_suffix(".json").is_file())


@pytest.fixture(scope="session")
def tools():
    """The path of the `forum-thread` command, built with cargo from the repository root
    (`$FORUM_THREAD_CARGO_PROFILE`, default the dev profile)."""
    profile = os.environ.get("FORUM_THREAD_CARGO_PROFILE", "dev")
    out = subprocess.run(
        ["cargo", "build", "--profile", profile, "--features", "cli", "--bin", "forum-thread", "--message-format=json"],
        cwd=REPO, check=True, capture_output=True, text=True,
    ).stdout
    paths = {}
    for line in out.splitlines():
        message = json.loads(line)
        if message.get("reason") == "compiler-artifact" and message.get("executable"):
            paths[message["target"]["name"]] = message["executable"]
    assert set(paths) == {"forum-thread"}, paths
    return paths
