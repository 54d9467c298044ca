"""Bad input is reported (which file, which line, why) and skipped; the batch goes on."""

from __future__ import annotations

import io
import logging
import os
from pathlib import Path

import pytest

from diplograph.errors import InputError
from diplograph.graph.model import Article
from diplograph.ingest.readers import Skip, read_articles, summarize_skips

GOOD = "The envoys met in Geneva on Monday."


def read(sources, **options) -> tuple[list[Article], list[Skip]]:
    skipped: list[Skip] = []
    return list(read_articles(sources, skipped=skipped, **options)), skipped


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def jsonl(*texts: str) -> str:
    return "".join(f'{{"id": "{text}", "text": "{text}"}}\n' for text in texts)


@pytest.mark.parametrize(("content", "why"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (NUL bytes)"),
    (b"", "empty text"),
    (b" \n\t\r\n  ", "empty text"),
    (b"Talks in Ankara\xff ended.", "not UTF-8 text (byte 0xff at offset 15)"),
    (b"\xef\xbb\xbfTalks\xc3(", "not UTF-8 text (byte 0xc3 at offset 8)"),  # offset counts the BOM
    ("Talks ended.".encode("utf-16"), "not UTF-8 text (UTF-16 byte-order mark; save it as UTF-8)"),
])
def test_bad_text_file_is_skipped_and_the_next_one_read(tmp_path, content, why):
    bad = write(tmp_path / "bad.txt", content)
    good = write(tmp_path / "good.txt", GOOD)
    articles, skipped = read([bad, good])
    assert skipped == [Skip(str(bad), why)]
    assert [a.id for a in articles] == ["good"]


def test_binary_with_a_text_extension_in_jsonl_and_csv_is_one_skip(tmp_path):
    for name in ("data.jsonl", "data.csv", "data.json", "page.html"):
        write(tmp_path / name, b'{"text": "x"}\x00\x00')
    _, skipped = read([tmp_path])
    assert [str(s) for s in skipped] == [
        f"{tmp_path / name}: binary file (NUL bytes)"
        for name in ("data.csv", "data.json", "data.jsonl", "page.html")]


def test_file_over_the_limit_is_skipped_without_reading_it(tmp_path):
    big = write(tmp_path / "big.txt", "x" * 150)
    exact = write(tmp_path / "exact.txt", "y" * 100)
    articles, skipped = read([big, exact], max_bytes=100)
    assert skipped == [Skip(str(big), "too large (150 bytes > 100 bytes limit)")]
    assert [a.id for a in articles] == ["exact"]
    assert str(read([big], max_bytes=2_500)[1]) == "[]"
    _, skipped = read([write(tmp_path / "big.json", "[" + " " * 12_345_678 + "]")])
    assert skipped == [Skip(str(tmp_path / "big.json"), "too large (12.3 MB > 10 MB limit)")]


def test_malformed_jsonl_line_in_the_middle_keeps_its_neighbours(tmp_path):
    path = write(tmp_path / "feed.jsonl",
                 jsonl("one") + '{"id": "two" "text": "broken"}\n' + jsonl("three"))
    articles, skipped = read([path])
    assert [a.id for a in articles] == ["one", "three"]
    assert skipped == [Skip(f"{path}:2", "not valid JSON: Expecting ',' delimiter (col 14)")]


def test_overlong_jsonl_line_is_skipped_and_reading_resumes_after_it(tmp_path):
    long_line = '{"id": "long", "text": "' + "x" * 500 + '"}\n'
    exact = '{"text": "' + "y" * 88 + '"}'  # 100 characters: exactly the limit
    path = write(tmp_path / "feed.jsonl", jsonl("one") + long_line + exact + "\n" + jsonl("four"))
    articles, skipped = read([path], max_bytes=100)
    assert [a.origin for a in articles] == [f"{path}:1", f"{path}:3", f"{path}:4"]
    assert skipped == [Skip(f"{path}:2", "too large (line over the 100 bytes limit)")]


@pytest.mark.parametrize(("line", "why"), [
    ("[1, 2]", "not a JSON object (got array)"),
    ('"just text"', "not a JSON object (got string)"),
    ("null", "not a JSON object (got null)"),
    ('{"id": "x", "title": "No body"}', "missing required field 'text'"),
    ('{"text": null}', "missing required field 'text'"),
    ('{"Text": "Wrong case."}', "missing required field 'text'"),
    ('{"text": 42}', "bad field type: 'text' must be a string, got number"),
    ('{"text": "   "}', "empty text"),
    ('{"text": "Talks.", "title": ["a"]}', "bad field type: 'title' must be a string, got array"),
    ('{"text": "Talks.", "id": true}', "bad field type: 'id' must be a string, got boolean"),
    ('{"text": "Talks.", "date": "2017-13-45"}',
     "invalid date '2017-13-45' (want YYYY-MM-DD, YYYY-MM, YYYY or an ISO datetime)"),
    ('{"text": "Talks.", "date": "2019-02-29"}',
     "invalid date '2019-02-29' (want YYYY-MM-DD, YYYY-MM, YYYY or an ISO datetime)"),
    ('{"text": "Talks.", "date": "05/01/2019"}',
     "invalid date '05/01/2019' (want YYYY-MM-DD, YYYY-MM, YYYY or an ISO datetime)"),
    ('{"text": "Talks.", "date": "2019-01-05T25:00"}',
     "invalid date '2019-01-05T25:00' (want YYYY-MM-DD, YYYY-MM, YYYY or an ISO datetime)"),
    ('{"text": "Talks.", "date": "\u0662\u0660\u0661\u0669"}',  # Arabic-Indic digits
     "invalid date '\u0662\u0660\u0661\u0669' (want YYYY-MM-DD, YYYY-MM, YYYY or an ISO datetime)"),
    ('{"text": "Talks.", "date": {"y": 2019}}',
     "bad field type: 'date' must be a string, got object"),
    ("[" * 100_000, "not valid JSON: nested too deeply"),
    ("{'text': 'single quotes'}",
     "not valid JSON: Expecting property name enclosed in double quotes (col 2)"),
])
def test_bad_jsonl_record_is_skipped_with_its_line(tmp_path, line, why):
    path = write(tmp_path / "feed.jsonl", jsonl("before") + line + "\n" + jsonl("after"))
    articles, skipped = read([path], date="2000-01-01")  # the option never rescues a bad date
    assert skipped == [Skip(f"{path}:2", why)]
    assert [a.id for a in articles] == ["before", "after"]


def test_invalid_utf8_on_one_jsonl_line_skips_only_that_line(tmp_path):
    path = write(tmp_path / "feed.jsonl",
                 jsonl("one").encode() + b'{"text": "caf\xe9"}\n' + jsonl("three").encode())
    articles, skipped = read([path])
    assert skipped == [Skip(f"{path}:2", "not UTF-8 text (byte 0xe9 at offset 13)")]
    assert [a.id for a in articles] == ["one", "three"]


@pytest.mark.parametrize("content", ["", "\n\n  \n"])
def test_jsonl_without_records_is_reported(tmp_path, content):
    path = write(tmp_path / "empty.jsonl", content)
    assert read([path]) == ([], [Skip(str(path), "no records")])


def test_malformed_json_list_keeps_the_items_before_the_error(tmp_path):
    path = write(tmp_path / "list.json",
                 '[\n{"id": "a", "text": "A."},\n{"id": "b", "text": "B."}\n{"id": "c"}\n]')
    articles, skipped = read([path])
    assert [a.id for a in articles] == ["a", "b"]
    assert skipped == [Skip(f"{path}:4", "not valid JSON: Expecting ',' delimiter (col 1)")]


@pytest.mark.parametrize(("content", "where", "why"), [
    ('{"text": "A."', ":1", "not valid JSON: Expecting ',' delimiter (col 14)"),
    ('"a string"', "", "not a JSON object (got string)"),
    ("[]", "", "no records"),
    ("  [ ]  \n", "", "no records"),
    ('[{"text": "A."}] x', ":1", "not valid JSON: Extra data (col 18)"),
    ('[{"text": "A."},]', ":1", "not valid JSON: Expecting value (col 17)"),
    ('[{"text": "A."}, 3]', ":1", "not a JSON object (got number)"),
    ("[" * 100_000, ":1", "not valid JSON: nested too deeply"),
])
def test_bad_json_file(tmp_path, content, where, why):
    path = write(tmp_path / "data.json", content)
    _, skipped = read([path])
    assert skipped == [Skip(f"{path}{where}", why)]


def test_csv_without_text_column_is_one_skip_naming_the_columns(tmp_path):
    path = write(tmp_path / "wrong.csv", "ID,Title,Body\n1,Talks,The envoys met.\n2,More,Again.\n")
    good = write(tmp_path / "right.csv", "text\nThe envoys met.\n")
    articles, skipped = read([path, good])
    assert skipped == [Skip(str(path), "missing text column (found columns: ID, Title, Body)")]
    assert [a.origin for a in articles] == [f"{good}:2"]


@pytest.mark.parametrize(("row", "why"), [
    ("3,Talks,The envoys met, then left.", "malformed CSV row (4 fields, header has 3)"),
    ("3,Talks", "malformed CSV row (2 fields, header has 3)"),
    ('3,"Talks" again,x', "malformed CSV: ',' expected after '\"'"),
    ("3,Talks,", "empty text"),
    ("3,Talks,The envoys met\xff.", "not UTF-8 text (byte 0xff at offset 22)"),
    ("3,Talks," + "x" * 300, "too large (line over the 200 bytes limit)"),
    ('3,Talks,"' + "x\n" * 150 + '"', "malformed CSV: field larger than field limit (200)"),
])
def test_bad_csv_row_is_skipped_at_its_line_and_the_next_rows_read(tmp_path, row, why):
    content = "id,title,text\n1,One,First text.\n" + row + "\n4,Four,Last text.\n"
    path = write(tmp_path / "rows.csv", content.encode("utf-8").replace(b"\xc3\xbf", b"\xff"))
    articles, skipped = read([path], max_bytes=200)
    assert skipped == [Skip(f"{path}:3", why)]
    assert [a.id for a in articles] == ["1", "4"]
    assert articles[1].text == "Last text."


@pytest.mark.parametrize(("broken", "why", "next_line"), [
    # a bad line holding the closing quote: the parser must still see the field end there
    ("x" * 300 + '",x\n', "too large (line over the 200 bytes limit)", 6),
    ('\xff end",x\n', "not UTF-8 text (byte 0xff at offset 0)", 6),
    # a parse error inside a quoted field: the rest of that field is passed over, not read as rows
    ('"Talks" resumed\n2,"oops,x\n', "malformed CSV: ',' expected after '\"'", 7),
])
def test_csv_stays_in_step_after_a_broken_quoted_field(tmp_path, broken, why, next_line):
    content = ('id,title,text\n1,One,First text.\n3,"Quoted title\nspanning lines\n'
               + broken + '4,Four,"Last ""text"",\nstill quoted."\n')
    path = write(tmp_path / "rows.csv", content.encode("utf-8").replace(b"\xc3\xbf", b"\xff"))
    articles, skipped = read([path], max_bytes=200)
    assert skipped == [Skip(f"{path}:3", why)]
    assert [(a.id, a.origin) for a in articles] == [("1", f"{path}:2"),
                                                    ("4", f"{path}:{next_line}")]
    assert articles[1].text == 'Last "text",\nstill quoted.'


def test_csv_field_limit_is_restored_for_other_code(tmp_path):
    import csv
    before = csv.field_size_limit()
    path = write(tmp_path / "rows.csv", "text\nA.\nB.\n")
    articles = read_articles([path], max_bytes=50)
    next(articles)
    assert csv.field_size_limit() == before


def test_csv_with_unterminated_quote_reports_where_the_row_starts(tmp_path):
    path = write(tmp_path / "rows.csv", 'id,text\n1,Fine.\n2,"Never closed.\n3,Lost.\n')
    articles, skipped = read([path])
    assert [a.id for a in articles] == ["1"]
    assert skipped == [Skip(f"{path}:3", "malformed CSV: unexpected end of data")]


@pytest.mark.parametrize("content", ["", "\n", "id,text\n", "id,text\n\n\n"])
def test_csv_without_rows_is_reported(tmp_path, content):
    path = write(tmp_path / "rows.csv", content)
    assert read([path]) == ([], [Skip(str(path), "no records")])


def test_csv_with_broken_header_is_one_skip(tmp_path):
    path = write(tmp_path / "rows.csv", b"id,t\xe9xt\n1,Talks.\n")
    why = "not UTF-8 text (byte 0xe9 at offset 4) (in the header row)"
    assert read([path]) == ([], [Skip(f"{path}:1", why)])


def test_bad_date_in_csv_skips_the_row(tmp_path):
    path = write(tmp_path / "rows.csv", "id,date,text\n1,2017-01-06,A.\n2,yesterday,B.\n")
    articles, skipped = read([path])
    assert [a.id for a in articles] == ["1"]
    assert skipped == [Skip(f"{path}:3", "invalid date 'yesterday' "
                                         "(want YYYY-MM-DD, YYYY-MM, YYYY or an ISO datetime)")]


@pytest.mark.parametrize("date", ["2017-13-45", "soon", "17-01-06", ""])
def test_invalid_date_option_is_refused_before_anything_is_read(date):
    with pytest.raises(InputError, match="invalid date") as caught:
        read_articles(["/no/such/path"], date=date)
    assert caught.value.where == "date"


def test_duplicate_id_keeps_the_first_and_names_it(tmp_path):
    first = write(tmp_path / "a.jsonl", jsonl("x", "y"))
    second = write(tmp_path / "b.jsonl", jsonl("z", "x"))
    articles, skipped = read([first, second])
    assert [a.origin for a in articles] == [f"{first}:1", f"{first}:2", f"{second}:1"]
    assert skipped == [Skip(f"{second}:2", f"duplicate id 'x' (first seen at {first}:1)")]


def test_same_name_with_two_extensions_collides(tmp_path):
    write(tmp_path / "talks.md", "First.")
    write(tmp_path / "talks.txt", "Second.")
    articles, skipped = read([tmp_path])
    assert [a.text for a in articles] == ["First."]
    assert [str(s) for s in skipped] == [
        f"{tmp_path / 'talks.txt'}: duplicate id 'talks' (first seen at {tmp_path / 'talks.md'})"]


def test_same_text_twice_without_ids_is_a_duplicate(tmp_path):
    path = write(tmp_path / "a.jsonl", '{"text": "Same."}\n{"text": "Same."}\n')
    articles, skipped = read([path])
    assert len(articles) == 1
    assert [s.where for s in skipped] == [f"{path}:2"]
    assert skipped[0].why.startswith(f"duplicate id '{articles[0].id}'")


def test_missing_path_and_broken_link_are_reported(tmp_path):
    good = write(tmp_path / "good.txt", GOOD)
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "gone.txt")
    missing = str(tmp_path / "nowhere.jsonl")
    articles, skipped = read([missing, link, good])
    assert skipped == [Skip(missing, "no such file or directory"),
                       Skip(str(link), "broken symbolic link")]
    assert [a.id for a in articles] == ["good"]


def test_unsupported_and_special_files_are_reported(tmp_path):
    write(tmp_path / "scan.PDF", b"%PDF-1.4")
    write(tmp_path / "feed.xml", "<rss/>")
    os.mkfifo(tmp_path / "pipe.txt")
    _, skipped = read([tmp_path])
    want = "(want .txt, .md, .jsonl, .json, .csv, .tsv, .html or no extension)"
    assert [str(s) for s in skipped] == [
        f"{tmp_path / 'feed.xml'}: unsupported file type '.xml' {want}",
        f"{tmp_path / 'pipe.txt'}: not a regular file",
        f"{tmp_path / 'scan.PDF'}: unsupported file type '.PDF' {want}",
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file_and_directory_are_reported(tmp_path):
    locked_file = write(tmp_path / "locked.txt", GOOD)
    locked_dir = tmp_path / "locked"
    write(locked_dir / "inside.txt", GOOD)
    write(tmp_path / "good.txt", GOOD)
    locked_file.chmod(0)
    locked_dir.chmod(0)
    try:
        articles, skipped = read([tmp_path])
    finally:
        locked_dir.chmod(0o755)
        locked_file.chmod(0o644)
    assert skipped == [Skip(str(locked_dir), "cannot read: Permission denied"),
                       Skip(str(locked_file), "cannot read: Permission denied")]
    assert [a.id for a in articles] == ["good"]


def test_directory_symlink_loop_is_reported_once(tmp_path):
    write(tmp_path / "sub" / "a.txt", GOOD)
    (tmp_path / "sub" / "up").symlink_to(tmp_path)
    articles, skipped = read([tmp_path])
    assert [a.id for a in articles] == ["sub/a"]
    assert skipped == [Skip(str(tmp_path / "sub" / "up"), "directory symlink loop")]


def test_one_bad_file_among_good_ones_in_a_tree(tmp_path):
    for i in range(5):
        write(tmp_path / f"day{i}" / "report.txt", f"Report {i}: the envoys met.")
    bad = write(tmp_path / "day3" / "scan.txt", b"\x00\x01\x02")
    articles, skipped = read([tmp_path])
    assert [a.id for a in articles] == [f"day{i}/report" for i in range(5)]
    assert skipped == [Skip(str(bad), "binary file (NUL bytes)")]


def test_html_the_parser_refuses_is_reported(tmp_path):
    path = write(tmp_path / "page.html", "<p>Talks.</p><![foo bar")
    good = write(tmp_path / "ok.html", "<p>Talks went on.</p>")
    assert read([path, good]) == (
        [Article(text="Talks went on.", id="ok", origin=str(good))],
        [Skip(str(path), "malformed HTML: unknown status keyword 'foo ' in marked section")])


def test_html_without_visible_text_is_empty(tmp_path):
    path = write(tmp_path / "page.html",
                 "<html><head><title>Only a title</title><script>x()</script></head></html>")
    assert read([path]) == ([], [Skip(str(path), "empty text")])


@pytest.mark.parametrize(("stdin", "why"), [
    ("", "empty text"),
    ("  \n\n", "empty text"),
    ("x" * 101, "too large (over the 100 bytes limit)"),
    ("Headline\n" + "x" * 95, "too large (over the 100 bytes limit)"),
    ("\n" * 60 + "y" * 60, "too large (over the 100 bytes limit)"),
])
def test_bad_stdin_text(stdin, why):
    assert read(["-"], stdin=io.StringIO(stdin), max_bytes=100) == ([], [Skip("<stdin>", why)])


def test_bad_line_on_stdin_jsonl_names_the_line():
    stdin = io.StringIO(jsonl("one") + "{oops\n" + jsonl("three"))
    articles, skipped = read(["-"], stdin=stdin)
    assert [a.id for a in articles] == ["one", "three"]
    assert [str(s) for s in skipped] == [
        "<stdin>:2: not valid JSON: Expecting property name enclosed in double quotes (col 2)"]


def test_undecodable_stdin_is_reported():
    stdin = io.TextIOWrapper(io.BytesIO(b"Talks in Ankara\xff ended."), encoding="utf-8")
    why = "not UTF-8 text (invalid start byte)"
    assert read(["-"], stdin=stdin) == ([], [Skip("<stdin>", why)])


def test_summary_counts_skips_by_kind(tmp_path):
    write(tmp_path / "empty.txt", "")
    write(tmp_path / "blank.md", "  \n")
    write(tmp_path / "feed.jsonl", jsonl("a") + "{bad\n" + "[1]\n" + "{\n" + jsonl("a"))
    write(tmp_path / "ok.txt", GOOD)
    articles, skipped = read([tmp_path, tmp_path / "missing.txt"])
    assert [a.id for a in articles] == ["a", "ok"]
    assert summarize_skips(skipped) == ("skipped 7 items: 2 empty text, 2 not valid JSON, "
                                        "1 not a JSON object, 1 duplicate id, "
                                        "1 no such file or directory")
    assert summarize_skips(skipped[:1]) == "skipped 1 item: 1 empty text"
    assert summarize_skips([]) == "nothing skipped"


def test_skip_reads_as_where_colon_why():
    assert str(Skip("feed.jsonl:17", "empty text")) == "feed.jsonl:17: empty text"


def test_without_a_skipped_list_skips_are_logged_not_lost(tmp_path, caplog):
    path = write(tmp_path / "feed.jsonl", jsonl("one") + "{bad\n")
    with caplog.at_level(logging.WARNING, logger="diplograph.ingest.readers"):
        articles = list(read_articles([path]))
    assert [a.id for a in articles] == ["one"]
    assert [r.getMessage() for r in caplog.records] == [
        f"{path}:2: not valid JSON: Expecting property name enclosed in double quotes (col 2)"]
