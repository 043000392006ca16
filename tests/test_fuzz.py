"""Case data is typed by people and pasted from anywhere: whatever it holds, journeybook ends in
a valid book or a clear error, never a traceback (property-based, with hypothesis)."""

from __future__ import annotations

import copy
import re
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build import check
from generator.core.errors import JourneyError
from tests.conftest import minimal_files, write_journey

SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=True),
    st.text(max_size=40),
    st.sampled_from(["2011-02-31", "about 2009", "summer 2011", "between 2012 and 2010", "mum",
                     "../../etc/passwd", "/etc/passwd", "photos/x.jpg", "never shown", "given",
                     "<script>alert(1)</script>", "Zoë", "ﷺ", "\u202e", "' OR 1=1 --", "~"]),
)
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=12), inner, max_size=3)),
    max_leaves=8)


def paths(data, prefix=()):
    """Every key path into a nested structure."""
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += paths(value, (*prefix, index))
    return found


def set_at(data, path, value):
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


def ends_cleanly(files: dict) -> None:
    folder = Path(tempfile.mkdtemp()) / "j"
    try:
        write_journey(folder, files)
        try:
            check(folder)
        except JourneyError as error:
            assert error.problems, "an error with no problem to show"
            for problem in error.problems:
                shown = problem.show()
                # Every problem names its file first, in the coordinator's words, never a
                # Python object or exception.
                assert problem.file is not None and shown.startswith(str(problem.file)), shown
                assert not re.search(r"object at 0x|<class |Error\(|Traceback", shown), shown
    finally:
        shutil.rmtree(folder.parent)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_journeys_end_in_a_book_or_a_clear_error(data):
    """Any value anywhere in journey.yaml or people.yaml (or a new unknown key)."""
    files = copy.deepcopy(minimal_files())
    files["timeline.yaml"] = {"events": [{"date": 2013, "title": "x", "people": ["mum"]}]}
    files["memories/a.md"] = "---\nfrom: mum\nconsent: given\n---\nHello\n"
    for _ in range(data.draw(st.integers(1, 3))):
        name = data.draw(st.sampled_from(["journey.yaml", "people.yaml", "timeline.yaml"]))
        path = data.draw(st.sampled_from(paths(files[name])[1:]))
        if data.draw(st.booleans()):
            set_at(files[name], path, data.draw(VALUES))
        else:
            parent = path[:-1]
            target = files[name]
            for key in parent:
                target = target[key]
            if isinstance(target, dict):
                target[data.draw(st.text(min_size=1, max_size=10))] = data.draw(VALUES)
    ends_cleanly(files)


@settings(max_examples=120, deadline=None)
@given(st.data())
def test_damaged_yaml_text_ends_in_a_clear_error(data):
    """Random characters cut out of or typed into the YAML text itself."""
    files = minimal_files()
    name = data.draw(st.sampled_from(["journey.yaml", "people.yaml"]))
    text = yaml.safe_dump(files[name], sort_keys=False, allow_unicode=True)
    at = data.draw(st.integers(0, len(text)))
    if data.draw(st.booleans()):
        text = text[:at] + data.draw(st.text(max_size=8)) + text[at:]
    else:
        text = text[:at] + text[at + data.draw(st.integers(1, 12)):]
    files[name] = text
    ends_cleanly(files)
