"""Everything the handbook needs from mkdocs-static-i18n, in one place.

The i18n plugin builds the source language and then each other language from inside
its own ``on_post_build``. The handbook relies on three of its behaviours: the list of
languages it builds, which language is being built, and whether an outer build is
still running the inner ones. Those attributes are internal to the plugin, so they are
read only here; moving off the plugin (or off MkDocs 1.x) changes this module and
nothing else.

What the handbook does itself, and so does not ask of the plugin: the language of
Material's interface (``theme.language``), the language switcher (the same page in
each language), fallback pages for untranslated parent pages, and the sitemap.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from .project import Language, Project, uri_to_url

# mkdocs-static-i18n accepts only two-letter codes (ISO 639-1 and regional forms);
# Dari (prs), Sorani (ckb) and other large languages in Norway have three-letter codes
# (ISO 639-3). The plugin uses the code only as a folder name and a label, so a
# language is validated under a stand-in code and then given its real one.
STAND_IN_LOCALE = "zz"


def plugin(config: MkDocsConfig):
    found = config.plugins.get("i18n")
    if found is None:
        raise PluginError("handbook: the i18n plugin (mkdocs-static-i18n) must be enabled in mkdocs.yml")
    return found


def current_language(config: MkDocsConfig) -> str | None:
    """The language being built, or None before the i18n plugin has started the first build."""
    return plugin(config).current_language


def is_inner_build(config: MkDocsConfig) -> bool:
    """True in each language build that the i18n plugin runs from inside the first one."""
    return plugin(config).current_language is not None


def running_inner_builds(config: MkDocsConfig) -> bool:
    """True while the first build's ``on_post_build`` is building the other languages."""
    return bool(plugin(config).building)


def configure_languages(config: MkDocsConfig, project: Project, nav_for, site_name_for=None) -> None:
    """Hand the i18n plugin the languages of data/languages.yml (declared once, there).

    ``nav_for(language)`` gives the navigation of a parent language (its pages only);
    ``site_name_for(language)`` the site name (a local edition adds its own name)."""
    from mkdocs_static_i18n.config import I18nPluginLanguage

    i18n = plugin(config)
    declared = [(lang.locale, lang.default) for lang in i18n.config.languages]
    source = project.source_language.code
    if declared != [(source, True)]:
        raise PluginError(
            "mkdocs.yml: the i18n plugin must list only the source language "
            f"('- locale: {source}' with 'default: true') — every other language is added from data/languages.yml"
        )
    languages = []
    for lang in project.languages:
        entry = {
            "locale": lang.code if len(lang.code) == 2 else STAND_IN_LOCALE,
            "name": lang.name,
            "default": lang.is_source,
            "build": True,
            "link": "/" if lang.is_source else f"/{lang.code}/",
            "site_name": site_name_for(lang) if site_name_for else lang.site_name,
            "site_description": lang.site_description,
            "copyright": lang.copyright,
        }
        if not lang.is_source:
            entry["nav"] = nav_for(lang)
        item = I18nPluginLanguage()
        item.load_dict(entry)
        failed, _ = item.validate()
        if failed:
            raise PluginError(f"data/languages.yml: language '{lang.code}' is not valid for i18n: {failed}")
        item["locale"] = lang.code
        languages.append(item)
    only = i18n.config.build_only_locale
    if only:
        for item in languages:
            item.build = item.default = item.locale == only
    i18n.config["languages"] = languages


def set_interface_language(config: MkDocsConfig, lang: Language, material_language: str) -> None:
    """Material's templates read their texts from theme.language (the handbook supplies
    texts for languages Material does not ship: overrides/partials/language.html)."""
    config.theme["language"] = material_language


class FallbackFile(File):
    """A Norwegian page shown in a parent language whose translation is missing.

    It lives at the parent language's address (``so/foreldre/tolk/``) and is read from
    the Norwegian file; pages and checks ask :attr:`fallback_of` which language it is in."""

    def __init__(self, lang: str, uri: str, source_lang: str, source_path: Path, config: MkDocsConfig):
        super().__init__(f"{lang}/{uri}", config.docs_dir, config.site_dir, config.use_directory_urls)
        self.abs_src_path = str(source_path)
        self.fallback_of = source_lang


class OutsideFile(File):
    """A file from outside docs/: a local edition's page or image (handbook.local), at the
    address it would have in docs/<lang>/."""

    def __init__(self, lang: str, uri: str, source_path: Path, config: MkDocsConfig, source_lang: str):
        # the address: no language folder for the source language, as i18n gives docs/nb/ pages
        plain = File(uri, config.docs_dir, config.site_dir, config.use_directory_urls)
        dest = plain.dest_uri if lang == source_lang else f"{lang}/{plain.dest_uri}"
        super().__init__(f"{lang}/{uri}", config.docs_dir, config.site_dir, config.use_directory_urls, dest_uri=dest)
        self.abs_src_path = str(source_path)


def outside_files(project: Project, lang: str, config: MkDocsConfig, paths: list[tuple[str, Path]]) -> list[File]:
    """Files MkDocs does not find in docs/ (``(path inside the language folder, file)``)."""
    source = project.source_language.code
    return [OutsideFile(lang, uri, path, config, source) for uri, path in paths]


def fallback_files(project: Project, lang: str, config: MkDocsConfig) -> list[File]:
    source = project.source_language.code
    return [FallbackFile(lang, uri, source, project.docs_dir / source / uri, config) for uri in project.fallback_uris(lang)]


def alternates(project: Project, uri: str) -> list[dict]:
    """The language switcher: the same page in each language where it exists, else that
    language's home. Links are from the site root, made relative by the template."""
    out = []
    for lang in project.languages:
        target = uri if uri in project.site_uris(lang.code) else "index.md"
        prefix = "" if lang.is_source else f"{lang.code}/"
        out.append({"name": lang.name, "lang": lang.code, "dir": lang.dir, "link": (prefix + uri_to_url(target)) or "./"})
    return out


def flatten_nav(nav: list, uris) -> list[str]:
    """The Norwegian menu reduced to the pages in ``uris``, flattened (a parent language's menu)."""
    out: list[str] = []

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
