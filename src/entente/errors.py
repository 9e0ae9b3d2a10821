"""Entente's exception hierarchy.

Every error a user can cause is an :class:`EntenteError` with a numbered code and a message that says
what was wrong and what to do. Interfaces (CLI, REST) turn these into exit codes or HTTP errors and never
print a traceback for them.
"""

from __future__ import annotations


class EntenteError(Exception):
    """Base class for errors a user can act on."""

    code = "E000"

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        text = f"[{self.code}] {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


class ConfigError(EntenteError):
    """A setting (argument or environment variable) is invalid."""

    code = "E001"


class InputError(EntenteError):
    """An input could not be read or understood (binary, empty, undecodable, broken)."""

    code = "E010"


class FetchError(InputError):
    """A URL or feed could not be fetched (unreachable, refused, too large, wrong type)."""

    code = "E011"


class UnsafeURLError(FetchError):
    """A URL points at a loopback or private address and --allow-private was not given."""

    code = "E012"


class StorageError(EntenteError):
    """The database could not be opened, migrated or written."""

    code = "E020"


class NotFoundError(EntenteError):
    """A requested record (article, event, actor) does not exist."""

    code = "E021"


class ModelError(EntenteError):
    """The NLP pipeline could not be loaded or is unsuitable."""

    code = "E030"


class KnowledgeBaseError(EntenteError):
    """A knowledge-base file is malformed or inconsistent."""

    code = "E040"


class LanguageNotSupportedError(EntenteError):
    """A stage that needs English was given another language."""

    code = "E050"


class EvaluationError(EntenteError):
    """A gold or system file for evaluation is malformed."""

    code = "E060"
