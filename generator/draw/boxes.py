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


def overlap(a: Box, b: Box, pad: float) -> bool:
    """Do the boxes overlap, or come within pad of each other?"""
    return a[0] < b[2] + pad and b[0] < a[2] + pad and a[1] < b[3] + pad and b[1] < a[3] + pad


def to_segment(point: Point, a: Point, b: Point) -> float:
    """How far a point is from the segment a-b."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    t = ((point[0] - a[0]) * dx + (point[1] - a[1]) * dy) / ((dx * dx + dy * dy) or 1)
    t = min(1.0, max(0.0, t))
    return math.dist(point, (a[0] + dx * t, a[1] + dy * t))


def crosses(a: Point, b: Point, box: Box) -> bool:
    """Does the segment a-b pass through the box? (Clipped against its sides.)"""
    low, high = 0.0, 1.0
    for start, step, lo, hi in ((a[0], b[0] - a[0], box[0], box[2]),
                                (a[1], b[1] - a[1], box[1], box[3])):
        if abs(step) < 1e-9:
            if not lo <= start <= hi:
                return False
            continue
        t1, t2 = sorted(((lo - start) / step, (hi - start) / step))
        low, high = max(low, t1), min(high, t2)
        if low > high:
            return False
    return True
