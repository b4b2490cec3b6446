"""Debian's Chromium, driven by Playwright: one launcher for the PDF build, the tests and
the benchmark. Playwright's own browser download is never used."""

from __future__ import annotations

import os
from pathlib import Path

CHROMIUM = os.environ.get("HANDBOOK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


class ChromiumMissing(RuntimeError):
    pass


def launch(playwright):
    if not Path(CHROMIUM).exists():
        raise ChromiumMissing(f"{CHROMIUM} is missing: run `make system-deps` (Debian package chromium)")
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
