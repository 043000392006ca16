"""Step 2 - Validate: turn loaded files into typed case data, and report every problem at once.

Each file is checked against its model in `schema`; then the journey is checked as a whole, by
what each check decides: ids used once and links to known people, no ancestry in a loop
(`validate_ids`); every file named there, inside the folder and readable (`validate_files`);
and what would not make sense to the young person (`validate_story`). Problems carry the file
and line, and a fix.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from generator.core.errors import Problem
from generator.core.source_cache import SourceCache
from generator.format.explain import explain
from generator.format.journey import Found, Journey, Parts, Writing, everyone
from generator.format.load import LoadedJourney, SourceFile
from generator.format.schema import (
    Consent,
    JourneyFile,
    Letter,
    Memory,
    PeopleFile,
    PhotosFile,
    PlanFile,
    Strict,
    TimelineFile,
)
from generator.format.validate_files import FileChecks
from generator.format.validate_ids import References
from generator.format.validate_story import story_problems


def validate_journey(loaded: LoadedJourney, cache: SourceCache | None = None
                     ) -> tuple[Journey | None, list[Problem]]:
    """Return the validated journey (None if any error) and every problem found.

    cache remembers which images were already seen to decode, so an unchanged photo is not
    decoded again on every check.
    """
    problems: list[Problem] = []
    info = _check_model(loaded.journey, JourneyFile, problems)
    people = _check_model(loaded.people, PeopleFile, problems)
    timeline = _check_model(loaded.timeline, TimelineFile, problems, optional=True)
    photos = _check_model(loaded.photos, PhotosFile, problems, optional=True)
    plan = _check_model(loaded.plan, PlanFile, problems, optional=True)
    memories = [m for m in (_writing(source, Memory, problems) for source in loaded.memories) if m]
    letters = [w for w in (_writing(source, Letter, problems) for source in loaded.letters) if w]
    # The checks across files run on whatever did validate, so that `check` lists every
    # problem at once: a file that failed adds nothing (its problems are listed already).
    parts = Parts(loaded.folder, info, people or PeopleFile(), timeline or TimelineFile(),
                   photos or PhotosFile(), plan or PlanFile(), memories, letters,
                   ids_known=info is not None and people is not None)
    found = Found(problems)
    References(parts, loaded, found).check()
    FileChecks(parts, loaded, found, cache).check()
    _alt_text_warnings(parts, loaded, found)
    # Dates and words that disagree across files: a death before a birth (an error), an event
    # with someone who had died, a doubled sign-off (warnings)...
    problems.extend(story_problems(parts, loaded, everyone(parts, loaded)))
    if info is None or people is None or timeline is None or photos is None or plan is None:
        return None, problems
    journey = Journey(folder=loaded.folder, info=info, people=people, timeline=timeline,
                      photos=photos, plan=plan, memories=memories, letters=letters)
    errors = [p for p in problems if not p.warning]
    journey.warnings = [p for p in problems if p.warning]
    return (None if errors else journey), problems


def _check_model(source: SourceFile | None, model: type[Strict], problems: list[Problem], *,
                 optional: bool = False) -> Any:
    if source is None:
        # A missing required file was reported by load; a missing optional one is empty.
        return model() if optional else None
    data = source.data if source.data is not None else {}
    if not isinstance(data, dict):
        problems.append(source.problem((), f"{source.path.name} should be a set of 'field: value' "
                                       "lines, not a single value or a list.",
                                       "Compare it with the template from `journeybook new`."))
        return None
    # A section written with nothing under it ("milestones:" with every line commented out)
    # means "none yet", not a mistake.
    data = {key: value for key, value in data.items()
            if not (value is None and key in _optional_fields(model))}
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems.extend(explain(error, source, model))
        return None


def _optional_fields(model: type[Strict]) -> set[str]:
    return {info.alias or name for name, info in model.model_fields.items()
            if not info.is_required()}


def _writing(source: SourceFile, model: type[Memory] | type[Letter],
             problems: list[Problem]) -> Writing | None:
    meta = _check_model(source, model, problems)
    if meta is None:
        return None
    if not source.body.strip():
        waiting = meta.consent != Consent.given   # a recording just added, say: in no copy yet
        problems.append(Problem(
            source.path, "has no text below the front matter" + (
                " yet, so it is left out of the book until it has." if waiting else "."),
            "Write the memory or letter (or its transcript) below the second --- line.",
            line=source.body_line, warning=waiting))
        return None
    return Writing(meta=meta, text=source.body, source=source)


def _alt_text_warnings(parts: Parts, loaded: LoadedJourney, found: Found) -> None:
    """A photo that may be shown, with no words for a screen reader."""
    for i, photo in enumerate(parts.photos.photos):
        if photo.consent is Consent.given and not photo.alt:
            found.error(loaded.photos, ("photos", i), f"the photo '{photo.file}' has no alt "
                        "text.", "Add 'alt:' saying what it shows, for people who use a "
                        "screen reader.", warning=True)
