"""The drawings' shared geometry: points and boxes (a word's, a symbol's) in SVG pixels."""

from __future__ import annotations

import math

Point = tuple[float, float]
Box = tuple[float, float, float, float]  # left, top, right, bottom


def grown(box: Box, by: float) -> Box:
    """The box with `by` pixels of room added on every side."""
    return box[0] - by, box[1] - by, box[2] + by, box[3] + by


def distance(point: Point, box: Box) -> float:
    """How far a point is from a box (0 inside it)."""
    dx = max(box[0] - point[0], 0, point[0] - box[2])
    dy = max(box[1] - point[1], 0, point[1] - box[3])
    return math.hypot(dx, dy)
