"""The whole ingest path in one call: articles in, one ArticleGraph per article out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from diplograph.errors import InputError
from diplograph.graph.model import Article, ArticleGraph
from diplograph.ingest.actors import find_mentions
from diplograph.ingest.coder import shipped_coder
from diplograph.ingest.dictionaries import load_dictionaries
from diplograph.ingest.eras import actors_on, restate
from diplograph.ingest.events import extract_events
from diplograph.ingest.learned import extract_learned
from diplograph.ingest.nlp import load_model, parse
from diplograph.ingest.resolution import Resolver

if TYPE_CHECKING:
    from spacy.language import Language

# The ways an article's events can be coded; the first is the default everywhere.
CODERS = ("rules", "model")
# Articles whose sentences the learned coder judges in one go (and the most held at a time).
CODER_BATCH = 16
T = TypeVar("T")


def extract(articles: Iterable[Article], *, nlp: Language | None = None,
            batch_size: int = 64, progress: bool = False,
            actors: Sequence[str | Path] = (), coder: str = "rules") -> Iterator[ArticleGraph]:
    """Extract events from articles, streaming: nothing is held beyond the current batch.

    People are resolved across the articles as they pass ("Xi" in a later article is the "Xi
    Jinping" of an earlier one; see diplograph.ingest.resolution), so the same articles in the
    same order always give the same ids. States are those of each event's date (see
    diplograph.ingest.eras): the Soviet Union is SUN in 1987, not RUS.

    Args:
        articles: the articles, in the order they should be resolved (oldest first is best).
        nlp: a loaded spaCy pipeline; the default model is loaded once otherwise.
        batch_size: articles per spaCy batch.
        progress: show a progress bar on stderr.
        actors: actor dictionaries (PETRARCH .txt or our .csv, see
            diplograph.ingest.dictionaries); later files override earlier ones, and their
            entries override what the rules would guess.
        coder: "rules", the trigger lexicon and parse rules (diplograph.ingest.events), or
            "model", the learned coder shipped in the package (diplograph.ingest.coder).

    Raises:
        InputError: an actor dictionary is missing or malformed, or `coder` is unknown.
        ModelError: the coder's model cannot be loaded.

    Example:
        >>> from diplograph.graph.model import Article
        >>> text = "Kyrgyz President Almazbek Atambayev met Chinese President Xi Jinping on Friday."
        >>> [graph] = extract([Article(text=text, date="2017-01-09")])
        >>> e = graph.events[0]
        >>> (e.source[0].country, e.plover_type, e.target[0].country, e.date)
        ('KGZ', 'CONSULT', 'CHN', '2017-01-06')
    """
    if coder not in CODERS:
        raise InputError(coder, f"unknown coder; choose one of {', '.join(CODERS)}")
    learned = shipped_coder() if coder == "model" else None
    dictionary = load_dictionaries(actors) if actors else None
    nlp = nlp or load_model()
    stream: Iterable[Article] = articles
    if progress:
        from tqdm import tqdm

        stream = tqdm(articles, desc="articles", unit="art", leave=False)
    resolver = Resolver()
    for parsed in _chunks(parse(stream, nlp, batch_size), CODER_BATCH):
        found = [find_mentions(doc, dictionary=dictionary, date=article.date)
                 for article, doc in parsed]
        if learned is not None:
            events = extract_learned([(doc, article, mentions) for (article, doc), mentions
                                      in zip(parsed, found)], learned)
        else:
            events = [extract_events(doc, article, mentions)
                      for (article, doc), mentions in zip(parsed, found)]
        for (article, doc), mentions, own in zip(parsed, found, events):
            graph = ArticleGraph(article=article, events=tuple(own),
                                 affiliations=tuple(mentions.affiliations(article, doc)))
            # codes of the event's time (SUN for Moscow in 1987) before people are resolved,
            # so the resolver learns each person with the country the text meant
            yield resolver.resolve(restate(graph), actors_on(mentions.actors(), article.date))


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
