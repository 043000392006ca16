"""The rule of a recording follows the recording itself, whichever item carries it.

A voice message or video can come with a memory, a letter or a photo, and the same file can be
named by two of them. As for pictures (see `pictures`), every item that names a recording votes
by its consent and by who is in it, and the strictest vote wins everywhere: one "refused", or
someone never shown heard or seen in it, and it is played nowhere. Then, for the young person's
copy, a recording needs:

- a transcript (the book prints it, the site shows it beside the player), screened like any
  text for names kept out and contact details;
- the coordinator's word that they listened to (and watched) all of it (`listened:`):
  journeybook cannot hear a name said aloud or see a house number in a video, as it reads the
  writing in a scanned letter, so a person must;
- ffmpeg, which makes it again without its metadata (outputs/recordings.py).

A video can also show pictures (a slideshow of photos, a voice message shared as a video with a
photo as its picture): the rule of each picture follows it into the video. A video showing,
even for a moment or as its still, a picture the book does not show gets a refusing vote that
names the picture (see `frames`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from generator.cast import frames
from generator.cast.cast_types import CastRecording
from generator.cast.safety import Screen
from generator.cast.votes import Vote, strictest
from generator.core.errors import FramesError
from generator.core.paths import resolve_inside
from generator.core.source_cache import SourceCache
from generator.format.journey import Journey
from generator.format.schema import Consent, Recording, Visibility
from generator.sources import recordings

if TYPE_CHECKING:
    from generator.cast.pictures import PictureRules


class RecordingRules:
    """Decides, once per recording (by its content), whether it may be played."""

    def __init__(self, journey: Journey, screen: Screen, cache: SourceCache | None,
                 pictures: PictureRules | None = None):
        """pictures: the journey's picture rules; with them, what a video shows is compared
        with every picture the book does not show."""
        self.journey = journey
        self.screen = screen
        self.cache = cache
        self.pictures = pictures
        self._refused: list[frames.RefusedPicture] | None = None
        self._looked_inside: set[str] = set()
        self.hidden = {p.id for p in journey.people.people
                       if p.visibility is Visibility.never_shown}
        self.votes: dict[str, list[Vote]] = {}
        for photo in journey.photos.photos:
            self._vote(photo.recording, f"photos.yaml: {photo.file}", photo.consent,
                       [photo.shared_by or "", *photo.people])
        for writing in [*journey.memories, *journey.letters]:
            self._vote(writing.meta.recording, writing.source.path.name, writing.meta.consent,
                       [writing.meta.by], writing.text)

    def _digest(self, recording: Recording) -> str | None:
        path = resolve_inside(self.journey.folder, recording.file)
        if path is None or not path.is_file():
            return None
        entry = self.cache.get(path) if self.cache else {}
        if entry.get("recording-digest-version") != recordings.VERSION:
            entry["recording-digest"] = recordings.digest_of(path)
            entry["recording-digest-version"] = recordings.VERSION
        return entry["recording-digest"]

    def _vote(self, recording: Recording | None, where: str, consent: Consent,
              people: list[str], text: str = "") -> None:
        """One item's word on the recording it names: its consent, who is in it (the
        recording's people, and the item's), and what its transcript says (text: the writing
        it goes with)."""
        if recording is None or (digest := self._digest(recording)) is None:
            return
        reason = "" if consent is Consent.given else f"consent is {consent.value}"
        if any(i in self.hidden for i in [*recording.people, *people]):
            reason = "someone heard or seen in it is never shown"
        elif found := self.screen.find(transcript_of(recording, text)):
            reason = f"its transcript: {found}"
        self.votes.setdefault(digest, []).append(Vote(where, reason))

    def cast(self, recording: Recording | None, text: str = "") -> CastRecording | None:
        """The recording as the book may play it, with why it may not (left_out, "" when it
        may); None when there is none. text: the memory or letter it goes with."""
        if recording is None or (digest := self._digest(recording)) is None:
            return None
        transcript = transcript_of(recording, text)
        path = resolve_inside(self.journey.folder, recording.file)
        assert path is not None  # _digest found it
        if not recordings.available():
            return CastRecording(digest, path, "audio", 0, 0, 0, transcript, (), _NO_FFMPEG)
        probed = recordings.probe(path, self.cache)  # validation has probed it: no error now
        return CastRecording(digest, path, probed.kind, probed.seconds, probed.width,
                             probed.height, transcript, tuple(recording.people),
                             self._reason(digest, recording, transcript, path, probed))

    def _reason(self, digest: str, recording: Recording, transcript: str, path: Path,
                probed: recordings.Probed) -> str:
        # Every item's vote, this one's too, has screened its transcript already.
        refused = strictest(self.votes.get(digest, []))
        if not refused and probed.kind == "video":
            self._look_inside(digest, path, probed.seconds)
            refused = strictest(self.votes.get(digest, []))
        if refused:
            return refused
        if not transcript.strip():
            return ("it has no transcript yet; write every word said in it under "
                    "'transcript:'")
        if recording.listened is None:
            return ("nobody has listened to it for the young person yet; listen to "
                    "(and watch) all of it, then add listened: {by: your initials, on: the date}")
        return ""

    def _look_inside(self, digest: str, path: Path, seconds: float) -> None:
        """The vote of the pictures a video shows (once per video): refusing when one of them
        is a picture the book does not show (see `frames`)."""
        if self.pictures is None or digest in self._looked_inside:
            return
        self._looked_inside.add(digest)
        if self._refused is None:
            self._refused = frames.refused_pictures(self.journey, self.pictures, self.screen)
        if not self._refused:
            return
        try:
            sample = frames.sampled(path, digest, seconds, frames.fits_for(self._refused),
                                    self.cache)
        except FramesError as error:
            reason = (f"journeybook could not look at every picture in it (ffmpeg said: "
                      f"{error}), so it may show a picture that is not shown")
        else:
            shown = frames.shown_in(sample, self._refused, self.cache)
            if shown:
                reason = (f"it shows the picture {shown.picture.relative}"
                          f"{frames.at_words(shown.at)}, which is not shown: "
                          f"{shown.picture.reason}")
            elif not sample.complete:
                reason = (f"it changes picture more often than journeybook can compare "
                          f"(over {frames.MOST_FRAMES} pictures) with the pictures that are "
                          "not shown; keep the part that matters (a phone's 'trim' does it)")
            else:
                return
        self.votes.setdefault(digest, []).append(Vote("", reason))


def transcript_of(recording: Recording, text: str = "") -> str:
    """What is said in a recording: its own transcript, or the text of the memory or letter it
    goes with (which is then its transcript)."""
    return recording.transcript or text


_NO_FFMPEG = ("journeybook needs ffmpeg to make recordings safe to share, and it is "
              "not installed (./dev demo installs it)")
