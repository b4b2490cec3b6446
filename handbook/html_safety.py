"""Safe HTML in pages: the content of every page is held to an allow-list of elements,
attributes and URL schemes, so a page or a translation cannot carry a script onto a
school's website, with or without the nginx Content-Security-Policy.

nh3 (the Python binding to the Rust sanitiser Ammonia) decides what the allow-list
lets through; lxml compares what it kept with what was written, so the build can say
exactly what was not allowed. The build rejects the page; it never publishes a
silently cleaned copy.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import nh3
from lxml import html as lxml_html

_TEXT = {
    "a",
    "abbr",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "cite",
    "code",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "section",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "time",
    "u",
    "ul",
    "var",
    "table",
    "caption",
    "colgroup",
    "col",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "aside",
    "nav",
    "article",
    "img",
    "label",
    "input",
    "button",
    "fieldset",
    "legend",
    "select",
    "option",
    "textarea",
}
_SVG = {
    "svg",
    "g",
    "path",
    "rect",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "text",
    "tspan",
    "title",
    "desc",
    "defs",
    "marker",
}
ALLOWED_TAGS = _TEXT | _SVG
GLOBAL_ATTRIBUTES = {"class", "id", "lang", "dir", "title", "role", "hidden", "tabindex"}
ATTRIBUTES = {
    "a": {"href", "hreflang", "download", "type", "rel"},
    "img": {"src", "alt", "width", "height", "loading", "align"},
    "input": {"type", "checked", "disabled", "name", "value"},
    "label": {"for"},
    "button": {"type"},
    "select": {"name"},
    "option": {"value"},
    "textarea": {"name", "rows"},
    "time": {"datetime"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "col": {"span"},
    "ol": {"start", "reversed"},
    "details": {"open"},
    "abbr": set(),
    "svg": {"viewBox", "width", "height", "xmlns", "preserveAspectRatio", "focusable", "fill", "stroke"},
    "marker": {"viewBox", "refX", "refY", "markerWidth", "markerHeight", "orient", "markerUnits"},
}
_SHAPE = {
    "x",
    "y",
    "x1",
    "y1",
    "x2",
    "y2",
    "cx",
    "cy",
    "r",
    "rx",
    "ry",
    "d",
    "points",
    "width",
    "height",
    "fill",
    "stroke",
    "stroke-width",
    "stroke-dasharray",
    "stroke-linecap",
    "stroke-linejoin",
    "opacity",
    "fill-opacity",
    "transform",
    "font-size",
    "font-weight",
    "font-style",
    "text-anchor",
    "dominant-baseline",
    "marker-end",
    "marker-start",
    "dx",
    "dy",
}
for _tag in _SVG - {"svg", "marker", "title", "desc"}:
    ATTRIBUTES.setdefault(_tag, set()).update(_SHAPE)
# http: is not unsafe, only unencrypted; the link check asks for https (handbook.markdown_ext)
URL_SCHEMES = {"https", "http", "mailto", "tel"}


@dataclass(frozen=True)
class Unsafe:
    snippet: str  # what to look for in the source
    message: str


def _inventory(fragment: str) -> Counter:
    """(tag, attribute, value) of every element and attribute, comments left out."""
    found: Counter = Counter()
    if not fragment.strip():
        return found
    for element in lxml_html.fragment_fromstring(fragment, create_parent="div").iterdescendants():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.split("}")[-1].lower()
        found[(tag, None, None)] += 1
        for name, value in element.attrib.items():
            found[(tag, name.split("}")[-1].lower(), value)] += 1
    return found


def unsafe_parts(fragment: str) -> list[Unsafe]:
    """What the allow-list does not let through, one finding per element or attribute."""
    attributes = {tag: set(attrs) | GLOBAL_ATTRIBUTES for tag, attrs in ATTRIBUTES.items()}
    for tag in ALLOWED_TAGS:
        attributes.setdefault(tag, set(GLOBAL_ATTRIBUTES))
    cleaned = nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=attributes,
        url_schemes=URL_SCHEMES,
        generic_attribute_prefixes={"data-", "aria-"},
        link_rel=None,
        strip_comments=True,
    )
    removed = _inventory(fragment) - _inventory(cleaned)
    removed_tags = {tag for tag, name, _ in removed if name is None}
    findings = []
    for (tag, name, value), _count in sorted(removed.items(), key=lambda kv: tuple(str(x) for x in kv[0])):
        if name is not None and tag in removed_tags:
            continue  # the element itself is reported
        if name is None:
            findings.append(Unsafe(f"<{tag}", f"the HTML element <{tag}> is not allowed in a page"))
        elif name == "href" or name == "src":
            findings.append(
                Unsafe(
                    value or name,
                    f"the {name} «{value}» on <{tag}> is not allowed (only https:, mailto:, tel: and links inside the site)",
                )
            )
        else:
            findings.append(Unsafe(name, f'the attribute {name}="{value}" on <{tag}> is not allowed in a page'))
    return findings
