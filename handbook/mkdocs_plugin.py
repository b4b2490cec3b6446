"""The MkDocs plugin that runs the handbook's checks and conventions inside every build.

Order matters. mkdocs-static-i18n builds the source language first and then each
other language from inside its own ``on_post_build`` (priority -100). This plugin:

1. before i18n's first ``on_config``: checks docs/ and data/, and hands i18n the
   language list from data/languages.yml (so languages are declared once);
2. after i18n's ``on_config`` in every language build: sets the language's texts;
3. after i18n's ``on_files``: adds Norwegian fallbacks for untranslated parent pages;
4. per page: rewrites links that lead to Norwegian-only pages, marks fallbacks;
5. after the last language: checks the built HTML (see :mod:`handbook.site_checks`).
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from mkdocs import plugins
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from . import (changelog, checklists, docs_checks, generated, glossary, language_links, law, pdf, posters, published,
               readability, search, site_checks, sources, spelling, translations)
from .dates import long_date
from .problems import CheckFailed
from .project import Project, is_parent_uri, uri_to_url

log = logging.getLogger("mkdocs.plugins.handbook")


class HandbookPlugin(plugins.BasePlugin):
    def __init__(self):
        super().__init__()
        self.project: Project | None = None
        self.make_pdfs = True  # not while serving: PDFs are made by `make build`
        self.serving = False
        self.checks = True
        self.index = True
        self._pdf_jobs: list = []
        self._page_laws: dict[str, list] = {}  # page URL -> law provisions it refers to
        self._source_404: str | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # PDFs take a browser and a few seconds each: made by `make build`, not while serving
        # (HANDBOOK_SKIP_PDF=1 also skips them, for tests that are about something else).
        self.serving = command == "serve"
        # `make bench` measures the build with and without the project's checks
        self.checks = os.environ.get("HANDBOOK_CHECKS") != "0"
        self.index = os.environ.get("HANDBOOK_SKIP_SEARCH") != "1"
        self.make_pdfs = command == "build" and os.environ.get("HANDBOOK_SKIP_PDF") != "1"

    # ---- helpers ----------------------------------------------------------------------
    @staticmethod
    def _site_url(config: MkDocsConfig) -> str:
        return (config.site_url or "http://127.0.0.1:8000/").rstrip("/") + "/"

    @staticmethod
    def _i18n(config: MkDocsConfig):
        plugin = config.plugins.get("i18n")
        if plugin is None:
            raise PluginError("handbook: the i18n plugin (mkdocs-static-i18n) must be enabled in mkdocs.yml")
        return plugin

    def _current(self, config: MkDocsConfig) -> str:
        return self._i18n(config).current_language or self.project.source_language.code

    # ---- 1. checks and languages, once per run --------------------------------------------
    @plugins.event_priority(110)
    def _setup(self, config: MkDocsConfig) -> MkDocsConfig:
        if self._i18n(config).current_language is not None:
            return config  # an inner language build of the same run
        # A new run (`mkdocs serve` keeps this plugin between rebuilds, so start afresh).
        self.project = Project(Path(config.config_file_path).parent)
        self._pdf_jobs = []
        self._source_404 = None
        self._page_laws = {}
        if not self.checks:
            self._configure_i18n(config)  # the benchmark's bare build: everything but the checks
            return config
        problems = docs_checks.check_project(self.project)
        if spelling.available():
            problems += spelling.check_project(self.project)
        elif not self.serving:  # a build must check spelling; `make serve` may go on without the dictionary
            problems.append(spelling.missing_dictionary_problem())
        else:
            log.info("handbook: Norwegian spelling is not checked here (no hunspell-no); `make build` checks it")
        if problems:
            raise PluginError(str(CheckFailed(problems)))
        self._configure_i18n(config)
        return config

    def _configure_i18n(self, config: MkDocsConfig) -> None:
        from mkdocs_static_i18n.config import I18nPluginLanguage

        i18n = self._i18n(config)
        declared = [(lang.locale, lang.default) for lang in i18n.config.languages]
        source = self.project.source_language.code
        if declared != [(source, True)]:
            raise PluginError(
                "mkdocs.yml: the i18n plugin must list only the source language "
                f"('- locale: {source}' with 'default: true') — every other language is added from data/languages.yml")
        languages = []
        for lang in self.project.languages:
            entry = {
                "locale": lang.code,
                "name": lang.name,
                "default": lang.is_source,
                "build": True,
                "site_name": lang.site_name,
                "site_description": lang.site_description,
                "copyright": lang.copyright,
            }
            if not lang.is_source:
                entry["nav"] = self._language_nav(config.nav, self.project.site_uris(lang.code))
            item = I18nPluginLanguage()
            item.load_dict(entry)
            failed, _ = item.validate()
            if failed:
                raise PluginError(f"data/languages.yml: language '{lang.code}' is not valid for i18n: {failed}")
            languages.append(item)
        if i18n.config.build_only_locale:
            for item in languages:
                item.build = item.default = item.locale == i18n.config.build_only_locale
        i18n.config["languages"] = languages

    @classmethod
    def _language_nav(cls, nav, uris: frozenset[str]) -> list:
        """The Norwegian nav reduced to the pages a language's site holds, flattened."""
        out: list = []

        def walk(items):
            for item in items or []:
                if isinstance(item, str):
                    if item in uris:
                        out.append(item)
                elif isinstance(item, dict):
                    for value in item.values():
                        if isinstance(value, str):
                            if value in uris:
                                out.append(value)
                        else:
                            walk(value)

        walk(nav)
        return out

    # ---- 2. per-language texts ------------------------------------------------------------
    @plugins.event_priority(-110)
    def _per_language(self, config: MkDocsConfig) -> MkDocsConfig:
        lang = self.project.language(self._current(config))
        config.extra["handbook"] = {
            "lang": lang.code,
            "dir": lang.dir,
            "source_lang": self.project.source_language.code,
            "ui": lang.ui,
            "material_ui": {**lang.material_ui, "language": lang.code, "direction": lang.dir},
            "material_language": lang.code if _material_has_language(lang.code) else "en",
            # each language's direction, for the language switcher (its names carry lang and dir)
            "languages": {other.code: other.dir for other in self.project.languages},
        }
        toc = config.mdx_configs.setdefault("toc", {})
        toc["permalink_title"] = lang.ui["permalink"]
        return config

    on_config = plugins.CombinedEvent(_setup, _per_language)

    # ---- 3. fallback pages -------------------------------------------------------------------
    # Theme files the handbook does not ship: Material's lunr search (replaced by Pagefind)
    # and source maps.
    UNSHIPPED_THEME_FILES = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")

    @plugins.event_priority(-110)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        from mkdocs_static_i18n import folder

        for file in list(files):
            if file.src_uri.startswith(self.UNSHIPPED_THEME_FILES) or file.src_uri.endswith(".map"):
                files.remove(file)
        i18n = self._i18n(config)
        lang = self._current(config)
        source = self.project.source_language.code
        for uri in self.project.fallback_uris(lang):
            file = File(f"{lang}/{uri}", config.docs_dir, config.site_dir, config.use_directory_urls)
            file = folder.create_i18n_file(file, lang, source, i18n.all_languages, config)
            file.abs_src_path = str(self.project.docs_dir / source / uri)
            file.handbook_fallback = True
            files.append(file)
        return files

    # ---- 4. pages ------------------------------------------------------------------------------
    def _page_origin(self, page) -> tuple[str, str]:
        """(language the text is written in, page path inside the language folder)."""
        lang, _, uri = page.file.src_uri.partition("/")
        if getattr(page.file, "handbook_fallback", False):
            return self.project.source_language.code, uri
        doc = self.project.pages.get(lang, {}).get(uri)
        if doc and doc.meta.get("translation", {}).get("method") == "not-started":
            return self.project.source_language.code, uri  # scaffolded: still the Norwegian text
        return lang, uri

    def on_page_markdown(self, markdown: str, page, config: MkDocsConfig, files: Files) -> str:
        lang = self._current(config)
        written_in, uri = self._page_origin(page)
        source = self.project.source_language.code
        ui = self.project.language(lang).ui
        doc = self.project.pages.get(written_in, {}).get(uri)
        checklist = checklists.load(doc) if doc else None
        if checklist:
            pdf_href = checklist.pdf_name(lang) if self.make_pdfs else None
            markdown += "\n\n" + checklists.render(checklist, ui, pdf_href)
            self._pdf_jobs.append((page.file.dest_uri, checklist.pdf_name(lang), doc, lang))
        markdown = generated.expand(markdown, generated.Context(self.project, lang, uri, page.url, self._site_url(config),
                                                                pdfs=self.make_pdfs))
        if lang == source:
            markdown += "\n\n" + glossary.abbreviations(self.project) + "\n"
        unverified = language_links.relative_url(page.url, uri_to_url(law.UNVERIFIED_PAGE))
        self._page_laws[page.url] = law.provisions_in(markdown, law.registry(self.project))
        markdown = law.render_references(markdown, law.registry(self.project), ui, unverified)
        sources_page = language_links.relative_url(page.url, uri_to_url(sources.SOURCES_PAGE))
        markdown = sources.render_citations(markdown, sources.registry(self.project), sources_page)
        return language_links.rewrite_links(
            markdown, written_in=written_in, page_uri=uri, page_url=page.url, build_lang=lang,
            source_lang=source, site_uris=self.project.site_uris(lang), source_uris=self.project.site_uris(source),
            label=ui["in_norwegian"],
            other_sites={other.code: self.project.site_uris(other.code) for other in self.project.parent_languages})

    @plugins.event_priority(40)  # after i18n (50) has set its own language links
    def on_page_context(self, context, page, config: MkDocsConfig, nav):
        lang = self._current(config)
        written_in, uri = self._page_origin(page)
        doc = self.project.pages.get(written_in, {}).get(uri)
        registry = sources.registry(self.project)
        sources_page = language_links.relative_url(page.url, uri_to_url(sources.SOURCES_PAGE))
        context["handbook_page"] = {
            "written_in": written_in,
            "written_dir": self.project.language(written_in).dir,
            "fallback": written_in != lang,
            "last_reviewed": self._date(doc.meta["last_reviewed"], written_in) if doc else None,
            "last_changed": self._date(changelog.last_changed(self.project, page.file.src_uri.split("/", 1)[0], uri), lang),
            "sources": [{"short": registry.sources[i].short, "title": registry.sources[i].data["title"],
                         "href": f"{sources_page}#kilde-{i}"} for i in (doc.meta.get("sources", []) if doc else [])],
            # Fallback copies are searched in Norwegian, where they come from, not here.
            "searchable": written_in == lang,
            "translation": self._translation_notice(lang, uri, written_in, page.url),
            "law_notice": self._law_notice(uri, page.url, written_in),
            "search_terms": " ".join(search.extra_terms(self.project, doc)) if doc and written_in == lang else "",
        }
        # The language switcher: the same page in each language where it exists, else that
        # language's home. Links are site-relative, so the site works under any path.
        alternates = []
        for alt in config.extra.get("alternate") or []:
            code = alt["lang"]
            target = uri if uri in self.project.site_uris(code) else "index.md"
            prefix = "" if code == self.project.source_language.code else f"{code}/"
            alternates.append({**alt, "link": (prefix + uri_to_url(target)) or "./"})
        # i18n sets the attribute (config.extra.alternate = …), which Jinja reads before the key
        config.extra["alternate"] = alternates
        config.extra.alternate = alternates
        return context

    # Material fetches sitemap.xml next to every <link rel="alternate" hreflang> on each page
    # load (to keep readers on the same page when they switch language). The handbook's
    # language links already lead to the same page, and the sitemap carries the hreflang
    # alternates, so the head links only cost requests (404s): leave them out.
    # (The pattern starts with a literal so the search skips ahead instead of trying \s* at
    # every character of the page, which cost 25 ms a page.)
    HEAD_ALTERNATE = re.compile(r'\n[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')

    def on_post_page(self, output: str, page, config: MkDocsConfig) -> str:
        return self.HEAD_ALTERNATE.sub("", output)

    # ---- the error page: one per language ------------------------------------------------------
    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        """MkDocs writes 404.html to the site root in every language build; keep each language's own.

        The error page is served at whatever address was not found, so the head's language
        links (and the sitemap.xml Material fetches next to each) would resolve against that
        address and fail: they are left out here as on every other page."""
        if template_name == "404.html":
            output = self.HEAD_ALTERNATE.sub("", output)
            lang = self._current(config)
            if lang == self.project.source_language.code:
                self._source_404 = output
            else:
                target = Path(config.site_dir) / lang / "404.html"
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(output, encoding="utf-8")
        return output

    def _date(self, iso: str | None, lang: str) -> str | None:
        """Long dates in Norwegian; ISO dates in the parent languages (unambiguous in every script)."""
        if not iso:
            return None
        return long_date(iso, lang) if lang == self.project.source_language.code else iso

    def _law_notice(self, uri: str, page_url: str, written_in: str) -> dict | None:
        """Law pages say they are guidance, not legal advice, and when their references were checked."""
        if not uri.startswith("lov/"):
            return None
        # the page's own references; a page about the register as a whole covers all of it
        provisions = self._page_laws.get(page_url) or list(law.registry(self.project).provisions.values())
        dates = sorted({p.data["verification"]["date"] for p in provisions})
        unverified = sum(not p.verified for p in provisions)
        return {"first": self._date(dates[0], written_in) if dates else None,
                "last": self._date(dates[-1], written_in) if dates else None,
                "unverified": unverified,
                "about_href": language_links.relative_url(page_url, "om/") + "#ikke-juridisk-radgivning",
                "unverified_href": language_links.relative_url(page_url, uri_to_url(law.UNVERIFIED_PAGE))}

    def _translation_notice(self, lang: str, uri: str, written_in: str, page_url: str) -> dict | None:
        source = self.project.source_language.code
        if lang == source or written_in != lang:
            return None
        status = translations.status_of(self.project, lang, uri)
        return {"draft": status.review != translations.REVIEWED, "outdated": status.drift == translations.OUTDATED,
                "source_href": language_links.relative_url(page_url, uri_to_url(uri))}

    # ---- 5. the built site --------------------------------------------------------------------
    @plugins.event_priority(-110)
    def on_post_build(self, config: MkDocsConfig) -> None:
        if self._i18n(config).building:
            return  # an inner language build; the last language is not written yet
        site = Path(config.site_dir)
        if self._source_404:
            (site / "404.html").write_text(self._source_404, encoding="utf-8")
        base = self._site_url(config)
        posters_made = posters.write_posters(self.project, site, base)
        (site / changelog.FEED).write_text(changelog.atom(self.project, base), encoding="utf-8")
        problems = published.apply(self.project, site, check_lock=self.checks)
        if problems:
            raise PluginError(str(CheckFailed(problems, "Published addresses would break")))
        if self.make_pdfs:
            jobs = [pdf.PdfJob(html=site / dest, pdf=(site / dest).parent / name, title=doc.meta["title"], lang=lang,
                               label=doc.label, public_url=base + dest.removesuffix("index.html"))
                    for dest, name, doc, lang in self._pdf_jobs]
            jobs += [pdf.PdfJob(html=html_path, pdf=pdf_path, title=f"{lang.ui['poster_title']} ({lang.code})", lang=lang.code,
                                label="handbook/posters.py", public_url=base + posters.poster_path(self.project, lang))
                     for html_path, pdf_path, lang in posters_made]
            problems = pdf.render(jobs)
            if problems:
                raise PluginError(str(CheckFailed(problems, "Checklist PDFs could not be made")))
        else:
            log.info("handbook: checklist PDFs are made by `make build`, not while serving")
        if self.index:
            problems = search.index_site(site)
            if problems:
                raise PluginError(str(CheckFailed(problems, "The search index could not be built")))
        if not self.checks:
            return
        problems = site_checks.check_site(self.project, site, config.site_url)
        if problems:
            raise PluginError(str(CheckFailed(problems, "The built site has problems")))
        self._report_translations()
        for label, value, words in readability.report(self.project):
            log.info(f"handbook: LIX {value:4.1f} ({words} words) {label}")

    def _report_translations(self) -> None:
        """Outdated translations and term-base mismatches are reported, not fatal."""
        for uri, row in translations.status_table(self.project).items():
            for lang, status in row.items():
                if status.translated and status.drift == translations.OUTDATED:
                    translations.warn(f"docs/{lang}/{uri}: the Norwegian page changed after this translation "
                                      f"(translated from {status.source_commit[:10]}) — update it and run "
                                      f"`make translation-stamp FILE=docs/{lang}/{uri}`")
        for lang in self.project.parent_languages:
            for page in self.project.pages.get(lang.code, {}).values():
                if page.meta.get("translation", {}).get("method") != "not-started":
                    missing = translations.term_warnings(self.project, page)
                    if missing:
                        translations.warn(f"{page.label}: terms not translated as in the term base: {', '.join(missing)}")


def _material_has_language(code: str) -> bool:
    import material

    return (Path(material.__file__).parent / "templates" / "partials" / "languages" / f"{code}.html").is_file()


__all__ = ["HandbookPlugin", "is_parent_uri"]
