"""One vote type and one rule for everything that can be reached by several routes.

A picture (a photos.yaml entry, the cover, a portrait, a letter's scan, a re-saved copy) and a
recording (a memory's, a letter's, a photo's; the same file twice) are each decided once, by
their content, from the word of every entry that names them: the strictest wins. One refusal
anywhere and the thing is shown nowhere; the first refusal is the reason given.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Vote:
    """One entry's word on a picture or a recording: "" to allow it, or why it must not be
    shown; where says which entry (empty when it is what the thing itself shows)."""

    where: str
    reason: str


def strictest(votes: Iterable[Vote]) -> str:
    """Why the thing must not be shown, from the first refusing vote, or "" when none
    refuses."""
    for vote in votes:
        if vote.reason:
            return f"{vote.reason} ({vote.where})" if vote.where else vote.reason
    return ""
