"""From raw articles to events: readers -> nlp -> actors -> events."""
