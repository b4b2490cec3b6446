"""The benchmark's figures as Markdown tables (what README's «Speed» section shows)."""

from __future__ import annotations

from .builds import group_stages


def seconds(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f} s" if value >= 1 or value == 0 else f"{value:.2f} s"


def signed_seconds(value: float) -> str:
    """A difference of two timings: «+0.42 s», «−0.10 s» (best-of-three noise can make it negative)."""
    return ("+" if value >= 0 else "−") + seconds(abs(value))


def ms(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f} ms"


def kb(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f} KB"


def mb(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f} MB"


def ratio(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}×"


def verdict(value: float | None, target: float) -> str:
    """«✓» when a figure meets its target (lower is better), «✗ (target …)» when it does not."""
    if value is None:
        return "✗ (not measured)"
    return "✓" if value <= target else "✗"


def rows(header: list[str], body: list[list[str]], align: str = "") -> list[str]:
    """A Markdown table; ``align`` gives l or r per column (default: first left, others right)."""
    align = align or "l" + "r" * (len(header) - 1)
    rule = ["---" if a == "l" else "---:" for a in align]
    return ["| " + " | ".join(line) + " |" for line in [header, rule, *body]]


def growth_line(base_pages: int, base: dict, scales: list[dict]) -> str:
    """«4.2× pages → 3.7× time (CPU 3.9×)» for each scale, against the real handbook."""
    parts = []
    for scale in scales:
        pages = scale["built_pages"] / base_pages if base_pages else 0
        wall = scale["warm"]["seconds"] / base["seconds"] if base["seconds"] else 0
        cpu = scale["warm"]["cpu_seconds"] / base["cpu_seconds"] if base.get("cpu_seconds") else 0
        parts.append(f"{pages:.1f}× pages → {wall:.1f}× time (CPU {cpu:.1f}×)")
    return "; ".join(parts)


def scale_row(label: str, nb_pages, built_pages, warm: dict, over_plain, first: dict, plain: dict) -> list[str]:
    """One row of the synthetic handbook's table (the real handbook's and each scale's)."""
    return [
        label,
        str(nb_pages),
        str(built_pages),
        seconds(warm["seconds"]),
        seconds(warm["cpu_seconds"]),
        mb(warm["peak_mb"]),
        ratio(over_plain),
        seconds(first["seconds"]),
        f"{len(warm.get('runs_seconds', []))} / {len(plain.get('runs_seconds', []))}",
    ]


def table(results: dict) -> str:
    out: list[str] = []
    machine = results["machine"]
    targets = results.get("targets", {})
    runs = results.get("runs", 3)
    out.append(
        f"Measured {results.get('started', '')} on {machine['cpus']} CPUs (load average {machine['load_at_start'][0]} "
        f"at the start, {machine.get('load_at_end', ['?'])[0]} at the end), Python {machine['python']}, "
        f"MkDocs {machine.get('mkdocs')}, Material {machine.get('mkdocs-material')}. "
        + (
            "Builds: best of " + str(runs) + ", interleaved. Browser timings: median."
            if runs > 1
            else "One run of everything (--quick): indicative only."
        )
    )
    build = results.get("build")
    if build:
        plain = build["plain"]
        out += [
            "",
            f"**Build** — the real handbook ({build['pages']['built']} pages in every language; plain: "
            f"{build['pages']['plain_built']})",
            "",
        ]
        body = [
            [
                "Plain MkDocs + Material, same tree",
                seconds(plain["seconds"]),
                seconds(plain["cpu_seconds"]),
                "1.00×",
                "1.00×",
                mb(plain["peak_mb"]),
                "",
            ]
        ]
        for key, label, target in (
            ("warm", "Full build, no checklist changed (PDFs from the cache)", targets.get("warm_over_plain")),
            ("cold_pdfs", "Full build, every PDF made again", None),
            ("no_pdfs", "Without PDFs", None),
            ("no_checks", "Without PDFs and without the checks", None),
            ("first", "First build of a fresh checkout (every cache cold; one run)", None),
        ):
            b = build[key]
            note = f"≤ {target:.1f}× {verdict(b['over_plain'], target)}" if target else ""
            out_cpu = ratio(b.get("cpu_over_plain")) if key != "first" else "–"
            body.append(
                [
                    label,
                    seconds(b["seconds"]),
                    seconds(b["cpu_seconds"]),
                    ratio(b["over_plain"]),
                    out_cpu,
                    f"{mb(b['peak_mb'])} (+ {mb(b['helpers_peak_mb'])} helper)",
                    note,
                ]
            )
        cost = build["checks_cost"]
        body.append(
            [
                "The checks' own cost (without PDFs: on − off)",
                signed_seconds(cost["seconds"]),
                signed_seconds(cost["cpu_seconds"]),
                f"{ratio(cost['ratio'])} of off",
                "",
                "",
                "",
            ]
        )
        out += rows(["Build", "Wall", "CPU", "× plain", "× plain (CPU)", "Peak memory", "Target"], body)
    scales = results.get("synthetic") or []
    if build or scales:  # `--only synthetic` measures the scales without the real handbook's row
        out += ["", "**Stages of the full build** (no checklist changed; the fastest run; seconds)", ""]
        columns = ([("1× (real)", build["warm"], build["pages"]["built"])] if build else []) + [
            (f"{s['scale']}×", s["warm"], s["built_pages"]) for s in scales
        ]
        grouped = [group_stages(c[1].get("stages", {})) for c in columns]
        names = list(grouped[0].keys()) if grouped else []
        body = [[name] + [f"{g.get(name, 0):.1f}" for g in grouped] for name in names]
        body.append(["**total (wall)**"] + [f"**{c[1]['seconds']:.1f}**" for c in columns])
        body.append(["peak memory, build process"] + [mb(c[1]["peak_mb"]) for c in columns])
        body.append(["pages built (all languages)"] + [str(c[2]) for c in columns])
        out += rows(["Stage"] + [c[0] for c in columns], body)
    if scales:
        out += [
            "",
            "**Synthetic handbook** (variants of the real content pages in «Variant N» menu sections; 1× is the real handbook)",
            "",
        ]
        body = []
        if build:
            base, base_pages = build["warm"], build["pages"]["built"]
            body.append(
                scale_row(
                    "1× (real)",
                    build["pages"].get("nb", ""),
                    build["pages"]["built"],
                    base,
                    base["over_plain"],
                    build["first"],
                    build["plain"],
                )
            )
        else:  # growth from the smallest scale measured
            base, base_pages = scales[0]["warm"], scales[0]["built_pages"]
        for s in scales:
            body.append(
                scale_row(f"{s['scale']}×", s["nb_pages"], s["built_pages"], s["warm"], s["over_plain"], s["first"], s["plain"])
            )
        out += rows(
            [
                "Scale",
                "Norwegian pages",
                "Pages built",
                "Full build (PDFs cached)",
                "CPU",
                "Peak memory",
                "× plain",
                "First build (cold)",
                "Runs (full / plain)",
            ],
            body,
        )
        growing = scales if build else scales[1:]
        if growing:
            against = "" if build else f" (against {scales[0]['scale']}×)"
            out += ["", f"Growth{against}: " + growth_line(base_pages, base, growing) + "."]
        stats = scales[0].get("page_stats") or {}
        if stats.get("real") and stats.get("synthetic"):
            out += [
                "",
                "Mean page, real → synthetic: "
                + "; ".join(
                    f"{kind}: {real['words']:.0f} → {stats['synthetic'][kind]['words']:.0f} words, "
                    f"{real['citations']:.1f} → {stats['synthetic'][kind]['citations']:.1f} citations, "
                    f"{real['law_refs']:.1f} → {stats['synthetic'][kind]['law_refs']:.1f} law references"
                    for kind, real in stats["real"].items()
                    if kind in stats["synthetic"]
                )
                + ".",
            ]
    loop = results.get("writer")
    if loop:
        target = targets.get("page_edit_seconds", 2.0)
        out += [
            "",
            f"**Writer loop** — `handbook serve`; time from saving the file until the served page shows it "
            f"(best of {len(loop['page_edit_seconds'])}; every run in brackets)",
            "",
        ]

        def runs_of(key: str) -> str:
            return ", ".join("timed out" if v is None else f"{v:.1f}" for v in loop[key])

        body = [
            [
                "A sentence added to a Norwegian page",
                seconds(loop["page_edit_best"]),
                runs_of("page_edit_seconds"),
                f"≤ {target:.0f} s {verdict(loop['page_edit_best'], target)}",
            ],
            ["A glossary definition changed in data/", seconds(loop["data_edit_best"]), runs_of("data_edit_seconds"), ""],
            [
                "A broken law reference: the error banner in the page",
                seconds(loop["broken_edit_best"]),
                runs_of("broken_edit_seconds"),
                "",
            ],
            ["…and its repair: the banner gone", seconds(loop["repair_best"]), runs_of("repair_seconds"), ""],
            ["The first page after `handbook serve` starts", seconds(loop["first_page_seconds"]), "", ""],
        ]
        out += rows(["Edit", "Shows in", "Runs (s)", "Target"], body)
    weight = results.get("page_weight")
    if weight:
        stock = results.get("stock_page_weight") or {}
        out += [
            "",
            "**Page weight** — bytes nginx sent (deploy/nginx.conf, gzip; its access log), a fresh browser's first "
            "visit, then a second page of the same kind",
            "",
        ]
        body = []
        for name, w in weight.items():
            s = stock.get(name)
            body.append(
                [
                    name,
                    kb(w["first_kb"]),
                    str(w["first_requests"]),
                    kb(w["second_kb"]),
                    str(w["second_requests"]),
                    kb(s["first_kb"]) if s else "–",
                    ratio(w["first_kb"] / s["first_kb"]) if s and s["first_kb"] else "–",
                    kb(s["second_kb"]) if s else "–",
                ]
            )
        out += rows(
            [
                "Page",
                "First visit",
                "Requests",
                "Second view",
                "Requests",
                "Stock Material, first visit",
                "× stock",
                "Stock, second view",
            ],
            body,
        )
    search = results.get("search")
    if search:
        out += [
            "",
            "**Search** — first query: bytes nginx sent from the first keystroke until the results stood "
            "(script, WebAssembly, index chunks, excerpts, word lists; a worker if one is fetched); cold: a fresh browser, the field clicked "
            f"right after the page loaded, typed at one key per {results.get('typing_delay_ms', 100)} ms, from the "
            "last keystroke to the first result on screen; warm: the same page afterwards, every query of "
            "tests/search_queries.yml for the language",
            "",
        ]
        body = []
        for lang, s in search.items():
            body.append(
                [
                    lang,
                    f"«{s['cold_query']}»",
                    kb(s["first_query_kb"]) + f" ({s['first_query_requests']} requests)",
                    ms(s["cold_ms"]),
                    f"{ms(s['warm_median_ms'])} / {ms(s['warm_p90_ms'])} ({s['warm_queries']} queries)",
                ]
            )
        out += rows(["Language", "First query", "First-query bytes", "Cold first search", "Warm: median / 90th percentile"], body)
        kb_target, ms_target = targets.get("first_query_kb", 150), targets.get("cold_search_ms", 150)
        nb = search.get("nb")
        if nb:
            out += [
                "",
                f"Targets: first-query bytes ≤ {kb_target:.0f} KB {verdict(nb['first_query_kb'], kb_target)}, "
                f"cold first search ≤ {ms_target:.0f} ms {verdict(nb['cold_ms'], ms_target)} (nb); "
                "first-query bytes by kind: "
                + ", ".join(f"{k} {v:.1f} KB" for k, v in nb["first_query_breakdown_kb"].items())
                + ".",
            ]
    stages = results.get("search_stages")
    if stages:
        out += [
            "",
            "**How the search answered the query set** (tests/search_queries.yml, from each language's home page): "
            "the share that needed the relaxed search (a question, or fewer than three strict results) and the "
            "share where a word was corrected as a typing error or searched as the parts of a compound",
            "",
        ]
        body = [
            [lang, str(s["queries"]), f"{s['relaxed_share']:.0%}", f"{s['corrected_share']:.0%}"] for lang, s in stages.items()
        ]
        n = sum(s["queries"] for s in stages.values())
        relaxed = sum(s["relaxed_share"] * s["queries"] for s in stages.values()) / n
        corrected = sum(s["corrected_share"] * s["queries"] for s in stages.values()) / n
        body.append(["**all**", str(n), f"{relaxed:.0%}", f"{corrected:.0%}"])
        out += rows(["Language", "Queries", "Relaxed", "Corrected or split"], body)
    return "\n".join(out)
