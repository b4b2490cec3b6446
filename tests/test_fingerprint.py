"""Content-hashed asset names (handbook/fingerprint.py): known before rendering, used everywhere."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from handbook import fingerprint
from handbook.build import BuildFailed, build

NO_PDF = {"HANDBOOK_PDFS": "false"}


def write(root: Path, files: dict[str, str]) -> dict[str, Path]:
    out = {}
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
        out[rel] = root / rel
    return out


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:8]


def test_names_carry_the_hash_of_the_source_file(tmp_path):
    css, logo = "body{color:#111}", "<svg xmlns='http://www.w3.org/2000/svg'/>"
    sources = write(tmp_path, {"assets/stylesheets/handbook.css": css, "assets/images/logo.svg": logo})
    renamed, problems = fingerprint.plan(sources)
    assert problems == []
    assert renamed == {
        "assets/stylesheets/handbook.css": f"assets/stylesheets/handbook.{digest(css)}.css",
        "assets/images/logo.svg": f"assets/images/logo.{digest(logo)}.svg",
    }


def test_the_first_theme_folder_wins_and_hashed_or_stable_names_stay(tmp_path):
    own = tmp_path / "overrides"
    material = tmp_path / "material"
    write(own, {"assets/stylesheets/handbook.css": "own", "assets/javascripts/vendor/poly-1.5.1.js": "1"})
    write(
        material,
        {
            "assets/stylesheets/handbook.css": "theirs",
            "assets/stylesheets/main.57a0d79d.min.css": "x{}",  # Material's name carries its hash already
            "assets/javascripts/lunr/tinyseg.js": "lunr",
            "assets/images/favicon.png": "png",
            "assets/sw.js": "self",  # browsers look for the service worker by name
            "main.html": "template",
        },
    )
    found = fingerprint.theme_assets([own, material], skip=lambda rel: rel.startswith("assets/javascripts/lunr/"))
    assert found == {
        "assets/stylesheets/handbook.css": own / "assets/stylesheets/handbook.css",
        "assets/javascripts/vendor/poly-1.5.1.js": own / "assets/javascripts/vendor/poly-1.5.1.js",
        "assets/images/favicon.png": material / "assets/images/favicon.png",
    }


def test_an_asset_that_names_another_asset_stops_the_build_at_its_line(tmp_path):
    sources = write(
        tmp_path,
        {
            "assets/javascripts/polyfills.js": '// loads the polyfill\nload("vendor/poly.js")',
            "assets/javascripts/vendor/poly.js": "1",
        },
    )
    renamed, problems = fingerprint.plan(sources, label=lambda path: path.relative_to(tmp_path).as_posix())
    assert renamed == {}  # nothing gets a new name half-way
    assert [(p.path, p.line, "poly.js" in p.message, "data-src" in p.fix) for p in problems] == [
        ("assets/javascripts/polyfills.js", 2, True, True)
    ]


def test_a_comment_that_mentions_another_asset_is_not_a_reference(tmp_path):
    sources = write(
        tmp_path,
        {
            "assets/stylesheets/handbook.css": "/* the save button (assets/javascripts/offline.js) */ a{}",
            "assets/javascripts/offline.js": "/* styled in handbook.css */ var x = 1;",
            "assets/images/logo.svg": "<svg/>",
            "assets/stylesheets/poster.css": "h1 {\n background: url('../images/logo.svg') }",
        },
    )
    renamed, problems = fingerprint.plan(sources, label=lambda path: path.name)
    # the stylesheet that really uses the logo's address is the one problem
    assert [(p.path, p.line) for p in problems] == [("poster.css", 2)]


def test_later_steps_find_the_new_name(tmp_path):
    write(tmp_path, {f"assets/images/logo.{digest('<svg/>')}.svg": "<svg/>"})
    assert fingerprint.current_name(tmp_path, "assets/images/logo.svg") == f"assets/images/logo.{digest('<svg/>')}.svg"
    assert fingerprint.current_name(tmp_path, "assets/images/other.svg") == "assets/images/other.svg"


def test_a_built_site_has_only_hashed_assets_and_every_page_names_them(mini):
    """The mini handbook, built: the assets MkDocs copied carry their names' hashes, the pages
    name them so (stylesheets, scripts, the polyfill's data address, logo, favicon, posters)."""
    site = build(mini, env=NO_PDF, echo=False)
    own = mini / "overrides" / "assets"
    for source in own.rglob("*"):
        if source.is_file():
            rel = source.relative_to(mini / "overrides").as_posix()
            hashed = fingerprint.current_name(site, rel)
            assert hashed != rel and not (site / rel).exists(), rel
            assert (site / hashed).read_bytes() == source.read_bytes()
    page = (site / "en" / "index.html").read_text(encoding="utf-8")
    for rel in (
        "assets/stylesheets/handbook.css",
        "assets/javascripts/search.js",
        "assets/javascripts/polyfills.js",
        "assets/javascripts/vendor/resize-observer-polyfill-1.5.1.js",
        "assets/images/logo.svg",
        "assets/images/favicon.svg",
    ):
        assert f'"../{fingerprint.current_name(site, rel)}"' in page, rel
    poster = next((site / "plakat").rglob("index.html")).read_text(encoding="utf-8")
    assert fingerprint.current_name(site, "assets/stylesheets/poster.css") in poster


def test_a_template_that_names_an_asset_without_the_filter_stops_the_build_once(mini):
    template = mini / "overrides" / "main.html"
    text = template.read_text(encoding="utf-8")
    assert "'assets/javascripts/polyfills.js' | asset | url" in text
    template.write_text(
        text.replace("'assets/javascripts/polyfills.js' | asset | url", "'assets/javascripts/polyfills.js' | url")
    )
    with pytest.raises(BuildFailed) as err:
        build(mini, env=NO_PDF, echo=False)
    lines = [line for line in str(err.value).splitlines() if "polyfills.js, which the site does not have" in line]
    assert len(lines) == 1, str(err.value)[-3000:]  # one problem, one message: not one per page
    assert "other page(s) fetch it too" in lines[0] and "| asset | url" in lines[0]
    assert not (mini / "site").exists()  # nothing published
