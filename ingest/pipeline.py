"""The whole ingest path in one call: articles in, one ArticleGraph per article out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from diplograph.graph.model import Article, ArticleGraph
from diplograph.ingest.actors import find_mentions
from diplograph.ingest.events import extract_events
from diplograph.ingest.nlp import load_model, parse

if TYPE_CHECKING:
    from spacy.language import Language


def extract(articles: Iterable[Article], *, nlp: Language | None = None,
            batch_size: int = 64, progress: bool = False) -> Iterator[ArticleGraph]:
    """Extract events from articles, streaming: nothing is held beyond the current batch.

    Example:
        >>> from diplograph.graph.model import Article
        >>> text = "Kyrgyz President Almazbek Atambayev met Chinese President Xi Jinping on Friday."
        >>> [graph] = extract([Article(text=text, date="2017-01-09")])
        >>> e = graph.events[0]
        >>> (e.source[0].country, e.plover_type, e.target[0].country, e.date)
        ('KGZ', 'CONSULT', 'CHN', '2017-01-06')
    """
    nlp = nlp or load_model()
    stream: Iterable[Article] = articles
    if progress:
        from tqdm import tqdm

        stream = tqdm(articles, desc="articles", unit="art", leave=False)
    for article, doc in parse(stream, nlp, batch_size):
        mentions = find_mentions(doc)
        events = extract_events(doc, article, mentions)
        yield ArticleGraph(article=article, events=tuple(events),
                           affiliations=tuple(mentions.affiliations(article, doc)))
