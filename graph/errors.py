"""The project's exceptions: one base, and an input error that always says where and how to fix.

Readers collect `InputError`s per article and carry on with the next one; the CLI prints each as
one line on stderr (`path:location: problem (hint)`) and exits non-zero.
"""
from __future__ import annotations

from dataclasses import dataclass


class ActorGraphError(Exception):
    """Base class for every error ActorGraph raises on purpose."""


@dataclass
class InputError(ActorGraphError):
    """Bad user input: a file, a line or JSON path in it, what is wrong and how to fix it."""

    path: str
    location: str
    problem: str
    hint: str = ""

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __reduce__(self) -> tuple[object, ...]:
        # Exceptions pickle as cls(*args); ours need their fields back (parallel ingest pickles them).
        return (type(self), (self.path, self.location, self.problem, self.hint))

    def __str__(self) -> str:
        where = f"{self.path}:{self.location}" if self.location else self.path
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}: {self.problem}{hint}"


class ReferenceDataError(InputError):
    """Invalid vocabulary, gazetteer or mapping file: fatal, because every article depends on it."""


class ConfigError(ActorGraphError, ValueError):
    """An environment variable or option whose value cannot be used: the message names it, says
    what is wrong and gives an example of a good value (see `graph.config.setting_error`)."""


class StoreError(ActorGraphError):
    """A store could not be opened, read or written."""


class UnknownActorError(ActorGraphError, KeyError):
    """An actor id that no store or gazetteer knows."""

    def __str__(self) -> str:
        return f"unknown actor {self.args[0]!r}"
