"""The generated journeys the benchmarks measure (benchmarks/run.py, benchmarks/speed.py):
a family of any size, and a journey of N phone photos of 12 MP, cached in benchmarks/out."""

from __future__ import annotations

import itertools
import random
import shutil
from pathlib import Path

import yaml
from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"


def family(size: int, seed: int = 1) -> dict:
    rng = random.Random(seed)
    people, unions, couples = [], [], []
    counter = iter(range(100_000))

    def person(level: int, parents: list[str]) -> str:
        pid = f"p{next(counter)}"
        people.append({"id": pid, "called": f"Person {pid}", "relation": "family",
                       "sex": rng.choice(["female", "male"]), "born": 1930 + 25 * level,
                       "parents": parents})
        return pid

    level_of = {}
    for _ in range(max(2, size // 30)):
        a, b = person(0, []), person(0, [])
        level_of[a] = level_of[b] = 0
        unions.append({"partners": [a, b]})
        couples.append((a, b))
    me_parents: list[str] = []
    while len(people) < size and couples:
        a, b = couples.pop(0)
        level = level_of[a] + 1
        if level > 3:
            continue
        for _ in range(rng.randint(1, 4)):
            child = person(level, [a, b])
            level_of[child] = level
            if level < 3 and rng.random() < 0.7:
                partner = person(level, [])
                level_of[partner] = level
                unions.append({"partners": [child, partner]})
                couples.append((child, partner))
                if level == 2 and not me_parents:
                    me_parents = [child, partner]
    # Join the founding families by marriages, so that everyone is one family of `size`.
    roots = [u["partners"][0] for u in unions[: max(2, size // 30)]]
    for left, right in itertools.pairwise(roots):
        kids_l = [p["id"] for p in people if left in p["parents"]]
        kids_r = [p["id"] for p in people if right in p["parents"]]
        if kids_l and kids_r:
            unions.append({"partners": [kids_l[0], kids_r[-1]]})
    return {"journey.yaml": {"young_person": {"id": "me", "called": "Me", "sex": "female",
                                              "parents": me_parents},
                             "coordinator": {"name": "C"}},
            "people.yaml": {"people": people, "unions": unions}}


def write(folder: Path, files: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (folder / name).write_text(yaml.safe_dump(content, sort_keys=False))
    return folder


def phone_photos(count: int) -> Path:
    """A journey of `count` 12 MP JPEGs (cached in benchmarks/out between runs)."""
    folder = OUT / f"journey-{count}-photos"
    photos = folder / "photos"
    if len(list(photos.glob("*.jpg"))) != count:
        shutil.rmtree(folder, ignore_errors=True)
        photos.mkdir(parents=True)
        rng = random.Random(7)
        noise = Image.effect_noise((4000, 3000), 24).convert("RGB")
        for i in range(count):
            base = Image.new("RGB", (4000, 3000), tuple(rng.randint(40, 220) for _ in range(3)))
            draw = ImageDraw.Draw(base)
            for _ in range(12):
                x, y = rng.randint(0, 3600), rng.randint(0, 2600)
                draw.ellipse([x, y, x + rng.randint(200, 1400), y + rng.randint(200, 1400)],
                             fill=tuple(rng.randint(0, 255) for _ in range(3)))
            Image.blend(base, noise, 0.25).save(photos / f"p{i:03d}.jpg", quality=88)
    write(folder, {
        "journey.yaml": {"young_person": {"id": "me", "called": "Me"},
                         "coordinator": {"name": "C"}},
        "people.yaml": {"people": []},
        "photos.yaml": {"photos": [{"file": f"photos/p{i:03d}.jpg", "alt": f"Photo {i}",
                                    "caption": f"Photo {i}", "consent": "given"}
                                   for i in range(count)]},
    })
    return folder
