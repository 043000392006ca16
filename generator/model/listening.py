"""The model's recordings: what the site plays and the book prints of each (a part of the model
stage, which gives it its words and its way of making pictures).

The site plays a recording from its own folder, beside its transcript. The book cannot play:
it prints the transcript, a still of a video, and, only when the council hosts this copy
locked with its passphrase (`site_url`, with --protect), a QR code to the recording on its page
there. A QR code never goes anywhere else.
"""

from __future__ import annotations

from collections.abc import Callable

import segno

from generator.cast.cast_types import CastPicture, CastRecording
from generator.core import words
from generator.core.words import N_
from generator.model.types import Picture, RecordingView
from generator.sources import recordings

LABELS = {"audio": N_("Listen (%(length)s)"), "video": N_("Watch (%(length)s)")}
PRINTED = {"audio": N_("A voice message (%(length)s)"), "video": N_("A video (%(length)s)")}
STILL_ALT = N_("A picture from the video from %(who)s")


def recording_view(recording: CastRecording | None, *, page: str, site_url: str,
                   same_as_text: bool, who: str, language: str,
                   picture: Callable[[CastPicture, str], Picture]) -> RecordingView | None:
    """The view of one cast recording on a chapter's page (its slug). same_as_text: the text
    it goes with is its transcript, which is then not shown twice."""
    if recording is None:
        return None
    _ = words.translations(language).gettext
    anchor = f"recording-{recording.digest[:12]}"
    url = f"{site_url}{page}.html#{anchor}" if site_url else ""
    still = None
    if recording.kind == "video":
        still = picture(CastPicture(recording.digest, recording.source, None, recording.width,
                                    recording.height, alt=_(STILL_ALT) % {"who": who}), "still")
    said = {"length": length(recording.seconds, language)}
    return RecordingView(
        anchor=anchor, kind=recording.kind,
        file=recordings.output_name(recording.digest, recording.kind), digest=recording.digest,
        source=recording.source, still=still,
        label=_(LABELS[recording.kind]) % said, printed=_(PRINTED[recording.kind]) % said,
        transcript="" if same_as_text else recording.transcript,
        qr=qr_code(url) if url else "", url=url, left_out=recording.left_out)


def length(seconds: float, language: str) -> str:
    """'2 min', '40 s': how long a recording is, in the book's language and digits."""
    _ = words.translations(language).gettext
    if seconds >= 60:
        return _("%(count)s min") % {"count": words.numeral(round(seconds / 60), language)}
    return _("%(count)s s") % {"count": words.numeral(max(1, round(seconds)), language)}


def qr_code(url: str) -> str:
    """An SVG QR code to url, black on white with its quiet border, scaled by CSS."""
    svg = segno.make(url, error="m").svg_inline(scale=1, border=4, omitsize=True,
                                                 svgclass="jb-qr", lineclass=None)
    return svg.replace("<svg ", '<svg aria-hidden="true" ', 1)
