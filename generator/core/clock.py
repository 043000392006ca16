"""The build's day: today, or the day SOURCE_DATE_EPOCH names.

SOURCE_DATE_EPOCH is the reproducible-builds convention (reproducible-builds.org/specs): with
it, the same inputs make the same output whenever they are built.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime


def build_day() -> date:
    """Today, or the day SOURCE_DATE_EPOCH names."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return date.today()
