"""The drawings' shared geometry: points and boxes (a word's, a symbol's) in SVG pixels."""

from __future__ import annotations

Point = tuple[float, float]
Box = tuple[float, float, float, float]  # left, top, right, bottom


def grown(box: Box, by: float) -> Box:
    """The box with `by` pixels of room added on every side."""
    return box[0] - by, box[1] - by, box[2] + by, box[3] + by
