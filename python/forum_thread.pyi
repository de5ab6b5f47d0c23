"""Parse saved web-forum thread pages (SMF, phpBB, vBulletin, XenForo, Invision, Discourse,
... and a generic reader for other software) into one model, as dicts.

The dicts are the JSON of the Rust crate's model (`forum-thread parse` prints the same for the same
page and options); its fields are documented in the crate's README ("Output") and `model.rs`.
"""

import os
from datetime import timedelta, tzinfo
from types import TracebackType
from typing import Any, Dict, Iterable, Iterator, List, Optional, Type, Union

__version__: str

#: A thread: `format`, `encoding`, `engine`, `engine_version`, `url`, `site`, `topic`, `page`,
#: `posts` (each with `id`, `position`, `date`, `author`, `body_text`, `body_html`, `quotes`,
#: `signature`, ...), `warnings`, `origins`.
Thread = Dict[str, Any]
#: One record of `iter_dump`: a thread, a post with its thread's fields (`posts=True`), or
#: `{"error": {"origin": {...}, "kind": "not_a_thread", "reason": "..."}}`.
DumpRecord = Dict[str, Any]
Path = Union[str, "os.PathLike[str]"]

def parse(
    data: Union[bytes, bytearray, str],
    *,
    url: Optional[str] = None,
    engine: Optional[str] = None,
    format: Optional[str] = None,
    content_type: Optional[str] = None,
    raw_html: bool = False,
    timezone: Union[str, timedelta, tzinfo, None] = None,
) -> Thread:
    """Parses one saved thread page into a dict: the JSON the command-line tool prints for the
    same page and options.

    `data` is bytes (decoded as the tool decodes a file: byte order mark, `content_type`'s
    charset, the page's `<meta>`, else detection) or str. `url` is the page's URL (links are
    made absolute against it); `engine` forces an engine by name (`"smf"`, `"phpbb"`, ...,
    `"generic"`); `format` is `"html"`, `"text"` or `"json"`; `raw_html` keeps bodies
    unsanitized; `timezone` is the UTC offset the page's dates are shown in.

    Raises `NotAThread`, `UnsupportedEngine`, `TooLarge`, `TooDeep` (all `Error`, a
    `ValueError`), `InvalidUrl` for a bad `url`, `ValueError` for a bad `format` or
    `timezone`, `TypeError` when `data` is neither bytes nor str.
    """

def detect(data: Union[bytes, bytearray, str]) -> Dict[str, Any]:
    """Which forum software made a page: `engine` (or None), `version` (as `parse` reads it,
    or None), `score` and `matched` (the marker selectors found), and `candidates` (every
    engine with a marker on the page, best first, with `engine`, `score`, `matched`,
    `looked_for`)."""

def iter_dump(
    paths: Union[Path, Iterable[Path]],
    *,
    posts: bool = False,
    pages: bool = False,
    threads: Optional[int] = None,
) -> DumpIterator:
    """Reads thread dumps lazily (directory trees, pages back to back, gzip, zstd, WARC, JSON
    Lines): the records `forum-thread dump` writes, parsed on `threads` Rust threads (default: every
    core) with the interpreter released, in bounded memory. `pages=True` turns stitching
    off; `posts=True` gives one record per post."""

class DumpIterator(Iterator[DumpRecord]):
    """The records of `iter_dump`. Usable as a context manager: leaving it stops the
    threads."""

    def __iter__(self) -> DumpIterator: ...
    def __next__(self) -> DumpRecord: ...
    @property
    def stats(self) -> Dict[str, Any]:
        """The totals so far (complete once exhausted): files, bytes_read, pages_read,
        page_bytes, pages_parsed, records_skipped, threads, posts, threads_evicted, errors
        (by kind), read_errors."""
    def close(self) -> None:
        """Stops reading and parsing; the iterator then ends."""
    def __enter__(self) -> DumpIterator: ...
    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> bool: ...

class Error(ValueError):
    """Why a page could not be parsed as a thread; `str(e)` is the Rust error's message."""

class NotAThread(Error):
    """Not a thread page of a known engine (a board index, a login wall, an article)."""

    looked_for: str

class UnsupportedEngine(Error):
    """Forum software that has no parser here (or `engine=` named one)."""

    detected: str

class TooLarge(Error):
    """Input over the parser's limit (64 MiB); sizes in bytes."""

    size: int
    limit: int

class TooManyNodes(TooLarge):
    """Markup that builds a far larger tree than its size allows (hostile markup)."""

class TooManyAttributes(TooLarge):
    """A tag with more attributes than the parser allows."""

    limit: int

class TooDeep(Error):
    """Elements nested deeper than the parser's limit (512)."""

    limit: int

class InvalidUrl(Error):
    """The `url` option is not an absolute URL."""

    url: str
    reason: str
