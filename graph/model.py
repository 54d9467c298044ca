"""The canonical model every stage speaks: readers make Articles, the extractor makes Events.

Everything is a frozen dataclass so a stage cannot quietly change what an earlier one decided, and
every id is derived from normalised content so the same input gives the same ids on every run (the
stores rely on that to make re-ingest a merge, not a duplicate).

>>> a = Article(text="Leaders met.", date="2017-01-09")
>>> a.id == Article(text="Leaders met.", date="2017-01-09").id
True
>>> Actor.country_actor("CHN").id
'country:CHN'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Literal

ActorType = Literal["person", "country", "organization", "igo", "group"]
ACTOR_TYPES: tuple[str, ...] = ("person", "country", "organization", "igo", "group")
Modality = Literal["asserted", "reported", "future", "hypothetical"]
MODALITIES: tuple[str, ...] = ("asserted", "reported", "future", "hypothetical")
Precision = Literal["day", "month", "year"]
# Where an event's date came from: a date expression in its sentence ("text"), an earlier sentence
# of the same article ("context"), or only the article's publication date ("article").
DateBasis = Literal["text", "context", "article"]

#: The origin of events diplograph extracted itself; imported ones name their dataset
#: (`ORIGINS`), so questions can keep or compare them (`--origin`).
EXTRACTED = "extract"
#: Every origin an event may have, and what each means.
ORIGINS: dict[str, str] = {
    EXTRACTED: "extracted from articles by diplograph",
    "gdelt1": "GDELT 1.0 event table",
    "gdelt2": "GDELT 2.0 event table (mentions joined for provenance)",
    "icews": "ICEWS coded event data",
    "polecat": "POLECAT (PLOVER-coded) event data",
}

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def stable_hash(*parts: object, length: int = 16) -> str:
    """Hash normalised parts into a short hex id; the same parts give the same id forever."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:length]


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: 'Xi Jinping' -> 'xi-jinping'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or stable_hash(text, length=8)


def check_date(value: str | None, what: str) -> str | None:
    """Accept ISO dates of any precision (YYYY, YYYY-MM, YYYY-MM-DD) and nothing else."""
    if value is None or value == "":
        return None
    if not _DATE.match(value):
        raise ValueError(f"{what} must be YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    return value


def date_precision(value: str | None) -> Precision | None:
    """The precision an ISO date string carries: '2017' -> 'year', '2017-01-06' -> 'day'."""
    if not value:
        return None
    return {4: "year", 7: "month", 10: "day"}[len(value)]  # type: ignore[return-value]


@dataclass(frozen=True)
class Article:
    """One news article; `id` defaults to a hash of its text so unnamed inputs stay stable.

    `origin` says where the article came from (file and line) so errors and provenance can point
    back to it; it does not take part in the id.
    """

    text: str
    id: str = ""
    title: str | None = None
    date: str | None = None
    url: str | None = None
    origin: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "date", check_date(self.date, f"date of article {self.id!r}"))
        if not self.id:
            object.__setattr__(self, "id", "a" + stable_hash(self.title, self.text))


@dataclass(frozen=True)
class Actor:
    """A person, country, organisation, IGO or group, as named in one event.

    `role` is the role the text gives the actor at that moment ("President"); it is not part of the
    actor's identity, so one person keeps one id across roles. `wikidata` is a Q-id an actor
    dictionary gave, when one did.
    """

    name: str
    type: ActorType
    country: str | None = None
    role: str | None = None
    id: str = ""
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None

    def __post_init__(self) -> None:
        if self.type not in ACTOR_TYPES:
            raise ValueError(f"actor type must be one of {ACTOR_TYPES}, got {self.type!r}")
        if not self.id:
            object.__setattr__(self, "id", actor_id(self.type, self.name, self.country))

    @classmethod
    def country_actor(cls, iso3: str, name: str | None = None) -> Actor:
        """The actor standing for a state as a whole."""
        return cls(name=name or iso3, type="country", country=iso3)

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "type": self.type, "country": self.country,
                "role": self.role}


def actor_id(type_: str, name: str, country: str | None) -> str:
    """Readable, stable actor ids: 'country:CHN', 'person:xi-jinping', 'igo:united-nations'.

    People and organisations are keyed by name alone so "Xi Jinping" from two articles is one node;
    later resolution may map aliases onto these keys.
    """
    if type_ == "country" and country:
        return f"country:{country}"
    return f"{type_}:{slugify(name)}"


@dataclass(frozen=True)
class Affiliation:
    """A person's role for a country, dated by the article that states it (`start`..`end`).

    `role` is a role class (diplograph.ingest.gazetteer.ROLES: head_of_state, foreign_minister,
    ...); `title` is the title as the text wrote it ("President", "Minister of Commerce") and
    `evidence` the sentence that states it.
    """

    actor_id: str
    country: str
    role: str
    start: str | None = None
    end: str | None = None
    article_id: str | None = None
    sentence_index: int | None = None
    title: str | None = None
    evidence: str | None = None

    def __post_init__(self) -> None:
        check_date(self.start, "affiliation start")
        check_date(self.end, "affiliation end")

    @property
    def id(self) -> str:
        return "aff" + stable_hash(self.actor_id, self.country, self.role, self.start, self.end,
                                   self.article_id)


@dataclass(frozen=True)
class Location:
    name: str
    country: str | None = None


@dataclass(frozen=True)
class Event:
    """One coded event, with the sentence it came from (the `extract --format jsonl` contract).

    `span` is the trigger's character offsets in the article text. `date` is ISO at the precision
    the text supports, or None; `date_basis` says whether the date was written in the event's own
    sentence, carried from earlier in the article, or is only the publication date, so a researcher
    can keep or drop the weaker kinds.
    """

    article_id: str
    sentence_index: int
    sentence: str
    span: tuple[int, int]
    trigger: str
    predicate: str
    plover_type: str
    cameo_code: str
    goldstein: float
    quad_class: int
    source: tuple[Actor, ...]
    target: tuple[Actor, ...] = ()
    plover_mode: str | None = None
    plover_context: tuple[str, ...] = ()
    object: str | None = None
    date: str | None = None
    location: Location | None = None
    negated: bool = False
    modality: Modality = "asserted"
    confidence: float = 0.5
    date_basis: DateBasis | None = None
    # Other sentences of the same article that tell this event (in-article deduplication).
    mention_sentences: tuple[int, ...] = ()
    # What reports of one story share across articles (see diplograph.ingest.dedupe).
    story_key: str | None = None
    # Which dataset the event came from (`ORIGINS`), and that dataset's own id for it.
    origin: str = EXTRACTED
    source_event_id: str | None = None
    id: str = field(default="")

    def __post_init__(self) -> None:
        check_date(self.date, "event date")
        if self.modality not in MODALITIES:
            raise ValueError(f"modality must be one of {MODALITIES}, got {self.modality!r}")
        if self.origin not in ORIGINS:
            raise ValueError(f"origin must be one of {tuple(ORIGINS)}, got {self.origin!r}")
        if not self.id:
            object.__setattr__(self, "id", "e" + stable_hash(
                self.article_id, self.span[0], self.span[1], self.cameo_code,
                tuple(a.id for a in self.source), tuple(a.id for a in self.target)))

    @property
    def date_precision(self) -> Precision | None:
        return date_precision(self.date)

    @property
    def actors(self) -> tuple[Actor, ...]:
        return self.source + self.target

    def dyads(self) -> list[tuple[Actor, Actor | None]]:
        """CAMEO-style (source, target) pairs of the event, as GDELT and ICEWS count them.

        PLOVER keeps a multilateral meeting as one event with several actors; CAMEO wants dyads.
        An event with several sources and no target was done together, so every ordered pair of
        its sources is a dyad; otherwise each source pairs with each target (or with None).
        """
        if not self.target and len(self.source) > 1:
            return [(a, b) for a in self.source for b in self.source if a.id != b.id]
        return [(a, b) for a in self.source for b in (self.target or (None,))]

    def to_dict(self) -> dict:
        """The JSON record of DESIGN.md, field order as documented."""
        return {
            "id": self.id, "article_id": self.article_id, "sentence_index": self.sentence_index,
            "sentence": self.sentence, "span": list(self.span), "trigger": self.trigger,
            "predicate": self.predicate, "plover_type": self.plover_type,
            "plover_mode": self.plover_mode, "plover_context": list(self.plover_context),
            "cameo_code": self.cameo_code, "goldstein": self.goldstein,
            "quad_class": self.quad_class,
            "source": [a.to_dict() for a in self.source],
            "target": [a.to_dict() for a in self.target],
            "object": self.object, "date": self.date, "date_precision": self.date_precision,
            "date_basis": self.date_basis,
            "location": asdict(self.location) if self.location else None,
            "negated": self.negated, "modality": self.modality, "confidence": self.confidence,
            "mention_sentences": list(self.mention_sentences), "story_key": self.story_key,
            "origin": self.origin, "source_event_id": self.source_event_id,
        }


@dataclass(frozen=True)
class ArticleGraph:
    """Everything one article contributes to the graph; stores write and replace it as a unit."""

    article: Article
    events: tuple[Event, ...] = ()
    affiliations: tuple[Affiliation, ...] = ()

    @property
    def actors(self) -> tuple[Actor, ...]:
        """Distinct actors of the events, first mention first."""
        seen: dict[str, Actor] = {}
        for event in self.events:
            for actor in event.actors:
                seen.setdefault(actor.id, actor)
        return tuple(seen.values())
