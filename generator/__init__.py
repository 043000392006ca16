"""journeybook: a young person's Lifelong Links journey as a private site and a keepsake book."""

__version__ = "0.1.0"
