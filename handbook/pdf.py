"""Checklist PDFs: each checklist page of the built site, printed by Chromium.

Chromium (through Playwright) rather than WeasyPrint: it is the browser the tests
already use, it lays out Arabic right-to-left with the installed Noto fonts exactly as
the page does on screen, and it uses the site's own print stylesheet, so the PDF and
a printout from the browser are the same. Dates in the PDF come from SOURCE_DATE_EPOCH,
so the same commit gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .problems import Problem


@dataclass
class PdfJob:
    html: Path  # the built page
    pdf: Path  # where the PDF goes
    title: str
    lang: str
    label: str  # the Markdown page, for messages
    public_url: str  # where the page is published (links in the PDF lead there)


def pdf_date(epoch: int) -> str:
    moment = dt.datetime.fromtimestamp(epoch, dt.UTC)
    return moment.strftime("D:%Y%m%d%H%M%S+00'00'")


def normalise(raw: bytes, title: str, lang: str, epoch: int) -> bytes:
    """Fixed metadata (title, language, dates, no random file id) for reproducible PDFs."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, ByteStringObject, NameObject, TextStringObject

    reader = PdfReader(io.BytesIO(raw))
    writer = PdfWriter(clone_from=reader)
    stamp = pdf_date(epoch)
    writer.add_metadata(
        {
            "/Title": title,
            "/Producer": "Skole–hjem-håndboka (Chromium)",
            "/Creator": "Skole–hjem-håndboka",
            "/CreationDate": stamp,
            "/ModDate": stamp,
        }
    )
    writer.root_object[NameObject("/Lang")] = TextStringObject(lang)
    # The file id must not be random: derive it from what identifies the document. pypdf's
    # only public way to set it (generate_file_identifiers) draws random bytes, so the id is
    # assigned directly; tests/test_build.py checks that two builds give the same bytes.
    digest = ByteStringObject(hashlib.md5(f"{title}|{lang}|{epoch}".encode()).digest())
    writer._ID = ArrayObject([digest, digest])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _environment_commands() -> list[list[str]]:
    from .browser import CHROMIUM

    return [[CHROMIUM, "--version"], ["fc-list", "--format", "%{file}\\n"]]


# Chromium takes a third of a second to say its version: the build asks while the pages
# render (prefetch_environment_key), and the answer is waiting when the PDFs are made.
_asked: list | None = None


def prefetch_environment_key() -> None:
    """Start asking the browser and the fonts what they are, without waiting for the answer."""
    import subprocess

    global _asked
    if _asked is not None or environment_key.cache_info().currsize:
        return
    _asked = []
    for command in _environment_commands():
        try:
            _asked.append(subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True))
        except OSError:
            _asked.append(None)


def _answers() -> list[str]:
    """What the browser and the fonts said (asked now, if the build did not ask earlier)."""
    import subprocess

    global _asked
    prefetch_environment_key()
    asked, _asked = _asked, None
    out = []
    for process in asked:
        if process is None:
            out.append("missing")
            continue
        try:
            out.append(process.communicate(timeout=30)[0])
        except subprocess.TimeoutExpired:
            process.kill()
            out.append(process.communicate()[0])
    return out


@lru_cache(maxsize=1)  # the browser and the fonts do not change while the build runs
def environment_key() -> str:
    """What else decides a PDF's bytes: the browser, the PDF tools and the installed fonts."""
    from importlib.metadata import version

    parts = [version("playwright"), version("pypdf")]
    parts += ["\n".join(sorted(out.splitlines())) for out in _answers()]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def printed_input(job: PdfJob, epoch: int, environment: str) -> str:
    """A hash of everything the printed page is made of: the page's content (not the menus,
    which print hides), the styles and scripts it loads, the job and the environment. The
    same hash means the same PDF, so the PDF is made only when this changes."""
    from urllib.parse import urlsplit

    from lxml import etree
    from lxml import html as lxml_html

    page = lxml_html.fromstring(job.html.read_bytes())
    digest = hashlib.sha256()
    digest.update(f"{job.title}|{job.lang}|{job.public_url}|{epoch}|{environment}|{PDF_CODE_VERSION}".encode())
    digest.update(etree.tostring(page.find(".//head/title")) if page.find(".//head/title") is not None else b"")
    digest.update(repr(sorted(page.attrib.items())).encode() + repr(sorted(page.find("body").attrib.items())).encode())
    for article in page.iter("article"):
        digest.update(etree.tostring(article))
    for element in page.iter("link", "script"):
        ref = element.get("href") if element.tag == "link" else element.get("src")
        if not ref or urlsplit(ref).scheme:
            continue
        asset = (job.html.parent / urlsplit(ref).path).resolve()
        digest.update(ref.encode() + (asset.read_bytes() if asset.is_file() else b"missing"))
    return digest.hexdigest()


# Change when the way PDFs are printed changes (the print options or normalise()), so every
# cached PDF is made again.
PDF_CODE_VERSION = "2"


def render(jobs: list[PdfJob], epoch: int | None = None, cache_dir: Path | None = None) -> list[Problem]:
    """Print every job to PDF; a page that fails to render is a problem, not a crash.

    With ``cache_dir``, a PDF whose printed input has not changed is copied from the cache
    (byte for byte what a new print would give); Chromium starts only if something is left."""
    if epoch is None:
        epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
    problems: list[Problem] = []
    if not jobs:
        return problems
    keys: dict[Path, Path] = {}
    if cache_dir is not None:
        environment = environment_key()
        cache_dir.mkdir(parents=True, exist_ok=True)
        todo = []
        for job in jobs:
            cached = cache_dir / f"{printed_input(job, epoch, environment)}.pdf"
            if cached.is_file():
                job.pdf.write_bytes(cached.read_bytes())
            else:
                keys[job.pdf] = cached
                todo.append(job)
        jobs = todo
    if not jobs:
        return problems
    problems += _print(jobs, epoch)
    for job in jobs:
        if job.pdf in keys and job.pdf.is_file():
            keys[job.pdf].write_bytes(job.pdf.read_bytes())
    return problems


def _print(jobs: list[PdfJob], epoch: int) -> list[Problem]:
    from playwright.sync_api import sync_playwright

    from .browser import launch

    problems: list[Problem] = []
    with sync_playwright() as pw:
        browser = launch(pw)
        context = browser.new_context()
        # Nothing outside the site: a PDF must not depend on (or leak to) the network.
        context.route(
            "**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:")) else route.abort()
        )
        page = context.new_page()
        for job in jobs:
            try:
                page.goto(job.html.as_uri(), wait_until="load")
                # Links in the PDF lead to the published site, not to the build folder.
                page.evaluate(
                    """base => document.querySelectorAll('a[href]').forEach(
                    a => { a.href = new URL(a.getAttribute('href'), base).href; })""",
                    job.public_url,
                )
                # the checklist on its own, as the page's print button prints it
                page.evaluate("document.documentElement.classList.add('hb-print-checklist')")
                page.emulate_media(media="print")
                raw = page.pdf(format="A4", print_background=True, prefer_css_page_size=True, tagged=True, outline=False)
                job.pdf.write_bytes(normalise(raw, job.title, job.lang, epoch))
            except Exception as err:
                problems.append(
                    Problem(
                        job.label,
                        0,
                        f"the PDF {job.pdf.name} could not be made ({type(err).__name__}: {err})",
                        "open the built page and check that it prints; run `make system-deps` if Chromium is missing",
                    )
                )
        browser.close()
    return problems
