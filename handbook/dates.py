"""Dates as Norwegian readers read them: '22. november 2026', from Babel's CLDR data
(Babel already comes with Material; no month names typed by hand)."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date


def long_date(iso: str, locale: str = "nb") -> str:
    """'2026-11-22' -> '22. november 2026' (in the locale's long form)."""
    return format_date(dt.date.fromisoformat(iso), format="long", locale=locale)
