"""The cast's screening: every free text is read once against the names kept out and contact
details (`safety.Screen`), every picture and recording follows its own rule (`pictures`,
`recorded`), and whatever is left out is noted, with its reason, for the coordinator.
"""

from __future__ import annotations

from dataclasses import replace

from generator.cast.cast_types import CastPicture, CastRecording
from generator.cast.pictures import PictureRules
from generator.cast.recorded import RecordingRules
from generator.cast.safety import Screen, kept_out
from generator.core.errors import LeftOut, reason_words
from generator.format.journey import Journey
from generator.format.schema import Recording
from generator.sources.images import MediaIndex


class Screening:
    """Decides whether a text, a recording or an item may be shown, and notes what it drops."""

    def __init__(self, journey: Journey, media: MediaIndex, release: bool):
        self.journey = journey
        self.preview = not release
        self.yp = journey.info.young_person
        self.names = kept_out(journey)
        self.screen = Screen(self.names.matcher)
        self.left_out: list[LeftOut] = []
        self.pictures = PictureRules(journey, media)
        self.recordings = RecordingRules(journey, self.screen, media.cache, self.pictures)

    def text(self, value: str | None, what: str) -> str:
        """The text, or "" (noted for the coordinator) if it must not be shown."""
        if not value:
            return ""
        reason = self.screen.find(value)
        if reason:
            self.left_out.append(LeftOut(what, f"left out because {reason}"))
            return ""
        return value

    def recording(self, recording: Recording | None, text: str = "") -> CastRecording | None:
        """The recording as the copy may play it: None in a release when it may not (noted
        for the coordinator); greyed with its reason in a preview. text: the memory or letter
        it goes with."""
        cast = self.recordings.cast(recording, text)
        if cast is None or not cast.left_out:
            return cast
        self.left_out.append(LeftOut(f"the recording {recording.file}",
                                     f"not played: {cast.left_out}"))
        return replace(cast, left_out=reason_words(cast.left_out)) if self.preview else None

    def drop(self, what: str, reason: str) -> bool:
        """Record an item left out; return True when the cast must not hold it at all."""
        self.left_out.append(LeftOut(what, f"left out: {reason}"))
        return not self.preview

    def portrait(self, relative: str, alt: str) -> CastPicture | None:
        """A picture of someone or something, as the copy may show it (or None)."""
        return self.pictures.portrait(relative, alt, self.left_out, self.screen)

    def photos(self) -> list[CastPicture]:
        """The photos of photos.yaml as the copy may show them, each with its recording."""
        return self.pictures.photos(self.screen, self.left_out, self.preview,
                                    lambda photo: self.recording(photo.recording))
