"""Make the demo journey's two recordings: a voice message and a short video, both fictional.

Run `python scripts/make_demo_recordings.py` (needs Debian's espeak-ng and ffmpeg) to make
journeys/demo/memories/grandad-voice.m4a and coach-video.mov again. The voice is espeak-ng's;
the video is that voice over a drawing from make_demo_photos.py. Each is saved as a phone saves
it, with metadata on purpose (a made-up place at 0°N 0°E, a phone's name, a time): the demo
then shows that journeybook makes recordings again with none of it.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_demo_photos import DEMO, person_free_scene

VOICE = ("Hello Kai, it's Grandad Ray. I was just thinking about the day we went fishing off "
         "the pier, and you caught a crab instead of a fish. You laughed so much. I hope "
         "you're doing well, son. Speak soon.")
VIDEO = ("Hiya Kai, it's Coach Dani. The under sixteens won on Saturday, and everyone said "
         "they missed your tackles. Come down to training whenever you like.")
PHONE = ["-metadata", "creation_time=2025-06-14T17:32:05Z",
         "-metadata", "location=+00.0000+000.0000/",
         "-metadata", "com.apple.quicktime.location.ISO6709=+00.0000+000.0000+000.000/",
         "-metadata", "com.apple.quicktime.make=DemoPhone",
         "-metadata", "com.apple.quicktime.model=DemoPhone 1",
         "-movflags", "use_metadata_tags"]


def spoken(text: str, voice: str, wav: Path) -> None:
    subprocess.run(["espeak-ng", "-v", voice, "-s", "150", "-w", str(wav), text], check=True)


def ffmpeg(*arguments: str) -> None:
    subprocess.run(["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
                    *arguments], check=True)


def main() -> None:
    memories = DEMO / "memories"
    with tempfile.TemporaryDirectory() as work:
        voice, coach, still = Path(work, "voice.wav"), Path(work, "coach.wav"), Path(work, "s.png")
        spoken(VOICE, "en-gb+m3", voice)
        ffmpeg("-i", str(voice), "-c:a", "aac", "-b:a", "64k", "-ac", "1", *PHONE,
               "-metadata", "title=New Recording 12", str(memories / "grandad-voice.m4a"))
        spoken(VIDEO, "en-gb+f3", coach)
        person_free_scene("football").resize((640, 480)).save(still)
        ffmpeg("-loop", "1", "-framerate", "10", "-i", str(still), "-i", str(coach),
               "-shortest", "-c:v", "libx264", "-tune", "stillimage", "-pix_fmt", "yuv420p",
               "-crf", "30", "-c:a", "aac", "-b:a", "64k", "-ac", "1", *PHONE,
               str(memories / "coach-video.mov"))
    print(f"Made {memories / 'grandad-voice.m4a'} and {memories / 'coach-video.mov'}")


if __name__ == "__main__":
    main()
