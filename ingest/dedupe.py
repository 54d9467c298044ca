"""One happening, one event: mentions merged inside an article, reports grouped across articles.

Inside an article, a meeting told in the headline, the lead and a quote is one event: the
best-dated telling is kept and the other sentences are listed in `mention_sentences`. Retellings
often name the parties differently ("Xi met Nazarbayev" ... "China and Kazakhstan held talks")
and carry no date of their own (the headline takes the publication day, a later sentence the
date carried from before): such a telling folds into an event of the same CAMEO code between the
same countries, or of the same PLOVER type when it has only the publication day (a headline's
"agree" is the lead's "agreed to deepen security cooperation"). What an act is about is no second act: in "signed a joint statement on deepening
the partnership" the deepening is the statement's content, not an AGREE beside the signing.

Across articles nothing is merged in the stores: each article stays its own named graph, so
re-ingesting or retracting an article still replaces exactly what it said. Instead every event
carries a `story_key`, a hash of what makes two reports tell the same story (PLOVER type, parties,
negation, whether it is announced or hypothetical), and `cluster_reports` groups events with one
key whose dates lie within a window into a `Story` with a deterministic id, every report's
provenance and a count. A store query can group the same way on `story_key` and date. GDELT drops
only exact duplicates; this also joins "Tuesday's talks" reported on Wednesday with the same
talks reported on Tuesday.

>>> from diplograph.graph.model import Actor, Event
>>> usa, chn = Actor.country_actor("USA"), Actor.country_actor("CHN")
>>> def talks(article, date, source, target):
...     return Event(article_id=article, sentence_index=0, sentence="...", span=(0, 3),
...                  trigger="met", predicate="met", plover_type="CONSULT", cameo_code="040",
...                  goldstein=1.0, quad_class=1, source=(source,), target=(target,), date=date)
>>> story_key(talks("a", None, usa, chn)) == story_key(talks("b", None, chn, usa))
True
>>> [s.count for s in cluster_reports([talks("a", "2020-03-02", usa, chn),
...                                    talks("b", "2020-03-03", chn, usa),
...                                    talks("c", "2020-03-20", usa, chn)])]
[2, 1]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache

from diplograph.graph.model import Event, stable_hash
from diplograph.ingest import lexicon

# How many days apart two reports of one story may be dated: news reports "on Monday" what
# happened on Sunday, and a date resolved from a weekday can be off by the article's lag.
WINDOW_DAYS = 2
_BASIS_RANK = {"text": 0, "context": 1, "article": 2, None: 3}
# Prepositions that introduce what an act is about ("a statement on deepening ties").
ABOUT_WORDS = frozenset({"on", "about", "for", "to", "over", "regarding", "concerning"})


@dataclass(frozen=True)
class Story:
    """Events from one or more articles that report the same happening."""

    id: str
    key: str
    first_date: str | None
    last_date: str | None
    events: tuple[Event, ...]

    @property
    def count(self) -> int:
        """How many reports (events, at most one per article and sentence) tell this story."""
        return len(self.events)

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.article_id for e in self.events))


@cache
def symmetric_codes() -> frozenset[str]:
    """CAMEO codes whose parties act together ("A met B" is "B met A"): any lexicon row that
    lets "A and B" do it jointly."""
    return frozenset(e.cameo for e in lexicon.all_entries() if e.joint)


def _parties(event: Event) -> tuple:
    sources = tuple(sorted(a.id for a in event.source))
    targets = tuple(sorted(a.id for a in event.target))
    if event.cameo_code in symmetric_codes() or not targets:
        return (tuple(sorted(set(sources + targets))),)
    return sources, targets


def _stance(event: Event) -> str:
    """Asserted and reported tell the same story; announced and hypothetical do not."""
    return "asserted" if event.modality == "reported" else event.modality


def story_key(event: Event) -> str:
    """What two reports must share to tell one story: type, parties, negation, stance."""
    return "k" + stable_hash(event.plover_type, _parties(event), event.negated, _stance(event))


def merge_mentions(events: Sequence[Event]) -> list[Event]:
    """One event per (CAMEO code, parties, negation, stance, own date) in an article.

    The best-dated telling wins (a date written in its sentence beats one carried from context,
    which beats the publication date), then the more confident; the others' sentences become
    its `mention_sentences`.
    """
    groups: dict[tuple, list[int]] = {}
    for position, event in enumerate(events):
        # two tellings dated differently by their own sentences are two events ("met on Monday
        # ... met again on Tuesday"); an undated one may still fold in (_fold_retellings)
        own = event.date if event.date_basis == "text" else None
        key = (event.cameo_code, _parties(event), event.negated, _stance(event), own)
        groups.setdefault(key, []).append(position)
    kept: dict[int, Event] = {}
    for positions in groups.values():
        best = min(positions, key=lambda p: (_BASIS_RANK[events[p].date_basis],
                                             -events[p].confidence, p))
        others = sorted({events[p].sentence_index for p in positions}
                        - {events[best].sentence_index})
        kept[best] = replace(events[best], mention_sentences=tuple(others))
    return _fold_retellings([kept[p] for p in sorted(kept)])


def _fold_retellings(events: list[Event]) -> list[Event]:
    """Fold each event that retells another (see the module docstring) into the one it retells,
    best-dated first; the retelling's sentences join the kept event's `mention_sentences`."""
    order = sorted(range(len(events)), key=lambda p: (_BASIS_RANK[events[p].date_basis], p))
    order = [p for p in order if not any(_content_of(events[p], e) for e in events)] + \
        [p for p in order if any(_content_of(events[p], e) for e in events)]
    kept: dict[int, Event] = {}
    for position in order:
        event = events[position]
        into = next((k for k, other in kept.items()
                     if _content_of(event, other) or _retells(event, other)), None)
        if into is None:
            kept[position] = event
            continue
        other = kept[into]
        sentences = {*other.mention_sentences, event.sentence_index, *event.mention_sentences}
        kept[into] = replace(other, mention_sentences=tuple(sorted(
            sentences - {other.sentence_index})))
    return [kept[p] for p in sorted(kept)]


def _content_of(event: Event, told: Event) -> bool:
    """Is `event` what `told` is about, between the same parties: its trigger inside the object
    of `told` ("signed a statement on deepening ties"), or right after it and a preposition
    ("signed a joint statement on expanding cooperation", however the parse hangs the "on")?"""
    if event.sentence_index != told.sentence_index or not told.object or \
            event.span[0] <= told.span[0] or event.negated != told.negated or \
            _country_parties(event) != _country_parties(told):
        return False
    if event.trigger.lower() in told.object.lower().replace("-", " ").split():
        return True
    return _about(told, event)


def _about(told: Event, event: Event) -> bool:
    """Does the sentence read "<told's trigger> <told's object> on|about|for|to <event>"?"""
    start = told.sentence.find(told.trigger)
    if start < 0:
        return False
    gap = told.sentence[start + len(told.trigger):start + len(told.trigger)
                        + event.span[0] - told.span[1]]
    words = gap.lower().split()
    return bool(words) and words[-1] in ABOUT_WORDS and told.object.lower() in gap.lower() \
        and not set(gap) & set(",;:()") and not {"and", "but", "while"} & set(words)


def _retells(event: Event, told: Event) -> bool:
    """Is `event` a retelling of `told` in another sentence?"""
    if (event.negated, _stance(event)) != (told.negated, _stance(told)):
        return False
    if event.sentence_index == told.sentence_index or event.plover_type != told.plover_type:
        return False
    if event.date_basis == "text" and event.date != told.date:
        return False  # its own sentence dates it elsewhere: another meeting
    if event.cameo_code != told.cameo_code and event.date_basis != "article":
        return False  # a later sentence saying more ("willing to work with") is news of its own
    return _country_parties(event) == _country_parties(told)


def _country_parties(event: Event) -> tuple:
    """The parties as states where the text gives a person's state, otherwise as actors."""
    def key(actors) -> tuple:
        return tuple(sorted({a.country or a.id for a in actors}))
    sources, targets = key(event.source), key(event.target)
    if event.cameo_code in symmetric_codes() or not targets:
        return (tuple(sorted(set(sources + targets))),)
    return sources, targets


def cluster_reports(events: Iterable[Event], window_days: int = WINDOW_DAYS) -> list[Story]:
    """Group events from many articles into stories: one story key, dates within the window.

    Day-dated events chain: each joins the story whose latest report is at most `window_days`
    before it. Month- or year-dated events join only events with the same date; undated events
    stay alone, one story per article. Ids depend only on the key and the story's first date, so
    the same input always gives the same stories (adding articles can extend a story backwards,
    which gives it a new id).
    """
    by_key: dict[str, list[Event]] = {}
    for event in events:
        by_key.setdefault(event.story_key or story_key(event), []).append(event)
    stories: list[Story] = []
    for key, group in by_key.items():
        stories.extend(_stories(key, group, window_days))
    return sorted(stories, key=lambda s: (s.first_date or "9999", s.id))


def _stories(key: str, group: list[Event], window_days: int) -> list[Story]:
    day = sorted((e for e in group if e.date and len(e.date) == 10),
                 key=lambda e: (e.date, e.article_id, e.sentence_index))
    runs: list[list[Event]] = []
    for event in day:
        if runs and _days(runs[-1][-1].date, event.date) <= window_days:
            runs[-1].append(event)
        else:
            runs.append([event])
    coarse: dict[str, list[Event]] = {}
    for event in group:
        if event.date and len(event.date) < 10:
            coarse.setdefault(event.date, []).append(event)
        elif not event.date:
            coarse.setdefault("undated:" + event.article_id, []).append(event)
    runs.extend(coarse.values())
    return [Story(id="s" + stable_hash(key, run[0].date or run[0].article_id), key=key,
                  first_date=run[0].date, last_date=run[-1].date, events=tuple(run))
            for run in runs]


def _days(earlier: str | None, later: str | None) -> int:
    assert earlier and later
    return (date.fromisoformat(later) - date.fromisoformat(earlier)) // timedelta(days=1)
