"""The MkDocs plugin: wires the handbook's checks and build steps to MkDocs' events.

Nothing here decides anything on its own. The checks are in :mod:`handbook.checks`,
the Markdown conventions in :mod:`handbook.markdown_ext`, what a page template gets
in :mod:`handbook.page_context`, and everything that touches mkdocs-static-i18n in
:mod:`handbook.i18n_bridge`.

Order matters. mkdocs-static-i18n builds the source language first and then each
other language from inside its own ``on_post_build`` (priority -100). This plugin:

1. before i18n's first ``on_config``: checks data/ and docs/ (phases data, pages and
   text) and hands i18n the languages of data/languages.yml;
2. after i18n's ``on_config`` in every language build: sets that language's texts;
3. after i18n's ``on_files``: adds Norwegian fallbacks for untranslated parent pages;
4. per page: renders with the handbook's Markdown extension, which also checks;
5. at the end of each language build, before i18n starts the next: stops the build if
   a page had problems;
6. after the last language: sitemap, feed, posters, redirects, content-hashed asset
   names, PDFs, the search index, and the checks of the built HTML (see :mod:`handbook.site_checks`).
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from pathlib import Path

from mkdocs import plugins
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from . import (
    changelog,
    checks,
    fingerprint,
    generated,
    i18n_bridge,
    local,
    memo,
    offline,
    page_context,
    pdf,
    posters,
    published,
    readability,
    search,
    site_checks,
    sitemap,
    theme_cache,
    translations,
)
from .background import Background
from .config import HandbookConfig
from .markdown_ext import HandbookExtension, RenderContext
from .problems import CheckFailed, Problem
from .project import Project

log = logging.getLogger("mkdocs.plugins.handbook")
# While previewing: what each page's sections made from other pages said when it was last built.
_PREVIEW_GENERATED: dict[tuple, str] = {}


class Stages:
    """How long each stage took, printed by the build when asked (``timings: true``)."""

    def __init__(self):
        self.times: list[tuple[str, float]] = []
        self._start = time.perf_counter()

    def done(self, name: str) -> float:
        now = time.perf_counter()
        took = now - self._start
        self.times.append((name, took))
        self._start = now
        return took

    def table(self) -> str:
        total = sum(t for _, t in self.times)
        rows = [f"  {name:<34} {seconds:7.2f} s" for name, seconds in self.times]
        return "handbook: time per stage\n" + "\n".join(rows) + f"\n  {'total':<34} {total:7.2f} s"


class HandbookPlugin(plugins.BasePlugin[HandbookConfig]):
    def __init__(self):
        super().__init__()
        self.project: Project | None = None
        self.serving = False
        self.markdown = HandbookExtension()
        self._reset()

    def _reset(self) -> None:
        self._pdf_jobs: list = []
        self._page_provisions: dict[str, list] = {}  # page URL -> law provisions it refers to
        self._problems: list[Problem] = []
        self._shown_problems: list[Problem] = []  # while previewing: shown at the top of every page
        self._source_404: str | None = None
        self._text_check: Background | None = None  # the text checks, running beside the rendering
        self._rendered: list = []  # this language's rendered pages, to check (doc, found, html)
        self._written: list[tuple[str, str]] = []  # this language's pages as written: (site path, HTML)
        self._tally = search.WordTally()  # the words of the languages done (search.vocabularies)
        self._known: dict[str, site_checks.KnownPage] = {}  # the pages scanned while the next language rendered
        self._site_root: Path | None = None  # the folder the whole site is written to (every language's build)
        self._page_checks: list[tuple[str, Background]] = []  # languages whose pages are being checked, in order
        self.asset_names: dict[str, str] = {}  # site path of an own asset -> its content-hashed name
        self.stages = Stages()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    @property
    def previewing(self) -> bool:
        """`handbook serve` (MkDocs makes a new plugin for each rebuild, so the setting, not on_startup, says so)."""
        return self.serving or self.config.serving

    @property
    def make_pdfs(self) -> bool:
        return self.config.pdfs and not self.previewing

    def _stop(self, problems: list[Problem], heading: str) -> None:
        """Stop the build; while previewing, show the problems in the pages instead."""
        if self.previewing:
            self._shown_problems += problems
            for problem in problems:
                log.warning(f"handbook: {problem}")
            return
        raise PluginError(str(CheckFailed(problems, heading)))

    @staticmethod
    def _site_url(config: MkDocsConfig) -> str:
        return (config.site_url or "http://127.0.0.1:8000/").rstrip("/") + "/"

    def _current(self, config: MkDocsConfig) -> str:
        return i18n_bridge.current_language(config) or self.project.source_language.code

    # ---- 1. checks and languages, once per run -----------------------------------------------
    @plugins.event_priority(110)
    def _setup(self, config: MkDocsConfig) -> MkDocsConfig:
        if i18n_bridge.is_inner_build(config):
            return config  # a language build inside the first one
        # A new run (`mkdocs serve` keeps this plugin between rebuilds, so start afresh).
        self.project = Project(Path(config.config_file_path).parent, local=self.config.local)
        self._reset()
        self._site_root = Path(config.site_dir)
        for kept in ("parsed", "valid"):  # the disk caches of parsed YAML and of schema checks
            memo.prune(self.project.cache_dir / kept)
        if self.markdown not in config.markdown_extensions:
            config.markdown_extensions.append(self.markdown)
        if self.config.checks:
            # a build checks the text (spelling, own words, readability) in a second process
            # while the pages render, and waits for it before the site is written; a preview
            # checks it at once, in this process, where its results are kept between edits
            beside = not self.previewing
            report = checks.run(
                self.project,
                nav=config.nav,
                require_spelling=not self.previewing,
                today=build_date(self.project),
                text=not beside,
            )
            for note in report.notes:
                log.info(f"handbook: {note}")
            if report.problems:
                self._stop(report.problems, f"The handbook has problems ({report.phase})")
            if beside:
                self._text_check = Background(checks.check_text, self.project, require_spelling=True)
            log.info(f"handbook: data and pages checked ({self.stages.done('checks: data, pages'):.1f} s)")
        i18n_bridge.configure_languages(
            config,
            self.project,
            lambda lang: self._language_nav(config.nav, lang.code),
            lambda lang: local.site_name(self.project, lang),
        )
        self._local_edition(config)  # after the languages' navigation was made from the handbook's own
        self._plan_asset_names(config)
        theme_cache.install(config.theme, self.project.root)  # templates compiled once, not once per language
        if self.make_pdfs:
            pdf.prefetch_environment_key()  # what the cached PDFs are keyed by, asked while the pages render
        return config

    def _local_edition(self, config: MkDocsConfig) -> None:
        """A municipality's own edition (handbook.local): its address, logo and pages."""
        import os

        edition = local.edition(self.project)
        if edition is None:
            return
        if edition.site_url and not os.environ.get("HANDBOOK_SITE_URL"):
            config.site_url = edition.site_url.rstrip("/") + "/"  # HANDBOOK_SITE_URL, when given, wins
        if edition.logo:
            config.theme["logo"] = edition.logo_dest
        section = local.nav_section(self.project, self.project.source_language.code)
        if section and config.nav is not None:
            config.nav = [*config.nav, section]
        log.info(f"handbook: local edition «{edition.name}» from {self.project.label(edition.folder)}")

    def _plan_asset_names(self, config: MkDocsConfig) -> None:
        """Content-hashed names for the site's own assets, known before any page is rendered
        (handbook.fingerprint). A preview keeps the plain names: it rewrites only the pages that
        changed, and an unchanged page must still find its stylesheet."""
        self.asset_names = {}
        if self.previewing:
            return
        sources = fingerprint.theme_assets(config.theme.dirs, skip=self._unshipped)
        edition = local.edition(self.project)
        if edition is not None and edition.logo:
            sources[edition.logo_dest] = edition.logo
        self.asset_names, problems = fingerprint.plan(sources, label=self.project.label)
        if problems:
            self._stop(problems, "Assets could not get content-hashed names")

    def _use_asset_names(self, config: MkDocsConfig) -> None:
        """The site configuration's own assets under their hashed names (every language build)."""
        names = self.asset_names
        config.extra_css = [names.get(path, path) for path in config.extra_css]
        for index, script in enumerate(config.extra_javascript):
            if isinstance(script, str):
                config.extra_javascript[index] = names.get(script, script)
            else:  # mkdocs' ExtraScriptValue (a script with type, defer or async)
                script.path = names.get(script.path, script.path)
        for key in ("logo", "favicon"):
            if config.theme.get(key) in names:
                config.theme[key] = names[config.theme[key]]

    def on_env(self, env, config: MkDocsConfig, files: Files):
        """Templates name an own asset through the filter ``asset``, which gives its hashed name."""
        names = self.asset_names
        env.filters["asset"] = lambda path: names.get(path, path)
        return env

    def _language_nav(self, nav, lang: str) -> list:
        """The Norwegian nav reduced to the pages a language's site holds, flattened."""
        out = i18n_bridge.flatten_nav(nav, self.project.site_uris(lang))
        section = local.nav_section(self.project, lang)  # a local edition's pages, translated (handbook.local)
        return out + [section] if section else out

    # ---- 2. per-language texts -------------------------------------------------------------------
    @plugins.event_priority(-110)
    def _per_language(self, config: MkDocsConfig) -> MkDocsConfig:
        lang = self.project.language(self._current(config))
        material_language = lang.code if _material_has_language(lang.code) else "en"
        config.extra["handbook"] = {
            "lang": lang.code,
            "dir": lang.dir,
            "source_lang": self.project.source_language.code,
            "ui": lang.ui,
            "material_ui": {**lang.material_ui, "language": lang.code, "direction": lang.dir},
            "material_language": material_language,
            "languages": {other.code: {"name": other.name, "dir": other.dir} for other in self.project.languages},
            # a municipality's own edition: its name under the handbook's in the header (handbook.local)
            "local_name": edition.name if (edition := local.edition(self.project)) else None,
            "own_site_name": lang.site_name,
            "search": search.client_config(self.project, lang.code),
            # the error page has no page of its own to switch: it offers each language's home
            "home_alternates": [
                {**alt, "link": "" if alt["link"] == "./" else alt["link"]}  # from the site's root, as the 404 page's links are
                for alt in i18n_bridge.alternates(self.project, "index.md")
            ],
        }
        i18n_bridge.set_interface_language(config, lang, material_language)
        self._use_asset_names(config)
        config.mdx_configs.setdefault("toc", {})["permalink_title"] = lang.ui["permalink"]
        return config

    on_config = plugins.CombinedEvent(_setup, _per_language)

    # ---- 3. fallback pages ---------------------------------------------------------------------
    # Theme files the handbook does not ship: Material's lunr search (replaced by Pagefind)
    # and source maps.
    UNSHIPPED_THEME_FILES = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")

    @classmethod
    def _unshipped(cls, site_path: str) -> bool:
        return site_path.startswith(cls.UNSHIPPED_THEME_FILES) or site_path.endswith(".map")

    @plugins.event_priority(-110)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        for file in list(files):
            if self._unshipped(file.src_uri):
                files.remove(file)
        for file in i18n_bridge.fallback_files(self.project, self._current(config), config):
            files.append(file)
        lang = self._current(config)
        for file in i18n_bridge.outside_files(self.project, lang, config, local.files(self.project, lang)):
            files.append(file)
        for file in files:  # MkDocs copies each own asset to its hashed name (handbook.fingerprint)
            if file.dest_uri in self.asset_names:
                file.dest_uri = self.asset_names[file.dest_uri]
                for derived in ("url", "abs_dest_path"):
                    file.__dict__.pop(derived, None)  # cached from the old name
        if self.previewing:
            # a page with a section made from other pages (checklists, sources and who cites them, the
            # translation status) is rebuilt when that section changed, so it is never stale
            for file in files.documentation_pages():
                lang, _, uri = file.src_uri.partition("/")
                doc = self.project.pages.get(lang, {}).get(uri)
                made = generated.from_pages(self.project, doc) if doc is not None else ""
                key = (config.config_file_path, config.site_dir, file.src_uri)
                if made and _PREVIEW_GENERATED.get(key) != made:
                    _PREVIEW_GENERATED[key] = made
                    file.is_modified = lambda: True
        return files

    # ---- 4. pages -------------------------------------------------------------------------------------
    def _origin(self, page) -> tuple[str, str]:
        """(language the text is written in, page path inside the language folder)."""
        lang, _, uri = page.file.src_uri.partition("/")
        fallback_of = getattr(page.file, "fallback_of", None)
        if fallback_of:
            return fallback_of, uri
        doc = self.project.pages.get(lang, {}).get(uri)
        if doc and doc.meta.get("translation", {}).get("method") == "not-started":
            return self.project.source_language.code, uri  # scaffolded: still the Norwegian text
        return lang, uri

    def on_page_markdown(self, markdown: str, page, config: MkDocsConfig, files: Files) -> str:
        lang = self._current(config)
        written_in, uri = self._origin(page)
        doc = self.project.pages.get(written_in, {}).get(uri)
        self.markdown.context = RenderContext(
            self.project,
            lang=lang,
            written_in=written_in,
            uri=uri,
            page_url=page.url,
            doc=doc,
            site_url=self._site_url(config),
            pdfs=self.make_pdfs,
        )
        if doc is not None and doc.meta.get("checklist"):
            from .checklists import load

            self._pdf_jobs.append((page.file.dest_uri, load(doc).pdf_name(lang), doc, lang))
        return markdown

    def on_page_content(self, html: str, page, config: MkDocsConfig, files: Files) -> str:
        context, self.markdown.context = self.markdown.context, None
        if context is None:
            return html
        self._page_provisions[page.url] = context.found.provisions
        if self.config.checks and context.doc is not None and context.written_in == context.lang:
            # a page is checked in its own language's build (a fallback was checked in Norwegian)
            if self.previewing:
                problems = checks.page_problems(self.project, context.doc, context.found, html)
                if problems:
                    # MkDocs renders every page before it writes any: the banner is in place when this page is written
                    self._stop(problems, f"Pages have problems ({context.lang})")
            else:  # checked in a second process while the next language renders (_check_rendered)
                self._rendered.append((context.doc, context.found, html))
        return html

    @plugins.event_priority(40)  # after i18n (50)
    def on_page_context(self, context, page, config: MkDocsConfig, nav):
        lang = self._current(config)
        written_in, uri = self._origin(page)
        doc = self.project.pages.get(written_in, {}).get(uri)
        terms = " ".join(search.extra_terms(self.project, doc)) if doc and written_in == lang else ""
        info = page_context.page_info(
            self.project,
            lang=lang,
            written_in=written_in,
            uri=uri,
            page_url=page.url,
            provisions=self._page_provisions.get(page.url),
            search_terms=terms,
        )
        info["alternates"] = i18n_bridge.alternates(self.project, uri)
        own = doc is not None and written_in == lang
        info["search_stems"] = " ".join(search.stem_terms(self.project, doc)) if own else ""
        # the page's own summary is indexed too (Pagefind reads only the body), and its
        # checklist items (Pagefind skips the text of <label>s)
        info["search_description"] = doc.meta.get("description", "") if own else ""
        info["search_checklist"] = search.checklist_text(doc) if own else ""
        context["handbook_page"] = info
        return context

    # ---- the error page: one per language ----------------------------------------------------------------
    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        """MkDocs writes 404.html to the site root in every language build; keep each language's own."""
        if template_name == "404.html":
            lang = self._current(config)
            if lang == self.project.source_language.code:
                self._source_404 = output
            else:
                target = Path(config.site_dir) / lang / "404.html"
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(output, encoding="utf-8")
        return output

    # ---- 5. each language: stop before the next language is built ----------------------------------------
    @plugins.event_priority(-90)  # before i18n (-100) starts the other languages
    def _stop_on_page_problems(self, config: MkDocsConfig) -> None:
        lang = self._current(config)
        log.info(f"handbook: '{lang}' rendered ({self.stages.done(f'render {lang}'):.1f} s)")
        if self._text_check is not None:  # the first language is done: the text checks' answer first
            text, self._text_check = self._text_check.result(), None
            for note in text.notes:
                log.info(f"handbook: {note}")
            log.info(f"handbook: text checked beside the rendering (waited {self.stages.done('checks: text (wait)'):.1f} s)")
            if text.problems:
                self._stop(sorted(set(text.problems)), "The handbook has problems (text)")
        if self._problems:
            problems, self._problems = self._problems, []
            self._stop(problems, f"Pages have problems ({lang})")
        self._check_rendered(lang)

    def _check_rendered(self, lang: str | None) -> None:
        """Check this language's rendered pages in a second process, while the next languages
        render, and stop on the problems of the languages whose answers have come (in the order
        the languages were built). ``lang`` None: the last language is done, wait for every
        answer. Nothing is published before every answer."""
        rendered, self._rendered = self._rendered, []
        written, self._written = self._written, []
        if lang and (rendered or written):
            self._page_checks.append((lang, Background(_check_and_count, self.project, rendered, written)))
        # an answer that has not come is not waited for while other languages can render meanwhile
        while self._page_checks and (lang is None or self._page_checks[0][1].ready()):
            earlier, check = self._page_checks.pop(0)
            problems, tally, known = check.result()
            self._tally.add(tally)
            self._known.update(known)
            if problems:
                self._stop(problems, f"Pages have problems ({earlier})")

    # ---- 6. the built site ------------------------------------------------------------------------
    @plugins.event_priority(-110)
    def _finish(self, config: MkDocsConfig) -> None:
        if i18n_bridge.running_inner_builds(config):
            return  # an inner language build; the other languages are not all written yet
        site = Path(config.site_dir)
        base = self._site_url(config)
        if self._source_404:
            (site / "404.html").write_text(self._source_404, encoding="utf-8")
        # forwarding pages and anchor aliases first: they are the last change to what Pagefind reads
        problems = published.write_redirects(self.project, site, partial=self.previewing)
        if problems:
            self._check_rendered(None)  # the last language's problems, if any, come first
            raise PluginError(str(CheckFailed(problems, "Published addresses would break")))
        self.stages.done("redirects")
        # Pagefind indexes the site in its own process while the rest is written and checked here;
        # none of that changes an indexed page (the last language's check only reads; posters, the
        # sitemap, the feed and the PDFs are not indexed: Pagefind reads only data-pagefind-body)
        indexing = search.start_index(site, self.project) if self.config.search_index else None
        try:
            self._check_rendered(None)
            self.stages.done("checks: last language's pages (wait)")
            if indexing is not None:
                indexing.make_word_lists(self._tally)  # every language's words are counted now
            sitemap.write(self.project, site, base)
            (site / changelog.FEED).write_text(changelog.atom(self.project, base), encoding="utf-8")
            self.stages.done("sitemap, feed")
            posters_made = posters.write_posters(self.project, site, base, self.asset_names)
            self.stages.done("posters (pages, QR codes)")
            self._pdfs_and_checks(config, site, base, posters_made)
        except BaseException:
            if indexing is not None:
                indexing.cancel()
            raise
        if indexing is not None:
            problems = indexing.finish()
            if self.config.checks and not self.previewing and not problems:
                problems = site_checks.check_bundle(self.project, site, config.site_url, search.BUNDLE)
            if problems:
                raise PluginError(str(CheckFailed(problems, "The search index could not be built")))
            log.info(f"handbook: search index, beside the above ({self.stages.done('search index (wait)'):.1f} s)")
        self._write_offline(site)  # last: it lists the files every other step has written
        if self.config.timings:
            log.info(self.stages.table())

    def _pdfs_and_checks(self, config: MkDocsConfig, site: Path, base: str, posters_made: list) -> None:
        if self.make_pdfs:
            checklists = [
                pdf.PdfJob(
                    html=site / dest,
                    pdf=(site / dest).parent / name,
                    title=doc.meta["title"],
                    lang=lang,
                    label=doc.label,
                    public_url=base + dest.removesuffix("index.html"),
                )
                for dest, name, doc, lang in self._pdf_jobs
            ]
            poster_jobs = [
                pdf.PdfJob(
                    html=html_path,
                    pdf=pdf_path,
                    title=f"{lang.ui['poster_title']} ({lang.code})",
                    lang=lang.code,
                    label="handbook/posters.py",
                    public_url=base + posters.poster_path(self.project, lang),
                )
                for html_path, pdf_path, lang in posters_made
            ]
            for what, jobs in (("checklists", checklists), ("posters", poster_jobs)):  # timed apart (HANDBOOK_TIMINGS)
                problems = pdf.render(jobs, epoch=build_epoch(self.project), cache_dir=self.project.cache_dir / "pdf")
                if problems:
                    raise PluginError(str(CheckFailed(problems, f"PDFs of {what} could not be made")))
                log.info(f"handbook: {len(jobs)} PDFs of {what} ({self.stages.done(f'PDFs: {what}'):.1f} s)")
        else:
            log.info("handbook: PDFs are made by `make build`, not while serving")
        # the published addresses and the built-site checks need every language and every page:
        # `make build` runs them, a preview (of one language, or of what changed) does not.
        # The site is read once for both (pages read while they were written are not parsed again).
        if self.config.checks and not self.previewing:
            built = site_checks.load_site(self.project, site, known=self._known)
            problems = published.check(self.project, site, published.page_ids(built.pages))
            if problems:
                raise PluginError(str(CheckFailed(problems, "Published addresses would break")))
            problems = site_checks.check_loaded(self.project, built, config.site_url)
            if problems:
                raise PluginError(str(CheckFailed(problems, "The built site has problems")))
            log.info(
                f"handbook: built site checked ({self.stages.done('checks: built site'):.1f} s; "
                f"{built.reused} of {len(built.pages)} pages read while they were written)"
            )
            self._report_translations()
            if log.isEnabledFor(logging.DEBUG):
                for label, value, words in readability.report(self.project):
                    log.debug(f"handbook: LIX {value:4.1f} ({words} words) {label}")

    def _write_offline(self, site: Path) -> None:
        """The service worker and, per language, the list of files it stores (handbook.offline)."""
        if not self.config.offline or self.previewing:
            offline.write_preview_worker(site)  # a preview never keeps pages on the device
            return
        sizes, problems = offline.write(self.project, site)
        if problems:
            raise PluginError(str(CheckFailed(problems, "The handbook is too large to keep on a device")))
        log.info(f"handbook: offline copies: {offline.describe(sizes)} ({self.stages.done('offline copies'):.1f} s)")

    on_post_build = plugins.CombinedEvent(_stop_on_page_problems, _finish)

    def on_build_error(self, *, error: Exception) -> None:
        if self._text_check is not None:  # the build stopped for another reason: no one will wait for it
            self._text_check.cancel()
            self._text_check = None
        for _, check in self._page_checks:
            check.cancel()
        self._page_checks = []

    # ---- previewing ----------------------------------------------------------------------------------
    def on_pre_build(self, config: MkDocsConfig) -> None:
        """While previewing, MkDocs rebuilds only the pages that changed. When the data, the theme
        or the site configuration changed, every page may change: start from an empty site."""
        if (
            not self.previewing
            or i18n_bridge.is_inner_build(config)
            and self._current(config) != self.project.source_language.code
        ):
            return
        state = Path(config.site_dir) / ".handbook-preview"
        watched = [self.project.data_dir, self.project.root / "overrides", Path(config.config_file_path)]
        if self.project.local_dir is not None and self.project.local_dir.is_dir():
            watched.append(self.project.local_dir)  # a local edition's local.yml changes every page's frame
        watched_state = _fingerprint(watched)
        if not state.is_file() or state.read_text() != watched_state:
            import shutil

            for child in Path(config.site_dir).iterdir() if Path(config.site_dir).is_dir() else []:
                shutil.rmtree(child) if child.is_dir() else child.unlink()
            Path(config.site_dir).mkdir(parents=True, exist_ok=True)
            state.write_text(watched_state)

    @plugins.event_priority(-100)  # last: the page exactly as MkDocs writes it
    def on_post_page(self, output: str, page, config: MkDocsConfig) -> str:
        if not self._shown_problems:
            if (self.config.search_index or self.config.checks) and not self.previewing:
                # its words are counted and its links, ids and fetches read while the next language renders
                rel = Path(page.file.abs_dest_path).relative_to(self._site_root).as_posix()
                self._written.append((rel, output))
            return output
        from html import escape

        items = "".join(
            f"<li><code>{escape(p.path)}{f':{p.line}' if p.line else ''}</code> {escape(p.message)}"
            f"{f' — <em>{escape(p.fix)}</em>' if p.fix else ''}</li>"
            for p in self._shown_problems[:50]
        )
        banner = (
            f'<div class="hb-build-errors" role="alert"><p><strong>{len(self._shown_problems)} problem(s): '
            f"`make build` would stop here.</strong></p><ul>{items}</ul></div>"
        )
        start = output.find(">", output.find("<body")) + 1
        return output[:start] + banner + output[start:]

    def _report_translations(self) -> None:
        """Outdated translations and term-base mismatches are reported, not fatal."""
        for uri, row in translations.status_table(self.project).items():
            for lang, status in row.items():
                if status.translated and status.drift == translations.OUTDATED:
                    translations.warn(
                        f"docs/{lang}/{uri}: the Norwegian page changed after this translation — update it "
                        f"(`make translation-diff FILE=docs/{lang}/{uri}` shows what changed), then stamp it"
                    )
        from . import letters

        for warning in letters.warnings(self.project):
            translations.warn(warning)
        for lang in self.project.parent_languages:
            for page in self.project.pages.get(lang.code, {}).values():
                if page.meta.get("translation", {}).get("method") != "not-started":
                    missing = translations.term_warnings(self.project, page)
                    if missing:
                        translations.warn(f"{page.label}: terms not translated as in the term base: {', '.join(missing)}")


def build_date(project: Project) -> dt.date:
    """Today, for checks of dates in the future (a fixed date from SOURCE_DATE_EPOCH in tests)."""
    import os

    epoch = os.environ.get("HANDBOOK_TODAY")
    return dt.date.fromisoformat(epoch) if epoch else dt.date.today()


def build_epoch(project: Project) -> int:
    """The build's timestamp: the newest date in the handbook's data, so every checkout of
    the same commit builds the same bytes (PDF dates)."""
    day = dt.date.fromisoformat(changelog.newest_date(project))
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())


def _material_has_language(code: str) -> bool:
    import material

    return (Path(material.__file__).parent / "templates" / "partials" / "languages" / f"{code}.html").is_file()


__all__ = ["HandbookPlugin"]


def _check_and_count(
    project: Project, rendered: list, written: list[tuple[str, str]]
) -> tuple[list[Problem], search.WordTally, dict[str, site_checks.KnownPage]]:
    """A language's pages, in a second process: their problems (checks.rendered_problems),
    their words, as the search's word lists count them (search.WordTally), and what the
    published addresses and the built-site checks read from them (site_checks.scan_written)."""
    return (
        checks.rendered_problems(project, rendered),
        search.tally_pages([text for _, text in written]),
        site_checks.scan_written(written),
    )


def _fingerprint(paths: list[Path]) -> str:
    """Names, sizes and times of every file under the paths (cheap, and changes with every edit)."""
    import hashlib

    digest = hashlib.sha256()
    for root in paths:
        for path in sorted([root] if root.is_file() else root.rglob("*")):
            if path.is_file():
                stat = path.stat()
                digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()
