"""Gold-standard event sets, read where they lie, into the one shape the evaluator scores.

The sets differ in what they code: PETRARCH suites give CAMEO codes between actor codes, the PLOVER
records give PLOVER types between ISO3-coded mentions, Multi-CoPED gives a five-way class with
source/target spans, re3d gives analyst relations between spans. Each loader keeps what its set
really says and leaves the rest empty, and names the *scheme* in which its labels are written, so
the evaluator compares our events with each set on that set's own terms.

Nothing is copied: every loader reads the third-party files from the data folder the user names.
Multi-CoPED's train split is only read when ``split="train"`` is asked for, so a test figure can
never quietly come from it.

Contamination: the CAMEO manual's example sentences recur in several sets, and the ICEWS codebook
(``cameo-codebook/icews_cameo-codes.csv``) carries one per code. A gold sentence is *contaminated*
when its words nearly coincide with one of those examples, so every figure can also be reported on
the clean rest.

>>> key = country_key("USAGOV")
>>> key, country_key("JAP"), country_key("IGOUNO"), country_key("---LEG")
('USA', 'JPN', 'IGO', None)
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from diplograph.errors import InputError

# The scheme a set's labels are written in; the evaluator maps our events into it.
SCHEMES = ("plover", "cameo", "penta", "re3d")

# name -> (scheme, path inside the data folder)
GOLD_SETS: dict[str, tuple[str, str]] = {
    "plover-gsr": ("plover", "plover/PLOVER_GSR_CAMEO.json"),
    "petr2-gsr": ("cameo", "petrarch-validation/PETR2_GSR_validation.xml"),
    "petr-unit": ("cameo", "petrarch-validation/PETR.UnitTest.records.xml"),
    "petr-validate": ("cameo", "petrarch-validation/PETR.Validate.records.140226.txt"),
    "multicoped-test": ("penta", "conflibert-cameo-multicoped/cameo_class_test.tsv"),
    "re3d": ("re3d", "re3d"),
    # our annotated test split: locators in the package, texts in the data folder
    "ours-test": ("plover", "."),
}
# Sets of (sentence, source, target) pairs with a type each: they score the learned coder
# alone, given the gold pair (the ZSP paper's task), not the whole extractor.
PAIR_SETS: dict[str, str] = {"zsp-plv": "zsp-plover/PLV_test.tsv"}
CODEBOOK = "cameo-codebook/icews_cameo-codes.csv"
# The fictional Tolkien-world actors of the PETRARCH suites are defined in their own dictionary.
_VALIDATE_ACTORS = ("petrarch-validation/PETR.Validate.actors.txt",)
ACTOR_FILES: dict[str, tuple[str, ...]] = {
    "petr-unit": _VALIDATE_ACTORS,
    "petr-validate": _VALIDATE_ACTORS,
}

# CAMEO country codes that are not ISO 3166 alpha-3, plus two slips in the PLOVER records.
CAMEO_TO_ISO = {"ROM": "ROU", "TMP": "TLS", "MTN": "MNE", "WSB": "PSE", "GZS": "PSE",
                "BAG": "IRQ", "JAP": "JPN", "ITL": "ITA"}
# Codes naming a kind of transnational actor rather than a state; they match by kind.
TRANSNATIONAL = frozenset({"IGO", "NGO", "IMG", "NGM", "MNC", "INT", "UIS"})

# Penta classes of Multi-CoPED by CAMEO root, and their QuadClass.
PENTA_ROOTS = {0: range(1, 3), 1: range(3, 6), 2: range(6, 9), 3: range(9, 14), 4: range(14, 21)}
PENTA_QUAD = {0: 1, 1: 1, 2: 2, 3: 3, 4: 4}
# The PLOVER records predate POLECAT's renames; INVESTIGATE became a mode of ACCUSE (CAMEO 09x).
PLOVER_RENAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT",
                  "INVESTIGATE": "ACCUSE"}
# QuadClass of each PLOVER type, as the PLOVER manual's per-type sections give it.
PLOVER_QUAD = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), 2),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN"), 3),
    **dict.fromkeys(("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"), 4),
}
# The re3d relations that are diplomatic events, with the CAMEO roots that express each.
RE3D_ROOTS = {"CommWith": ("04",), "Likes": ("05",), "AlliesOf": ("06",),
              "Dislikes": ("11", "12"), "FightingAgainst": ("18", "19", "20")}
RE3D_QUAD = {"CommWith": 1, "Likes": 1, "AlliesOf": 2, "Dislikes": 3, "FightingAgainst": 4}
RE3D_MIN_CONFIDENCE = 0.5

Span = tuple[int, int, str]  # character start, end, and role: S source, T target, R reciprocal


@dataclass(frozen=True)
class GoldActor:
    """One actor of a gold event, as the set names it.

    `code` is the set's own actor code ("USAGOV", "MAR", "IGO"); `country` the key used for
    country-level matching (ISO3, a transnational kind such as "IGO", or None when the gold does
    not say); `text` the words of the sentence that name the actor, where the set records them.
    """

    code: str | None = None
    country: str | None = None
    text: str | None = None


@dataclass(frozen=True)
class GoldEvent:
    """One coded event; `label` is its type in the set's scheme ("AGREE", "04", "3", "Likes")."""

    source: tuple[GoldActor, ...]
    target: tuple[GoldActor, ...]
    label: str
    plover_type: str | None = None
    cameo_code: str | None = None
    quad_class: int | None = None
    date: str | None = None


@dataclass(frozen=True)
class GoldSentence:
    """One unit of text with every event the gold set codes in it (none for "no event" records).

    `spans` are (start, end, label) character spans of actors, label S (source), T (target) or R
    (reciprocal); None when the set does not mark spans at all, () when it marks none here.
    """

    id: str
    text: str
    date: str | None
    events: tuple[GoldEvent, ...]
    split: str
    contaminated: bool
    scheme: str
    spans: tuple[Span, ...] | None = None
    category: str | None = None


def country_key(code: str | None) -> str | None:
    """The country a CAMEO/PETRARCH/ISO actor code stands for, in the form matching compares.

    The first three letters carry the country ("USAGOV" -> "USA"); transnational codes keep their
    kind ("IGOUNO" -> "IGO"); "---" (no country) and empty codes give None.
    """
    if not code:
        return None
    head = code.strip().upper()[:3]
    if len(head) < 3 or not head.isalpha():
        return None
    return CAMEO_TO_ISO.get(head, head)


def penta_class(cameo_code: str | None) -> int | None:
    """Multi-CoPED's five-way class of a CAMEO code ("042" -> 1), None outside roots 01-20."""
    root = cameo_root(cameo_code)
    if root is None:
        return None
    return next(p for p, roots in PENTA_ROOTS.items() if int(root) in roots)


def cameo_root(cameo_code: str | None) -> str | None:
    """The two-digit root of a CAMEO code, None for codes outside the standard 01-20."""
    if not cameo_code or len(cameo_code) < 2 or not cameo_code[:2].isdigit():
        return None
    root = cameo_code[:2]
    return root if 1 <= int(root) <= 20 else None


def quad_of_root(root: str | None) -> int | None:
    """CAMEO QuadClass: 01-05 verbal cooperation ... 14-20 material conflict."""
    penta = penta_class(root)
    return None if penta is None else PENTA_QUAD[penta]


def load_gold(name_or_path: str | Path, data_dir: str | Path | None = None, *,
              split: str = "test") -> list[GoldSentence]:
    """Read one gold set by name (see GOLD_SETS) from `data_dir`, or from a file or folder path.

    Args:
        name_or_path: a set name such as "petr2-gsr", or the path of one of the sets' files.
        data_dir: the folder holding the sets (the shared data folder); found from the path when
            a path is given.
        split: Multi-CoPED only: "test" (default) or, explicitly, "train".

    Raises:
        InputError: unknown name, missing file, or no ICEWS codebook to check contamination.
    """
    if str(name_or_path) == "ours-test":
        if data_dir is None:
            raise InputError("ours-test", "needs data_dir, the folder holding the annotated "
                                          "sources (e.g. ../shared/data)")
        index = contamination_index(Path(data_dir) / CODEBOOK)
        return [_flag(s, index, s.id) for s in _load_ours(Path(data_dir), split)]
    path, scheme = _resolve(name_or_path, data_dir)
    if data_dir is None:
        data_dir = _find_data_dir(path)
    index = contamination_index(Path(data_dir) / CODEBOOK)
    if scheme == "plover":
        sentences = _load_plover(path)
    elif scheme == "cameo":
        sentences = _load_petrarch(path)
    elif scheme == "penta":
        if split not in ("test", "train"):
            raise InputError(str(path), f"split must be 'test' or 'train', got {split!r}")
        if path.name == "cameo_class_train.tsv" and split != "train":
            raise InputError(str(path), "Multi-CoPED's train split is read only when asked for "
                                        "by name with split='train'")
        path = path.with_name(f"cameo_class_{split}.tsv")
        sentences = _load_multicoped(path, split)
    else:
        sentences = _load_re3d(path)
    return [_flag(s, index, new_id) for s, new_id in zip(sentences, _unique_ids(sentences))]


def actor_files(name: str, data_dir: str | Path) -> tuple[Path, ...]:
    """Dictionaries a set needs loaded to be scored fairly (the PETRARCH suites' own actors)."""
    return tuple(Path(data_dir) / p for p in ACTOR_FILES.get(name, ()))


def _resolve(name_or_path: str | Path, data_dir: str | Path | None) -> tuple[Path, str]:
    name = str(name_or_path)
    if name in GOLD_SETS:
        if data_dir is None:
            raise InputError(name, "a gold set named by name needs data_dir, the folder holding "
                                   "the sets (e.g. ../shared/data)")
        scheme, relative = GOLD_SETS[name]
        path = Path(data_dir) / relative
    else:
        path = Path(name_or_path)
        scheme = _scheme_of_path(path)
    if not path.exists():
        raise InputError(str(path), "gold set file not found; check the data folder path")
    return path, scheme


def _scheme_of_path(path: Path) -> str:
    for scheme, relative in GOLD_SETS.values():
        if path.name == Path(relative).name:
            return scheme
    if path.name == "cameo_class_train.tsv":
        return "penta"
    if path.suffix == ".xml":
        return "cameo"  # another file in PETRARCH's validation format
    if path.is_dir():
        return "re3d"
    raise InputError(str(path), f"not a known gold set; use one of {sorted(GOLD_SETS)} or the "
                                "path of one of their files")


def _find_data_dir(path: Path) -> Path:
    for parent in path.resolve().parents:
        if (parent / CODEBOOK).exists():
            return parent
    raise InputError(str(path), f"cannot find {CODEBOOK} above this path; pass data_dir")


def _unique_ids(sentences: Sequence[GoldSentence]) -> list[str]:
    """The sets reuse a few ids (PETRARCH's DATE-01 twice); later repeats get "#2", "#3"."""
    seen: Counter[str] = Counter()
    ids = []
    for sentence in sentences:
        seen[sentence.id] += 1
        ids.append(sentence.id if seen[sentence.id] == 1 else f"{sentence.id}#{seen[sentence.id]}")
    return ids


def _flag(sentence: GoldSentence, index: ContaminationIndex, new_id: str) -> GoldSentence:
    return GoldSentence(
        id=new_id, text=sentence.text, date=sentence.date, events=sentence.events,
        split=sentence.split, contaminated=index.contains(sentence.text), scheme=sentence.scheme,
        spans=sentence.spans, category=sentence.category)


# --- contamination ---------------------------------------------------------------------------

def words(text: str) -> list[str]:
    """Lower-case ASCII word tokens: the normal form texts are compared in."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.findall(r"[a-z0-9]+", ascii_text.lower())


class ContaminationIndex:
    """The codebook's example sentences, to tell which gold sentences repeat one of them.

    A sentence repeats an example when at least `threshold` of its distinct words occur in the
    example, or (for examples the codebook cut short) at least `threshold` of a long-enough
    example's words occur in the sentence. Editors of these sets changed names and places
    ("Yugoslav" -> "Serbian") but kept the sentence, which is why exact matching is not enough.
    """

    def __init__(self, examples: Iterable[str], threshold: float = 0.8, min_words: int = 8):
        self.examples = [set(words(e)) for e in examples if words(e)]
        self.threshold = threshold
        self.min_words = min_words

    def contains(self, text: str) -> bool:
        mine = set(words(text))
        if not mine:
            return False
        for example in self.examples:
            shared = len(mine & example)
            if shared / len(mine) >= self.threshold:
                return True
            if len(example) >= self.min_words and shared / len(example) >= self.threshold:
                return True
        return False


@cache
def contamination_index(codebook: Path) -> ContaminationIndex:
    """Examples of the ICEWS CAMEO codebook, with the editors' "Note: ..." remarks cut off."""
    if not codebook.exists():
        raise InputError(str(codebook), "the ICEWS CAMEO codebook is needed to flag test "
                                        "sentences that repeat its examples")
    # the file mixes UTF-8 with a few stray Mac-Roman bytes
    with codebook.open(encoding="utf-8", errors="replace", newline="") as handle:
        rows = list(csv.DictReader(handle))
    examples = [re.split(r"\bNote:", row["example"])[0] for row in rows
                if row.get("example") not in (None, "", "NA")]
    return ContaminationIndex(examples)


# --- PLOVER gold-standard records ------------------------------------------------------------

def _load_plover(path: Path) -> list[GoldSentence]:
    records = json.loads(path.read_text(encoding="utf-8"))
    sentences = []
    for record in records:
        if record.get("event") == "DOCUMENT" or not record.get("text"):
            continue
        text = record["text"].strip()
        plover = PLOVER_RENAMES.get(record["event"], record["event"])
        source = tuple(_plover_actor(a) for a in _actor_list(record.get("source")))
        target = tuple(_plover_actor(a) for a in _actor_list(record.get("target")))
        event = GoldEvent(source=source, target=target, label=plover, plover_type=plover,
                          quad_class=PLOVER_QUAD.get(plover))
        reciprocal = not target and len(source) > 1
        spans = _locate(text, [(a.text, "R" if reciprocal else "S") for a in source]
                        + [(a.text, "T") for a in target])
        # every record carries the dummy date 2000-01-01, which says nothing about the event
        sentences.append(GoldSentence(
            id=record["id"], text=text, date=None, events=(event,), split="test",
            contaminated=False, scheme="plover", spans=spans, category=record["event"]))
    return sentences


def _load_ours(data_dir: Path, split: str) -> list[GoldSentence]:
    """Our annotated sentences of one split (diplograph.ingest.annotations), as a PLOVER set
    scored at actor level: the annotators marked which words are the parties, not countries.
    Negated events are left out, as the other sets code only what happened."""
    from diplograph.ingest.annotations import article_date, read_corpus, texts

    found = []
    for sentence in read_corpus():
        if sentence.split != split:
            continue
        text, names = texts(sentence, data_dir)
        start = sentence.sentence[0]
        events, spans = [], set()
        for coded in sentence.events:
            if coded.negated:
                continue
            source = tuple(GoldActor(text=names[i]) for i in coded.source)
            target = tuple(GoldActor(text=names[i]) for i in coded.target)
            events.append(GoldEvent(source=source, target=target, label=coded.type,
                                    plover_type=coded.type,
                                    quad_class=PLOVER_QUAD.get(coded.type)))
            reciprocal = not coded.target and len(coded.source) > 1
            for i in coded.source:
                a, b = sentence.parties[i]
                spans.add((a - start, b - start, "R" if reciprocal else "S"))
            for i in coded.target:
                a, b = sentence.parties[i]
                spans.add((a - start, b - start, "T"))
        date = article_date(sentence.dataset, sentence.article, data_dir)
        found.append(GoldSentence(
            id=sentence.key, text=text, date=date, events=tuple(events), split=split,
            contaminated=False, scheme="plover", spans=tuple(sorted(spans)),
            category=sentence.dataset))
    return found


def load_pairs(data_dir: str | Path) -> list[tuple[str, tuple[int, int], tuple[int, int], str,
                                                   bool]]:
    """zsp-plover's PLV_test: (sentence, source span, target span, gold root, repeats a
    codebook example) per row, spans found by unwrapping the <s>/<t> marks."""
    path = Path(data_dir) / PAIR_SETS["zsp-plv"]
    if not path.exists():
        raise InputError(str(path), "gold set file not found; check the data folder path")
    index = contamination_index(Path(data_dir) / CODEBOOK)
    rows = []
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            text, spans = unwrap_marks(row["marked_sentence"])
            if "s" in spans and "t" in spans:
                rows.append((text, spans["s"], spans["t"], row["gold_root"],
                             index.contains(text)))
    return rows


_MARK = re.compile(r"</?([st])>")


def unwrap_marks(marked: str) -> tuple[str, dict[str, tuple[int, int]]]:
    """'<s>A</s> met <t>B</t>' -> ('A met B', {'s': (0, 1), 't': (6, 7)})."""
    text, spans, opened, last = [], {}, {}, 0
    length = 0
    for match in _MARK.finditer(marked):
        piece = marked[last:match.start()]
        text.append(piece)
        length += len(piece)
        if match.group(0).startswith("</"):
            spans[match.group(1)] = (opened.get(match.group(1), length), length)
        else:
            opened[match.group(1)] = length
        last = match.end()
    text.append(marked[last:])
    return "".join(text), spans


def _actor_list(value: object) -> list[dict]:
    return [a for a in value if isinstance(a, dict)] if isinstance(value, list) else []


def _plover_actor(actor: dict) -> GoldActor:
    code = actor.get("code") or None
    return GoldActor(code=code, country=country_key(code), text=actor.get("actorText") or None)


def _locate(text: str, mentions: Sequence[tuple[str | None, str]]) -> tuple[Span, ...]:
    """Character spans of mention texts in `text` (first occurrence; unfound ones are dropped)."""
    spans = set()
    lowered = text.lower()
    for mention, label in mentions:
        if not mention:
            continue
        start = lowered.find(mention.lower())
        if start >= 0:
            spans.add((start, start + len(mention), label))
    return tuple(sorted(spans))


# --- PETRARCH validation records --------------------------------------------------------------

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_SENTENCE = re.compile(r"<Sentence\b([^>]*?)/?>(.*?)</Sentence>", re.S)
_CODING = re.compile(r"<EventCoding\b([^>]*)>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
_ATTR = re.compile(r"""(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _attributes(tag: str) -> dict[str, str]:
    return {m.group(1): m.group(2) if m.group(2) is not None else m.group(3)
            for m in _ATTR.finditer(tag)}


def _load_petrarch(path: Path) -> list[GoldSentence]:
    """PETRARCH's pseudo-XML, read leniently (unclosed and self-closed tags occur).

    Dropped: records without text, records with no <EventCoding> at all (older records keep their
    expectation in a TABARI-style comment), records that expect a coder error, and records coding
    the suite's made-up test codes (roots outside 01-20), which no real coder can produce.
    """
    raw = _COMMENT.sub("", path.read_text(encoding="utf-8", errors="replace"))
    sentences = []
    for match in _SENTENCE.finditer(raw):
        attrs = _attributes(match.group(1))
        body = match.group(2)
        text = _petr_text(body)
        if not text or not attrs.get("id"):
            continue
        codings = [_attributes(m.group(1)) for m in _CODING.finditer(body)]
        if not codings or any("error" in c for c in codings):
            continue
        coded = [c for c in codings if c.get("eventcode")]
        if any(cameo_root(c["eventcode"]) is None for c in coded):
            continue
        date = _petr_date(attrs.get("date"))
        events = tuple(GoldEvent(
            source=(_petr_actor(c.get("sourcecode")),), target=(_petr_actor(c.get("targetcode")),),
            label=cameo_root(c["eventcode"]) or "", cameo_code=c["eventcode"],
            quad_class=quad_of_root(cameo_root(c["eventcode"])), date=date) for c in coded)
        sentences.append(GoldSentence(
            id=attrs["id"], text=text, date=date, events=events,
            split="test", contaminated=False, scheme="cameo", category=attrs.get("category")))
    return sentences


def _petr_text(body: str) -> str:
    """The sentence of a record: its <Text>, or (older records) the lines before the parse."""
    found = _TEXT.search(body)
    if found:
        return " ".join(found.group(1).split())
    bare = _CODING.sub("", body)
    bare = re.split(r"\(ROOT|<Parse>", bare)[0]
    return " ".join(re.sub(r"</?\w+[^>]*>", " ", bare).split())


def _petr_date(value: str | None) -> str | None:
    if value and re.fullmatch(r"\d{8}", value.strip()):
        v = value.strip()
        return f"{v[:4]}-{v[4:6]}-{v[6:]}"
    return None


def _petr_actor(code: str | None) -> GoldActor:
    code = (code or "").strip()
    if code.startswith('"'):
        # an actor outside the dictionaries, given as the words of its noun phrase
        return GoldActor(text=code.strip('"').title())
    return GoldActor(code=code or None, country=country_key(code))


# --- Multi-CoPED ------------------------------------------------------------------------------

def _load_multicoped(path: Path, split: str) -> list[GoldSentence]:
    tagged = _bio_sentences(path.with_name(f"cameo_ner_{split}.txt"))
    sentences = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            text, _, label = line.rstrip("\n").rpartition("\t")
            text = text.strip()
            if not text:
                continue
            penta = int(label)
            rows = tagged.get(re.sub(r"\s+", "", text))
            spans = None if rows is None else _bio_spans(text, rows)
            roles: dict[str, list[GoldActor]] = {"S": [], "T": [], "R": []}
            for start, end, role in spans or ():
                roles[role].append(GoldActor(text=text[start:end]))
            event = GoldEvent(source=tuple(roles["S"] + roles["R"]), target=tuple(roles["T"]),
                              label=str(penta), quad_class=PENTA_QUAD[penta])
            sentences.append(GoldSentence(
                id=f"multicoped-{split}-{number:04d}", text=text, date=None, events=(event,),
                split=split, contaminated=False, scheme="penta", spans=spans))
    return sentences


def _bio_sentences(path: Path) -> dict[str, list[tuple[str, str]]]:
    """(token, tag) rows of each tagged sentence, keyed by the sentence without whitespace.

    The tagged file holds fewer sentences than the class file in the train split, so sentences are
    paired by their words, not by position.
    """
    tagged = {}
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        rows = [tuple(line.rsplit(" ", 1)) for line in block.splitlines() if line.strip()]
        if rows:
            tagged["".join(token for token, _ in rows)] = rows
    return tagged


def _bio_spans(text: str, rows: list[tuple[str, str]]) -> tuple[Span, ...]:
    """Character spans in `text` of the B-/I- runs of S, T and R tags."""
    offset, spans, current = 0, [], None
    for token, tag in rows:
        start = text.index(token, offset)
        offset = start + len(token)
        role = tag[2:]
        if tag.startswith("B-") or (tag.startswith("I-") and (current is None
                                                               or current[2] != role)):
            current = [start, offset, role]
            spans.append(current)
        elif tag.startswith("I-"):
            current[1] = offset
        else:
            current = None
    return tuple((s, e, r) for s, e, r in spans)


# --- re3d -------------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])|\n+")


def _load_re3d(folder: Path) -> list[GoldSentence]:
    """re3d's diplomatic relations, on the smallest runs of sentences that hold each one whole."""
    sentences = []
    for source_dir in sorted(p for p in folder.iterdir() if (p / "documents.json").exists()):
        documents = {d["_id"]: d for d in _json_lines(source_dir / "documents.json")}
        relations: dict[str, list[dict]] = {}
        for relation in _json_lines(source_dir / "relations.json"):
            if relation["type"] in RE3D_ROOTS and relation["confidence"] >= RE3D_MIN_CONFIDENCE:
                relations.setdefault(relation["documentId"], []).append(relation)
        for doc_id in sorted(relations):
            sentences.extend(_re3d_units(documents[doc_id], relations[doc_id]))
    return sentences


def _json_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def _re3d_units(document: dict, relations: list[dict]) -> list[GoldSentence]:
    text = document["text"]
    bounds, start = [], 0
    for cut in _SENTENCE_END.finditer(text):
        bounds.append((start, cut.start()))
        start = cut.end()
    bounds.append((start, len(text)))
    # group relations whose sentences overlap into one unit
    units: list[list] = []
    for relation in sorted(relations, key=lambda r: min(r["sourceBegin"], r["targetBegin"])):
        lo = min(relation["begin"], relation["sourceBegin"], relation["targetBegin"])
        hi = max(relation["end"], relation["sourceEnd"], relation["targetEnd"])
        first = next(b for b in bounds if b[1] >= lo)
        last = next(b for b in bounds if b[1] >= hi)
        if units and first[0] <= units[-1][1]:
            units[-1][1] = max(units[-1][1], last[1])
            units[-1][2].append(relation)
        else:
            units.append([first[0], last[1], [relation]])
    result = []
    for lo, hi, members in units:
        while text[lo].isspace():
            lo += 1
        while text[hi - 1].isspace():
            hi -= 1
        events = tuple(GoldEvent(
            source=(GoldActor(text=r["source"]),), target=(GoldActor(text=r["target"]),),
            label=r["type"], quad_class=RE3D_QUAD[r["type"]]) for r in members)
        spans = sorted({(r["sourceBegin"] - lo, r["sourceEnd"] - lo, "S") for r in members}
                       | {(r["targetBegin"] - lo, r["targetEnd"] - lo, "T") for r in members})
        result.append(GoldSentence(
            id=f"re3d-{document['_id'][:12]}-{lo}", text=text[lo:hi], date=None, events=events,
            split="test", contaminated=False, scheme="re3d", spans=tuple(spans),
            category=document.get("sourceName")))
    return result
