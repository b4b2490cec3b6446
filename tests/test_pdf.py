"""Checklist PDFs (handbook/pdf.py): made once per printed input, kept in a cache, the same bytes."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from handbook import pdf

PAGE = """<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Sjekkliste</title>
<link rel="stylesheet" href="style.css"></head>
<body><article><h1>Sjekkliste</h1><p>{text}</p></article></body></html>"""


def job(tmp_path: Path, text: str = "Før samtalen") -> pdf.PdfJob:
    (tmp_path / "style.css").write_text("body { font-family: sans-serif }", encoding="utf-8")
    (tmp_path / "index.html").write_text(PAGE.format(text=text), encoding="utf-8")
    return pdf.PdfJob(
        tmp_path / "index.html", tmp_path / "sjekkliste.pdf", "Sjekkliste", "nb", "sjekkliste.md", "https://skole.example/"
    )


def folder(tmp_path: Path, name: str) -> Path:
    (tmp_path / name).mkdir()
    return tmp_path / name


def render(*args, **kwargs):
    """pdf.render in a thread of its own: Playwright's sync API refuses to start in a thread
    where another test's browser (a session fixture) runs its event loop."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(pdf.render, *args, **kwargs).result()


@pytest.fixture
def printed(monkeypatch):
    """The jobs Chromium really printed (the cache answers the rest)."""
    seen: list[str] = []
    real = pdf._print

    def counting(jobs, epoch):
        seen.extend(j.pdf.name for j in jobs)
        return real(jobs, epoch)

    monkeypatch.setattr(pdf, "_print", counting)
    return seen


def test_an_unchanged_page_comes_from_the_cache_byte_for_byte(tmp_path, printed):
    cache = tmp_path / "cache"
    first = job(folder(tmp_path, "a"))
    assert render([first], epoch=1_700_000_000, cache_dir=cache) == []
    made = first.pdf.read_bytes()
    assert made.startswith(b"%PDF") and printed == ["sjekkliste.pdf"]

    again = job(folder(tmp_path, "b"))
    assert render([again], epoch=1_700_000_000, cache_dir=cache) == []
    assert printed == ["sjekkliste.pdf"]  # Chromium was not asked again
    assert again.pdf.read_bytes() == made

    # without the cache, a new print gives the same bytes the cache gave
    fresh = job(folder(tmp_path, "c"))
    assert render([fresh], epoch=1_700_000_000) == []
    assert fresh.pdf.read_bytes() == made


def test_a_change_in_what_is_printed_makes_the_pdf_again(tmp_path, printed):
    cache = tmp_path / "cache"
    (tmp_path / "a").mkdir()
    render([job(tmp_path / "a")], epoch=1_700_000_000, cache_dir=cache)
    (tmp_path / "b").mkdir()
    changed = job(tmp_path / "b", text="Etter samtalen")
    render([changed], epoch=1_700_000_000, cache_dir=cache)
    assert printed == ["sjekkliste.pdf", "sjekkliste.pdf"]
    # and so does a change in the stylesheet the page loads
    (tmp_path / "b" / "style.css").write_text("body { font-family: serif }", encoding="utf-8")
    render([pdf.PdfJob(**{**changed.__dict__})], epoch=1_700_000_000, cache_dir=cache)
    assert len(printed) == 3


def test_the_environment_is_asked_while_the_pages_render_and_gives_the_same_key(tmp_path, monkeypatch):
    log = tmp_path / "asked"
    commands = [
        ["sh", "-c", f"echo asked >> {log}; echo 'Chromium 1.2.3'"],
        ["sh", "-c", "printf '/fonts/b.ttf\\n/fonts/a.ttf\\n'"],
    ]
    monkeypatch.setattr(pdf, "_environment_commands", lambda: commands)
    pdf.environment_key.cache_clear()
    asked_at_once = pdf.environment_key()
    pdf.environment_key.cache_clear()

    pdf.prefetch_environment_key()
    deadline = time.monotonic() + 10
    while log.read_text().count("asked") != 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    # the browser was asked before anyone wanted the key, and the answer is the same
    assert log.read_text().count("asked") == 2
    assert pdf.environment_key() == asked_at_once
    pdf.environment_key.cache_clear()

    commands[0] = ["sh", "-c", "echo 'Chromium 1.2.4'"]  # another browser, another key
    pdf.prefetch_environment_key()
    assert pdf.environment_key() != asked_at_once
    pdf.environment_key.cache_clear()
