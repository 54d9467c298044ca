"""Our annotated corpus for the learned coder: locators and labels in the repo, texts elsewhere.

Each line of `data/annotations/*.jsonl` names one sentence of a third-party article by data set,
article id and character offsets, with the sha1 of the sentence text, the parties an annotator
was shown (character offsets in the article) and the events they coded over those parties. The
texts stay in the shared data folder and are rebuilt from there, so the repo holds no
third-party sentence; a changed text fails its hash instead of silently training on something
else. How an event is coded is `docs/annotation-guidelines.md`.

A line::

    {"dataset": "wcep-2015-09", "article": "56657", "sentence": [0, 141], "sha1": "…",
     "parties": [[4, 18], [29, 66]], "events": [{"source": [1], "target": [], "type": "ASSAULT",
     "mode": null, "negated": false}], "split": "train", "annotator": "a1"}

>>> s = Annotated(dataset="d", article="1", sentence=(0, 20), sha1="", split="train",
...               parties=((0, 1), (10, 12), (15, 16)), events=(
...                   Coded(source=(0,), target=(1,), type="CONSULT"),))
>>> [(p.source, p.target, p.types) for p in labelled_pairs(s)]  # doctest: +NORMALIZE_WHITESPACE
[(0, None, ()), (1, None, ()), (2, None, ()), (0, 1, ('CONSULT',)), (0, 2, ()), (1, 0, ()),
 (1, 2, ()), (2, 0, ()), (2, 1, ())]
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from diplograph.errors import InputError

# The data sets we annotate, with the licence their texts come under; the model card repeats it.
SOURCES = {
    "plover-synthetic-news": "MIT (NGEC-2025 repository; synthetic stories)",
    "wcep-2015-09": "CC BY-SA 3.0 (Wikipedia Current Events Portal)",
    "wikievents-kairos": "MIT (gen-arg repository; Wikipedia-linked news)",
    "news-guardian-sdf-sample": "research and test use only (Guardian News & Media)",
    "news-bbc-politics": "research use only (BBC; UCD distribution)",
}
# Sources whose licence lets a model we ship learn from them.
SHIPPABLE = frozenset({"plover-synthetic-news", "wcep-2015-09", "wikievents-kairos"})
SPLITS = ("train", "dev", "test")


@dataclass(frozen=True)
class Coded:
    """One event an annotator coded: indexes into the sentence's parties."""

    source: tuple[int, ...]
    target: tuple[int, ...]
    type: str
    mode: str | None = None
    negated: bool = False


@dataclass(frozen=True)
class Annotated:
    """One annotated sentence, by locator."""

    dataset: str
    article: str
    sentence: tuple[int, int]
    sha1: str
    split: str
    parties: tuple[tuple[int, int], ...]
    events: tuple[Coded, ...] = ()
    annotator: str = ""
    missed: tuple[str, ...] = field(default=())

    @property
    def key(self) -> str:
        return f"{self.dataset}/{self.article}/{self.sentence[0]}"


@dataclass(frozen=True)
class LabelledPair:
    """A candidate pair of party indexes with the PLOVER types that link them (none = NONE)."""

    source: int
    target: int | None
    types: tuple[str, ...]


def labelled_pairs(sentence: Annotated) -> Iterator[LabelledPair]:
    """Every party alone and every ordered pair, each with the types its events give it.

    A joint act (target empty) labels each of its sources alone; a directed one labels each
    (source, target) pair; every other pair is NONE. Distance is not bounded here: the bound
    belongs to run time (diplograph.ingest.candidates), and training on far pairs only teaches
    the model more NONE.
    """
    links: dict[tuple[int, int | None], list[str]] = {}
    for event in sentence.events:
        if event.negated:
            continue  # a negated event did not happen: its pair is NONE for the model
        targets: tuple[int | None, ...] = event.target or (None,)
        for s in event.source:
            for t in targets:
                if s != t:
                    links.setdefault((s, t), []).append(event.type)
    n = len(sentence.parties)
    keys: list[tuple[int, int | None]] = [(i, None) for i in range(n)]
    keys += [(i, j) for i in range(n) for j in range(n) if i != j]
    for s, t in keys:
        yield LabelledPair(s, t, tuple(sorted(set(links.get((s, t), ())))))


def read_corpus(paths: list[Path] | None = None) -> list[Annotated]:
    """The annotated sentences shipped in the package (or the given files), in file order."""
    if paths is None:
        folder = resources.files("diplograph.ingest") / "data" / "annotations"
        paths = sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".jsonl"))
    found: list[Annotated] = []
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    found.append(_parse(line, f"{path}:{number}"))
    return found


def _parse(line: str, where: str) -> Annotated:
    try:
        raw = json.loads(line)
        return Annotated(
            dataset=raw["dataset"], article=str(raw["article"]),
            sentence=(int(raw["sentence"][0]), int(raw["sentence"][1])), sha1=raw["sha1"],
            split=raw["split"], parties=tuple((int(a), int(b)) for a, b in raw["parties"]),
            events=tuple(Coded(source=tuple(e["source"]), target=tuple(e.get("target") or ()),
                               type=e["type"], mode=e.get("mode"),
                               negated=bool(e.get("negated", False)))
                         for e in raw.get("events", ())),
            annotator=raw.get("annotator", ""), missed=tuple(raw.get("missed", ())))
    except (ValueError, KeyError, TypeError, IndexError) as exc:
        raise InputError(where, f"not an annotation line ({exc})") from exc


def to_json(sentence: Annotated) -> str:
    """One corpus line, keys in a fixed order so files diff cleanly."""
    return json.dumps({
        "dataset": sentence.dataset, "article": sentence.article,
        "sentence": list(sentence.sentence), "sha1": sentence.sha1, "split": sentence.split,
        "parties": [list(p) for p in sentence.parties],
        "events": [{"source": list(e.source), "target": list(e.target), "type": e.type,
                    "mode": e.mode, "negated": e.negated} for e in sentence.events],
        "annotator": sentence.annotator, "missed": list(sentence.missed)}, ensure_ascii=False)


def sentence_sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def texts(sentence: Annotated, data_dir: Path) -> tuple[str, list[str]]:
    """The sentence and its parties' texts, rebuilt from the data folder and checked by hash."""
    record = _records(sentence.dataset, Path(data_dir)).get(sentence.article)
    if record is None:
        raise InputError(sentence.key, f"article {sentence.article!r} is not in "
                                       f"{data_dir / sentence.dataset}")
    article = record[0]
    start, end = sentence.sentence
    text = article[start:end]
    if sentence_sha1(text) != sentence.sha1:
        raise InputError(sentence.key, f"the sentence text in {data_dir} has changed (sha1 "
                                       "mismatch); re-annotate it or restore the data")
    return text, [article[a:b] for a, b in sentence.parties]


def articles(dataset: str, data_dir: Path) -> dict[str, str]:
    """Article id -> text for one annotated data set, read the same way every time."""
    return {key: text for key, (text, _) in _records(dataset, Path(data_dir)).items()}


def article_date(dataset: str, article: str, data_dir: Path) -> str | None:
    """An article's publication date where the data set gives one (Guardian, WCEP), for date
    anchoring."""
    record = _records(dataset, Path(data_dir)).get(article)
    return record[1] if record else None


@cache
def _records(dataset: str, data_dir: Path) -> dict[str, tuple[str, str | None]]:
    """Article id -> (text, publication date or None), each data set's files read once."""
    folder = data_dir / dataset
    if dataset == "news-guardian-sdf-sample":
        with open(folder / "Guardian_SDF_sample.csv", encoding="utf-8", newline="") as handle:
            return {row[""]: (row["text"], row["date"]) for row in csv.DictReader(handle)}
    if dataset == "news-bbc-politics":
        with open(folder / "bbc_politics.jsonl", encoding="utf-8") as handle:
            rows = [json.loads(line) for line in handle if line.strip()]
        return {row["id"]: (row["text"], None) for row in rows}
    if dataset == "wcep-2015-09":
        with open(folder / "wikitimes_CEP_2015-09.json", encoding="utf-8") as handle:
            return {row["id"]: (row["description"], row["date"]) for row in json.load(handle)}
    if dataset == "wikievents-kairos":
        found: dict[str, tuple[str, str | None]] = {}
        for name in ("wikievents_dev.jsonl", "wikievents_test.jsonl"):
            with open(folder / name, encoding="utf-8") as handle:
                for line in handle:
                    row = json.loads(line)
                    found[row["doc_id"]] = (row["text"], None)
        return found
    if dataset == "plover-synthetic-news":
        csv.field_size_limit(sys.maxsize)
        with gzip.open(folder / "gpt_synthetic_events_2023-10-19_19.csv.gz", "rt",
                       encoding="utf-8", newline="") as handle:
            return {str(i): (row["text"], None) for i, row in enumerate(csv.DictReader(handle))}
    raise InputError(dataset, f"not an annotated data set; choose one of {sorted(SOURCES)}")


def agreement(first: list[Annotated], second: list[Annotated]) -> tuple[float, int, float]:
    """Cohen's kappa between two annotations of the same sentences, over candidate pairs
    (each pair's types, or NONE), with the number of pairs compared and the raw agreement.

    >>> a = Annotated("d", "1", (0, 9), "", "train", ((0, 1), (2, 3)),
    ...               (Coded(source=(0,), target=(1,), type="CONSULT"),))
    >>> agreement([a], [a])
    (1.0, 4, 1.0)
    """
    by_key = {s.key: s for s in second}
    labels: list[tuple[str, str]] = []
    for one in first:
        other = by_key.get(one.key)
        if other is None:
            continue
        theirs = {(p.source, p.target): p.types for p in labelled_pairs(other)}
        for pair in labelled_pairs(one):
            labels.append(("+".join(pair.types) or "NONE",
                           "+".join(theirs.get((pair.source, pair.target), ())) or "NONE"))
    if not labels:
        return 0.0, 0, 0.0
    observed = sum(a == b for a, b in labels) / len(labels)
    left = Counter(a for a, _ in labels)
    right = Counter(b for _, b in labels)
    expected = sum(left[k] * right[k] for k in left) / len(labels) ** 2
    kappa = (observed - expected) / (1 - expected) if expected < 1 else 1.0
    return round(kappa, 3), len(labels), round(observed, 3)
