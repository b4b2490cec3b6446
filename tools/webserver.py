"""deploy/nginx.conf run for real on 127.0.0.1 (Debian's nginx): the web server the tests
check headers against and the benchmark measures page weight through."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


class NginxFailed(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def write_config(site: Path, work: Path, port: int, user: str | None = None) -> Path:
    """The repository's site configuration, listening on 127.0.0.1:port with ``site`` as root,
    inside a minimal main configuration that keeps every file nginx writes in ``work``.

    As root, nginx's workers run as an unprivileged user (``nobody`` by default), as on a
    real server: a site that only its builder can read gets 403 on every page."""
    site_conf = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    site_conf = site_conf.replace("listen 8080;", f"listen 127.0.0.1:{port};")
    site_conf = site_conf.replace("root /srv/skole-hjem-handboka/site;", f"root {site};")
    (work / "site.conf").write_text(site_conf, encoding="utf-8")
    user = f"user {user or 'nobody'} nogroup;" if os.geteuid() == 0 else ""
    main = work / "nginx.conf"
    main.write_text(
        f"""
{user}
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    log_format handbook '$status $body_bytes_sent $bytes_sent "$request_uri"';
    access_log {work}/access.log handbook;
    client_body_temp_path {work}/body; proxy_temp_path {work}/proxy; fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi; scgi_temp_path {work}/scgi;
    include {work}/site.conf;
}}
""",
        encoding="utf-8",
    )
    return main


@dataclass(frozen=True)
class Served:
    """One response as nginx logged it: what went over the wire, counted by the server."""

    status: int
    body_bytes: int  # the (possibly compressed) body
    bytes: int  # body and headers
    uri: str


def served(work: Path) -> list[Served]:
    """Every response nginx has logged so far in ``work`` (access.log)."""
    log = work / "access.log"
    rows = []
    for line in log.read_text(encoding="utf-8").splitlines() if log.is_file() else []:
        status, body, total, uri = line.split(" ", 3)
        rows.append(Served(int(status), int(body), int(total), uri.strip('"')))
    return rows


def traversable(path: Path) -> list[Path]:
    """Folders on the way to ``path`` that another user cannot enter."""
    return [p for p in [*reversed(Path(path).resolve().parents)] if not p.stat().st_mode & 0o001]


@contextmanager
def nginx(site: Path, work: Path, user: str | None = None) -> Iterator[str]:
    """Serve ``site`` with deploy/nginx.conf; yields the base URL, stops nginx afterwards."""
    if not Path(NGINX).exists():
        raise NginxFailed("nginx is missing: run `make system-deps` (Debian package nginx)")
    work.mkdir(parents=True, exist_ok=True)
    port = free_port()
    blocked = traversable(site) if os.geteuid() == 0 else []
    if blocked:
        raise NginxFailed(
            f"nginx's workers run as another user and cannot enter {blocked[-1]}: serve from a folder others can reach"
        )
    main = write_config(Path(site).resolve(), work, port, user)
    test = subprocess.run([NGINX, "-t", "-p", str(work), "-c", str(main)], capture_output=True, text=True)
    if test.returncode != 0:
        raise NginxFailed(f"deploy/nginx.conf does not load: {test.stderr.strip()}")
    process = subprocess.Popen([NGINX, "-p", str(work), "-c", str(main), "-g", "daemon off;"])
    base = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(50):
            try:
                urllib.request.urlopen(base, timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
