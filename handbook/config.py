"""The handbook plugin's settings, typed and validated by MkDocs (as Material's plugins do).

Set in mkdocs.yml under ``plugins: - handbook:``; an environment variable can drive a
setting with MkDocs' ``!ENV`` tag (``pdfs: !ENV [HANDBOOK_PDFS, true]``).
"""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class HandbookConfig(base.Config):
    # The project's checks (docs, data, spelling, own words, the built HTML). Off only for
    # `make bench`, which measures what they cost.
    checks = c.Type(bool, default=True)
    # Checklist and poster PDFs (Chromium). `mkdocs serve` never makes them.
    pdfs = c.Type(bool, default=True)
    # The Pagefind search index.
    search_index = c.Type(bool, default=True)
    # Print how long each stage took when the build ends.
    timings = c.Type(bool, default=False)
    # A municipality's or school's own edition: the folder with its local.yml, outside the project
    # (HANDBOOK_LOCAL=path/to/kommune make build; relative to the handbook's folder, or absolute).
    # See handbook/local.py and README, «A municipality's own edition».
    local = c.Optional(c.Type(str))
    # The service worker and the per-language lists of what it stores, so the handbook works
    # without the internet on a reader's device (handbook/offline.py).
    offline = c.Type(bool, default=True)
    # Set by `handbook serve`: problems are shown in the pages instead of stopping the preview,
    # no PDFs, and only what changed is rebuilt.
    serving = c.Type(bool, default=False)
