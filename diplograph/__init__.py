"""diplograph: news articles in, a temporal knowledge graph of diplomatic events out."""

__version__ = "0.1.0"
