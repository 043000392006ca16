"""The rule of a picture follows the picture itself, whichever route reaches it.

A picture can reach a book by several routes: an entry in photos.yaml, the cover photo, a
person's portrait (`photo:`), a page of a scanned letter. It can also be listed twice, under two
names, or saved again as a copy. So the decision is made per picture, not per path:

- pictures are the same when their content is (a SHA-256 of the bytes) or when they look the
  same (a perceptual hash within a few bits: a re-saved, resized or converted copy);
- every entry that names a picture votes (a photos.yaml entry by its consent, its people and its
  words; a letter by its consent and its writer), and the strictest wins: one "refused" anywhere
  and the picture is shown nowhere;
- a picture that no photos.yaml entry or letter vouches for (a cover or portrait with no entry)
  is not shown: nobody has said who is in it or that they agreed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from generator.cast import scans, writing
from generator.cast.cast_types import CastPicture, CastRecording, ScannedPage
from generator.cast.safety import Screen
from generator.cast.votes import Vote, strictest
from generator.core.errors import LeftOut, reason_words
from generator.core.paths import resolve_inside
from generator.format.journey import Journey, Writing
from generator.format.schema import Consent, Photo, Visibility
from generator.sources.images import MediaFile, MediaIndex, fingerprint, look_alike
from generator.sources.sizes import screen_copies


class PictureRules:
    """Decides, once per picture, whether it may be shown (see the module's doc)."""

    def __init__(self, journey: Journey, media: MediaIndex):
        self.journey = journey
        self.media = media
        self.hidden = {p.id for p in journey.people.people
                       if p.visibility is Visibility.never_shown}
        self.votes: dict[str, list[Vote]] = {}
        self.prints: dict[str, tuple[int, tuple[int, ...]]] = {}
        self.read_checked: set[str] = set()  # pictures whose writing a coordinator read
        self.shipped: dict[str, Path] = {}  # screen copies, by their picture's digest
        for index, photo in enumerate(journey.photos.photos, start=1):
            self._vote(photo.file, Vote(f"photos.yaml, entry {index}: {photo.file}",
                                        self._photo_reason(photo)))
            if photo.text_checked is not None and resolve_inside(journey.folder, photo.file):
                self.read_checked.add(self._identity(photo.file))
        for letter in journey.letters:
            reason = ("" if letter.meta.consent is Consent.given else
                      f"it is a page of a letter whose consent is {letter.meta.consent.value}")
            if letter.meta.by in self.hidden:
                reason = "it is a page of a letter from someone who is never shown"
            for scan in letter.meta.scans:
                self._vote(scan, Vote(f"the letter {letter.source.path.name}", reason))

    def _photo_reason(self, photo: Photo) -> str:
        if photo.consent is not Consent.given:
            return f"consent is {photo.consent.value}"
        if any(i in self.hidden for i in [*photo.people, photo.shared_by or ""]):
            return "it shows or came from someone who is never shown"
        return ""

    def _identity(self, relative: str) -> str:
        """The picture's identity: its content digest, or that of a look-alike already seen."""
        pdf = relative.lower().endswith(".pdf")
        media_file = self.media.get(relative, page=0 if pdf else None)
        digest = media_file.digest
        if digest in self.prints or pdf:
            return digest
        try:
            mine = fingerprint(media_file.source, self.media.cache)
        except (OSError, ValueError):
            return digest
        for other, theirs in self.prints.items():
            if look_alike(mine, theirs):
                return other
        self.prints[digest] = mine
        return digest

    def _vote(self, relative: str, vote: Vote) -> None:
        if resolve_inside(self.journey.folder, relative) is None:
            return
        self.votes.setdefault(self._identity(relative), []).append(vote)

    def reason(self, relative: str) -> str:
        """Why this picture must not be shown anywhere, or "" when it may be."""
        votes = self.votes.get(self._identity(relative), [])
        if not any(v.where.startswith("photos.yaml") or v.where.startswith("the letter")
                   for v in votes):
            return ("it has no entry in photos.yaml saying who is in it and that they agreed; "
                    "add one")
        return strictest(votes)

    def read_pictures(self, relatives: list[str]) -> None:
        """Read the writing in these pictures now, side by side (see writing.read_all)."""
        files = [self.media.get(r) for r in relatives
                 if resolve_inside(self.journey.folder, r) and not r.lower().endswith(".pdf")]
        writing.read_all(self._as_shipped(files), self.media.cache)

    def _as_shipped(self, files: list[MediaFile]) -> list[Path]:
        """What to read the writing in: each picture's screen copy, made once where the media
        stage finds it (so the copy's gate, reading that very copy, finds it read); the picture
        itself when there is no cache to keep copies in."""
        kept = self.media.cache.pictures if self.media.cache else None
        if kept is None:
            return [f.source for f in files]
        unmade = [f for f in files if f.digest not in self.shipped]
        self.shipped.update(screen_copies(unmade, kept))
        return [self.shipped[f.digest] for f in files]

    def writing_reason(self, relative: str, screen: Screen) -> str:
        """Why the writing in a picture must not be shown, or "": what it says is screened like
        typed text, and much writing (a card, a screenshot, a form) needs the coordinator's
        word that they read it (text_checked)."""
        (shipped,) = self._as_shipped([self.media.get(relative)])
        read = writing.read(shipped, self.media.cache)
        found = screen.find(read.text)
        if found:
            return f"the writing in the picture: {found}"
        if read.much and self._identity(relative) not in self.read_checked:
            return (f"it has much writing in it ({read.words} words read: a card, a screenshot "
                    "or a form?), which journeybook cannot read for sure; read all of it "
                    "yourself and add text_checked: {by: <your initials>, on: <date>} to its "
                    "entry in photos.yaml")
        return ""

    def picture(self, relative: str, page: int | None = None, **words) -> CastPicture:
        media_file = self.media.get(relative, page=page)
        return CastPicture(digest=media_file.digest, source=media_file.source, page=page,
                           width=media_file.width, height=media_file.height, **words)

    def portrait(self, relative: str, alt: str, left_out: list[LeftOut],
                 screen: Screen | None = None) -> CastPicture | None:
        """A cover photo or a person's photo: shown only when the picture itself may be, and
        the writing in it too."""
        reason = self.reason(relative) or (self.writing_reason(relative, screen)
                                           if screen is not None else "")
        if reason:
            left_out.append(LeftOut(f"the picture {relative}", f"not shown: {reason}"))
            return None
        return self.picture(relative, alt=alt)

    def photos(self, screen: Screen, left_out: list[LeftOut], preview: bool,
               recording_of: Callable[[Photo], CastRecording | None] = lambda _photo: None
               ) -> list[CastPicture]:
        """The photos chapter: each photos.yaml entry whose picture may be shown, with the
        recording that goes with it as recording_of casts it."""
        found = []
        seen: set[str] = set()
        ordered = sorted(self.journey.photos.photos,
                         key=lambda p: p.date.sort_key if p.date else (date.max, date.max))
        self.read_pictures([p.file for p in ordered if not self.reason(p.file)])
        for photo in ordered:
            what = f"the photo {photo.file}"
            identity = self._identity(photo.file)
            reason = (self.reason(photo.file) or
                      screen.find(photo.caption, photo.alt, photo.place) or
                      self.writing_reason(photo.file, screen) or
                      ("it is the same picture as another photo, shown once"
                       if identity in seen else ""))
            seen.add(identity)
            if reason:
                left_out.append(LeftOut(what, f"left out: {reason}"))
                if not preview:
                    continue
            elif not photo.alt:
                left_out.append(LeftOut(what, "shown, but it has no alt text; add 'alt:'"))
            found.append(self.picture(
                photo.file, alt=photo.alt or photo.caption or "A photo", caption=photo.caption,
                date=photo.date, place=photo.place or "", people=tuple(photo.people),
                shared_by=photo.shared_by, left_out=reason_words(reason),
                recording=recording_of(photo) if not reason or preview else None))
        return found

    def scans(self, writing: Writing) -> list[ScannedPage]:
        """Every page of a letter's scans, with the writing read from it."""
        pages = []
        for relative in writing.meta.scans:
            reason = self.reason(relative)
            for page in self.media.pages(relative):
                picture = self.picture(relative, page=page, left_out=reason_words(reason))
                pages.append(ScannedPage(picture, scans.read(picture.source, page,
                                                             self.media.cache), reason))
        return pages
