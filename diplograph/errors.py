"""One place for the errors diplograph raises on purpose.

The CLI turns any ``DiplographError`` into a single line on stderr and a non-zero exit, so messages
must stand alone: what happened, with the offending value, and how to fix it.
"""


class DiplographError(Exception):
    """Base of every error that is the user's input or environment, not a bug."""


class InputError(DiplographError):
    """An article or input file cannot be read or understood."""

    def __init__(self, where: str, why: str):
        self.where = where
        self.why = why
        super().__init__(f"{where}: {why}")


class StoreError(DiplographError):
    """A store address is wrong, unreachable, or refused an operation."""


class QueryError(DiplographError):
    """A query is malformed or asks for something that does not exist."""


class ModelError(DiplographError):
    """The NLP model is missing or broken."""
