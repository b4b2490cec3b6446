"""The writer's loop: `handbook serve` on a copy of the project, an edit, and the time until
the served page shows it (polled over HTTP, as a browser that reloads would see it)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from tools.webserver import free_port

PAGE = "docs/nb/veiledning/hjemmebesok.md"  # the page the writer edits
PAGE_URL = "veiledning/hjemmebesok/"
DATA = "data/glossary.yml"  # a data edit: a glossary term's definition
DATA_ANCHOR = "kontakt med kontaktlæreren først."
DATA_URL = "ordliste/"
BROKEN = "[§ opplaringslova 99-99]"  # a law id that is not in data/law.yml
BANNER = "hb-build-errors"  # the class of the problem banner (handbook/plugin.py)
POLL_SECONDS = 0.02
PAUSE_SECONDS = 1.5  # between edits, so that each is a rebuild of its own
TIMEOUT = 60.0


@dataclass
class Server:
    process: subprocess.Popen
    base: str
    log: Path

    def get(self, path: str) -> str:
        try:
            with urllib.request.urlopen(self.base + path, timeout=10) as response:
                return response.read().decode("utf-8", errors="replace")
        except OSError:
            return ""

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)  # the serve command and the MkDocs process it started
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def start(root: Path, log: Path) -> tuple[Server, float]:
    """`handbook serve` on a free port for the project at ``root``; (server, seconds until the first page)."""
    port = free_port()
    handbook = Path(sys.executable).parent / "handbook"
    env = {**os.environ, "HANDBOOK_ROOT": str(root), "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_TIMINGS": "1"}
    handle = log.open("w")
    began = time.perf_counter()
    process = subprocess.Popen(
        [str(handbook), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=root,
        env=env,
        stdout=handle,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    server = Server(process, f"http://127.0.0.1:{port}/", log)
    deadline = began + 600
    while time.perf_counter() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"handbook serve stopped:\n{log.read_text()[-3000:]}")
        if server.get(""):
            return server, time.perf_counter() - began
        time.sleep(0.2)
    server.stop()
    raise RuntimeError("handbook serve did not answer within 10 minutes")


def wait_for(server: Server, path: str, condition, timeout: float = TIMEOUT) -> float | None:
    """Seconds until the page at ``path`` meets ``condition`` (None after ``timeout``)."""
    began = time.perf_counter()
    while time.perf_counter() - began < timeout:
        if condition(server.get(path)):
            return time.perf_counter() - began
        time.sleep(POLL_SECONDS)
    return None


def append(path: Path, text: str) -> str:
    before = path.read_text(encoding="utf-8")
    path.write_text(before.rstrip("\n") + "\n\n" + text + "\n", encoding="utf-8")
    return before


def measure(root: Path, work: Path, runs: int = 3) -> dict:
    """Page edits (best and every run), a data edit, a broken edit and its repair."""
    server, first = start(root, work / "serve.log")
    page, data = root / PAGE, root / DATA
    out: dict = {
        "first_page_seconds": round(first, 2),
        "page_edit_seconds": [],
        "data_edit_seconds": [],
        "broken_edit_seconds": [],
        "repair_seconds": [],
    }
    try:
        for run in range(1, runs + 1):
            time.sleep(PAUSE_SECONDS)
            marker = f"Benkmerke {run}a"
            append(page, f"Dette er en ny setning fra målingen, {marker}.")
            out["page_edit_seconds"].append(wait_for(server, PAGE_URL, lambda html, m=marker: m in html))
        for run in range(1, runs + 1):
            time.sleep(PAUSE_SECONDS)
            marker = f"Benkmerke {run}b"
            text = data.read_text(encoding="utf-8")
            data.write_text(text.replace(DATA_ANCHOR, f"{DATA_ANCHOR} {marker}.", 1), encoding="utf-8")
            out["data_edit_seconds"].append(wait_for(server, DATA_URL, lambda html, m=marker: m in html))
            data.write_text(text, encoding="utf-8")
            wait_for(server, DATA_URL, lambda html, m=marker: "<html" in html and m not in html)  # the rebuild it causes
        for _ in range(runs):
            time.sleep(PAUSE_SECONDS)
            before = append(page, f"Les mer i {BROKEN}.")
            out["broken_edit_seconds"].append(wait_for(server, PAGE_URL, lambda html: BANNER in html and "99-99" in html))
            time.sleep(PAUSE_SECONDS)
            page.write_text(before, encoding="utf-8")
            out["repair_seconds"].append(wait_for(server, PAGE_URL, lambda html: BANNER not in html and "<html" in html))
    finally:
        server.stop()
    for key in ("page_edit_seconds", "data_edit_seconds", "broken_edit_seconds", "repair_seconds"):
        values = out[key]
        out[key] = [None if v is None else round(v, 2) for v in values]
        done = [v for v in values if v is not None]
        out[key.replace("_seconds", "_best")] = round(min(done), 2) if done else None
    return out
