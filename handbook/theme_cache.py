"""Theme work done once per process instead of once per language build (issue 19).

mkdocs-static-i18n builds every language with MkDocs' own ``build()``, and each build asks
the theme for a new Jinja environment: every template Material and the handbook use is
compiled again (seven times in one `make build`), and Material's folder of some 14,000
files (mostly icons) is walked again to find its static files. `handbook serve` did the
same on every save. Two things are kept instead, for the life of the process:

* compiled templates, in Jinja's own bytecode cache, which checks each template's source
  before it uses the cached code (an edited template in overrides/ is compiled again);
* the list of files in theme folders outside the project (Material's, installed with
  the package, which does not change while MkDocs runs). The project's own overrides/
  is listed afresh every time.
"""

from __future__ import annotations

from pathlib import Path

import jinja2


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates by name; Jinja compares the source's checksum before using one."""

    def __init__(self):
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self.store.clear()


BYTECODE = MemoryBytecodeCache()
_LISTINGS: dict[tuple, list[str]] = {}


def _listing(loader: jinja2.FileSystemLoader, folder: str) -> list[str]:
    return jinja2.FileSystemLoader(folder, encoding=loader.encoding, followlinks=loader.followlinks).list_templates()


def _is_live(folder: Path, root: Path) -> bool:
    """A theme folder that may change while MkDocs runs: the project's own (overrides/), not
    an installed package, even when the virtual environment lives inside the project
    (`.venv/`, as `make` makes it: its Material folder was listed again for every language)."""
    return folder.is_relative_to(root) and "site-packages" not in folder.parts


def install(theme, project_root: Path) -> None:
    """Make ``theme.get_env()`` give environments that share compiled templates and the listing
    of the installed theme's folders. Installed once per theme object (i18n reuses it)."""
    if getattr(theme, "_handbook_cached_env", False):
        return
    make_env = theme.get_env
    root = Path(project_root).resolve()

    def get_env() -> jinja2.Environment:
        env = make_env()
        env.bytecode_cache = BYTECODE
        loader = env.loader
        if not isinstance(loader, jinja2.FileSystemLoader) or type(env).list_templates is not jinja2.Environment.list_templates:
            return env
        folders = [(folder, _is_live(Path(folder).resolve(), root)) for folder in loader.searchpath]

        def list_templates(extensions=None, filter_func=None) -> list[str]:
            """Environment.list_templates, folder by folder; a folder outside the project is
            listed (and filtered) once. MkDocs' filter depends only on the theme's static templates."""
            if extensions is not None:
                return jinja2.Environment.list_templates(env, extensions, filter_func)
            found: set[str] = set()
            for folder, live in folders:
                if live:
                    names = _listing(loader, folder)
                    found.update(filter(filter_func, names) if filter_func else names)
                    continue
                code = getattr(filter_func, "__code__", None)
                key = (folder, loader.followlinks, code, tuple(theme.static_templates) if code else ())
                if key not in _LISTINGS:
                    names = _listing(loader, folder)
                    _LISTINGS[key] = [n for n in names if filter_func(n)] if filter_func else names
                found.update(_LISTINGS[key])
            return sorted(found)

        env.list_templates = list_templates
        return env

    theme.get_env = get_env
    theme._handbook_cached_env = True
