"""The gazetteer: names, demonyms, capitals, places, IGOs and titles resolve as documented."""

from __future__ import annotations

import csv
import doctest
import time
from collections import Counter
from importlib.resources import files
from pathlib import Path

import pycountry
import pytest

from diplograph.graph.states import FORMER_STATES
from diplograph.ingest import gazetteer
from diplograph.ingest.gazetteer import (
    IGO_KINDS, ROLES, all_country_names, all_titles, alternatives, country_code, country_name,
    igo, is_country_code, lookup, place, split_compound_demonym, title_role,
)

REPO = Path(__file__).resolve().parents[1]
NGEC = REPO / ".." / "shared" / "data" / "cameo-actor-dictionaries" / "ngec_countries.csv"

UN_MEMBERS = frozenset("""
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA
BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK COD DNK
DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB
GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO
LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU
NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR MDA ROU RUS RWA
KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE
SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE
""".split())
OBSERVERS_AND_OTHERS = frozenset({"VAT", "PSE", "TWN", "XKX", "HKG", "MAC", "ESH", "GRL"})


def _rows(name: str) -> list[dict[str, str]]:
    text = (files("diplograph.ingest") / "data" / name).read_text(encoding="utf-8")
    return list(csv.DictReader(line for line in text.splitlines()
                               if line.strip() and not line.startswith("#")))


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


@pytest.mark.parametrize(("text", "kind", "code"), [
    ("China", "country", "CHN"),
    ("Chinese", "demonym", "CHN"),
    ("Beijing", "capital", "CHN"),
    ("Peking", "capital", "CHN"),
    ("U.N.", "igo", "UN"),
    ("the United States", "country", "USA"),
    ("United States of America", "country", "USA"),
    ("Kyrgyz Republic", "country", "KGZ"),
    ("Kyrgyz", "demonym", "KGZ"),
    ("South Korea", "country", "KOR"),
    ("North Korea", "country", "PRK"),
    ("DPRK", "country", "PRK"),
    ("Niger", "country", "NER"),
    ("Nigeria", "country", "NGA"),
    ("Nigerien", "demonym", "NER"),
    ("Nigerians", "demonym", "NGA"),
    ("Sudan", "country", "SDN"),
    ("South Sudan", "country", "SSD"),
    ("South Sudanese", "demonym", "SSD"),
    ("Côte d’Ivoire", "country", "CIV"),
    ("Cote d'Ivoire", "country", "CIV"),
    ("Czech Republic", "country", "CZE"),
    ("Burma", "country", "MMR"),
    ("Türkiye", "country", "TUR"),
    ("Russian Federation", "country", "RUS"),   # pycountry's official name
    ("Soviets", "demonym", "SUN"),              # a former state keeps its ISO 3166-3 code
    ("East Germany", "country", "DDR"),
    ("Czechoslovakia", "country", "CSK"),
    ("West Germany", "country", "DEU"),         # ISO 3166 continues it as DEU
    ("Aruba", "country", "ABW"),               # a territory known only to pycountry
    ("Kiev", "capital", "UKR"),
    ("Nur-Sultan", "capital", "KAZ"),
    ("Washington, D.C.", "capital", "USA"),
    ("Geneva", "place", "CHE"),
    ("Hague", "place", "NLD"),
    ("Sevastopol", "place", "UKR"),
    ("Nato", "igo", "NATO"),
    ("Shanghai Cooperation Organization", "igo", "SCO"),
    ("EEU", "igo", "EAEU"),
    ("G-20", "igo", "G20"),
    ("OPEC+", "igo", "OPEC_PLUS"),
    ("Security Council", "igo", "UNSC"),
    ("Singapore", "country", "SGP"),            # a city-state is a country first
])
def test_lookup_finds_the_expected_reading(text: str, kind: str, code: str) -> None:
    hit = lookup(text)
    assert hit is not None, text
    assert (hit.kind, hit.code) == (kind, code)
    assert hit.country == (None if kind == "igo" else code)


@pytest.mark.parametrize("text", ["us", "Us", "who", "un", "nato", "car", "Holland", "Jersey",
                                  "Indo-Pacific", "", "   "])
def test_lookup_refuses_lower_case_abbreviations_and_unknown_names(text: str) -> None:
    assert lookup(text) is None


@pytest.mark.parametrize(("text", "code"), [
    ("China's", "CHN"), ("China’s", "CHN"), ("US", "USA"), ("U.S.", "USA"), ("U.S.'s", "USA"),
    ("U.S", "USA"), ("USA", "USA"), ("America", "USA"), ("Americans", "USA"),
    ("Philippines'", "PHL"), ("the Philippines", "PHL"), ("Filipinos", "PHL"),
    ("Kyrgyz", "KGZ"), ("Kyrgyzstan", "KGZ"), ("Kyrgyzstani", "KGZ"), ("KYRGYZSTAN", "KGZ"),
    ("UK", "GBR"), ("Britain’s", "GBR"), ("British", "GBR"), ("Emirati", "ARE"),
    ("Saudi", "SAU"), ("Saudis", "SAU"), ("Palestinians", "PSE"), ("Kosovar", "XKX"),
    ("Taiwanese", "TWN"), ("Republic of China", "TWN"), ("People's Republic of China", "CHN"),
    ("Guinea-Bissau", "GNB"), ("Equatorial Guinean", "GNQ"), ("Sao Tome and Principe", "STP"),
    ("Beijing", None), ("Geneva", None), ("United Nations", None), ("us", None),
])
def test_country_code_reads_names_aliases_and_demonyms(text: str, code: str | None) -> None:
    assert country_code(text) == code


@pytest.mark.parametrize(("text", "code", "others"), [
    ("Congo", "COD", ("COG",)),            # DR Congo dominates coverage; Congo-Brazzaville is COG
    ("Congolese", "COD", ("COG",)),
    ("Congo-Brazzaville", "COG", ()),
    ("Republic of the Congo", "COG", ()),
    ("Korea", "KOR", ("PRK",)),
    ("Dominican", "DOM", ("DMA",)),
    ("Guinean", "GIN", ("GNB", "GNQ")),
    ("Georgia", "GEO", ("USA",)),           # the country, not the US state
    ("Jerusalem", "ISR", ("PSE",)),
    ("Tripoli", "LBY", ("LBN",)),
    ("Hyderabad", "IND", ("PAK",)),
    ("Rafah", "PSE", ("EGY",)),
    ("France", "FRA", ()),
])
def test_shared_names_give_the_documented_reading_and_the_others(
        text: str, code: str, others: tuple[str, ...]) -> None:
    hit = lookup(text)
    assert hit is not None and hit.code == code
    assert alternatives(text) == others
    assert code not in others and all(is_country_code(c) for c in others)


@pytest.mark.parametrize(("text", "codes"), [
    ("Kyrgyz-Chinese", ("KGZ", "CHN")),
    ("Sino-Russian", ("CHN", "RUS")),
    ("sino-US", ("CHN", "USA")),
    ("US-China", ("USA", "CHN")),
    ("U.S.-China", ("USA", "CHN")),
    ("US–China", ("USA", "CHN")),
    ("Russia/Ukraine", ("RUS", "UKR")),
    ("Israeli-Palestinian", ("ISR", "PSE")),
    ("Franco-German", ("FRA", "DEU")),
    ("Anglo-American", ("GBR", "USA")),
    ("Indo-Pakistani", ("IND", "PAK")),
    ("Russo-Japanese", ("RUS", "JPN")),
    ("Greco-Turkish", ("GRC", "TUR")),
    ("Turko-Syrian", ("TUR", "SYR")),
    ("Guinea-Bissau", ("GNB",)),
    ("Bissau-Guinean", ("GNB",)),
    ("Guinea-Bissau-Senegal", ("GNB", "SEN")),
    ("Chinese", ("CHN",)),
    ("Indo-Pacific", ()),
    ("Sino", ()),
    ("Saudi-led", ()),
    ("EU-China", ()),
    ("inter-Korean", ()),
])
def test_split_compound_demonym(text: str, codes: tuple[str, ...]) -> None:
    assert split_compound_demonym(text) == codes


@pytest.mark.parametrize(("text", "role"), [
    ("President", "head_of_state"), ("the president", "head_of_state"),
    ("Pres.", "head_of_state"), ("Supreme Leader", "head_of_state"),
    ("Vice President", "deputy_head"), ("Vice-President", "deputy_head"),
    ("Prime Minister", "head_of_government"), ("Premier", "head_of_government"),
    ("PM", "head_of_government"), ("pm", None),
    ("Chancellor", "head_of_government"), ("Chancellor of the Exchequer", "minister"),
    ("Foreign Minister", "foreign_minister"), ("foreign minister", "foreign_minister"),
    ("Minister of Foreign Affairs", "foreign_minister"), ("FM", "foreign_minister"),
    ("Secretary of State", "foreign_minister"), ("Foreign Secretary", "foreign_minister"),
    ("Minister of Commerce", "minister"), ("Commerce Minister", "minister"),
    ("Trade Minister", "minister"), ("Minister of Trade and Industry", "minister"),
    ("Minister", "minister"),
    ("Defense Minister", "defence_minister"), ("Defence Secretary", "defence_minister"),
    ("Minister of Defence", "defence_minister"),
    ("Secretary of State for Defence", "defence_minister"),
    ("Secretary of State for Health and Social Care", "minister"),
    ("Deputy Foreign Minister", "deputy_minister"), ("Deputy Commerce Minister", "deputy_minister"),
    ("Ambassador", "ambassador"), ("Ambassador to the United Nations", "ambassador"),
    ("Special Envoy", "envoy"), ("envoy", "envoy"),
    ("King", "monarch"), ("Queen", "monarch"), ("Emir", "monarch"), ("Sultan", "monarch"),
    ("Crown Prince", "monarch"),
    ("General", "military"), ("Gen.", "military"), ("Lt. Gen.", "military"),
    ("Admiral", "military"), ("Commander", "military"), ("Chief of Staff", "military"),
    ("Deputy Chief of Staff of the Army", "military"),
    ("Secretary-General", "igo_official"), ("Secretary General", "igo_official"),
    ("UN Secretary-General", "igo_official"), ("WHO Director-General", "igo_official"),
    ("President of the European Commission", "igo_official"),
    ("General Secretary", "party_leader"),
    ("General Secretary of the Communist Party of China", "party_leader"),
    ("Speaker", "legislature"), ("Senate President", "legislature"),
    ("President of the Senate", "legislature"),
    ("Senator", "legislator"), ("MP", "legislator"), ("MPs", "legislator"),
    ("lawmaker", "legislator"), ("lawmakers", "legislator"),
    ("opposition leader", "opposition"),
    ("spokesman", "spokesperson"), ("spokeswoman", "spokesperson"),
    ("spokesperson", "spokesperson"),
    ("leader", "leader"), ("the leader", "leader"),
    ("former President", "head_of_state"), ("acting Prime Minister", "head_of_government"),
    ("heads of state", "head_of_state"), ("foreign ministers", "foreign_minister"),
    ("president’s", "head_of_state"),
    # a country in front or a name after is the caller's to split off
    ("Chinese Foreign Minister", None), ("President Xi", None),
    ("Minister of Commerce Gao Hucheng", None), ("Minister of Commerce Gao", None),
])
def test_title_role(text: str, role: str | None) -> None:
    assert title_role(text) == role


def test_every_un_member_state_and_listed_observer_is_present() -> None:
    codes = {row["iso3"] for row in _rows("countries.csv")}
    assert codes >= UN_MEMBERS
    assert codes - UN_MEMBERS == OBSERVERS_AND_OTHERS | {f.code for f in FORMER_STATES}


def test_country_codes_are_iso_except_kosovo() -> None:
    for row in _rows("countries.csv"):
        if row["iso3"] == "XKX":
            continue
        if row["iso3"] in {f.code for f in FORMER_STATES}:  # ISO 3166-3, former states
            assert pycountry.historic_countries.get(alpha_3=row["iso3"]) is not None
            continue
        assert pycountry.countries.get(alpha_3=row["iso3"]) is not None, row["iso3"]


def test_every_name_alias_and_demonym_maps_back_to_its_own_country() -> None:
    for row in _rows("countries.csv"):
        forms = [row["name"], *_split(row["aliases"]), *_split(row["demonyms"])]
        for form in forms:
            assert country_code(form) == row["iso3"], (form, row["iso3"])
        assert country_name(row["iso3"]) == row["name"]


def test_phrase_patterns_round_trip_and_no_form_names_two_countries() -> None:
    pairs = list(all_country_names())
    owners: dict[str, set[str]] = {}
    for form, code in pairs:
        owners.setdefault(form, set()).add(code)
        assert country_code(form) == code, form
    assert [form for form, codes in owners.items() if len(codes) > 1] == []
    assert ("Russians", "RUS") in pairs and ("Kyrgyz Republic", "KGZ") in pairs


def test_capitals_are_unique_and_resolve_to_their_country() -> None:
    seen: Counter[str] = Counter()
    for row in _rows("countries.csv"):
        if not row["capital"]:
            assert row["iso3"] in ("HKG", "MAC", "SUN", "YUG", "CSK")  # successors' capitals
            continue
        for form in [row["capital"], *_split(row["capital_aliases"])]:
            seen[form.casefold()] += 1
            hit = place(form)
            assert hit is not None and (hit.kind, hit.code) == ("capital", row["iso3"]), form
            assert hit.name == row["capital"]
    assert [form for form, n in seen.items() if n > 1] == []


def test_places_resolve_and_their_ambiguity_is_reported() -> None:
    rows = _rows("places.csv")
    assert len(rows) >= 150
    for row in rows:
        others = tuple(_split(row["ambiguous_with"]))
        assert all(is_country_code(c) and c != row["iso3"] for c in others), row["name"]
        for form in [row["name"], *_split(row["aliases"])]:
            hit = place(form)
            assert hit is not None and (hit.kind, hit.country) == ("place", row["iso3"]), form
            assert alternatives(form) == others


def test_igo_rows_resolve_by_every_name() -> None:
    rows = _rows("igos.csv")
    assert len({row["id"] for row in rows}) == len(rows)
    for row in rows:
        assert row["kind"] in IGO_KINDS
        assert row["cameo"] == "" or row["cameo"].startswith("IGO")
        for form in [row["name"], *_split(row["aliases"])]:
            hit = igo(form)
            assert hit is not None and hit.code == row["id"] and hit.country is None, form


def test_every_title_row_resolves_to_its_role_and_titles_come_longest_first() -> None:
    for row in _rows("titles.csv"):
        assert row["role"] in ROLES
        assert title_role(row["title"]) == row["role"], row["title"]
    titles = list(all_titles())
    lengths = [len(title.split()) for title, _ in titles]
    assert lengths == sorted(lengths, reverse=True)
    assert ("Secretaries of State", "foreign_minister") in titles
    assert set(role for _, role in titles) == set(ROLES)


@pytest.mark.parametrize(("code", "name", "valid"), [
    ("CHN", "China", True), ("XKX", "Kosovo", True), ("ABW", "Aruba", True),
    ("TWN", "Taiwan", True), ("XYZ", "XYZ", False), ("chn", "chn", False), ("CN", "CN", False),
])
def test_country_name_and_code_check(code: str, name: str, valid: bool) -> None:
    assert country_name(code) == name
    assert is_country_code(code) is valid


def test_demonyms_agree_with_the_ngec_reference_where_states_overlap() -> None:
    """Cross-check against NGEC's country table: its name and first nationality word per state.

    The differences are deliberate: NGEC's 'Congo' is Congo-Brazzaville (ours is the DRC, see
    the ambiguity table), and the rest are spellings or display labels we do not accept.
    """
    if not NGEC.exists():
        pytest.skip(f"reference table not found at {NGEC}")
    ours = {row["iso3"] for row in _rows("countries.csv")}
    differ = set()
    with NGEC.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["CCA3"] not in ours:
                continue
            for form in (row["Name"], row["Nationality"].split(",")[0].strip()):
                if country_code(form) != row["CCA3"]:
                    differ.add(form)
    assert differ == {"Congo", "Cape Verdian", "Maldivan", "Nigeran", "Hong Kong SAR China",
                      "Myanmar [Burma]", "Kittian and Nevisian"}


def test_lookups_are_index_hits_not_scans() -> None:
    words = ["China", "Chinese", "Beijing", "U.N.", "Geneva", "unknown words", "Kyrgyz",
             "the United States", "China’s", "Minister"] * 2000
    lookup("warm up")
    started = time.perf_counter()
    for word in words:
        lookup(word)
        country_code(word)
    elapsed = time.perf_counter() - started
    # ~2,000 forms per table: a scan per call would take tens of seconds here
    assert elapsed < 2.0, f"{len(words)} lookups took {elapsed:.2f}s"


def test_docstring_examples_hold() -> None:
    result = doctest.testmod(gazetteer)
    assert result.attempted >= 15 and result.failed == 0
