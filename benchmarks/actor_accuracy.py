#!/usr/bin/env python3
"""Measure the actor layer: mention precision/recall and cross-article resolution.

Three measurements, each on data in the shared folder (never copied into the repo):

- ``multicoped``: our actor mentions against Multi-CoPED's source/target/reciprocal spans. The
  gold marks only the parties of each sentence's event, so recall is the figure to read;
  precision counts every other actor we find (a place-name country, a third party) as wrong.
- ``re3d``: our mentions against re3d's Person, Organisation and Nationality entities
  (confidence >= 0.5). A mention lying only on a Location entity is left out of precision:
  re3d marks "Syria" as Location where it is a place and Organisation where it acts.
- ``wikinews``: distinct actors before and after cross-article resolution on the Wikinews
  corpus (oldest article first), and a sample of the merges to check by hand.

Matching is one-to-one; "exact" compares character spans after dropping a leading article and
a trailing possessive on both sides, "overlap" accepts any shared character.

Usage:
    benchmarks/actor_accuracy.py                          # all three, Multi-CoPED test split
    benchmarks/actor_accuracy.py multicoped --split train # tune on the train split only
    benchmarks/actor_accuracy.py wikinews --sample 30     # print 30 merges to check
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from diplograph.graph.model import Article, ArticleGraph, actor_id, stable_hash
from diplograph.ingest import gazetteer
from diplograph.ingest.actors import Mentions, find_mentions
from diplograph.ingest.events import extract_events
from diplograph.ingest.gold import load_gold
from diplograph.ingest.nlp import load_model, parse
from diplograph.ingest.readers import read_articles
from diplograph.ingest.names import is_lone, surname_keys
from diplograph.ingest.resolution import Resolver

ROOT = Path(__file__).resolve().parents[1]
RE3D_ACTORS = ("Person", "Organisation", "Nationality")
RE3D_MIN_CONFIDENCE = 0.5
WIKINEWS = ("news-wikinews-2019-2020/wikinews_2019.csv",
            "news-wikinews-2019-2020/wikinews_2020.csv")
_LEADING = re.compile(r"^(?:the|a|an)\s+", re.I)
_TRAILING = re.compile(r"(?:'s|’s|')$")

Span = tuple[int, int]


def predicted_spans(doc, mentions: Mentions) -> list[tuple[int, int, str]]:
    """Character spans of every actor mention except media, with how each was found."""
    spans = []
    for mention in mentions:
        if mention.how == "media" or not mention.actors:
            continue
        first, last = doc[mention.start], doc[mention.end - 1]
        spans.append((first.idx, last.idx + len(last.text), mention.how))
    return spans


def _normal(text: str, start: int, end: int) -> Span:
    """The span without a leading article or a trailing possessive."""
    piece = text[start:end]
    lead = _LEADING.match(piece)
    if lead:
        start += lead.end()
    trail = _TRAILING.search(text[start:end])
    if trail:
        end -= len(trail.group(0))
    return start, end


def match(gold: Sequence[Span], ours: Sequence[Span], text: str, exact: bool) -> int:
    """Greedy one-to-one matches, exact spans first so overlap never steals an exact pair."""
    used: set[int] = set()
    hits = 0
    for g in gold:
        gn = _normal(text, *g)
        best = None
        for j, o in enumerate(ours):
            if j in used:
                continue
            on = _normal(text, *o)
            if on == gn:
                best = j
                break
            if not exact and best is None and on[0] < gn[1] and gn[0] < on[1]:
                best = j
        if best is not None:
            used.add(best)
            hits += 1
    return hits


class Score:
    def __init__(self) -> None:
        self.gold = self.pred = 0
        self.exact = self.overlap = 0
        self.by_how: Counter[str] = Counter()
        self.by_how_right: Counter[str] = Counter()
        self.recall_by_type: dict[str, list[int]] = {}

    def add(self, text: str, gold: Sequence[Span], ours: Sequence[tuple[int, int, str]],
            gold_types: Sequence[str] = ()) -> None:
        spans = [(s, e) for s, e, _ in ours]
        self.gold += len(gold)
        self.pred += len(spans)
        self.exact += match(gold, spans, text, exact=True)
        self.overlap += match(gold, spans, text, exact=False)
        for s, e, how in ours:
            self.by_how[how] += 1
            if any(gs < e and s < ge for gs, ge in gold):
                self.by_how_right[how] += 1
        for span, kind in zip(gold, gold_types):
            found = match([span], spans, text, exact=False)
            cell = self.recall_by_type.setdefault(kind, [0, 0])
            cell[0] += found
            cell[1] += 1

    def figures(self) -> dict:
        def prf(hit: int) -> dict:
            p = hit / self.pred if self.pred else 0.0
            r = hit / self.gold if self.gold else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}
        return {
            "gold": self.gold, "predicted": self.pred,
            "exact": prf(self.exact), "overlap": prf(self.overlap),
            "precision_by_how": {h: f"{self.by_how_right[h]}/{n}"
                                 for h, n in self.by_how.most_common()},
            "recall_by_type": {k: f"{v[0]}/{v[1]}" for k, v in self.recall_by_type.items()},
        }


def run_multicoped(data: Path, split: str, nlp) -> dict:
    path = data / "conflibert-cameo-multicoped" / f"cameo_class_{split}.tsv"
    sentences = [s for s in load_gold(path, split=split) if s.spans is not None]
    score = Score()
    articles = [Article(text=s.text, id=s.id) for s in sentences]
    by_id = {s.id: s for s in sentences}
    for article, doc in parse(articles, nlp):
        gold = by_id[article.id]
        score.add(gold.text, [(s, e) for s, e, _ in gold.spans or ()],
                  predicted_spans(doc, find_mentions(doc)))
    return {"set": f"multicoped-{split}", "sentences": len(sentences), **score.figures()}


def run_re3d(data: Path, nlp) -> dict:
    score = Score()
    documents = []
    entities: dict[str, list[dict]] = {}
    for folder in sorted(p for p in (data / "re3d").iterdir() if (p / "documents.json").exists()):
        documents += _json_lines(folder / "documents.json")
        for entity in _json_lines(folder / "entities.json"):
            entities.setdefault(entity["documentId"], []).append(entity)
    articles = [Article(text=d["text"], id=d["_id"]) for d in documents]
    for article, doc in parse(articles, nlp):
        kept = [e for e in entities.get(article.id, ())
                if e["confidence"] >= RE3D_MIN_CONFIDENCE]
        gold = sorted({(e["begin"], e["end"], e["type"]) for e in kept
                       if e["type"] in RE3D_ACTORS})
        places = [(e["begin"], e["end"]) for e in kept if e["type"] == "Location"]
        ours = []
        for s, e, how in predicted_spans(doc, find_mentions(doc)):
            on_gold = any(gs < e and s < ge for gs, ge, _ in gold)
            on_place = any(ps < e and s < pe for ps, pe in places)
            if on_gold or not on_place:
                ours.append((s, e, how))
        score.add(article.text, [(s, e) for s, e, _ in gold], ours, [t for _, _, t in gold])
    return {"set": "re3d", "documents": len(documents), **score.figures()}


def _json_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8-sig").splitlines()
            if line.strip()]


def run_wikinews(data: Path, nlp, sample: int) -> dict:
    """Distinct actors at three stages: every name as written, after resolution inside each
    article by the actor layer ("Xi" -> Xi Jinping when the article names him), and after the
    resolver that runs over the corpus (which also catches forms the actor layer leaves apart,
    "John Bolton" and "John R. Bolton"); with the merges of both stages for hand-checking."""
    articles = sorted(read_articles([data / p for p in WIKINEWS]),
                      key=lambda a: (a.date or "", a.id))
    resolver = Resolver()
    written: set[str] = set()
    in_article: set[str] = set()
    across: set[str] = set()
    people = {"written": set(), "in_article": set(), "across": set()}
    events = {"in_article": set(), "across": set()}
    merges: dict[tuple[str, str], dict] = {}
    full_names: dict[str, set[str]] = {}  # family name -> people named in full so far
    shared: set[tuple[str, str]] = set()  # lone family names two known people share
    for article, doc in parse(articles, nlp):
        title = f"{article.date} {article.title}"
        mentions = find_mentions(doc, date=article.date)
        graph = ArticleGraph(article=article, events=tuple(extract_events(doc, article, mentions)),
                             affiliations=tuple(mentions.affiliations(article, doc)))
        resolved = resolver.resolve(graph, mentions.actors())
        events["in_article"].update(a.id for a in graph.actors)
        events["across"].update(a.id for a in resolved.actors)
        for mention in mentions:
            if mention.how == "media":
                continue
            for actor in mention.actors:
                final = resolver.canonical(actor, article.date, article.id)
                surface = actor_id(actor.type, mention.name, actor.country) \
                    if mention.name else actor.id
                written.add(surface)
                in_article.add(actor.id)
                across.add(final.id)
                if actor.type == "person":
                    people["written"].add(surface)
                    people["in_article"].add(actor.id)
                    people["across"].add(final.id)
                    if is_lone(actor.name) and final.id == actor.id and len(full_names.get(
                            gazetteer.folded_key(actor.name), ())) > 1:
                        shared.add((actor.id, article.id))
                    for key in surname_keys(final.name, final.country):
                        full_names.setdefault(key, set()).add(final.id)
                sentence = doc[mention.start].sent.text.strip()[:240]
                if surface != actor.id:
                    merges.setdefault((surface, actor.id), {
                        "stage": "in-article", "alias": mention.name, "canonical": actor.name,
                        "article": title, "context": sentence})
                if final.id != actor.id:
                    where = "same article" if final.name in article.text else "earlier article"
                    merges.setdefault((actor.id, final.id), {
                        "stage": f"resolver, {where}", "alias": actor.name,
                        "canonical": final.name, "article": title, "context": sentence})
    cross = [m for m in merges.values() if m["stage"].startswith("resolver")]
    inner = sorted((k for k, m in merges.items() if m["stage"] == "in-article"),
                   key=lambda k: stable_hash(*k))
    shown = cross[:sample] + [merges[k] for k in inner[:max(0, sample - len(cross))]]
    return {"set": "wikinews", "articles": len(articles),
            "actors": {"as_written": len(written), "in_article": len(in_article),
                       "cross_article": len(across)},
            "people": {k: len(v) for k, v in people.items()},
            "actors_in_events": {k: len(v) for k, v in events.items()},
            "left_apart": {"family_name_shared_by_known_people": len(shared)},
            "merges": {"in_article": len(inner), "resolver": len(cross),
                       "resolver_from_earlier_article": sum("earlier" in m["stage"]
                                                            for m in cross)},
            "sample": shown}


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("parts", nargs="*", default=["multicoped", "re3d", "wikinews"],
                        choices=["multicoped", "re3d", "wikinews"])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data",
                        help="folder holding the data sets")
    parser.add_argument("--split", choices=["test", "train"], default="test",
                        help="Multi-CoPED split (tune on train, report test)")
    parser.add_argument("--sample", type=int, default=30, help="merges to list for hand-checking")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(list(argv) if argv is not None else None)
    nlp = load_model()
    results = []
    for part in args.parts:
        started = time.monotonic()
        if part == "multicoped":
            result = run_multicoped(args.data, args.split, nlp)
        elif part == "re3d":
            result = run_re3d(args.data, nlp)
        else:
            result = run_wikinews(args.data, nlp, args.sample)
        result["seconds"] = round(time.monotonic() - started, 1)
        results.append(result)
        print(json.dumps(result, indent=2, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n",
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
