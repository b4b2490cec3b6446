"""Search: Pagefind indexes the built site, one index per language (from <html lang>),
content only. Teachers' and parents' vocabulary (data/search_synonyms.yml) is added to
pages as weighted, invisible index terms, so «konferansetime» finds the page on the
development conversation even where the page never uses that word.

Besides the index, the build writes a small vocabulary per language
(site/pagefind/vocab/, see write_vocabularies): the words of that language's pages, its
key words, the language's filler words, endings and attached prepositions from
data/search_stopwords.yml, whom each page is for and the pages' titles. The search
script (overrides/assets/javascripts/search.js) uses it to relax a question to its topic
words, to correct typing errors from the site's own words, to suggest words when nothing
is found, and to show the results' titles before their excerpts arrive; it fetches each
part only when it needs it."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
import tempfile
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml
from lxml import etree

from . import checklists
from .problems import Problem
from .project import DocPage, Project, uri_to_url

# Parts of a page that are not content: Pagefind never indexes them.
EXCLUDE = [
    ".headerlink",
    ".hb-basis-list",
    ".hb-checklist__tools",
    ".hb-checklist__fill",
    ".hb-page-footer",
    ".hb-notice",
    ".md-source-file",
    ".hb-lang-note",
    ".hb-send-letter",
]

VOCAB_DIR = "pagefind/vocab"  # inside the site: one <lang>.json per language

# Pages offered when a search finds nothing, in this order, where the reader's language
# has the page itself (not a Norwegian fallback): the quick path before a difficult
# conversation, the checklists, the parents' start page.
SUGGESTED_PAGES = ["for-samtalen.md", "sjekklister/index.md", "foreldre/index.md"]

# Whom a page is for (front matter 'audience'), in the order the search filter shows them,
# with the interface text that names them in each language (data/languages.yml ui).
AUDIENCES = {
    "lærer": "audience_laerer",
    "skoleleder": "audience_skoleleder",
    "foreldre": "audience_foreldre",
    "oversetter": "audience_oversetter",
}

# Interface texts the search script needs (data/languages.yml ui).
CLIENT_TEXTS = [
    "search_more",
    "search_did_you_mean",
    "search_partial",
    "search_failed",
    "search_try_words",
    "search_try_pages",
    "search_audience",
    "search_audience_all",
    "search_for",
]


@dataclass
class SynonymGroup:
    terms: list[str]
    lang: str
    pages: list[str]
    line: int


_LABIAL_ROWS = {0x1248, 0x1258, 0x1288, 0x12B0, 0x12C0, 0x1310}


def is_geez(word: str) -> bool:
    return bool(word) and "\u1200" <= word[0] <= "\u139f"


def consonant(letter: str) -> str:
    """The bare consonant of a Ge'ez syllable (the sixth of its row of eight: ዲ -> ድ)."""
    code = ord(letter)
    row = code - (code - 0x1200) % 8
    if code < 0x1200 or code > 0x1357 or row in _LABIAL_ROWS:
        return letter
    return chr(row + 5)


@dataclass
class WordRules:
    """One language's filler words, the endings and attached prepositions stripped from
    words where Pagefind has no stemmer, and the prefixes and endings of verbs where its
    stemmer does not join a verb's forms (Arabic) (data/search_stopwords.yml)."""

    stopwords: list[str] = field(default_factory=list)
    endings: list[str] = field(default_factory=list)
    prefixes: list[str] = field(default_factory=list)
    syllables: bool = False
    index_stems: bool = False
    voices: dict[str, list[str]] = field(default_factory=dict)
    verbs: dict[str, list[str]] = field(default_factory=dict)

    def unprefixed(self, word: str) -> str:
        """The word without a preposition written together with it (ንወለድቲ -> ወለድቲ), when
        at least two letters are left; the same rule as unprefix() in search.js."""
        for prefix in sorted(self.prefixes, key=len, reverse=True):
            if word.startswith(prefix) and len(word) - len(prefix) >= 2:
                return word[len(prefix) :]
        return word

    def stem(self, word: str) -> str:
        """The same stem as stem() in search.js: without an attached preposition and the
        longest listed ending; in Ge'ez, the consonants, without the last of four or more."""
        geez = is_geez(word)
        rest = self.unprefixed(word)
        least = 2 if geez else 4
        ending = max((e for e in self.endings if len(rest) - len(e) >= least and rest.endswith(e)), key=len, default="")
        rest = rest[: len(rest) - len(ending)]
        if self.syllables and geez:
            rest = "".join(consonant(letter) for letter in rest)
            if len(rest) >= 4:
                rest = rest[:-1]
        return rest


# ---- synonyms -------------------------------------------------------------------------------
def load_synonyms(project: Project) -> tuple[list[SynonymGroup], list[Problem]]:
    located, problems, label = project.read_data("search_synonyms")
    if located is None:
        return [], problems
    groups = []
    codes = {lang.code for lang in project.languages}
    for index, entry in enumerate(located.data["groups"]):
        group = SynonymGroup(
            entry["terms"],
            entry.get("lang", project.source_language.code),
            entry.get("pages", []),
            located.line_of(("groups", index)),
        )
        if group.lang not in codes:
            problems.append(
                Problem(
                    label,
                    group.line,
                    f"the language '{group.lang}' is not in data/languages.yml",
                    f"use one of {', '.join(sorted(codes))}",
                )
            )
            continue
        groups.append(group)
    return groups, problems


def synonyms(project: Project) -> list[SynonymGroup]:
    return project.memo("synonyms", lambda: load_synonyms(project)[0])


def check_data(project: Project) -> list[Problem]:
    return project.memo("synonyms-problems", lambda: load_synonyms(project)[1] + load_word_rules(project)[1])


def check_pages(project: Project) -> list[Problem]:
    """Every page a synonym group names exists in the group's language."""
    label = "data/search_synonyms.yml"
    problems = []
    for group in synonyms(project):
        for page in group.pages:
            if page not in project.pages.get(group.lang, {}):
                problems.append(
                    Problem(
                        label,
                        group.line,
                        f"the page '{page}' does not exist in '{group.lang}'",
                        f"use a path inside docs/{group.lang}/, e.g. veiledning/hjemmebesok.md",
                    )
                )
    return problems


# ---- filler words and word forms -----------------------------------------------------------
def load_word_rules(project: Project) -> tuple[dict[str, WordRules], list[Problem]]:
    located, problems, label = project.read_data("search_stopwords")
    if located is None:
        return {}, problems
    codes = {lang.code for lang in project.languages}
    rules = {}
    for code, entry in located.data["languages"].items():
        if code not in codes:
            problems.append(
                Problem(
                    label,
                    located.line_of(("languages", code)),
                    f"the language '{code}' is not in data/languages.yml",
                    "remove it or add the language",
                )
            )
            continue
        rules[code] = WordRules(
            entry["stopwords"],
            entry.get("endings", []),
            entry.get("prefixes", []),
            entry.get("syllables", False),
            entry.get("index_stems", False),
            entry.get("voices", {}),
            entry.get("verbs", {}),
        )
    return rules, problems


def word_rules(project: Project, lang: str) -> WordRules:
    return project.memo("search_word_rules", lambda: load_word_rules(project)[0]).get(lang, WordRules())


# ---- words added to a page's index entry ---------------------------------------------------
def mentions(text: str, term: str) -> bool:
    """The term, or an inflected form of it (the term as a word start), appears in the text."""
    return _word_start(term).search(text) is not None


@cache  # every page asks for every term; more terms than re's own cache holds
def _word_start(term: str) -> re.Pattern:
    return re.compile(rf"(?<![\wæøåÆØÅ]){re.escape(term)}", re.IGNORECASE)


def topic_text(page: DocPage) -> str:
    """What a page is about: its title, description and headings (not every passing mention)."""
    headings = [re.sub(r'\s*basis="[^"]*"', "", line) for line in page.body.split("\n") if line.startswith("#")]
    checklist = page.meta.get("checklist") or {}
    sections = [section.get("title", "") for section in checklist.get("sections", [])]
    return "\n".join([page.meta.get("title", ""), page.meta.get("description", ""), *headings, *sections])


def extra_terms(project: Project, page: DocPage) -> list[str]:
    """Words to add to the page's index entry: the other terms of every group that names
    the page's topic (in its title, description or headings), or that lists the page."""
    topic = topic_text(page)
    found: list[str] = []
    for group in synonyms(project):
        if group.lang != page.lang:
            continue
        if group.pages:
            applies = page.uri in group.pages
        else:
            applies = any(mentions(topic, term) for term in group.terms)
        if applies:
            found += [term for term in group.terms if group.pages or not mentions(topic, term)]
    return list(dict.fromkeys(found))


def checklist_text(page: DocPage) -> str:
    """The items of a page's checklist. They are rendered as <label>s of checkboxes, and
    Pagefind does not index label text: the page's index entry gets them as hidden text."""
    checklist = checklists.load(page)
    return " ".join(item.text for item in checklist.items) if checklist else ""


def stem_terms(project: Project, page: DocPage) -> list[str]:
    """In a language Pagefind cannot stem and whose stems are not word starts (Tigrinya:
    data/search_stopwords.yml index_stems), the stems of the page's words, which the
    search matches the stems of query words against; else nothing."""
    rules = word_rules(project, page.lang)
    if not rules.index_stems:
        return []
    text = "\n".join(
        [
            page.meta.get("title", ""),
            page.meta.get("description", ""),
            page.body,
            checklist_text(page),
            *extra_terms(project, page),
        ]
    )
    own = set(words(text))
    return sorted({rules.stem(word) for word in own if _long_enough(word)} - own - {""})


# ---- words of the built pages ---------------------------------------------------------------
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def words(text: str) -> list[str]:
    """Lower-case words as the search script splits them: letters (any script), an apostrophe
    inside a word kept (Ukrainian сім'я), combining marks (Arabic vowel signs) dropped."""
    text = unicodedata.normalize("NFC", text)
    # the marks among the text's distinct characters, removed in one pass (a test per
    # character of every page was a third of the search index's time)
    marks = {ord(ch): None for ch in set(text) if unicodedata.category(ch) == "Mn"}
    return _WORD.findall((text.translate(marks) if marks else text).lower())


def _long_enough(word: str) -> bool:
    # a Ge'ez letter is a whole syllable: two of them make a word (ቤት)
    return len(word) >= (2 if "\u1200" <= word[0] <= "\u139f" else 3)


_PARSER = etree.HTMLParser(encoding="utf-8")


def _class_test(selectors: list[str]) -> str:
    return " or ".join(f"contains(concat(' ', normalize-space(@class), ' '), ' {s.lstrip('.')} ')" for s in selectors)


# Where a page names its topics: headings, glossary terms and the added search vocabulary.
_KEY_PARTS = (
    "self::h1 or self::h2 or self::h3 or self::h4 or self::dt or "
    "contains(concat(' ', normalize-space(@class), ' '), ' hb-search-terms ')"
)


def page_text(html: bytes) -> tuple[str | None, str, str]:
    """(language, indexed text, key text) of a built page: what Pagefind indexes
    (data-pagefind-body, without the excluded parts) and, of that, the headings, glossary
    terms and added search words; no text for a page Pagefind skips."""
    root = etree.fromstring(html, parser=_PARSER)
    if root is None:
        return None, "", ""
    bodies = root.xpath("//*[@data-pagefind-body]")
    if not bodies:
        return None, "", ""
    for body in bodies:
        for node in body.xpath(f".//*[{_class_test(EXCLUDE)}]"):
            node.getparent().remove(node)
    text = " ".join(" ".join(body.itertext()) for body in bodies)
    keys = " ".join(" ".join(node.itertext()) for body in bodies for node in body.xpath(f".//*[{_KEY_PARTS}]"))
    return root.get("lang"), text, keys


@dataclass
class WordTally:
    """Per language: how often each word occurs, on how many pages, which are key words, and
    how many pages were read; tallies of parts of the site add up (:meth:`add`)."""

    counts: dict[str, Counter] = field(default_factory=dict)
    pages: dict[str, Counter] = field(default_factory=dict)
    keys: dict[str, set] = field(default_factory=dict)
    documents: Counter = field(default_factory=Counter)

    def read(self, html: bytes | str) -> None:
        """Count one page (what Pagefind indexes of it: :func:`page_text`)."""
        lang, text, key_text = page_text(html.encode("utf-8") if isinstance(html, str) else html)
        if not lang:
            return
        found = [w for w in words(text) if _long_enough(w)]
        self.documents[lang] += 1
        self.counts.setdefault(lang, Counter()).update(found)
        self.pages.setdefault(lang, Counter()).update(set(found))
        self.keys.setdefault(lang, set()).update(w for w in words(key_text) if _long_enough(w))

    def add(self, other: WordTally) -> WordTally:
        for lang in other.documents:
            self.documents[lang] += other.documents[lang]
            self.counts.setdefault(lang, Counter()).update(other.counts.get(lang, Counter()))
            self.pages.setdefault(lang, Counter()).update(other.pages.get(lang, Counter()))
            self.keys.setdefault(lang, set()).update(other.keys.get(lang, set()))
        return self


def tally_pages(pages: list[bytes | str]) -> WordTally:
    """The words of rendered pages (the build tallies each language's pages while the next
    one renders: handbook.plugin)."""
    tally = WordTally()
    for html in pages:
        tally.read(html)
    return tally


def tally_site(site_dir: Path) -> WordTally:
    """The words of every page of a built site."""
    tally = WordTally()
    for path in sorted(site_dir.rglob("*.html")):
        if path.relative_to(site_dir).parts[0] == BUNDLE:
            continue  # an earlier bundle's files (Pagefind itself writes next to the site: Indexing)
        tally.read(path.read_bytes())
    return tally


def vocabularies(project: Project, site_dir: Path, tally: WordTally | None = None) -> dict[str, dict]:
    """Per language: the words of its indexed pages ('word_parts': in alphabetical order, which
    compresses best, split in the parts the search fetches: a typed word found here is never
    corrected); the words pages name
    their topics with, those on most pages first ('keys': headings, glossary terms, added
    search words: what a typing error is corrected to, the most common first, and what is
    suggested when nothing is found); and the language's word rules. ``tally``: the words,
    counted already while the pages rendered (else the site's pages are read)."""
    tally = tally if tally is not None else tally_site(site_dir)
    counts, pages, keys, documents = tally.counts, tally.pages, tally.keys, tally.documents
    out = {}
    for lang in sorted(counts):
        rules = word_rules(project, lang)
        ranked = sorted(counts[lang], key=lambda w: (-pages[lang][w], -counts[lang][w], w))
        stop = set(rules.stopwords)
        out[lang] = {
            "lang": lang,
            "pages": documents[lang],
            "stopwords": rules.stopwords,
            "endings": rules.endings,
            "prefixes": rules.prefixes,
            "syllables": rules.syllables,
            "voices": rules.voices,
            **({"verbs": rules.verbs} if rules.verbs else {}),
            "word_parts": split_by_parts(sorted(ranked), rules),
            "keys": [w for w in ranked if w in keys[lang] and w not in stop],
        }
    return out


def split_by_parts(site_words: list[str], rules: WordRules) -> dict[str, list[str]]:
    """The site's words (alphabetical) in the parts the search fetches (:func:`word_parts`)."""
    parts: dict[str, list[str]] = {}
    for word in site_words:
        for part in word_parts(word, rules):
            parts.setdefault(part, []).append(word)
    return parts


# ---- the search interface's settings ----------------------------------------------------------
def client_config(project: Project, lang: str) -> dict:
    """What the search script needs to know about one language's site, rendered into every
    page as JSON (partials/search.html): texts, audience names, pages to suggest."""
    ui = project.language(lang).ui
    own = project.pages.get(lang, {})
    prefix = "" if lang == project.source_language.code else f"{lang}/"
    suggestions = [
        {"title": own[uri].meta["title"], "href": prefix + uri_to_url(uri), "audience": own[uri].meta.get("audience", [])}
        for uri in SUGGESTED_PAGES
        if uri in own
    ]
    return {
        "lang": lang,
        "vocabulary": f"{VOCAB_DIR}/{lang}.json",
        "texts": {key: ui[key] for key in CLIENT_TEXTS},
        "audiences": {value: ui[key] for value, key in AUDIENCES.items()},
        "audience_order": list(AUDIENCES),  # the page's JSON has its keys sorted
        "suggestions": suggestions,
    }


# ---- indexing -----------------------------------------------------------------------------------
BUNDLE = "pagefind"
#: Pagefind writes its bundle here, next to the site being built, and it is moved into the
#: site when done: the build's other steps read the site meanwhile, never a half-written bundle
#: (the prefix makes an interrupted build's leftover count as litter: handbook.build).
BUNDLE_TEMP_PREFIX = ".site-build-pagefind-"


def pagefind_executable() -> Path:
    """The Pagefind binary of the pinned pagefind-bin package."""
    import pagefind_bin

    return pagefind_bin.get_executable()


class Indexing:
    """Pagefind indexing the built site in its own process (:func:`start_index`); the build
    goes on with steps that do not need the index, then calls :meth:`finish`."""

    def __init__(self, site_dir: Path, project: Project | None):
        self.site_dir = Path(site_dir)
        self.project = project
        self.reading = None  # the word lists, made in a second process (make_word_lists)
        self.output = Path(tempfile.mkdtemp(prefix=BUNDLE_TEMP_PREFIX, dir=self.site_dir.parent))
        # mkdtemp makes the folder 0700, and it becomes the site's pagefind/: the web server's
        # user must enter it (handbook.build makes the whole site readable; `mkdocs build`
        # alone, as the benchmark runs it, does not)
        self.output.chmod(0o755)
        # the pinned binary itself: `python -m pagefind` would start a Python only to exec it
        command = [str(pagefind_executable()), "--site", str(self.site_dir), "--output-path", str(self.output)]
        command.append("--silent")
        for selector in EXCLUDE:
            command += ["--exclude-selectors", selector]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def make_word_lists(self, tally: WordTally | None) -> None:
        """Start making the search's word lists from the pages' words (``tally``, counted while
        they rendered; None: read from the site), in a second process: the build's own goes on.
        The build starts Pagefind first and calls this when the last language's words are
        counted."""
        from .background import Background

        if self.project is not None and self.reading is None:
            self.reading = Background(vocabularies, self.project, self.site_dir, tally)

    def finish(self) -> list[Problem]:
        """Wait for Pagefind (reading the vocabularies from the pages meanwhile), move its
        bundle to site/pagefind/ and add the vocabulary files (site/pagefind/vocab/)."""
        self.make_word_lists(None)  # when the build did not: read the words from the site
        try:
            vocabulary = self.reading.result() if self.reading is not None else {}
        except BaseException:  # Ctrl-C or a failure: no bundle, and nothing left next to the site
            self.cancel()
            raise
        stdout, stderr = self.process.communicate()
        try:
            if self.process.returncode != 0 or not (self.output / "pagefind.js").is_file():
                return [
                    Problem(
                        "site/pagefind/",
                        0,
                        f"Pagefind could not index the site: {(stderr or stdout).strip()[:500]}",
                        "run `make build` again; if it persists, reinstall the pinned pagefind[bin] (make lock, then make build)",
                    )
                ]
            bundle = self.site_dir / BUNDLE
            if bundle.exists():
                shutil.rmtree(bundle)
            self.output.rename(bundle)
        finally:
            shutil.rmtree(self.output, ignore_errors=True)
        # Pagefind writes its language list in hash-map order; sort it so builds are reproducible.
        entry = bundle / "pagefind-entry.json"
        languages = json.loads(entry.read_text(encoding="utf-8"))
        entry.write_text(json.dumps(languages, sort_keys=True, separators=(",", ":")), encoding="utf-8")
        # The handbook has its own search interface: Pagefind's ready-made ones are not shipped.
        for unused in [*bundle.glob("pagefind-*ui.*"), bundle / "pagefind-highlight.js"]:
            unused.unlink(missing_ok=True)
        if self.project is not None:
            write_vocabularies(self.project, self.site_dir, vocabulary)
        return []

    def cancel(self) -> None:
        if self.reading is not None:
            self.reading.cancel()
        self.process.kill()
        self.process.communicate()
        shutil.rmtree(self.output, ignore_errors=True)


def start_index(site_dir: Path, project: Project | None = None) -> Indexing:
    """Start Pagefind over the built site (handbook.plugin runs the site checks meanwhile);
    the word lists follow with :meth:`Indexing.make_word_lists`."""
    return Indexing(site_dir, project)


def index_site(site_dir: Path, project: Project | None = None) -> list[Problem]:
    """Run Pagefind over the built site; its bundle goes to site/pagefind/, the vocabulary
    files to site/pagefind/vocab/."""
    indexing = start_index(site_dir, project)
    indexing.make_word_lists(None)  # read from the site's pages, beside Pagefind
    return indexing.finish()


def pages_of(site_dir: Path) -> dict[str, dict[str, dict]]:
    """Per language, by Pagefind's page id (its fragment's name): whom the page is for
    ({audience: [page ids]}, from the 'audience' metadata of Pagefind's own fragments,
    main.html), its address and title ({page id: [url, title]}) and the pages made of a
    generated list ('listings': metadata kind:listing, handbook.generated.LISTINGS). The search ranks and
    filters by audience without asking Pagefind: Pagefind's filters would fetch every index
    chunk for a filtered search, and write their index in a different order on every build
    (builds must be reproducible). With the titles it shows the results at once, before
    their excerpts (a download each) arrive."""
    out: dict[str, dict[str, dict]] = {}
    for fragment in sorted((site_dir / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        record = json.loads(data[data.index(b"{") :])
        page_id = fragment.name.removesuffix(".pf_fragment")
        lang = page_id.split("_", 1)[0]
        own = out.setdefault(lang, {"audience": {}, "titles": {}, "listings": []})
        meta = record.get("meta", {})
        own["titles"][page_id] = [record.get("url", ""), meta.get("title", "")]
        if meta.get("kind") == "listing":
            own["listings"].append(page_id)
        for who in meta.get("audience", "").split():
            own["audience"].setdefault(who, []).append(page_id)
    return out


def word_parts(word: str, rules: WordRules) -> set[str]:
    """The parts of a language's word list that hold a word: those of its first letter and,
    where words lose attached prepositions or endings (ar, uk, so, ti), of its stem's first
    letter, each as a code point in hexadecimal (the same as wordParts() in search.js). A
    typed word is only ever compared with site words that share its or its stem's start."""
    parts = {format(ord(word[0]), "x")}
    if rules.prefixes or rules.endings or rules.syllables:
        stemmed = rules.stem(word)
        if stemmed:
            parts.add(format(ord(stemmed[0]), "x"))
    return parts


def write_vocabularies(project: Project, site_dir: Path, vocabulary_by_lang: dict[str, dict]) -> None:
    """Per language, in site/pagefind/vocab/: <lang>.json, fetched with the first search: the
    rules, whom each page is for and the pages' titles; <lang>-keys.json, fetched when a typed
    word is not a word of the site or nothing is found: the key words, what a typing error is
    corrected to; <lang>-words-<letter>.json, fetched for the words typed: the site's words,
    which only tell a typing error from a word the site uses, in parts by first letter.
    ``vocabulary_by_lang`` is :func:`vocabularies`, read while Pagefind ran; whom each page is
    for and the titles are read from Pagefind's fragments, so this runs after it."""
    folder = site_dir / VOCAB_DIR
    folder.mkdir(parents=True, exist_ok=True)
    pages = pages_of(site_dir)

    def write(name: str, data) -> None:
        (folder / name).write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")

    for lang, vocabulary in vocabulary_by_lang.items():
        vocabulary.update(pages.get(lang, {"audience": {}, "titles": {}, "listings": []}))
        parts = vocabulary.pop("word_parts")  # split while Pagefind ran (vocabularies)
        write(f"{lang}-keys.json", vocabulary.pop("keys"))
        write(f"{lang}.json", vocabulary)
        for part, listed in parts.items():
            write(f"{lang}-words-{part}.json", listed)


# ---- the evaluation set ----------------------------------------------------------------------
def query_set(path: Path) -> list[dict]:
    """The search evaluation set (tests/search_queries.yml, …_holdout.yml): every query with
    its group's id and language ('lang' is the language of the page the reader searches from)."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    out = []
    for group in data.get("groups", []):
        for query in group["queries"]:
            out.append({**query, "group": group["id"], "lang": query.get("lang", group.get("lang", "nb"))})
    return out
