"""What an MP4 file carries besides sound and pictures: read box by box, against a list of the
boxes a plain recording needs.

A phone's recording carries far more than its sound and pictures: an iPhone video holds the
place it was filmed in (a `©xyz` box, or a location key in `meta`), the phone's make and model,
the time, sometimes cover art, chapters and XMP (`uuid`). Step 6 (outputs/recordings.py) makes every
recording again without any of it; the release gate then reads each one that would ship, here,
trusting nothing: any box not on the list below, any non-zero creation or change time, and any
metadata ffprobe reports (see `ffprobe_findings`) refuses the copy.
"""

from __future__ import annotations

import json
import struct
import subprocess
from pathlib import Path

# The boxes a recording made by journeybook may hold, by the box they sit in ("" is the file).
# Boxes not named here as a parent are read as leaves: codec set-up and sample tables, which
# hold numbers, not words.
ALLOWED: dict[str, set[str]] = {
    "": {"ftyp", "moov", "mdat", "free", "skip"},
    "moov": {"mvhd", "trak", "free", "skip"},  # padding: a blanked user-data box
    "trak": {"tkhd", "edts", "mdia", "free", "skip"},
    "edts": {"elst"},
    "mdia": {"mdhd", "hdlr", "minf"},
    "minf": {"vmhd", "smhd", "dinf", "stbl"},
    "dinf": {"dref"},
    "stbl": {"stsd", "stts", "stss", "ctts", "stsc", "stsz", "stco", "co64", "sgpd", "sbgp",
             "sdtp", "cslg", "stps"},
}
# Boxes whose first fields after version and flags are a creation and a change time.
TIMED = {"mvhd", "tkhd", "mdhd"}
# A data reference with one self-contained entry (no address of another file): its exact size.
PLAIN_DREF = 28
# What ffprobe may report of a recording journeybook made: the file type and, per stream, the
# handler that says it is sound or pictures.
FORMAT_TAGS = {"major_brand", "minor_version", "compatible_brands"}
STREAM_TAGS = {"language": {"und"}, "handler_name": {"SoundHandler", "VideoHandler"},
               "vendor_id": {"[0][0][0][0]"}, "encoder": None}


def boxes(data: bytes, start: int = 0, end: int | None = None, parent: str = ""
          ) -> list[tuple[str, str, int, int, int]]:
    """Every box of an MP4 file, depth first: (parent, type, start, start of its content,
    end)."""
    end = len(data) if end is None else end
    found = []
    offset = start
    while offset < end:
        if end - offset < 8:
            raise ValueError(f"{end - offset} stray bytes after the last box")
        size, kind_bytes = struct.unpack(">I4s", data[offset:offset + 8])
        header = 8
        if size == 1:
            size = struct.unpack(">Q", data[offset + 8:offset + 16])[0]
            header = 16
        elif size == 0:
            size = end - offset
        if size < header or offset + size > end:
            raise ValueError(f"a box that does not fit in its file ({size} bytes)")
        kind = kind_bytes.decode("latin-1")
        found.append((parent, kind, offset, offset + header, offset + size))
        if kind in ALLOWED:
            found += boxes(data, offset + header, offset + size, kind)
        offset += size
    return found


def box_findings(path: Path) -> list[str]:
    """What an MP4 recording carries that is not on the list of plain boxes (empty if none)."""
    data = path.read_bytes()
    try:
        found = boxes(data)
    except (ValueError, struct.error) as error:
        return [f"a recording journeybook cannot read box by box ({error})"]
    findings = []
    for parent, kind, _box, start, end in found:
        where = f"{parent}/{kind}" if parent else kind
        if kind not in ALLOWED.get(parent, set()):
            findings.append(f"a recording carrying more than sound and pictures (a '{where}' "
                            "box, where phones keep places, dates and their make)")
        elif kind in TIMED and _times(data, start) != (0, 0):
            findings.append(f"a recording carrying the time it was made (in '{where}')")
        elif kind == "dref" and end - start + 8 != PLAIN_DREF:
            findings.append("a recording pointing at another file (its data reference)")
    return findings


def _times(data: bytes, start: int) -> tuple[int, int]:
    """A timed box's creation and change times (seconds since 1904; 0 when unset)."""
    version = data[start]
    if version == 1:
        return struct.unpack(">QQ", data[start + 4:start + 20])
    return struct.unpack(">II", data[start + 4:start + 12])


def blank_user_data(path: Path) -> None:
    """Turn every user-data box (`udta`, where ffmpeg leaves an empty metadata list) into
    padding (`free`) of the same size: nothing moves, so every offset stays right."""
    data = bytearray(path.read_bytes())
    for parent, kind, box, _start, _end in boxes(bytes(data)):
        if kind in {"udta", "meta"} and parent in {"moov", "trak"}:
            data[box + 4:box + 8] = b"free"
    path.write_bytes(bytes(data))


def ffprobe_findings(path: Path) -> list[str]:
    """The metadata ffprobe reads in a recording (tags, chapters, extra streams, a cover
    picture): each is a finding. A file ffprobe cannot read is one too."""
    try:
        said = subprocess.run(
            ["ffprobe", "-v", "error", "-show_format", "-show_streams", "-show_chapters",
             "-of", "json", str(path)], capture_output=True, timeout=60, check=True).stdout
        probed = json.loads(said)
    except (OSError, subprocess.SubprocessError, ValueError):
        return ["a recording that ffprobe cannot read"]
    findings = []
    tags = set(probed.get("format", {}).get("tags", {})) - FORMAT_TAGS
    if tags:
        findings.append(f"a recording carrying metadata ({', '.join(sorted(tags))})")
    if probed.get("chapters"):
        findings.append("a recording carrying chapters")
    streams = probed.get("streams", [])
    kinds = [s.get("codec_type") for s in streams]
    if len(streams) > 2 or kinds.count("video") > 1 or kinds.count("audio") > 1 or (
            set(kinds) - {"audio", "video"}):
        findings.append(f"a recording carrying other streams ({', '.join(map(str, kinds))})")
    for stream in streams:
        if stream.get("disposition", {}).get("attached_pic"):
            findings.append("a recording carrying a cover picture")
        for name, value in stream.get("tags", {}).items():
            allowed = STREAM_TAGS.get(name, set())
            if name not in STREAM_TAGS or (allowed is not None and value not in allowed):
                findings.append(f"a recording carrying metadata in a stream ({name})")
    return findings
