"""Which files a journey's pictures and recordings may be, by their name's ending.

Light on purpose: the format, the studio and the gate ask it without loading Pillow or ffmpeg.
"""

# The pictures a journey may hold (photos, scans of letters).
PICTURE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".gif", ".tif", ".tiff", ".heic",
                              ".heif"})
# The recordings a journey may hold (what phones save).
AUDIO_SUFFIXES = frozenset({".m4a", ".aac", ".mp3", ".wav", ".ogg", ".oga", ".opus", ".weba",
                            ".amr", ".3ga"})
VIDEO_SUFFIXES = frozenset({".mp4", ".mov", ".m4v", ".3gp", ".webm", ".mkv"})
RECORDING_SUFFIXES = AUDIO_SUFFIXES | VIDEO_SUFFIXES
