"""WCAG 2.2 AA in a real browser (Debian's Chromium), on the built site.

- axe-core with the WCAG 2.0, 2.1 and 2.2 A/AA rules and its best-practice rules on every
  built page, at 1280 and 390 px: no WCAG violation; best-practice findings are listed in
  the test output (and recorded), and the ones fixed once stay fixed.
- Keyboard: focus is never hidden under the sticky header, on every Tab and Shift+Tab stop
  of three page types and an Arabic page, with a focus ring of at least 3:1 against what
  is behind it; the closed drawer has no tab stops at 390 px, the open one only shows focus
  on what is on show.
- Accessibility tree (Chromium's own, through the DevTools protocol): every link, button
  and other control has a role and a name, on every page type, in Norwegian and Arabic.
- What axe does not look at: scrolling regions a keyboard can reach, the error page's
  requests, landmark names and language names in the page's language, the checklist's
  descriptions and undo.

No axe rule is disabled. axe-core is the copy pinned in the PyPI package
axe-playwright-python (requirements.txt). With HANDBOOK_RECORD_A11Y=1 the results are
written to data/accessibility.yml, from which the accessibility statement is rendered
(see handbook/accessibility.py and tests/a11y_checks.py)."""

from __future__ import annotations

import re

import pytest
from a11y_checks import AXE_SOURCE, BEST_PRACTICE_KEPT_FIXED, KEYBOARD_PAGES, TAGS, TREE_PAGES, WCAG_TAGS, all_pages, page_file
from lxml import html as lxml_html

from handbook.accessibility import contrast, over, parse_colour

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": 1280, "phone": 390}


def open_page(page, server, path):
    response = page.goto(server.url + path)
    assert response is not None and response.status == 200, path


# ---- axe-core on every page ------------------------------------------------------------------------
SCROLLERS_JS = """() => [...document.querySelectorAll('.md-content *')].filter(e => {
    const s = getComputedStyle(e);
    return ['auto', 'scroll'].includes(s.overflowX) && e.scrollWidth > e.clientWidth + 1 && e.getClientRects().length;
  }).filter(e => !(e.tabIndex >= 0 && (e.getAttribute('aria-label') || e.getAttribute('aria-labelledby'))
                   && ['region', 'group'].includes(e.getAttribute('role'))))
    .map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.'))"""


START_AXE_JS = """tags => { window.__hbAxe = axe.run(document, {runOnly: {type: 'tag', values: tags},
                                                      resultTypes: ['violations']}); }"""


def test_axe_finds_no_wcag_violation_on_any_page(built_site, server, offline_page, a11y_record):
    """Every page at both widths. The two widths run side by side (a browser context each, so
    two renderer processes): axe starts in one, then in the other, and both are awaited."""
    pages = all_pages(built_site)
    views, failed_requests = {}, []
    for viewport, width in WIDTHS.items():
        view = offline_page(viewport={"width": width, "height": 900})
        view.context.add_init_script(script=AXE_SOURCE)
        view.page.on("response", lambda r: r.status >= 400 and failed_requests.append(f"{r.status} {r.url}"))
        views[viewport] = view
    violations = {viewport: [] for viewport in WIDTHS}
    scrollers: list[str] = []
    for path in pages:
        failed_requests.clear()
        for view in views.values():
            open_page(view.page, server, path)
            view.page.evaluate(START_AXE_JS, TAGS)
        for viewport, view in views.items():
            result = view.page.evaluate("() => window.__hbAxe")
            for v in result["violations"]:
                targets = [n["target"] for n in v["nodes"]]
                if set(v["tags"]) & set(WCAG_TAGS):
                    violations[viewport].append(f"/{path} at {WIDTHS[viewport]}px: {v['id']} ({v['impact']}): {targets[:3]}")
                else:
                    a11y_record.finding(v["id"], v["impact"], v["help"], path, targets)
        # horizontal scrolling inside a page only happens on narrow screens
        scrollers += [f"/{path} {s}" for s in views["phone"].page.evaluate(SCROLLERS_JS)]
        assert failed_requests == [], (path, failed_requests)
    for view in views.values():
        assert view.blocked == [], sorted(set(view.blocked))[:5]
    kept_fixed = [
        f"{rule}: {a11y_record.findings[rule]['pages'][:5]}" for rule in BEST_PRACTICE_KEPT_FIXED if rule in a11y_record.findings
    ]
    for viewport, width in WIDTHS.items():
        a11y_record.note(
            "axe-" + viewport,
            pages=pages,
            problems=len(violations[viewport]) + len(kept_fixed),
            width=width,
            wcag_violations=len(violations[viewport]),
        )
    a11y_record.note("axe-phone", problems=len(scrollers), unreachable_scrolling_regions=len(scrollers))
    a11y_record.note("build", pages=pages)  # the session's site was built with every check of the build
    found = violations["desktop"] + violations["phone"]
    assert found == [], "\n".join(found[:40])
    assert scrollers == [], f"regions that scroll sideways but cannot take focus with a name: {scrollers}"
    assert kept_fixed == [], f"best-practice findings that were fixed once are back: {kept_fixed}"


@pytest.mark.parametrize("path, lang", [("veiledning/hjemmebesok/", "nb"), ("ar/", "ar")])
def test_no_axe_violations_with_search_results_open(server, offline_page, artifacts, path, lang):
    view = offline_page(viewport={"width": 1280, "height": 900})
    view.page.goto(server.url + path)
    view.page.locator(".md-search__input").click()
    view.page.keyboard.type("tolk" if lang == "nb" else "مترجم", delay=20)
    view.page.keyboard.press("End")
    view.page.wait_for_selector(".md-search-result__item")
    view.page.add_script_tag(content=AXE_SOURCE)
    result = view.page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", WCAG_TAGS
    )
    view.page.screenshot(path=str(artifacts / f"a11y-search-{lang}.png"))
    violations = [(v["id"], [n["target"] for n in v["nodes"]][:5]) for v in result["violations"]]
    assert violations == [], violations


# ---- keyboard: focus is never hidden, and the ring can be seen ------------------------------------
STOP_JS = """async () => {
  // a search left open when focus moved on is closed first, as the reader would (see below)
  let leftOpen = false;
  const box = document.getElementById('__search'), focused = document.activeElement;
  if (box && box.checked && focused && focused !== document.body && !focused.closest('.md-search')) {
    box.click();                       // as Material closes it
    focused.blur(); focused.focus();   // and focus lands (and scrolls) as it would have
    leftOpen = true;
  }
  const e = document.activeElement;
  if (!e || e === document.body || e === document.documentElement) return {none: true, leftOpen};
  // let fades and slides (Material's transitions on focus) finish first
  await Promise.all(document.getAnimations()
    .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
    .map(a => a.finished.catch(() => null)));
  const r = e.getBoundingClientRect();
  // hit-test on the first line box (a link may wrap over two lines)
  const f = [...e.getClientRects()].find(b => b.width > 0 && b.height > 0) || r;
  const header = document.querySelector('.md-header').getBoundingClientRect();
  const top = document.querySelector('.md-top');
  const topBox = top && !top.hidden && top.getClientRects().length ? top.getBoundingClientRect() : null;
  const style = getComputedStyle(e);
  // which of five points of the element are on top (not covered by anything else)
  const mine = hit => !!hit && (hit === e || e.contains(hit) || (hit.contains(e) && hit.matches('label')));
  const inset = (a, b) => Math.min(a + 2, b);
  const points = [[(f.left + f.right) / 2, (f.top + f.bottom) / 2], [inset(f.left, f.right), inset(f.top, f.bottom)],
                  [Math.max(f.right - 2, f.left), inset(f.top, f.bottom)], [inset(f.left, f.right), Math.max(f.bottom - 2, f.top)],
                  [Math.max(f.right - 2, f.left), Math.max(f.bottom - 2, f.top)]];
  // what covers each point: nothing (null), the open search (which belongs to the header), the header, or other
  const covers = points.map(([x, y]) => { const hit = document.elementFromPoint(x, y);
    if (!hit || mine(hit)) return null;
    return hit.closest('.md-search') ? 'search' : hit.closest('.md-header') ? 'header' : 'other'; });
  const onTop = covers.map(c => c === null);
  const coveredByHeader = covers.includes('header');

  // what is painted behind the element: the background colours of its ancestors, innermost first
  const backgrounds = [];
  for (let n = e.parentElement; n; n = n.parentElement) backgrounds.push(getComputedStyle(n).backgroundColor);
  return {
    name: (e.getAttribute('aria-label') || e.innerText || e.value || e.tagName).trim().slice(0, 40).replace(/\\s+/g, ' '),
    tag: e.tagName.toLowerCase(), cls: (e.className || '').toString().slice(0, 60),
    inHeader: !!e.closest('.md-header'), inSearch: !!e.closest('.md-search'), inDrawer: !!e.closest('.md-sidebar--primary'),
    inert: !!e.closest('[inert]'), visible: e.checkVisibility({visibilityProperty: true, opacityProperty: true}),
    onTop, coveredByHeader, coveredBySearch: covers.includes('search'),
    top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height,
    headerBottom: header.bottom, viewportHeight: innerHeight, viewportWidth: innerWidth, topBox,
    outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth), outlineColor: style.outlineColor,
    shadow: style.boxShadow, backgrounds, leftOpen, scrollY,
  };
}"""


def background_behind(backgrounds: list[str]) -> tuple[float, float, float]:
    colour = (255.0, 255.0, 255.0)  # the canvas
    for value in reversed(backgrounds):
        colour = over(parse_colour(value), colour)
    return colour


def ring_contrast(stop: dict) -> tuple[float, str]:
    """The better of the ring's two bands against what is behind the element."""
    behind = background_behind(stop["backgrounds"])
    outer = over(parse_colour(stop["outlineColor"]), behind)
    shadow = re.match(r"(rgba?\([^)]*\)|#[0-9a-f]+)", stop["shadow"] or "")
    inner = over(parse_colour(shadow.group(1)), behind) if shadow else behind
    best = max(contrast(outer, behind), contrast(inner, behind))
    return best, "#{:02x}{:02x}{:02x}".format(*(round(v) for v in behind))


def overlaps(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


# The search (issue 21): Tab out of it closes it, and what the closed search hides takes no focus
# (search.js). The walk closes a search left open as the reader would (STOP_JS) and counts both
# faults; the counts are recorded (the statement names a fault while it is there), and a hidden
# stop fails the test.
def walk(page, key: str, limit: int = 400) -> tuple[list[dict], int]:
    """Every focus stop from the current focus on, until focus comes round again; and how often
    the search was left open."""
    stops, seen, left_open = [], set(), 0
    for _ in range(limit):
        page.keyboard.press(key)
        stop = page.evaluate(STOP_JS)
        left_open += stop["leftOpen"]
        if stop.get("none"):
            if stops:
                break
            continue
        marker = (stop["tag"], stop["cls"], stop["name"], round(stop["top"] + stop["scrollY"]))
        if marker in seen:
            break
        seen.add(marker)
        stops.append(stop)
    return stops, left_open


def problems_at(stop: dict, direction: str) -> list[str]:
    """Focus not obscured (2.4.11), and more: the element is shown, in the window, its centre is on
    top, no part of it is under the header (unless it is in the header or drawn over it, as the skip
    link is) or under «back to top», and it has a focus ring."""
    where = f"{direction} to <{stop['tag']} class='{stop['cls']}'> «{stop['name']}»"
    out = []
    if stop["inSearch"] and not stop["visible"]:
        return out  # the closed search's own controls: counted apart (see walk), and a failure
    if not stop["visible"] or stop["width"] == 0 or stop["height"] == 0 or stop["inert"]:
        out.append(f"{where}: focus is on something that cannot be seen")
    elif stop["bottom"] <= 0 or stop["top"] >= stop["viewportHeight"]:
        out.append(f"{where}: outside the window (top {stop['top']:.0f})")
    elif not stop["onTop"][0]:
        out.append(f"{where}: something else covers it")
    if stop["coveredBySearch"] and not stop["inHeader"]:
        out.append(f"{where}: under the open search")
    if not stop["inHeader"] and (
        stop["coveredByHeader"] or (stop["top"] < stop["headerBottom"] - 0.5 and not all(stop["onTop"]))
    ):
        out.append(f"{where}: under the header (top {stop['top']:.0f} < header bottom {stop['headerBottom']:.0f})")
    if stop["topBox"] and not stop["inHeader"] and overlaps(stop, stop["topBox"]):
        out.append(f"{where}: under the «back to top» button")
    if stop["outlineStyle"] == "none" or stop["outlineWidth"] < 2:
        out.append(f"{where}: no focus ring")
    return out


@pytest.mark.parametrize("name", sorted(KEYBOARD_PAGES))
@pytest.mark.parametrize("viewport", sorted(WIDTHS))
def test_focus_is_never_hidden_and_its_ring_stands_out(server, offline_page, a11y_record, name, viewport):
    view = offline_page(viewport={"width": WIDTHS[viewport], "height": 800})
    page = view.page
    open_page(page, server, KEYBOARD_PAGES[name])
    forward, left_open = walk(page, "Tab")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    backward, left_open_backward = walk(page, "Shift+Tab")
    problems = [p for s in forward for p in problems_at(s, "Tab")] + [p for s in backward for p in problems_at(s, "Shift+Tab")]
    hidden_in_search = sum(s["inSearch"] and not s["visible"] for s in forward + backward)
    problems += [
        f"the closed search takes focus on <{s['tag']} class='{s['cls']}'> «{s['name']}», which cannot be seen"
        for s in forward + backward
        if s["inSearch"] and not s["visible"]
    ]
    rings = {}
    for stop in forward + backward:
        ratio, behind = ring_contrast(stop)
        rings[behind] = min(ratio, rings.get(behind, 99))
        if ratio < 3:
            problems.append(f"focus ring on «{stop['name']}» is {ratio:.2f}:1 against {behind}")
    assert len(forward) >= 10 and len(backward) >= 10, (len(forward), len(backward))
    if viewport == "phone":
        drawer = [s["name"] for s in forward + backward if s["inDrawer"]]
        assert drawer == [], f"the closed drawer takes focus: {drawer}"
    a11y_record.note(
        "keyboard",
        pages=[KEYBOARD_PAGES[name]],
        problems=len(problems),
        focus_stops=len(forward) + len(backward),
        search_left_open_by_tab=left_open + left_open_backward,
        hidden_search_stops=hidden_in_search,
        lowest_ring_contrast_by_background={behind: round(ratio, 2) for behind, ratio in rings.items()},
    )
    assert problems == [], "\n".join(problems[:30])


def test_the_drawer_opens_and_closes_from_the_keyboard_and_shows_focus_only_on_what_is_on_show(server, offline_page, a11y_record):
    view = offline_page(viewport={"width": 390, "height": 800})
    page = view.page
    open_page(page, server, "veiledning/hjemmebesok/")
    menu = page.locator(".md-header .hb-button--menu")
    assert menu.get_attribute("role") == "button" and menu.get_attribute("aria-label")
    assert menu.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.querySelector('.md-sidebar--primary').inert")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('.hb-button--menu')")
    page.keyboard.press("Enter")
    assert page.evaluate("document.getElementById('__drawer').checked")
    assert menu.get_attribute("aria-expanded") == "true"
    page.wait_for_timeout(300)  # Material slides the drawer in
    stops = []
    for _ in range(60):
        stop = page.evaluate(STOP_JS)
        if stop.get("none") or not stop["inDrawer"]:
            break
        centre = page.evaluate("""() => { const r = document.activeElement.getBoundingClientRect();
            const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
            return !!hit && (hit === document.activeElement || document.activeElement.contains(hit) || hit.contains(document.activeElement)); }""")
        stops.append((stop["name"], centre))
        page.keyboard.press("Tab")
        page.wait_for_timeout(30)
    assert len(stops) >= 3, stops
    hidden = [name for name, shown in stops if not shown]
    assert hidden == [], f"focus inside the open drawer on something covered: {hidden}"
    # leaving the drawer with Tab closed it; open it again, then Escape closes it and focus returns
    menu.focus()
    page.keyboard.press(" ")
    assert page.evaluate("document.getElementById('__drawer').checked")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__drawer').checked")
    assert page.evaluate("document.activeElement.matches('.hb-button--menu')")
    assert page.evaluate("document.querySelector('.md-sidebar--primary').inert")
    # Material's own way still works: a tap on the menu opens, a tap on the shade closes
    page.locator("label.md-header__button[for=__drawer]").click()
    assert not page.evaluate("document.querySelector('.md-sidebar--primary').inert")
    page.wait_for_timeout(300)
    page.locator(".md-overlay").click(position={"x": 370, "y": 400})
    assert page.evaluate("document.querySelector('.md-sidebar--primary').inert")
    # on a wide screen the menu is a sidebar, never inert
    page.set_viewport_size({"width": 1300, "height": 800})
    page.wait_for_function("!document.querySelector('.md-sidebar--primary').inert")
    a11y_record.note("drawer", pages=["veiledning/hjemmebesok/"], focus_stops_in_open_drawer=len(stops))


# ---- the accessibility tree -----------------------------------------------------------------------
CONTROLS = {
    "link",
    "button",
    "checkbox",
    "radio",
    "textbox",
    "searchbox",
    "combobox",
    "menuitem",
    "tab",
    "switch",
    "slider",
    "spinbutton",
    "listbox",
    "option",
    "menuitemcheckbox",
    "treeitem",
}
NOT_A_CONTROL = {"generic", "none", "presentation", "StaticText", "LabelText", "paragraph", "InlineTextBox", "text"}


def tree_problems(page) -> list[str]:
    cdp = page.context.new_cdp_session(page)
    cdp.send("Accessibility.enable")
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    problems = []
    for node in nodes:
        if node.get("ignored"):
            continue
        role = node.get("role", {}).get("value", "")
        name = (node.get("name") or {}).get("value", "")
        focusable = any(p["name"] == "focusable" and p["value"]["value"] for p in node.get("properties", []))
        if role in ("RootWebArea", "WebArea", "Iframe"):
            continue
        if role in CONTROLS and not str(name).strip():
            problems.append((node, f"a {role} without a name"))
        elif focusable and role in NOT_A_CONTROL:
            problems.append((node, f"focusable, but its role is '{role}'"))
        elif focusable and not str(name).strip() and role not in ("document", "dialog", "main"):
            problems.append((node, f"focusable {role} without a name"))
    out, in_search = [], 0
    for node, problem in problems:
        described, searching = "?", False
        if node.get("backendDOMNodeId"):
            obj = cdp.send("DOM.resolveNode", {"backendNodeId": node["backendDOMNodeId"]})["object"]
            described, searching = cdp.send(
                "Runtime.callFunctionOn",
                {
                    "objectId": obj["objectId"],
                    "returnByValue": True,
                    "functionDeclaration": "function () { const e = this.nodeType === 1 ? this : this.parentElement; "
                    "return [e.outerHTML.slice(0, 160), !!e.closest('.md-search')]; }",
                },
            )["result"].get("value")
        out.append(f"{problem}: {described}")
        in_search += searching  # the search's own are also counted (recorded; see a11y_checks.exceptions)
    cdp.detach()
    return out, in_search


@pytest.mark.parametrize("name", sorted(TREE_PAGES))
def test_every_control_has_a_role_and_a_name(server, offline_page, a11y_record, name):
    path = TREE_PAGES[name]
    problems = []
    for width in WIDTHS.values():
        view = offline_page(viewport={"width": width, "height": 900})
        page = view.page
        open_page(page, server, path)
        if width < 1220 and page.locator(".md-header .hb-button--menu").count():  # posters have no menu
            page.locator(".md-header .hb-button--menu").click()  # the drawer, open: its controls join the tree
            page.wait_for_timeout(300)
        found, in_search = tree_problems(page)
        problems += [f"{width}px: {p}" for p in found]
        if page.locator("#__search").count():  # and with the search open (its results frame joins the tree)
            page.evaluate("() => { const d = document.getElementById('__drawer'); if (d && d.checked) d.click(); }")
            page.evaluate("document.activeElement.blur()")
            page.keyboard.press("/")
            page.wait_for_function("document.getElementById('__search').checked")
            page.wait_for_timeout(300)
            opened, in_open = tree_problems(page)
            problems += [f"{width}px, search open: {p}" for p in opened]
            in_search += in_open
        a11y_record.note("tree", search_controls_without_role_or_name=in_search)
    a11y_record.note("tree", pages=[path], problems=len(problems))
    assert problems == [], "\n".join(problems[:30])


# ---- what axe does not look at -------------------------------------------------------------------
def _fulfil_with(body: bytes):
    return lambda route: route.fulfill(status=404, body=body, content_type="text/html")


def _record_errors(failed: list, missing: str):
    return lambda response: (
        response.status >= 400 and response.url != missing and failed.append(f"{response.status} {response.url}")
    )


def _record_failures(failed: list):
    return lambda request: failed.append(f"failed {request.url}")


def test_the_error_page_loads_everything_it_asks_for_wherever_it_is_served(built_site, server, offline_page, a11y_record):
    """nginx serves a language's 404.html at any address that does not exist (deploy/nginx.conf)."""
    for lang in ("", "ar/"):
        view = offline_page(viewport={"width": 1280, "height": 900})
        body = (built_site / lang / "404.html").read_bytes()
        missing = server.url + lang + "finnes/ikke/her/"
        failed: list[str] = []
        # Playwright passes (route, request) to a handler that takes two parameters: bind the
        # loop's values through a factory, not through default arguments
        view.context.route(missing, _fulfil_with(body))
        view.page.on("response", _record_errors(failed, missing))
        view.page.on("requestfailed", _record_failures(failed))
        view.page.goto(missing)
        view.page.wait_for_load_state("networkidle")
        assert view.page.locator("h1").count() == 1
        a11y_record.note("error-page", pages=[lang + "404.html"], problems=len(failed))
        assert failed == [], failed


def built_html(site, path):
    return lxml_html.fromstring((site / path).read_bytes())


def test_landmarks_are_named_in_the_pages_language(built_site, project, a11y_record):
    english = {"Header", "Footer", "Navigation", "Table of contents"}
    pages, wrong = all_pages(built_site), []
    for path in pages:
        tree = lxml_html.fromstring(page_file(built_site, path).read_bytes())
        names = [e.get("aria-label") for e in tree.xpath("//nav[@aria-label] | //header[@aria-label] | //footer[@aria-label]")]
        if tree.get("lang") != "en" and english & set(names):
            wrong.append((path, names))
    a11y_record.note("language", pages=pages, problems=len(wrong))
    assert len(pages) > 100
    assert wrong == [], wrong[:5]
    home = built_html(built_site, "index.html")
    assert (
        home.xpath("string(//nav[contains(@class, 'md-header__inner')]/@aria-label)")
        == project.source_language.material_ui["header"]
    )


def test_language_names_are_marked_with_their_own_language(built_site, project, a11y_record):
    directions = {lang.code: lang.dir for lang in project.languages}
    pages, wrong = all_pages(built_site), []
    for path in pages:
        tree = lxml_html.fromstring(page_file(built_site, path).read_bytes())
        if not tree.xpath("//header[contains(@class, 'md-header')]"):
            continue  # a poster: a page to print, without the site's frame
        links = tree.xpath("//a[contains(@class, 'md-select__link')]")
        if len(links) != len(project.languages):
            wrong.append(f"/{path}: {len(links)} languages in the switcher")
        wrong += [
            f"/{path}: {link.text_content().strip()}"
            for link in links
            if link.get("lang") != link.get("hreflang") or link.get("dir") != directions.get(link.get("lang"))
        ]
    a11y_record.note("language", pages=pages, problems=len(wrong))
    assert wrong == [], wrong[:10]


def test_headings_never_skip_a_level(built_site, a11y_record):
    """axe reports this as best practice; here on every page, as a rule (WCAG 1.3.1)."""
    skipped, pages = [], all_pages(built_site)
    for path in pages:
        tree = lxml_html.fromstring(page_file(built_site, path).read_bytes())
        levels = [
            int(h.tag[1])
            for h in tree.xpath("//article//*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6]")
        ]
        for before, after in zip(levels, levels[1:]):
            if after > before + 1:
                skipped.append(f"/{path}: h{before} → h{after}")
                break
    a11y_record.note("headings", pages=pages, problems=len(skipped))
    assert skipped == [], skipped


def test_every_reason_on_a_checklist_describes_its_checkbox(built_site, project, a11y_record):
    from handbook import checklists

    pages = 0
    for lang in project.languages:
        for checklist in checklists.all_checklists(project, lang.code):
            path = ("" if lang.is_source else f"{lang.code}/") + checklist.page.uri[:-3] + "/index.html"
            tree = built_html(built_site, path)
            boxes = tree.xpath("//li[contains(@class, 'hb-checklist__item')]/input[@type='checkbox']")
            assert len(boxes) == len(checklist.items), path
            for box in boxes:
                why = tree.xpath(f"//*[@id='{box.get('aria-describedby')}']")
                assert why and "hb-checklist__why" in why[0].get("class"), (path, box.get("id"))
            undo = tree.xpath("//button[contains(@class, 'hb-checklist__undo-button')]")
            assert undo and undo[0].text_content().strip() == lang.ui["checklist_undo"], path
            assert tree.xpath("//div[@data-cleared]/@data-cleared") == [lang.ui["checklist_cleared"]], path
            assert tree.xpath("//*[contains(@class, 'hb-checklist__status')]/@role") == ["status"], path
            a11y_record.note("checklist", pages=[path.removesuffix("index.html")], checkboxes=len(boxes))
            pages += 1
    assert pages >= 11 + len(project.parent_languages)


def test_the_reason_is_read_as_the_checkboxs_description(server, offline_page):
    view = offline_page()
    page = view.page
    open_page(page, server, "sjekklister/utviklingssamtale/")
    box = page.locator(".hb-checklist__item input").first
    cdp = page.context.new_cdp_session(page)
    cdp.send("Accessibility.enable")
    node_id = cdp.send(
        "DOM.describeNode",
        {
            "objectId": cdp.send("Runtime.evaluate", {"expression": "document.querySelector('.hb-checklist__item input')"})[
                "result"
            ]["objectId"]
        },
    )["node"]["backendNodeId"]
    ax = cdp.send("Accessibility.getPartialAXTree", {"backendNodeId": node_id, "fetchRelatives": False})["nodes"][0]
    why = page.locator(".hb-checklist__why").first.inner_text()
    assert ax["role"]["value"] == "checkbox"
    assert ax["name"]["value"] == page.locator(".hb-checklist__item label").first.inner_text()
    assert ax["description"]["value"].split() == why.split()
    assert box.is_visible()


def test_clearing_all_ticks_can_be_undone(server, offline_page, project, a11y_record):
    ui = project.source_language.ui
    view = offline_page()
    page = view.page
    open_page(page, server, "sjekklister/utviklingssamtale/")
    boxes = page.locator(".hb-checklist__item input[type=checkbox]")
    boxes.nth(0).check()
    boxes.nth(3).check()
    undo = page.locator(".hb-checklist__undo-button")
    assert undo.is_hidden()
    page.locator(".hb-checklist__reset").click()
    assert not boxes.nth(0).is_checked() and not boxes.nth(3).is_checked()
    assert page.locator(".hb-checklist__status").inner_text() == ui["checklist_cleared"]
    assert undo.is_visible() and undo.inner_text() == ui["checklist_undo"]
    assert page.evaluate("document.activeElement.matches('.hb-checklist__undo-button')")
    page.keyboard.press("Enter")
    assert boxes.nth(0).is_checked() and boxes.nth(3).is_checked() and not boxes.nth(1).is_checked()
    assert undo.is_hidden() and page.locator(".hb-checklist__status").inner_text() == ""
    page.reload()
    assert boxes.nth(0).is_checked() and boxes.nth(3).is_checked()  # restored in storage too
    # a new tick after clearing ends the chance to undo
    page.locator(".hb-checklist__reset").click()
    boxes.nth(5).check()
    assert undo.is_hidden()
    assert [boxes.nth(i).is_checked() for i in (0, 3, 5)] == [False, False, True]
    a11y_record.note("checklist", pages=["sjekklister/utviklingssamtale/"], undo_tested_in_browser=True)


# ---- kept from before: skip link, reachability, reflow ------------------------------------------
def test_the_skip_link_moves_focus_to_the_content(server, offline_page, a11y_record):
    view = offline_page()
    page = view.page
    page.goto(server.url + "veiledning/hjemmebesok/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")
    assert page.locator(".md-skip").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") != ""
    assert page.evaluate("document.getElementById(decodeURIComponent(location.hash.slice(1))) !== null")
    a11y_record.note("keyboard-use", pages=["veiledning/hjemmebesok/"])


def focus_until(page, predicate_js, limit=80):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate_js):
            return True
    return False


def visible_focus(page) -> bool:
    return page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none'; }""")


@pytest.mark.parametrize(
    "target, what",
    [
        ("document.activeElement.classList.contains('md-search__input')", "search field"),
        (
            "document.activeElement.getAttribute('hreflang') === 'en' && document.activeElement.matches('.md-select__link')",
            "language switcher",
        ),
        ("document.activeElement.matches('.hb-checklist__item input')", "checklist"),
    ],
)
def test_search_language_switcher_and_checklist_are_reachable_by_keyboard(server, offline_page, a11y_record, target, what):
    view = offline_page(viewport={"width": 1280, "height": 900})
    page = view.page
    page.goto(server.url + "sjekklister/utviklingssamtale/")
    assert focus_until(page, target), f"the {what} cannot be reached with Tab"
    assert page.locator(":focus").is_visible(), f"the focused {what} is not visible"
    assert visible_focus(page), f"the {what} has no visible focus"
    if what == "language switcher":
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.get_attribute("html", "lang") == "en"
    if what == "checklist":
        page.keyboard.press("Space")
        assert page.evaluate("document.activeElement.checked")
    a11y_record.note("keyboard-use", pages=["sjekklister/utviklingssamtale/"])


@pytest.mark.parametrize(
    "path",
    [
        "",
        "veiledning/utviklingssamtalen/",
        "sjekklister/utviklingssamtale/",
        "lov/endringer-2024/",
        "om/oversettelsesstatus/",
        "om/egen-kopi/",
        "ar/foreldre/tolk/",
    ],
)
@pytest.mark.parametrize("width, scale, label", [(640, 2, "zoom200"), (320, 1, "w320")])
def test_no_horizontal_scrolling(server, offline_page, artifacts, a11y_record, path, width, scale, label):
    view = offline_page(viewport={"width": width, "height": 900}, device_scale_factor=scale)
    view.page.goto(server.url + path)
    overflow = view.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    name = path.strip("/").replace("/", "-") or "home"
    view.page.screenshot(path=str(artifacts / f"reflow-{label}-{name}.png"), full_page=True)
    a11y_record.note("reflow", pages=[path], problems=int(overflow > 0))
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {label}"
