"""QR posters for parents, one per language, and the link kit for school websites.

Each poster is an A4 page (HTML, and a PDF made like the checklist PDFs) with the
heading in the language and in Norwegian, and a QR code to the parent section in that
language. The codes are made at build time with segno (pure Python, SVG output) from
site_url, so a municipality that hosts its own copy prints its own codes.
"""

from __future__ import annotations

import html
from functools import lru_cache
from pathlib import Path

import segno

from .project import Language, Project

POSTER_DIR = "plakat"
POSTER_CSS = "assets/stylesheets/poster.css"  # in overrides/; published under its hashed name


def parent_url(site_url: str, project: Project, lang: Language) -> str:
    prefix = "" if lang.is_source else f"{lang.code}/"
    return site_url.rstrip("/") + "/" + prefix + "foreldre/"


def poster_path(project: Project, lang: Language) -> str:
    """Site path of the poster page: 'plakat/' for Norwegian, 'so/plakat/' for Somali."""
    return (f"{lang.code}/" if not lang.is_source else "") + f"{POSTER_DIR}/"


def pdf_name(lang: Language) -> str:
    return f"plakat-foreldre-{lang.code}.pdf"


def qr_svg(url: str, lang: Language) -> str:
    return _qr_svg(url, lang.ui["poster_scan"])


@lru_cache(maxsize=256)  # the same address gives the same code: a preview makes each one once
def _qr_svg(url: str, description: str) -> str:
    code = segno.make(url, error="m")
    svg = code.svg_inline(
        scale=10,
        border=2,
        omitsize=True,
        dark="#000000",
        light="#ffffff",
        title=f"QR: {url}",
        desc=description,
        svgclass="hb-poster__qr",
    )
    return svg.replace("<svg ", '<svg role="img" ', 1)


def poster_html(project: Project, lang: Language, site_url: str, asset_names: dict[str, str] | None = None) -> str:
    """The poster page. ``asset_names``: the assets' content-hashed names (handbook.fingerprint)."""
    from .local import edition, site_name

    source = project.source_language
    url = parent_url(site_url, project, lang)
    depth = poster_path(project, lang).count("/")
    names = asset_names or {}
    css = "../" * depth + names.get(POSTER_CSS, POSTER_CSS)
    norwegian = ""
    if not lang.is_source:
        norwegian = (
            f'<p class="hb-poster__nb" lang="{source.code}" dir="{source.dir}">{html.escape(source.ui["poster_title"])}</p>'
        )
    own = edition(project)  # a municipality's own edition: its name (and logo) on the poster
    local = ""
    if own is not None:
        logo = (
            f'<img class="hb-poster__logo" src="{"../" * depth}{names.get(own.logo_dest, own.logo_dest)}" alt="">'
            if own.logo
            else ""
        )
        local = f'<p class="hb-poster__local" lang="{source.code}" dir="{source.dir}">{logo}{html.escape(own.name)}</p>\n'
    return f"""<!doctype html>
<html lang="{lang.code}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{html.escape(lang.ui["poster_title"])} – {html.escape(site_name(project, lang))} ({lang.code})</title>
<link rel="stylesheet" href="{css}">
</head>
<body dir="{lang.dir}">
<main class="hb-poster">
{local}<h1>{html.escape(lang.ui["poster_title"])}</h1>
{norwegian}
<p class="hb-poster__text">{html.escape(lang.ui["poster_text"])}</p>
<figure class="hb-poster__code">{qr_svg(url, lang)}<figcaption>{html.escape(lang.ui["poster_scan"])}</figcaption></figure>
<p class="hb-poster__url" dir="ltr"><a href="{"../" * depth}{"" if lang.is_source else lang.code + "/"}foreldre/">{html.escape(url)}</a></p>
<p class="hb-poster__site">{html.escape(site_name(project, lang))}</p>
</main>
</body>
</html>
"""


def write_posters(
    project: Project, site: Path, site_url: str, asset_names: dict[str, str] | None = None
) -> list[tuple[Path, Path, Language]]:
    """Write every language's poster page; returns (html, pdf, language) for the PDF step."""
    made = []
    for lang in project.languages:
        folder = site / poster_path(project, lang)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text(poster_html(project, lang, site_url, asset_names), encoding="utf-8")
        made.append((folder / "index.html", folder / pdf_name(lang), lang))
    return made


def link_kit(project: Project, site_url: str, from_url: str, pdfs: bool = True) -> str:
    """Markdown for «Lenk til håndboka»: addresses and HTML to copy, and the posters."""
    from .language_links import relative_url

    base = site_url.rstrip("/") + "/"
    source = project.source_language
    teacher = [
        ("Håndboka", ""),
        ("Før den vanskelige samtalen", "for-samtalen/"),
        ("Sjekklister", "sjekklister/"),
        ("Veiledning for lærere", "veiledning/"),
        ("For skoleledere", "skoleledelse/"),
        ("Lovverket", "lov/"),
    ]
    out = ["## For lærere og skoleledere {#laerere}\n", "| Side | Adresse |", "| --- | --- |"]
    out += [f"| {title} | `{base}{path}` |" for title, path in teacher]
    out.append("\nHTML til skolens nettside:\n")
    out.append(
        "```html\n"
        + "\n".join(
            f'<a href="{base}{path}">{html.escape(title)} – {html.escape(source.site_name)}</a>' for title, path in teacher[:3]
        )
        + "\n```\n"
    )
    out.append("## For foreldre, på hvert språk {#foreldre}\n")
    out.append("| Språk | Side for foreldre | Plakat |")
    out.append("| --- | --- | --- |")
    snippets = []
    for lang in project.languages:
        url = parent_url(site_url, project, lang)
        poster = relative_url(from_url, poster_path(project, lang))
        pdf = f', <a href="{poster}{pdf_name(lang)}" hreflang="{lang.code}" download>PDF</a>' if pdfs else ""
        out.append(
            f'| {lang.name_nb} ({html.escape(lang.name)}) | `{url}` | <a href="{poster}" hreflang="{lang.code}">plakat</a>{pdf} |'
        )
        snippets.append(
            f'<a href="{url}" hreflang="{lang.code}" lang="{lang.code}" dir="{lang.dir}">'
            f"{html.escape(lang.ui['poster_title'])}</a>"
        )
    out.append(
        "\nHTML til skolens nettside, én lenke per språk (teksten står på språket og er merket med det, "
        "slik at skjermlesere leser den riktig):\n"
    )
    out.append("```html\n" + "\n".join(snippets) + "\n```\n")
    return "\n".join(out)
