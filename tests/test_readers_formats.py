"""Every input format the readers accept, read from small fixtures in our own words."""

from __future__ import annotations

import doctest
import io
import shutil
from pathlib import Path

import pytest

from diplograph.graph.model import Article
from diplograph.ingest import readers
from diplograph.ingest.readers import Skip, read_articles

FIXTURES = Path(__file__).parent / "fixtures" / "readers"
CORPUS = FIXTURES / "corpus"


def read(sources, **options) -> tuple[list[Article], list[Skip]]:
    skipped: list[Skip] = []
    return list(read_articles(sources, skipped=skipped, **options)), skipped


def test_text_file_is_one_article_kept_exactly_as_written():
    path = CORPUS / "kyrgyzstan-china.txt"
    (article,), skipped = read([path])
    assert skipped == []
    assert article.id == "kyrgyzstan-china"
    assert article.title == "Kyrgyz and Chinese leaders discuss trade in Beijing"
    assert article.text == path.read_text(encoding="utf-8")  # the headline stays in the text
    assert article.origin == str(path)
    assert article.date is None and article.url is None


def test_text_file_only_changes_crlf_and_drops_the_bom(tmp_path):
    path = tmp_path / "note.txt"
    path.write_bytes(b"\xef\xbb\xbfTalks in Oslo\r\n\r\n"
                     b"  Two  spaces\tand a tab.\r\nA lone \r stays.")
    (article,), _ = read([path])
    assert article.text == "Talks in Oslo\n\n  Two  spaces\tand a tab.\nA lone \r stays."
    assert article.title == "Talks in Oslo"


@pytest.mark.parametrize(("text", "title"), [
    ("Leaders meet in Oslo\n\nThe leaders met.", "Leaders meet in Oslo"),
    ("\n\n   # Spaced Markdown heading  \nBody.", "Spaced Markdown heading"),
    ("Will the talks resume?\nNobody knows.", "Will the talks resume?"),
    ("The leaders met in Oslo.\nThey talked.", None),  # a sentence, not a headline
    ("A single line without a full stop", None),  # nothing follows it
    ("x" * 151 + "\nBody.", None),  # too long for a headline
    ("x" * 150 + "\nBody.", "x" * 150),
])
def test_headline_is_a_short_first_line_without_full_stop(tmp_path, text, title):
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    (article,), _ = read([path])
    assert article.title == title
    assert article.text == text


def test_directory_is_read_recursively_with_ids_relative_to_the_argument():
    articles, skipped = read([CORPUS])
    assert skipped == []
    assert [a.id for a in articles] == ["kyrgyzstan-china", "sub/briefing", "sub/ceasefire"]
    assert [a.origin for a in articles] == [str(CORPUS / "kyrgyzstan-china.txt"),
                                            str(CORPUS / "sub" / "briefing"),
                                            str(CORPUS / "sub" / "ceasefire.md")]
    assert articles[2].title == "Envoys agree to extend the ceasefire"


def test_the_same_tree_gives_the_same_ids_wherever_it_lives(tmp_path):
    copy = tmp_path / "elsewhere" / "corpus"
    shutil.copytree(CORPUS, copy)
    assert [a.id for a in read([copy])[0]] == [a.id for a in read([CORPUS])[0]]


def test_directory_order_is_by_code_point_and_hidden_names_are_ignored(tmp_path):
    for name in ["b.txt", "a/z.txt", "a.txt", "B.txt", "a/.draft.txt", ".cache/copy.txt",
                 "é.txt"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Article {name}.", encoding="utf-8")
    articles, skipped = read([str(tmp_path) + "/"])
    assert skipped == []
    assert [a.id for a in articles] == ["B", "a/z", "a", "b", "é"]
    assert articles[1].origin == f"{tmp_path}/a/z.txt"


def test_an_explicitly_named_hidden_file_is_read(tmp_path):
    path = tmp_path / ".note.txt"
    path.write_text("Named on purpose.", encoding="utf-8")
    assert [a.id for a in read([path])[0]] == [".note"]


def test_jsonl_one_record_per_line_blank_lines_ignored():
    path = FIXTURES / "records.jsonl"
    articles, skipped = read([path], date="2019-12-31")
    assert skipped == []
    assert [(a.id, a.title, a.date, a.url, a.origin) for a in articles] == [
        ("r1", "Border talks resume", "2019-03-04", "https://example.org/r1", f"{path}:1"),
        ("r2", None, "2019-03-05", None, f"{path}:3"),
        (Article(text=articles[2].text, title="Aid pledged").id, "Aid pledged", "2019-12-31",
         None, f"{path}:4"),
    ]
    assert articles[1].text == "The foreign minister criticised the new sanctions."


def test_ndjson_extension_and_uppercase_extension_are_jsonl(tmp_path):
    for name in ("a.ndjson", "b.JSONL"):
        (tmp_path / name).write_text(f'{{"id": "{name}", "text": "Talks."}}\n', encoding="utf-8")
    assert [a.id for a in read([tmp_path])[0]] == ["a.ndjson", "b.JSONL"]


def test_json_list_gives_each_item_the_line_it_starts_on():
    path = FIXTURES / "list.json"
    articles, skipped = read([path])
    assert skipped == []
    assert [(a.id, a.date, a.origin) for a in articles] == [
        ("j1", "2020-06", f"{path}:2"), ("j2", "2020", f"{path}:3")]


def test_json_single_object_is_one_article_from_the_file(tmp_path):
    path = tmp_path / "one.json"
    path.write_text('{"id": 17, "text": "Envoys met.", "url": " https://example.org/17 "}',
                    encoding="utf-8")
    (article,), skipped = read([path])
    assert skipped == []
    assert (article.id, article.url, article.origin) == ("17", "https://example.org/17",
                                                         str(path))


def test_csv_headers_are_case_insensitive_and_rows_keep_their_first_line():
    path = FIXTURES / "records.csv"
    articles, skipped = read([path], date="2018-01-01")
    assert skipped == []
    assert [(a.id, a.title, a.date, a.origin) for a in articles] == [
        ("c1", "Embassy reopens", "2018-07-02", f"{path}:2"),
        ("c2", None, "2018-01-01", f"{path}:3"),  # empty cells count as absent
        ("c3", "Envoy recalled", "2018-07-09", f"{path}:5"),  # after a two-line row
    ]
    assert articles[1].text == "The talks covered two topics:\ntrade and visas."


def test_csv_quoted_crlf_becomes_lf_and_bom_is_dropped(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes(b'\xef\xbb\xbftext,id\r\n"Line one.\r\nLine two.",x1\r\n')
    (article,), skipped = read([path])
    assert skipped == []
    assert (article.id, article.text, article.origin) == ("x1", "Line one.\nLine two.",
                                                          f"{path}:2")


def test_tsv_is_tab_separated():
    path = FIXTURES / "records.tsv"
    (article,), skipped = read([path])
    assert skipped == []
    assert (article.id, article.date, article.origin) == ("t1", "2016-11", f"{path}:2")
    assert article.text == "The ministers signed a water-sharing accord."


def test_html_keeps_visible_text_and_takes_title_date_and_url():
    path = FIXTURES / "page.html"
    (article,), skipped = read([path], date="1999-01-01")
    assert skipped == []
    assert article.id == "page"
    assert article.title == "Foreign ministers meet in Vienna"
    assert article.date == "2021-05-10"  # the page's own date wins over the option
    assert article.url == "https://example.org/vienna"
    assert article.text == (
        "Foreign ministers meet in Vienna\n\n"
        "The foreign ministers met in Vienna on Monday\nto discuss the nuclear file.\n\n"
        'Both said the talks were "useful" & would continue.\nA second round is planned.')
    for hidden in ("tracking", "color", "Home", "hidden", "Copyright"):
        assert hidden not in article.text


@pytest.mark.parametrize(("head", "date"), [
    ("", "1999-01-01"),
    ('<meta name="date" content="2020-02-30">', "1999-01-01"),  # garbled: ignored
    ('<meta name="DC.date" content="2020-02">', "2020-02"),
])
def test_html_date_falls_back_to_the_option(tmp_path, head, date):
    path = tmp_path / "p.htm"
    path.write_text(f"<html><head>{head}</head><body><p>Talks.</p></body></html>",
                    encoding="utf-8")
    (article,), _ = read([path], date="1999-01-01")
    assert (article.date, article.title, article.text) == (date, None, "Talks.")


def test_html_unclosed_hidden_element_in_head_does_not_hide_the_body(tmp_path):
    path = tmp_path / "p.html"
    path.write_text("<html><head><noscript>enable js<body><p>Envoys met.</p>", encoding="utf-8")
    (article,), _ = read([path])
    assert article.text == "Envoys met."


def test_stdin_starting_with_a_brace_is_jsonl():
    stdin = io.StringIO('\n  {"id": "s1", "text": "Envoys met."}\n'
                        '\n{"id": "s2", "text": "Talks."}\n')
    articles, skipped = read(["-"], stdin=stdin)
    assert skipped == []
    assert [(a.id, a.origin) for a in articles] == [("s1", "<stdin>:2"), ("s2", "<stdin>:4")]


def test_stdin_otherwise_is_one_text_article_with_a_content_id():
    text = "\nMinisters meet in Rome\n\nThey met on Monday.\n"
    articles, skipped = read(["-"], stdin=io.StringIO(text), date="2015-05-04")
    assert skipped == []
    assert [(a.text, a.title, a.date, a.origin) for a in articles] == [
        (text, "Ministers meet in Rome", "2015-05-04", "<stdin>")]
    assert articles[0].id == read(["-"], stdin=io.StringIO(text))[0][0].id


def test_sources_are_read_in_the_order_given(tmp_path):
    stdin = io.StringIO('{"id": "from-stdin", "text": "Talks."}\n')
    sources = [FIXTURES / "records.tsv", "-", CORPUS / "sub"]
    assert [a.id for a in read(sources, stdin=stdin)[0]] == ["t1", "from-stdin", "briefing",
                                                            "ceasefire"]


def test_a_single_path_is_not_taken_for_a_list_of_characters():
    assert [a.id for a in read(str(FIXTURES / "records.tsv"))[0]] == ["t1"]


def test_date_option_fills_gaps_and_never_overrides(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text('{"id": "own", "text": "A.", "date": "2001-02-03"}\n'
                    '{"id": "none", "text": "B."}\n'
                    '{"id": "null", "text": "C.", "date": null}\n', encoding="utf-8")
    text = tmp_path / "plain.txt"
    text.write_text("D.", encoding="utf-8")
    dated = {a.id: a.date for a in read([path, text], date="2010-10")[0]}
    assert dated == {"own": "2001-02-03", "none": "2010-10", "null": "2010-10",
                     "plain": "2010-10"}
    assert {a.id: a.date for a in read([path, text])[0]} == {
        "own": "2001-02-03", "none": None, "null": None, "plain": None}


@pytest.mark.parametrize(("given", "kept"), [
    ('"2019-01-05"', "2019-01-05"),
    ('"2019-01"', "2019-01"),
    ('"2019"', "2019"),
    ("2019", "2019"),
    ('"2019-01-05T10:00:00Z"', "2019-01-05"),
    ('"2019-01-05T23:30:00-05:00"', "2019-01-05"),  # the day as reported, not moved to UTC
    ('"2019-01-05 10:00"', "2019-01-05"),
    ('"2019-01-05T10:00:00.123456+01:00"', "2019-01-05"),
    ('" 2019-01-05 "', "2019-01-05"),
])
def test_accepted_date_forms(tmp_path, given, kept):
    path = tmp_path / "d.jsonl"
    path.write_text(f'{{"text": "Talks.", "date": {given}}}\n', encoding="utf-8")
    (article,), skipped = read([path])
    assert skipped == []
    assert article.date == kept


def test_date_option_accepts_a_datetime_too(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Talks.", encoding="utf-8")
    assert read([path], date="2017-01-06T08:00:00Z")[0][0].date == "2017-01-06"


class CountingStream(io.StringIO):
    """A real text stream that remembers how many lines were asked of it."""

    lines_read = 0

    def readline(self, size: int = -1) -> str:
        self.lines_read += 1
        return super().readline(size)


def test_jsonl_is_streamed_not_loaded_whole():
    stream = CountingStream("".join(f'{{"id": "n{i}", "text": "Talks {i}."}}\n'
                                    for i in range(1000)))
    articles = read_articles(["-"], stdin=stream)
    assert next(articles).id == "n0"
    assert stream.lines_read <= 2
    assert sum(1 for _ in articles) == 999


def test_jsonl_file_is_streamed_not_loaded_whole(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_text('{"id": "first", "text": "Talks."}\n', encoding="utf-8")
    articles = read_articles([path])
    assert next(articles).id == "first"
    with path.open("a", encoding="utf-8") as fh:  # appended after the first record was read
        fh.write('{"id": "appended", "text": "More talks."}\n')
    assert [a.id for a in articles] == ["appended"]


def test_module_doctests_pass():
    result = doctest.testmod(readers)
    assert result.attempted >= 5
    assert result.failed == 0
