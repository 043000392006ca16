"""The one warning channel for the tools journeybook drives (MkDocs, WeasyPrint).

Both report through Python's logging instead of raising. While a tool runs, its logger's
records are collected here; the build counts them, shows them to the coordinator, and with
`--strict` refuses to put the output in place.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class ToolLog:
    """What one tool said while it ran: errors (the output has a hole) and warnings."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class _Handler(logging.Handler):
    def __init__(self, log: ToolLog, is_error: Callable[[logging.LogRecord], bool]) -> None:
        super().__init__(logging.WARNING)
        self.log = log
        self.is_error = is_error

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage().strip()
        (self.log.errors if self.is_error(record) else self.log.warnings).append(message)


def _at_error_level(record: logging.LogRecord) -> bool:
    return record.levelno >= logging.ERROR


@contextmanager
def collected(logger: str,
              is_error: Callable[[logging.LogRecord], bool] = _at_error_level) -> Iterator[ToolLog]:
    """Collect what logger says at WARNING or above while the block runs."""
    log = ToolLog()
    handler = _Handler(log, is_error)
    target = logging.getLogger(logger)
    target.addHandler(handler)
    try:
        yield log
    finally:
        target.removeHandler(handler)
