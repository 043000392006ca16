"""Routes for the family tree's emotional lines: round every name and symbol, never across one.

A feeling can join any two people, rows apart, with other families in between; an arc between
them would cross names (it did: "Grandad Winston" and "your birth father"). So each line is
routed on a grid over the drawing, as a shortest path with few bends: it leaves the top of one
symbol and comes down into the top of the other, keeps CLEAR from every word and symbol, crosses
the tree's own lines only square on (never running along one), and keeps off earlier routes.
The layout leaves a way through: a lane under every row's names and room beside the rows' ends.
"""

from __future__ import annotations

import heapq
import itertools
import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from generator.draw import text
from generator.draw.boxes import Box, Point, distance, grown
from generator.draw.tree_layout import CLEAR, FONT, LINE, SYMBOL, Node
from generator.format.vocabulary import Sex

STEP = 8.0  # px between the grid's lines: every way through is at least this wide
TURN = 40.0  # what a bend costs, in px of length: routes with few bends read best
CROSS = 30.0  # what crossing another line costs
NEAR = 4.5  # px: a route this close to another line, along it, would seem to be part of it
OWN = 7.0  # px: nor this close to an emotional line (a close one is drawn 6.5 px wide)
BESIDE, ALONGSIDE = 20.0, 1.0  # px, and what each px costs: running beside a line is confusing
PORTS = (-8.0, 8.0, -16.0, 16.0)  # where routes meet a symbol's top, off the child line's middle
SIDE = 400.0  # what leaving by a symbol's side costs: only when its top is full (a line at
# the height of the symbols' middles could be taken for a partnership)
RADIUS = 9.0  # px, the rounding of a route's corners
RIGHT, LEFT, DOWN, UP = range(4)
MOVES = ((1, 0), (-1, 0), (0, 1), (0, -1))


def baseline(node: Node, line: int) -> float:
    """Where the line-th line of a person's label sits, under their symbol."""
    return node.y + SYMBOL / 2 + FONT + 5 + line * LINE


def label_boxes(node: Node) -> list[Box]:
    """The box each line of a person's label fills (measured with the theme's font)."""
    boxes = []
    for i, (words, css) in enumerate(node.label):
        width, y = text.width(words, FONT, css == "name"), baseline(node, i)
        boxes.append((node.x - width / 2, y - FONT * 0.95, node.x + width / 2, y + FONT / 4))
    return boxes


class Lines:
    """The tree's lines drawn so far, which a route may cross square on but never run along."""

    def __init__(self) -> None:
        self.straight: list[tuple[Point, Point, float]] = []  # (start, end, reach)

    def add(self, start: Point, end: Point, reach: float = NEAR) -> None:
        self.straight.append((start, end, reach))


class Grid:
    """The drawing as a grid of points a route may pass, found with A* (length, bends and
    crossings)."""

    def __init__(self, frame: Box, words: list[Box], nodes: list[Node], lines: Lines) -> None:
        left, top, right, bottom = frame
        ports = {node.x + dx for node in nodes for dx in PORTS}
        self.xs = sorted({*_steps(left + STEP / 2, right), *ports})
        self.ys = _steps(top + STEP / 2, bottom)
        size = len(self.xs) * len(self.ys)
        self.blocked, self.along = bytearray(size), [bytearray(size), bytearray(size)]
        self.beside = [bytearray(size), bytearray(size)]
        self.crossing = bytearray(size)
        for box in words:
            self._mark(self.blocked, grown(box, CLEAR))
        for node in nodes:
            h = SYMBOL / 2 + 6
            self._mark(self.blocked, (node.x - h, node.y - h, node.x + h, node.y + h))
        for start, end, reach in lines.straight:
            self.add_line(start, end, reach)

    def _index(self, ix: int, iy: int) -> int:
        return iy * len(self.xs) + ix

    def _mark(self, flags: bytearray, box: Box) -> None:
        for iy in range(bisect_left(self.ys, box[1]), bisect_right(self.ys, box[3])):
            row = iy * len(self.xs)
            for ix in range(bisect_left(self.xs, box[0]), bisect_right(self.xs, box[2])):
                flags[row + ix] = 1

    def add_line(self, start: Point, end: Point, reach: float = NEAR) -> None:
        """A drawn line: routes may not run along it (within reach), and pay to cross it."""
        (x1, y1), (x2, y2) = start, end
        box = (min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))
        if abs(y1 - y2) < 0.5 or abs(x1 - x2) < 0.5:  # no running along it, and better not beside
            way = 0 if abs(y1 - y2) < 0.5 else 1
            self._mark(self.along[way], grown(box, reach))
            self._mark(self.beside[way], grown(box, BESIDE))
        else:  # slanting (twins' lines): a crossing, whichever way
            steps = max(1, int(math.hypot(x2 - x1, y2 - y1) / 2))
            for k in range(steps + 1):
                x, y = x1 + (x2 - x1) * k / steps, y1 + (y2 - y1) * k / steps
                self._mark(self.crossing, (x - reach, y - reach, x + reach, y + reach))

    def ports(self, node: Node) -> dict[int, tuple[Point, int, float]]:
        """The grid points by a symbol where a route may leave or arrive: above its top, or
        (costing SIDE) beside it where no partner's line is. Each with the point on the
        symbol's outline, the way out, and the cost."""
        found = {}
        h = SYMBOL / 2
        iy = bisect_left(self.ys, node.y - h - 6) - 1
        for dx in PORTS:
            if node.sex is Sex.female:
                edge = node.y - math.sqrt(h * h - dx * dx)
            elif node.sex is Sex.male:
                edge = node.y - h
            else:
                edge = node.y - h + abs(dx)
            index = self._index(bisect_left(self.xs, node.x + dx - 0.01), iy)
            if iy >= 0 and not self.blocked[index] and not self.along[1][index]:
                found[index] = ((node.x + dx, edge), UP, 0.0)
        iy = min(range(len(self.ys)), key=lambda i: abs(self.ys[i] - node.y))
        for way, ix in ((LEFT, bisect_left(self.xs, node.x - h - 6) - 1),
                        (RIGHT, bisect_right(self.xs, node.x + h + 6))):
            index = self._index(ix, iy)
            if 0 <= ix < len(self.xs) and not self.blocked[index] and not self.along[0][index]:
                edge = (node.x + (h if way == RIGHT else -h), self.ys[iy])
                found[index] = (edge, way, SIDE)
        return found

    def route(self, a: Node, b: Node) -> list[Point]:
        """The route from a's top to b's top, as its corner points; [] if there is none."""
        starts, ends = self.ports(a), self.ports(b)
        path = self._search(starts, ends)
        if not path:
            return []
        nx = len(self.xs)
        points = [starts[path[0]][0]]
        points += [(self.xs[i % nx], self.ys[i // nx]) for i in path]
        points.append(ends[path[-1]][0])
        corners = _corners(points)
        for start, end in itertools.pairwise(corners):
            self.add_line(start, end, OWN)  # the next route keeps off this one
        return corners

    def _search(self, starts: dict[int, tuple[Point, int, float]],
                goals: dict[int, tuple[Point, int, float]]) -> list[int]:
        nx, ny = len(self.xs), len(self.ys)
        xs, ys = self.xs, self.ys
        targets = [(xs[g % nx], ys[g // nx]) for g in goals]

        def guess(index: int) -> float:
            x, y = xs[index % nx], ys[index // nx]
            return min(abs(x - tx) + abs(y - ty) for tx, ty in targets)

        best: dict[int, float] = {}
        came: dict[int, int] = {}
        queue = [(guess(s) + cost, cost, s * 4 + way) for s, (_, way, cost) in starts.items()]
        for _, cost, state in queue:
            best[state] = cost
        heapq.heapify(queue)
        while queue:
            _, cost, state = heapq.heappop(queue)
            if cost > best.get(state, math.inf):
                continue
            index, heading = divmod(state, 4)
            if index in goals:
                return self._path(state, came)
            ix, iy = index % nx, index // nx
            for move, (dx, dy) in enumerate(MOVES):
                if move ^ 1 == heading:  # no turning back
                    continue
                jx, jy = ix + dx, iy + dy
                if not (0 <= jx < nx and 0 <= jy < ny):
                    continue
                nxt = jy * nx + jx
                if self.blocked[nxt] or self.along[move // 2][nxt]:
                    continue
                step = abs(xs[jx] - xs[ix]) + abs(ys[jy] - ys[iy])
                step *= 1 + ALONGSIDE * self.beside[move // 2][nxt]
                step += TURN * (move != heading) + CROSS * (self.along[1 - move // 2][nxt]
                                                            or self.crossing[nxt])
                if nxt in goals:  # come into a symbol the way a port faces: down into its top
                    _, way, extra = goals[nxt]
                    step += extra + TURN * (move != way ^ 1)
                new = cost + step
                if new < best.get(nxt * 4 + move, math.inf):
                    best[nxt * 4 + move] = new
                    came[nxt * 4 + move] = state
                    heapq.heappush(queue, (new + guess(nxt), new, nxt * 4 + move))
        return []

    @staticmethod
    def _path(state: int, came: dict[int, int]) -> list[int]:
        path = [state // 4]
        while state in came:
            state = came[state]
            path.append(state // 4)
        return path[::-1]


def _steps(start: float, stop: float) -> list[float]:
    return [start + k * STEP for k in range(int((stop - start) // STEP) + 1)]



def _corners(points: list[Point]) -> list[Point]:
    """The points where a route turns (and its two ends)."""
    corners = [points[0]]
    for here, after in itertools.pairwise(points[1:]):
        before = corners[-1]
        straight = (abs(before[0] - here[0]) < 0.01 and abs(here[0] - after[0]) < 0.01) or (
            abs(before[1] - here[1]) < 0.01 and abs(here[1] - after[1]) < 0.01)
        if not straight:
            corners.append(here)
    corners.append(points[-1])
    return corners


def rounded(corners: list[Point]) -> str:
    """Path data through the corners, each corner rounded."""
    d = f"M{corners[0][0]:.1f},{corners[0][1]:.1f}"
    for before, corner, after in zip(corners, corners[1:], corners[2:], strict=False):
        r = min(RADIUS, _length(before, corner) / 2, _length(corner, after) / 2)
        into, out = _towards(corner, before, r), _towards(corner, after, r)
        d += (f" L{into[0]:.1f},{into[1]:.1f} Q{corner[0]:.1f},{corner[1]:.1f} "
              f"{out[0]:.1f},{out[1]:.1f}")
    return d + f" L{corners[-1][0]:.1f},{corners[-1][1]:.1f}"


def widest_point(corners: list[Point], words: Iterable[Box]) -> tuple[Point, Point]:
    """The point of a route furthest from every word, away from its corners, with the route's
    direction there: where marks across the line (a cut-off's bars) have most room."""
    words = list(words)
    best: tuple[float, Point, Point] = (-1.0, corners[0], (1.0, 0.0))
    for start, end in itertools.pairwise(corners):
        length = _length(start, end)
        if length < 4 * RADIUS:
            continue
        direction = ((end[0] - start[0]) / length, (end[1] - start[1]) / length)
        for k in range(1, 8):
            point = _towards(start, end, 2 * RADIUS + (length - 4 * RADIUS) * k / 8)
            room = min((distance(point, box) for box in words), default=math.inf)
            room -= abs(k - 4)  # of two as good, the nearer the middle
            if room > best[0]:
                best = (room, point, direction)
    return best[1], best[2]


def _length(a: Point, b: Point) -> float:
    return math.hypot(b[0] - a[0], b[1] - a[1])


def _towards(a: Point, b: Point, by: float) -> Point:
    length = _length(a, b) or 1.0
    return a[0] + (b[0] - a[0]) * by / length, a[1] + (b[1] - a[1]) * by / length
