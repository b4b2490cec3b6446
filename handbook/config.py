"""The handbook plugin's settings, typed and validated by MkDocs (as Material's plugins do).

Set in mkdocs.yml under ``plugins: - handbook:``; an environment variable can drive a
setting with MkDocs' ``!ENV`` tag (``pdfs: !ENV [HANDBOOK_PDFS, true]``).
"""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class Switch(c.Type):
    """On or off, also from an environment variable: true/false, yes/no, on/off, 1/0."""

    WORDS = {"true": True, "yes": True, "on": True, "1": True, "false": False, "no": False, "off": False, "0": False}

    def __init__(self, default: bool):
        super().__init__(bool, default=default)

    def run_validation(self, value: object) -> bool:
        if isinstance(value, bool):
            return value
        word = str(value).strip().lower()
        if word not in self.WORDS:
            raise base.ValidationError(f"Expected on or off (true/false, 1/0), got {value!r}")
        return self.WORDS[word]


class HandbookConfig(base.Config):
    # The project's checks (docs, data, spelling, own words, the built HTML). Off only for
    # `make bench`, which measures what they cost.
    checks = Switch(default=True)
    # Checklist and poster PDFs (Chromium). `mkdocs serve` never makes them.
    pdfs = Switch(default=True)
    # The Pagefind search index.
    search_index = Switch(default=True)
    # Print how long each stage took when the build ends.
    timings = Switch(default=False)
    # A municipality's or school's own edition: the folder with its local.yml, outside the project
    # (HANDBOOK_LOCAL=path/to/kommune make build; relative to the handbook's folder, or absolute).
    # See handbook/local.py and README, «A municipality's own edition».
    local = c.Optional(c.Type(str))
    # The service worker and the per-language lists of what it stores, so the handbook works
    # without the internet on a reader's device (handbook/offline.py).
    offline = Switch(default=True)
    # Set by `handbook serve`: problems are shown in the pages instead of stopping the preview,
    # no PDFs, and only what changed is rebuilt.
    serving = Switch(default=False)
