"""Actor dictionaries: PETRARCH/Phoenix files and our CSV, dated roles, and overriding guesses."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from diplograph.errors import InputError
from diplograph.graph.model import Article
from diplograph.ingest.actors import find_mentions
from diplograph.ingest.dictionaries import load_dictionaries, load_dictionary, read_dictionary
from diplograph.ingest.pipeline import extract

REPO = Path(__file__).resolve().parents[1]
PHOENIX = REPO.parent / "shared" / "data" / "cameo-actor-dictionaries" / \
    "petrarch2_Phoenix.Countries.actors.txt"

PETRARCH = """\
<!-- a test dictionary
     spanning lines -->
# people
SOORONBAY_JEENBEKOV_  # CountryInfo.txt
+JEENBEKOV
\t[KGZGOV 20161213-170824]
\t[KGZGOV 171124-20201015]
\t[KGZELI]
ARNOR_ [ARN]
+ARNORIAN
OLD_FRIENDS_CLUB [NGO]
BORDER_GUARDS [KGZMIL]
RANGERS [---]
"""


@pytest.fixture(scope="module")
def petrarch():
    return read_dictionary(io.StringIO(PETRARCH), "petrarch", "test.txt")


def test_petrarch_entries_synonyms_and_types(petrarch):
    person = petrarch.get("Jeenbekov")
    assert person is petrarch.get("sooronbay jeenbekov")
    assert (person.name, person.type, person.country) == ("Sooronbay Jeenbekov", "person", "KGZ")
    assert petrarch.get("Arnorian").name == "Arnor"
    assert petrarch.get("Arnor").type is None  # a bare country code: the text decides
    assert petrarch.get("Old Friends Club").type == "organization"


@pytest.mark.parametrize(("date", "role"), [
    ("2018-06-01", "government"),  # inside the second term (six-digit dates)
    ("2017-01-01", "government"),  # inside the first (eight-digit start)
    ("2017-10", "elite"),          # between the terms: the undated default
    ("2021", "elite"),
    (None, "elite"),               # no date: only the default can apply
])
def test_dated_roles_hold_only_inside_their_dates(petrarch, date, role):
    assert petrarch.get("Jeenbekov").coding(date).role == role


def test_a_dictionary_can_say_no_actor(petrarch, nlp):
    doc = nlp("Rangers crossed the river at dawn.")
    assert not any(m.actors for m in find_mentions(doc, dictionary=petrarch))


def test_entries_override_guesses_and_apply_their_dates(petrarch, nlp):
    doc = nlp("Jeenbekov met the Arnor delegation on Monday.")
    found = {doc[m.start:m.end].text: m for m in find_mentions(doc, dictionary=petrarch,
                                                               date="2019-03-02")}
    [person] = found["Jeenbekov"].actors
    assert (person.id, person.country, person.role) == (
        "person:sooronbay-jeenbekov", "KGZ", "government")
    assert "Jeenbekov" in person.aliases
    [arnor] = next(m for text, m in found.items() if "Arnor" in text).actors
    assert arnor.country == "ARN"


def test_the_dictionary_matcher_wants_capitals(petrarch, nlp):
    doc = nlp("They found an old friends club near the border guards post.")
    assert petrarch.find(doc) == []
    doc = nlp("Members of the Old Friends Club and Border Guards met.")
    assert [doc[s:e].text for s, e, _ in petrarch.find(doc)] == ["Old Friends Club",
                                                                  "Border Guards"]


def write(tmp_path: Path, text: str, name: str = "actors.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


CSV = """\
# our own actors
name,aliases,type,country,role,from,to,wikidata
Kassym-Jomart Tokayev,Tokayev;K. Tokayev,person,KAZ,head_of_state,2019-03-20,,Q3196473
Kassym-Jomart Tokayev,,person,KAZ,Chairman of the Senate,2013-10-16,2019-03-19,
Steppe Rangers,,group,KAZ,rebel,,,
"""


def test_csv_rows_become_one_actor_with_dated_roles(tmp_path):
    dictionary = load_dictionary(write(tmp_path, CSV))
    entry = dictionary.get("K. Tokayev")
    assert (entry.name, entry.type, entry.wikidata) == ("Kassym-Jomart Tokayev", "person",
                                                        "Q3196473")
    assert entry.coding("2020-01-01").role == "head_of_state"
    assert entry.coding("2015").role == "legislature"
    assert entry.coding("2001") is None
    assert dictionary.get("Steppe Rangers").type == "group"


def test_csv_roles_apply_in_text_only_inside_their_dates(tmp_path, nlp):
    dictionary = load_dictionary(write(tmp_path, CSV))
    doc = nlp("Tokayev spoke to the press.")

    def person(date):
        [mention] = [m for m in find_mentions(doc, dictionary=dictionary, date=date)]
        return mention.actors[0]

    assert (person("2021-06-01").role, person("2021-06-01").wikidata) == ("head_of_state",
                                                                          "Q3196473")
    assert person("2016-06-01").role == "legislature"
    assert (person("2005").role, person("2005").country) == (None, "KAZ")


def test_a_later_file_overrides_an_earlier_one(tmp_path):
    first = write(tmp_path, "name,country\nAlex Mercer,GBR\n", "a.csv")
    second = write(tmp_path, "name,country\nAlex Mercer,CAN\n", "b.csv")
    assert load_dictionaries([first, second]).get("Alex Mercer").country == "CAN"
    assert load_dictionaries([second, first]).get("Alex Mercer").country == "GBR"


@pytest.mark.parametrize(("row", "message"), [
    ("Ann Lee,,alien,,,,,", "type must be one of"),
    ("Ann Lee,,person,Atlantis,,,,", "neither an ISO3 code"),
    ("Ann Lee,,person,,Grand Wizard,,,", "not a title we know"),
    ("Ann Lee,,person,,,2020-13-01,,", "from must be"),
    ("Ann Lee,,person,,,,,12345", "Q-id"),
])
def test_bad_csv_rows_name_the_file_and_line(tmp_path, row, message):
    path = write(tmp_path, "name,aliases,type,country,role,from,to,wikidata\n" + row + "\n")
    with pytest.raises(InputError, match=message) as info:
        load_dictionary(path)
    assert str(info.value).startswith(f"{path}:2")


def test_a_missing_dictionary_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="actor dictionary not found"):
        list(extract([Article(text="x")], actors=[tmp_path / "none.csv"]))


def test_extract_takes_dictionaries(tmp_path, nlp):
    path = write(tmp_path, "name,aliases,country,role\nAlex Mercer,Mercer,GBR,envoy\n")
    text = "Mercer met Kazakh President Kassym-Jomart Tokayev in Astana on Monday."
    [graph] = extract([Article(text=text, id="m1", date="2021-06-07")], nlp=nlp, actors=[path])
    [event] = [e for e in graph.events if e.trigger == "met"]
    assert [(a.name, a.country, a.role) for a in event.source] == [("Alex Mercer", "GBR",
                                                                     "envoy")]


@pytest.mark.skipif(not PHOENIX.exists(), reason=f"Phoenix dictionary not found at {PHOENIX}")
def test_the_phoenix_country_dictionary_loads_with_its_dates(nlp):
    dictionary = load_dictionary(PHOENIX)
    assert len(dictionary) > 15000
    entry = dictionary.get("Almazbek Atambayev")
    assert entry.coding("2017-01-09").code == "KGZGOV"   # [KGZGOV >110101]
    assert entry.coding("2009-06-01").code == "KGZELI"   # only the undated default then
    doc = nlp("Almazbek Atambaev met the delegation.")
    [mention] = [m for m in find_mentions(doc, dictionary=dictionary, date="2017-01-09")
                 if m.actors and m.actors[0].type == "person"]
    assert (mention.actors[0].name, mention.actors[0].country) == ("Almazbek Atambayev", "KGZ")
