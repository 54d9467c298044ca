"""Read articles from text files, folders, JSONL, JSON, CSV/TSV, HTML or stdin.

Researchers feed us whatever their scrapers and exports produced. One bad file in ten thousand
must not stop a run, and none may vanish silently, so every reader yields the good articles and
turns each bad item into a `Skip` (which file, which line, why); the caller prints
`summarize_skips` at the end.

The format follows the extension (case-insensitive):

- ``.txt``, ``.text``, ``.md`` or none: the file is one article. Its id is the path relative to
  the argument given, without extension ("sub/file"), so ids are the same on every machine.
- ``.jsonl``, ``.ndjson``: one JSON object per line; ``.json``: one object or a list of objects.
- ``.csv``, ``.tsv``: a header row; column names are case-insensitive, unknown ones are ignored.
- ``.html``, ``.htm``: visible text, the ``<title>`` as title.
- ``-``: stdin; JSONL when the first non-blank character is ``{``, otherwise one text article.

Any other extension (PDF, Word, RSS/Atom for now) is reported as unsupported, not guessed at.

Records carry ``id, title, date, url, text``; only ``text`` is required. A record without an id
gets a hash of its title and text (`Article`'s default).

>>> import io
>>> stdin = io.StringIO('{"id": "k1", "text": "Leaders met.", "date": "2017-01-06T09:00:00Z"}\\n'
...                     '{"id": "k2", "text": "Talks went on."\\n'
...                     '{"id": "k3", "text": "Envoys left.", "date": "2017-13-45"}\\n')
>>> skipped = []
>>> [(a.id, a.date, a.origin) for a in read_articles(["-"], stdin=stdin, skipped=skipped)]
[('k1', '2017-01-06', '<stdin>:1')]
>>> for skip in skipped:
...     print(skip)
<stdin>:2: not valid JSON: Expecting ',' delimiter (col 38)
<stdin>:3: invalid date '2017-13-45' (want YYYY-MM-DD, YYYY-MM, YYYY or an ISO datetime)
>>> summarize_skips(skipped)
'skipped 2 items: 1 not valid JSON, 1 invalid date'
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import functools
import itertools
import json
import logging
import os
import re
import stat
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import AnyStr, BinaryIO, TextIO, TypeAlias

from diplograph.errors import InputError
from diplograph.graph.model import Article

log = logging.getLogger(__name__)

SNIFF_BYTES = 8192  # binary files show a NUL byte early; text never has one
HEADLINE_MAX_CHARS = 150
STDIN = "<stdin>"
_DATE_HINT = "want YYYY-MM-DD, YYYY-MM, YYYY or an ISO datetime"
_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2})([T ].+)?)?)?")
_KIND_END = re.compile(r":| \(| '")


@dataclass(frozen=True)
class Skip:
    """One input item that was not read, and why; `where` is "file", "file:line" or "<stdin>:line".

    The reason starts with a fixed phrase (its kind, e.g. "not valid JSON") that
    `summarize_skips` counts; details follow after ":", " (" or a quoted value.
    """

    where: str
    why: str

    def __str__(self) -> str:
        return f"{self.where}: {self.why}"


@dataclass(frozen=True)
class _Options:
    date: str | None
    max_bytes: int
    stdin: TextIO | None


_Item: TypeAlias = "Article | Skip"
_Reader: TypeAlias = Callable[[BinaryIO, str, str, int, _Options], Iterator[_Item]]


def read_articles(sources: Iterable[str | Path], *, date: str | None = None,
                  skipped: list[Skip] | None = None, max_bytes: int = 10_000_000,
                  stdin: TextIO | None = None) -> Iterator[Article]:
    """Yield Articles from files, directories, JSONL, JSON, CSV, HTML or '-' (stdin), lazily.

    Directories are read recursively in code-point order of their paths, so runs are reproducible;
    names starting with "." are ignored there. Big JSONL and CSV files are streamed record by
    record; `max_bytes` caps one text, HTML or JSON file, one JSONL line and one CSV field.

    Every problem becomes a `Skip` appended to `skipped` and the batch goes on. Without a
    `skipped` list each Skip is logged as a warning instead, so nothing disappears silently. An
    id seen before in the same run is a Skip too: the first article keeps it.

    Args:
        sources: Paths, or "-" for `stdin`. A single path is accepted as well.
        date: The date of articles that carry none (text and HTML files, records without a
            date); a record's own date always wins. A record with an invalid date is skipped
            rather than given this one: we never invent a date.
        skipped: Where to collect what was skipped.
        max_bytes: Size limit, see above (characters, for stdin).
        stdin: The stream '-' reads; `sys.stdin` when not given.

    Raises:
        InputError: `date` itself is not a valid date (checked before anything is read).
    """
    default_date = None
    if date is not None:
        default_date = _parse_date(date)
        if default_date is None:
            raise InputError("date", f"invalid date {date!r} ({_DATE_HINT})")
    if isinstance(sources, (str, Path)):
        sources = [sources]
    return _read_all(sources, _Options(default_date, max_bytes, stdin), skipped)


def summarize_skips(skipped: Sequence[Skip]) -> str:
    """One line counting skips by kind, most frequent first.

    >>> summarize_skips([Skip("a.jsonl:2", "not valid JSON: Expecting value (col 1)"),
    ...                  Skip("b.txt", "empty text"), Skip("a.jsonl:5", "not valid JSON: x")])
    'skipped 3 items: 2 not valid JSON, 1 empty text'
    >>> summarize_skips([])
    'nothing skipped'
    """
    if not skipped:
        return "nothing skipped"
    counts = Counter(_KIND_END.split(skip.why, maxsplit=1)[0] for skip in skipped)
    kinds = ", ".join(f"{count} {kind}" for kind, count in counts.most_common())
    return f"skipped {len(skipped)} item{'' if len(skipped) == 1 else 's'}: {kinds}"


def _read_all(sources: Iterable[str | Path], opts: _Options,
              skipped: list[Skip] | None) -> Iterator[Article]:
    first_seen: dict[str, str | None] = {}
    for source in sources:
        for item in _read_source(os.fspath(source), opts):
            if isinstance(item, Article):
                if item.id not in first_seen:
                    first_seen[item.id] = item.origin
                    yield item
                    continue
                item = Skip(item.origin or "?", f"duplicate id {item.id!r} "
                                                f"(first seen at {first_seen[item.id]})")
            if skipped is None:
                log.warning("%s", item)
            else:
                skipped.append(item)


def _read_source(name: str, opts: _Options) -> Iterator[_Item]:
    if name == "-":
        yield from _read_stdin(opts)
        return
    path = Path(name)
    status = _stat(path, name)
    if isinstance(status, Skip):
        yield status
    elif stat.S_ISDIR(status.st_mode):
        yield from _read_tree(path, name, (), opts, frozenset())
    else:
        yield from _read_file(path, name, (path.name,), status, opts)


def _stat(path: Path, where: str) -> os.stat_result | Skip:
    try:
        return path.stat()
    except FileNotFoundError:
        return Skip(where, "broken symbolic link" if path.is_symlink()
                    else "no such file or directory")
    except OSError as error:
        return Skip(where, f"cannot read: {error.strerror or error}")


def _read_tree(directory: Path, where: str, rel: tuple[str, ...], opts: _Options,
               ancestors: frozenset[Path]) -> Iterator[_Item]:
    """Walk in name order; `ancestors` stops a symlink that points back up from looping forever."""
    real = directory.resolve()
    if real in ancestors:
        yield Skip(where, "directory symlink loop")
        return
    try:
        with os.scandir(directory) as entries:
            names = sorted(entry.name for entry in entries if not entry.name.startswith("."))
    except OSError as error:
        yield Skip(where, f"cannot read: {error.strerror or error}")
        return
    for name in names:
        path, child_where, child_rel = directory / name, os.path.join(where, name), rel + (name,)
        status = _stat(path, child_where)
        if isinstance(status, Skip):
            yield status
        elif stat.S_ISDIR(status.st_mode):
            yield from _read_tree(path, child_where, child_rel, opts, ancestors | {real})
        else:
            yield from _read_file(path, child_where, child_rel, status, opts)


def _read_file(path: Path, where: str, rel: tuple[str, ...], status: os.stat_result,
               opts: _Options) -> Iterator[_Item]:
    if not stat.S_ISREG(status.st_mode):
        yield Skip(where, "not a regular file")
        return
    suffix = path.suffix
    reader = _READERS.get(suffix.lower())
    if reader is None:
        yield Skip(where, f"unsupported file type {suffix!r} "
                          "(want .txt, .md, .jsonl, .json, .csv, .tsv, .html or no extension)")
        return
    article_id = "/".join(rel[:-1] + (rel[-1][:len(rel[-1]) - len(suffix)],))
    try:
        with path.open("rb") as fh:
            yield from reader(fh, where, article_id, status.st_size, opts)
    except OSError as error:
        yield Skip(where, f"cannot read: {error.strerror or error}")


# --- whole-file formats: text, HTML, JSON ---------------------------------------------------


def _read_whole(fh: BinaryIO, where: str, size: int, opts: _Options) -> str | Skip:
    """The file as text, or why not; never reads more than `max_bytes` + 1 bytes."""
    if size > opts.max_bytes:
        return Skip(where, f"too large ({_size(size)} > {_size(opts.max_bytes)} limit)")
    data = fh.read(opts.max_bytes + 1)
    if len(data) > opts.max_bytes:  # the file grew after stat
        return Skip(where, f"too large (over the {_size(opts.max_bytes)} limit)")
    binary = _looks_binary(data[:SNIFF_BYTES], where)
    return binary if binary is not None else _decode(data, where, first=True)


def _looks_binary(head: bytes, where: str) -> Skip | None:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Skip(where, "not UTF-8 text (UTF-16 byte-order mark; save it as UTF-8)")
    if b"\0" in head:
        return Skip(where, "binary file (NUL bytes)")
    return None


def _decode(data: bytes, where: str, *, first: bool) -> str | Skip:
    """UTF-8 to text with a leading BOM dropped and CRLF made LF; nothing else changes."""
    bom = len(codecs.BOM_UTF8) if first and data.startswith(codecs.BOM_UTF8) else 0
    try:
        text = data[bom:].decode("utf-8")
    except UnicodeDecodeError as error:
        offset = bom + error.start
        return Skip(where, f"not UTF-8 text (byte 0x{data[offset]:02x} at offset {offset})")
    return text.replace("\r\n", "\n")


def _read_text(fh: BinaryIO, where: str, article_id: str, size: int,
               opts: _Options) -> Iterator[_Item]:
    text = _read_whole(fh, where, size, opts)
    yield _text_article(text, where, article_id, opts)


def _text_article(text: str | Skip, where: str, article_id: str, opts: _Options) -> _Item:
    if isinstance(text, Skip):
        return text
    if not text.strip():
        return Skip(where, "empty text")
    return Article(text=text, id=article_id, title=_headline(text), date=opts.date,
                   origin=where)


def _headline(text: str) -> str | None:
    """The first non-empty line when it reads like a headline, else None.

    A headline is short, does not end with a full stop and is followed by more text; Markdown's
    leading '#' marks are dropped. The text itself keeps the line, so offsets stay valid.

    >>> _headline("# Envoys meet in Geneva\\n\\nThe talks lasted two days.")
    'Envoys meet in Geneva'
    >>> _headline("The talks lasted two days.\\nBoth sides left.") is None
    True
    """
    lines = (line.strip() for line in text.split("\n"))
    first = next((line for line in lines if line), "")
    candidate = first.lstrip("#").strip()
    has_more = any(lines)
    if has_more and candidate and len(candidate) <= HEADLINE_MAX_CHARS \
            and not candidate.endswith("."):
        return candidate
    return None


class _HTMLText(HTMLParser):
    """Visible text of a page, paragraphs on their own lines, plus title, date and URL hints."""

    HIDDEN = frozenset({"script", "style", "noscript", "template", "svg", "nav", "footer",
                        "aside"})
    BLOCKS = frozenset({"address", "article", "blockquote", "dd", "div", "dl", "dt",
                        "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
                        "main", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul"})
    DATE_META = ("article:published_time", "datepublished", "dcterms.date", "dc.date", "date")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title_parts: list[str] = []
        self.meta: dict[str, str] = {}
        self.canonical: str | None = None
        self._hidden = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "title":
            self._in_title = True
        elif tag == "meta":
            key = (values.get("property") or values.get("name") or values.get("itemprop") or "")
            self.meta.setdefault(key.lower(), values.get("content", "").strip())
        elif tag == "link" and "canonical" in values.get("rel", "").lower().split():
            self.canonical = values.get("href", "").strip() or None
        elif tag == "body":
            self._hidden = 0  # an unclosed hidden element before <body> must not hide the page
        if tag in self.HIDDEN:
            self._hidden += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in self.HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title_parts.append(data)
        elif not self._hidden:
            self.parts.append(data)

    def text(self) -> str:
        """Whitespace runs become one space (as a browser shows them), blank lines at most one."""
        lines = (" ".join(line.split()) for line in "".join(self.parts).split("\n"))
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()

    def date(self) -> str | None:
        """The first valid publication date the page declares; a garbled one is ignored."""
        dates = (_parse_date(self.meta[key]) for key in self.DATE_META if self.meta.get(key))
        return next((found for found in dates if found), None)


def _read_html(fh: BinaryIO, where: str, article_id: str, size: int,
               opts: _Options) -> Iterator[_Item]:
    """A page is one article; its own declared date wins over the `date` option."""
    html = _read_whole(fh, where, size, opts)
    if isinstance(html, Skip):
        yield html
        return
    page = _HTMLText()
    try:
        page.feed(html)
        page.close()
    except AssertionError as error:  # html.parser's way of refusing a malformed <![...]> section
        yield Skip(where, f"malformed HTML: {error}")
        return
    text = page.text()
    if not text:
        yield Skip(where, "empty text")
        return
    title = " ".join("".join(page.title_parts).split()) or None
    url = page.canonical or page.meta.get("og:url") or None
    yield Article(text=text, id=article_id, title=title, date=page.date() or opts.date, url=url,
                  origin=where)


def _read_json(fh: BinaryIO, where: str, article_id: str, size: int,
               opts: _Options) -> Iterator[_Item]:
    """One object (origin: the file) or a list of objects (origin: file and line of each).

    The list is decoded item by item, so the items before a syntax error still come through.
    """
    text = _read_whole(fh, where, size, opts)
    if isinstance(text, Skip):
        yield text
        return
    start = _skip_space(text, 0)
    if not text.startswith("[", start):
        try:
            record = json.loads(text)
        except json.JSONDecodeError as error:
            yield _json_error(error, where)
            return
        except RecursionError:
            yield Skip(where, "not valid JSON: nested too deeply")
            return
        yield _record_article(record, where, opts)
        return
    yield from _json_array(text, start + 1, where, opts)


def _json_array(text: str, pos: int, where: str, opts: _Options) -> Iterator[_Item]:
    decoder = json.JSONDecoder()
    line, counted_to, records = 1, 0, 0
    pos = _skip_space(text, pos)
    if text.startswith("]", pos):
        pos = _skip_space(text, pos + 1)
    else:
        while True:
            line, counted_to = line + text.count("\n", counted_to, pos), pos
            try:
                record, end = decoder.raw_decode(text, pos)
            except json.JSONDecodeError as error:
                yield _json_error(error, where)
                return
            except RecursionError:
                yield Skip(f"{where}:{line}", "not valid JSON: nested too deeply")
                return
            records += 1
            yield _record_article(record, f"{where}:{line}", opts)
            pos = _skip_space(text, end)
            if text.startswith(",", pos):
                pos = _skip_space(text, pos + 1)
            elif text.startswith("]", pos):
                pos = _skip_space(text, pos + 1)
                break
            else:
                yield _json_error(json.JSONDecodeError("Expecting ',' delimiter", text, pos), where)
                return
    if pos != len(text):
        yield _json_error(json.JSONDecodeError("Extra data", text, pos), where)
    elif records == 0:
        yield Skip(where, "no records")


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\n\r":
        pos += 1
    return pos


def _json_error(error: json.JSONDecodeError, where: str) -> Skip:
    return Skip(f"{where}:{error.lineno}", f"not valid JSON: {error.msg} (col {error.colno})")


# --- streamed formats: JSONL, CSV, stdin ----------------------------------------------------


@dataclass(frozen=True)
class _Overlong:
    """A line over the size limit, read and dropped; its count of '"' keeps CSV quoting in step."""

    quotes: int


def _limited_lines(readline: Callable[[int], AnyStr],
                   limit: int) -> Iterator[tuple[int, AnyStr | _Overlong]]:
    """Numbered lines; a line over `limit` is never held whole in memory."""
    for number in itertools.count(1):
        line = readline(limit + 1)
        if not line:
            return
        newline, quote = (b"\n", b'"') if isinstance(line, bytes) else ("\n", '"')
        if len(line) > limit and not line.endswith(newline):
            quotes = 0
            while line and not line.endswith(newline):
                quotes += line.count(quote)
                line = readline(limit + 1)
            yield number, _Overlong(quotes + line.count(quote))
        else:
            yield number, line


def _read_jsonl(fh: BinaryIO, where: str, article_id: str, size: int,
                opts: _Options) -> Iterator[_Item]:
    binary = _looks_binary(fh.read(SNIFF_BYTES), where)
    if binary is not None:
        yield binary
        return
    fh.seek(0)
    yield from _jsonl_records(_limited_lines(fh.readline, opts.max_bytes), where, opts)


def _jsonl_records(lines: Iterable[tuple[int, bytes | str | _Overlong]], where: str,
                   opts: _Options) -> Iterator[_Item]:
    records = 0
    for number, raw in lines:
        here = f"{where}:{number}"
        if isinstance(raw, _Overlong):
            records += 1
            yield Skip(here, f"too large (line over the {_size(opts.max_bytes)} limit)")
            continue
        line = _decode(raw, here, first=number == 1) if isinstance(raw, bytes) else raw
        if isinstance(line, Skip):
            records += 1
            yield line
            continue
        if not line.strip():
            continue
        records += 1
        try:
            record = json.loads(line.lstrip("\ufeff").rstrip("\r\n"))
        except json.JSONDecodeError as error:
            yield Skip(here, f"not valid JSON: {error.msg} (col {error.colno})")
            continue
        except RecursionError:
            yield Skip(here, "not valid JSON: nested too deeply")
            continue
        yield _record_article(record, here, opts)
    if not records:
        yield Skip(where, "no records")


class _CsvLines:
    """Decoded physical lines for csv.reader, noting bad ones and tracking open quotes.

    A bad line (not UTF-8, too long) reaches the parser as an empty line, with one '"' if it had
    an odd number of them, so the parser's quoting stays as in the file and the row that spans
    the line is skipped with that line's reason. After a parse error inside a quoted field,
    `pass_over_record` drops lines up to the closing quote instead of reading the rest of the
    broken field as rows of its own.
    """

    def __init__(self, fh: BinaryIO, max_bytes: int):
        self.problems: dict[int, str] = {}
        self._lines = _limited_lines(fh.readline, max_bytes)
        self._too_large = f"too large (line over the {_size(max_bytes)} limit)"
        self._open_quote = self._passing_over = False

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        number, raw = next(self._lines)
        if isinstance(raw, _Overlong):
            line: str | Skip = Skip("", self._too_large)
            odd = raw.quotes % 2 == 1
        else:
            line = _decode(raw, "", first=number == 1)
            odd = raw.count(b'"') % 2 == 1
        self._open_quote ^= odd
        if self._passing_over:
            self._passing_over = self._open_quote
            return "\n"
        if isinstance(line, Skip):
            self.problems[number] = line.why
            return '"' * odd + "\n"
        return line

    def pass_over_record(self) -> None:
        self._passing_over = self._open_quote


def _read_csv(fh: BinaryIO, where: str, article_id: str, size: int, opts: _Options, *,
              delimiter: str) -> Iterator[_Item]:
    """Rows become records, each reported at the line where it starts."""
    binary = _looks_binary(fh.read(SNIFF_BYTES), where)
    if binary is not None:
        yield binary
        return
    fh.seek(0)
    lines = _CsvLines(fh, opts.max_bytes)
    rows = csv.reader(lines, delimiter=delimiter, strict=True)
    header: list[str] | None = None
    end = records = 0
    while True:
        start, here = end + 1, f"{where}:{end + 1}"
        row: list[str] | None = []
        problem = None
        limit = csv.field_size_limit(opts.max_bytes)  # restored at once: it is process-wide
        try:
            row = next(rows, None)
        except csv.Error as error:
            problem = f"malformed CSV: {error}"
            lines.pass_over_record()
        finally:
            csv.field_size_limit(limit)
        if row is None:
            break
        end = rows.line_num
        problem = next((lines.problems[n] for n in range(start, end + 1) if n in lines.problems),
                       problem)
        if problem is None and not row:
            continue
        if header is None:
            if problem is not None:
                yield Skip(here, f"{problem} (in the header row)")
                return
            header = [name.strip().lower() for name in row]
            if "text" not in header:
                found = ", ".join(name.strip() for name in row)
                yield Skip(where, f"missing text column (found columns: {found})")
                return
            continue
        records += 1
        if problem is not None:
            yield Skip(here, problem)
        elif len(row) != len(header):
            yield Skip(here, f"malformed CSV row ({len(row)} fields, header has {len(header)})")
        else:
            record: dict[str, str] = {}
            for name, value in zip(header, row, strict=True):
                record.setdefault(name, value)
            yield _record_article(record, here, opts)
    if not records:
        yield Skip(where, "no records")


def _read_stdin(opts: _Options) -> Iterator[_Item]:
    """JSONL when the first non-blank character is '{', else the whole input is one article."""
    stream = opts.stdin if opts.stdin is not None else sys.stdin
    lines = _limited_lines(stream.readline, opts.max_bytes)
    try:
        head = []
        for number, line in lines:
            head.append((number, line))
            if isinstance(line, _Overlong) or line.strip():
                break
        first = head[-1][1] if head else ""
        if isinstance(first, str) and first.lstrip().lstrip("\ufeff").startswith("{"):
            yield from _jsonl_records(itertools.chain(head, lines), STDIN, opts)
            return
        too_large = Skip(STDIN, f"too large (over the {_size(opts.max_bytes)} limit)")
        if any(isinstance(line, _Overlong) for _, line in head):
            yield too_large
            return
        text = "".join(line for _, line in head)  # type: ignore[misc]
        remaining = opts.max_bytes - len(text)
        text += stream.read(remaining + 1) if remaining >= 0 else ""
        if len(text) > opts.max_bytes:
            yield too_large
            return
    except UnicodeDecodeError as error:
        yield Skip(STDIN, f"not UTF-8 text ({error.reason})")
        return
    yield _text_article(text.lstrip("\ufeff").replace("\r\n", "\n"), STDIN, "", opts)


# --- records --------------------------------------------------------------------------------


def _record_article(record: object, where: str, opts: _Options) -> _Item:
    """A JSON object or CSV row as an Article; the record's own date wins over the option.

    Empty strings count as absent (CSV has no null). The id may be a number; everything else a
    string.
    """
    if not isinstance(record, dict):
        return Skip(where, f"not a JSON object (got {_json_type(record)})")
    text = record.get("text")
    if text is None:
        return Skip(where, "missing required field 'text'")
    if not isinstance(text, str):
        return Skip(where, f"bad field type: 'text' must be a string, got {_json_type(text)}")
    if not text.strip():
        return Skip(where, "empty text")
    fields: dict[str, str | None] = {}
    for name in ("id", "title", "url", "date"):
        value = record.get(name)
        if isinstance(value, int) and not isinstance(value, bool) and name in ("id", "date"):
            value = str(value)
        if value is None:
            continue
        if not isinstance(value, str):
            return Skip(where, f"bad field type: {name!r} must be a string, "
                               f"got {_json_type(value)}")
        if value.strip():
            fields[name] = value.strip()
    given = fields.get("date")
    fields["date"] = opts.date if given is None else _parse_date(given)
    if given is not None and fields["date"] is None:
        return Skip(where, f"invalid date {given!r} ({_DATE_HINT})")
    return Article(text=text.replace("\r\n", "\n"), origin=where, **fields)


def _parse_date(value: str) -> str | None:
    """The ISO date at the precision given, or None if invalid; a datetime keeps its date part.

    The date is taken as written, not converted to UTC: it is the day the source reports.

    >>> [_parse_date(v) for v in ("2019-01-05T23:30:00Z", "2019-02", "2019", "2019-02-30")]
    ['2019-01-05', '2019-02', '2019', None]
    """
    match = _DATE.fullmatch(value.strip())
    if match is None:
        return None
    year, month, day, time = match.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
        if time:
            time = re.sub(r"[Zz]$", "+00:00", time[1:].strip())
            dt.datetime.fromisoformat(f"{year}-{month}-{day}T{time}")
    except ValueError:
        return None
    return "-".join(part for part in (year, month, day) if part)


def _json_type(value: object) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")


def _size(count: int) -> str:
    """Sizes as people say them: '100 bytes', '2.5 kB', '10 MB'."""
    for unit, scale in (("MB", 1_000_000), ("kB", 1_000)):
        if count >= scale:
            return f"{count / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{count} bytes"


_READERS: dict[str, _Reader] = {
    "": _read_text, ".txt": _read_text, ".text": _read_text, ".md": _read_text,
    ".jsonl": _read_jsonl, ".ndjson": _read_jsonl, ".json": _read_json,
    ".csv": functools.partial(_read_csv, delimiter=","),
    ".tsv": functools.partial(_read_csv, delimiter="\t"),
    ".html": _read_html, ".htm": _read_html,
}
