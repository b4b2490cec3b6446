"""Content-hashed asset names (handbook/fingerprint.py): renamed once, every reference follows."""

from __future__ import annotations

import hashlib
from pathlib import Path

from handbook import fingerprint


def write(site: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, encoding="utf-8")


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:8]


PAGE = """<!doctype html><html><head>
<link rel="stylesheet" href="{up}assets/stylesheets/handbook.css">
<link rel="stylesheet" href="{up}assets/stylesheets/main.57a0d79d.min.css">
<script src="{up}assets/javascripts/polyfills.js" data-polyfill="{up}assets/javascripts/vendor/poly-1.5.1.js"></script>
</head><body><img src='{up}assets/images/logo.svg?v=2' alt="">
<p>Skriv assets/stylesheets/handbook.css i teksten</p><a href="https://example.org/assets/stylesheets/handbook.css">ute</a>
</body></html>"""


def test_names_carry_the_content_hash_and_every_page_follows(tmp_path):
    css, logo = "body{color:#111}", "<svg xmlns='http://www.w3.org/2000/svg'/>"
    write(
        tmp_path,
        {
            "assets/stylesheets/handbook.css": css,
            "assets/stylesheets/main.57a0d79d.min.css": "x{}",
            "assets/javascripts/polyfills.js": "/* loads data-polyfill */",
            "assets/javascripts/vendor/poly-1.5.1.js": "1",
            "assets/images/logo.svg": logo,
            "sw.js": "self",
            "index.html": PAGE.format(up=""),
            "en/foreldre/index.html": PAGE.format(up="../../"),
        },
    )
    renamed, problems = fingerprint.apply(tmp_path, "https://skole.example/kommune/handbok/")
    assert problems == []
    assert renamed["assets/stylesheets/handbook.css"] == f"assets/stylesheets/handbook.{digest(css)}.css"
    assert "assets/stylesheets/main.57a0d79d.min.css" not in renamed  # already hashed by Material
    assert not (tmp_path / "assets/stylesheets/handbook.css").exists()
    assert (tmp_path / "sw.js").exists()  # browsers look for the service worker by name

    nested = (tmp_path / "en/foreldre/index.html").read_text()
    assert f'href="../../assets/stylesheets/handbook.{digest(css)}.css"' in nested
    assert f"src='../../assets/images/logo.{digest(logo)}.svg?v=2'" in nested
    assert 'data-polyfill="../../assets/javascripts/vendor/poly-1.5.1.' in nested
    # text and other sites' files keep their words
    assert "Skriv assets/stylesheets/handbook.css i teksten" in nested
    assert 'href="https://example.org/assets/stylesheets/handbook.css"' in nested
    # every reference to an own asset now resolves to a file
    top = (tmp_path / "index.html").read_text()
    for rel in renamed.values():
        assert rel in top


def test_absolute_addresses_under_a_sub_path(tmp_path):
    write(
        tmp_path,
        {
            "assets/stylesheets/handbook.css": "a{}",
            "404.html": '<html><head><link rel="stylesheet" href="/kommune/handbok/assets/stylesheets/handbook.css">'
            '<link rel="stylesheet" href="/annet/assets/stylesheets/handbook.css"></head></html>',
        },
    )
    fingerprint.apply(tmp_path, "https://skole.example/kommune/handbok/")
    text = (tmp_path / "404.html").read_text()
    assert f'href="/kommune/handbok/assets/stylesheets/handbook.{digest("a{}")}.css"' in text
    assert 'href="/annet/assets/stylesheets/handbook.css"' in text  # another site on the same host


def test_an_asset_that_names_another_asset_stops_the_build(tmp_path):
    write(
        tmp_path,
        {
            "assets/javascripts/polyfills.js": 'load("vendor/poly.js")',
            "assets/javascripts/vendor/poly.js": "1",
            "index.html": '<script src="assets/javascripts/polyfills.js"></script>',
        },
    )
    renamed, problems = fingerprint.apply(tmp_path, "https://skole.example/")
    assert renamed == {}
    assert [(p.path, "poly.js" in p.message, "data-src" in p.fix) for p in problems] == [
        ("site/assets/javascripts/polyfills.js", True, True)
    ]
    assert (tmp_path / "assets/javascripts/polyfills.js").exists()  # nothing renamed half-way


def test_a_second_pass_changes_nothing(tmp_path):
    write(tmp_path, {"assets/stylesheets/handbook.css": "a{}", "index.html": '<link href="assets/stylesheets/handbook.css">'})
    fingerprint.apply(tmp_path, "https://skole.example/")
    before = (tmp_path / "index.html").read_text()
    assert fingerprint.apply(tmp_path, "https://skole.example/") == ({}, [])
    assert (tmp_path / "index.html").read_text() == before


def test_later_steps_find_the_new_name(tmp_path):
    write(tmp_path, {"assets/images/logo.svg": "<svg/>"})
    fingerprint.apply(tmp_path, "https://skole.example/")
    assert fingerprint.current_name(tmp_path, "assets/images/logo.svg") == f"assets/images/logo.{digest('<svg/>')}.svg"
    assert fingerprint.current_name(tmp_path, "assets/images/other.svg") == "assets/images/other.svg"


def test_a_comment_that_mentions_another_asset_is_not_a_reference(tmp_path):
    write(
        tmp_path,
        {
            "assets/stylesheets/handbook.css": "/* the save button (assets/javascripts/offline.js) */ a{}",
            "assets/javascripts/offline.js": "/* styled in handbook.css */ var x = 1;",
            "assets/images/logo.svg": "<svg/>",
            "assets/stylesheets/poster.css": "h1 { background: url('../images/logo.svg') }",
            "index.html": '<link href="assets/stylesheets/handbook.css">',
        },
    )
    renamed, problems = fingerprint.apply(tmp_path, "https://skole.example/")
    # the stylesheet that really uses the logo's address is the one problem
    assert [p.path for p in problems] == ["site/assets/stylesheets/poster.css"]


def test_a_page_is_replaced_in_one_step_so_a_reader_never_sees_half(tmp_path):
    write(tmp_path, {"assets/stylesheets/handbook.css": "a{}", "index.html": '<link href="assets/stylesheets/handbook.css">'})
    before = (tmp_path / "index.html").stat().st_ino
    fingerprint.apply(tmp_path, "https://skole.example/")
    # Pagefind reads the pages meanwhile (handbook.plugin): a new file renamed over the old one,
    # never the old file emptied and written again
    assert (tmp_path / "index.html").stat().st_ino != before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_an_image_from_the_assets_in_the_indexed_text_stops_the_build(tmp_path):
    page = (
        '<html><body><header><img src="../assets/images/logo.svg" alt=""></header>'
        '<div data-pagefind-body><p>Tekst</p><figure><img src="../assets/images/plan.svg" alt="Plan"></figure></div>'
        "</body></html>"
    )
    write(tmp_path, {"assets/images/logo.svg": "<svg/>", "assets/images/plan.svg": "<svg></svg>", "veiledning/index.html": page})
    renamed, problems = fingerprint.apply(tmp_path, "https://skole.example/")
    # the logo in the header is not indexed; the image in the page's text is (Pagefind keeps it)
    assert [p.path for p in problems] == ["site/veiledning/index.html"]
    assert "../assets/images/plan.svg" in problems[0].message and "logo" not in problems[0].message
    assert "bilder/" in problems[0].fix
