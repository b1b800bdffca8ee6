"""Performance budgets, measured side by side on this machine and printed as ratios.

    .venv/bin/python benchmarks/run.py            # full run (about 17 minutes); exit 1 if a budget fails
    .venv/bin/python benchmarks/run.py --quick    # small and fast, as CI runs it; reports, never fails on a budget
    .venv/bin/python benchmarks/run.py --results benchmarks/RESULTS.md   # also write the results file
    .venv/bin/python benchmarks/run.py --repeat 4 # four times the runs and rounds: narrower noise

Each comparison runs its two sides interleaved (A B A B ...) so that the machine's drift
cancels, and reports min / median / max. Budgets are checked here, never in a unit test.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

KIB = 1024
OWN_ASSETS = re.compile(r"/assets/(guide|checklist[-\w]*|orders-csv)\.(js|css)$")
rows: list[dict] = []


def env() -> dict:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def run(cmd: list[str], cwd: Path, extra: dict | None = None) -> float:
    started = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, env={**env(), **(extra or {})}, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"command failed: {' '.join(cmd)}\n{result.stdout[-2000:]}{result.stderr[-3000:]}")
    return elapsed


def build(project: Path, config: str = "mkdocs.yml", out: Path | None = None, extra: dict | None = None) -> float:
    out = out or project / "site-bench"
    return run([PY, "-m", "mkdocs", "build", "-q", "-f", config, "-d", str(out)], project, extra)


def summary(xs: list[float]) -> str:
    return f"min {min(xs):.3f} / median {statistics.median(xs):.3f} / max {max(xs):.3f}"


def interval(figure, samples: dict, draws: int = 2000) -> str:
    """How far the machine's noise alone moves a figure made from medians: a 90 % bootstrap interval.

    Each draw resamples every list of timings (with replacement, same length) and recomputes the
    figure; the 5th and 95th percentiles of the draws bound it. The verdict stays on the figure
    itself; an interval that straddles the budget says one run cannot settle it.
    """
    rng = random.Random(0)

    def safe(resampled: dict) -> float:
        try:
            return figure(resampled)
        except ZeroDivisionError:
            return float("inf")

    values = sorted(safe({key: [rng.choice(xs) for _ in xs] for key, xs in samples.items()}) for _ in range(draws))
    return f"90 % bootstrap interval {values[int(0.05 * draws)]:.3f} to {values[int(0.95 * draws) - 1]:.3f}"


def medians(s: dict) -> dict:
    return {key: statistics.median(xs) for key, xs in s.items()}


def median_ratio(s: dict) -> float:
    return statistics.median(s["a"]) / statistics.median(s["b"])


def interleaved(a, b, runs: int) -> tuple[list[float], list[float]]:
    ta, tb = [], []
    for i in range(runs):
        first, second = (a, b) if i % 2 == 0 else (b, a)  # A B, then B A: neither side always goes first
        x, y = first(), second()
        (ta, tb)[first is b].append(x)
        (tb, ta)[first is b].append(y)
    return ta, tb


def report(name: str, value: float, budget: float | None, unit: str = "", detail: str = "", op: str = "<=") -> None:
    ok = None if budget is None else (value <= budget if op == "<=" else value >= budget)
    verdict = "INFO" if ok is None else ("PASS" if ok else "FAIL")
    shown = f"{value:.3f}{unit}" if isinstance(value, float) else f"{value}{unit}"
    limit = "" if budget is None else f" (budget {op} {budget}{unit})"
    print(f"[{verdict}] {name}: {shown}{limit}" + (f"\n        {detail}" if detail else ""))
    rows.append({"name": name, "value": shown, "budget": "" if budget is None else f"{op} {budget}{unit}",
                 "verdict": verdict, "detail": detail})


def copy_project(dest: Path) -> Path:
    """A copy of the project, its Python byte-compiled once, as on any machine that has built it before.

    (Python writes __pycache__ on first import unless PYTHONDONTWRITEBYTECODE is set, as it is on
    some CI images; without this, every build would pay to compile the project's own modules.)
    """
    dest.mkdir(parents=True)
    for name in ("mkdocs.yml", "data", "docs", "macros", "hooks", "overrides", "vendor", "benchmarks"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, dest / name, **({"ignore": shutil.ignore_patterns("__pycache__")} if src.is_dir() else {}))
    subprocess.run([PY, "-m", "compileall", "-q", "macros", "hooks", "benchmarks"], cwd=dest, check=True)
    return dest


SITE_HOOK = "  - hooks/site_hooks.py\n"


def site_config(project: Path) -> str:
    """The project's mkdocs.yml, which both derived configs change at the site hook's line."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    if SITE_HOOK not in text:
        raise SystemExit(f"mkdocs.yml no longer lists {SITE_HOOK.strip()!r} under hooks: update benchmarks/run.py")
    return text


def capture_config(project: Path) -> str:
    text = site_config(project).replace(SITE_HOOK, SITE_HOOK + "  - benchmarks/capture_hook.py\n")
    (project / "mkdocs-capture.yml").write_text(text, encoding="utf-8")
    return "mkdocs-capture.yml"


def plain_config(project: Path, docs: str) -> str:
    """The same site without mkdocs-macros and without the data hook, over captured Markdown.

    The hooks that serve any build stay on both sides: jieba's dictionary load and the minifier.
    """
    text = re.sub(r"  - macros:\n(      .*\n)+", "", site_config(project)).replace(SITE_HOOK, "")
    text = text.replace("site_url:", f"docs_dir: {docs}\nsite_url:", 1)
    import yaml  # as the site hook does: the footer line from data/site.yml

    footer = yaml.safe_load((project / "data" / "site.yml").read_text(encoding="utf-8"))["footer"]
    text = text.replace("site_url:", f"copyright: {json.dumps(footer, ensure_ascii=False)}\nsite_url:", 1)
    if not os.environ.get("REPO_URL"):  # as the site hook does: no repository, no edit links
        text = re.sub(r"^edit_uri:.*$", "edit_uri: null", text, flags=re.M)
    name = f"mkdocs-plain-{docs}.yml"
    (project / name).write_text(text, encoding="utf-8")
    return name


def pages_of(site: Path) -> list[str]:
    """The pages of a built site, as their folders ("." for the home page; 404.html is not a page)."""
    return sorted(str(p.parent.relative_to(site)) for p in site.rglob("index.html"))


def page_folder(src: Path) -> str:
    """Where MkDocs puts the page built from a Markdown source (use_directory_urls)."""
    return str(src.parent if src.stem == "index" else src.with_suffix(""))


def capture(project: Path, target: str) -> Path:
    out = project / target
    shutil.rmtree(out, ignore_errors=True)
    site = project / "site-capture"
    build(project, capture_config(project), out=site, extra={"CAPTURE_DIR": str(out)})
    captured = sorted(page_folder(p.relative_to(out)) for p in out.rglob("*.md"))
    built = pages_of(site)
    shops = [p for p in built if p.startswith("shops/")]
    if captured != built or not shops:  # a twin without the pages would make every ratio meaningless
        raise SystemExit(f"capture: {len(captured)} Markdown pages written for {len(built)} built pages ({len(shops)} shop pages)")
    shutil.copytree(project / "docs" / "assets", out / "assets", dirs_exist_ok=True)
    return out


def same_pages(project: Path, plain: str, macro_site: Path | None = None) -> None:
    """Both twins must build the same pages, or the comparison means nothing.

    macro_site: the macro build's output when one is at hand (the capture build is one).
    """
    if macro_site is None:
        macro_site = project / "site-check-macros"
        build(project, out=macro_site)
    plain_site = project / "site-check-plain"
    build(project, plain, out=plain_site)
    if pages_of(macro_site) != pages_of(plain_site):
        raise SystemExit(f"the plain twin builds {len(pages_of(plain_site))} pages, the macro build {len(pages_of(macro_site))}")


def twins(folder: Path, shops: int = 0) -> tuple[Path, str]:
    """A project copy (with `shops` generated shop profiles added) and the config of its plain twin,
    checked to build the same pages."""
    project = copy_project(folder)
    if shops:
        write_shops(project / "data" / "shops", shops)
    capture(project, "docs-plain")
    plain = plain_config(project, "docs-plain")
    same_pages(project, plain, macro_site=project / "site-capture")
    return project, plain


# -- 1. macro overhead ---------------------------------------------------------------------------
def macro_overhead(work: Path, runs: int) -> None:
    project, plain = twins(work / "overhead")
    ta, tb = interleaved(lambda: build(project), lambda: build(project, plain), runs)
    pair = {"a": ta, "b": tb}
    report("macro overhead: build with macros / build of pre-rendered Markdown", median_ratio(pair), 1.10,
           detail=f"macros {summary(ta)} s; plain {summary(tb)} s; {runs} runs each; ratio of the minimums {min(ta) / min(tb):.3f}; "
                  + interval(median_ratio, pair))


def instructions(work: Path, shops: int) -> None:
    """The same comparisons counted in instructions (valgrind's callgrind): no machine noise at all.

    Both twins of the site run under callgrind, then both twins of the site with `shops` generated
    shops; each pair runs at once, one build per core, with a fixed hash seed. The first pair gives
    the overhead; the difference between the pairs gives what one more shop page costs each twin.
    A count leaves out what a build waits for (files, the `git` processes mkdocs-macros starts) and
    memory effects, so it is the floor under a timed ratio, not a stand-in for it.
    """
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        print("[SKIP] instructions: valgrind is not installed (apt-get install valgrind)")
        return
    counts = {}
    for size in (0, shops):
        project, plain = twins(work / f"instructions-{size}", shops=size)
        jobs = {}
        for name, config in (("macros", "mkdocs.yml"), ("plain", plain)):
            out = project / f"callgrind-{name}.out"
            cmd = [valgrind, "--tool=callgrind", f"--callgrind-out-file={out}", PY, "-m", "mkdocs", "build", "-q",
                   "-f", config, "-d", str(project / f"site-{name}")]
            jobs[name] = (out, subprocess.Popen(cmd, cwd=project, env={**env(), "PYTHONHASHSEED": "0"},
                                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True))
        for name, (out, job) in jobs.items():
            _, err = job.communicate()
            if job.returncode != 0:
                raise SystemExit(f"callgrind run of the {name} build with {size} shops failed:\n{err[-3000:]}")
            counts[name, size] = int(re.search(r"^totals:\s*(\d+)", out.read_text(), re.M).group(1))
    report("macro overhead in instructions executed (callgrind): macros / plain", counts["macros", 0] / counts["plain", 0], None,
           detail=f"{counts['macros', 0] / 1e9:.3f} vs {counts['plain', 0] / 1e9:.3f} billion instructions, one build each")
    per_page = {name: (counts[name, shops] - counts[name, 0]) / shops for name in ("macros", "plain")}
    report("scale: marginal instructions of a shop page / of a plain page (callgrind)", per_page["macros"] / per_page["plain"], None,
           detail=f"{per_page['macros'] / 1e6:.1f} vs {per_page['plain'] / 1e6:.1f} million instructions per page, "
                  f"between 0 and {shops} shops, one build each")


# -- 2. scale with shops -------------------------------------------------------------------------
def random_profile(rng: random.Random, n: int) -> str:
    states = ["awaiting_shipment", "shipped", "delivered", "refunding", "returning", "refunded", "closed"]
    lines = [f"name: 压测店铺{n:05d}", f"team_size: {rng.randint(1, 30)}", f"buyer_reliance: {rng.choice(['low', 'medium', 'high'])}",
             f"guarantee_required: {rng.choice(['required', 'not_required', 'unsure'])}",
             f"alternative_tool: {rng.choice(['deposit', 'account_period', 'none', 'unsure'])}",
             f"plans_to_reopen: {rng.choice(['true', 'false'])}", "orders:"]
    for state in states:
        lines.append(f"  {state}: {rng.choice([0, 0, 0, rng.randint(1, 500)])}")
    if rng.random() < 0.4:
        lines.append("order_list:")
        for k in range(rng.randint(1, 8)):
            lines.append(f'  - {{id: "{2024000000000000 + n * 10 + k}", status: {rng.choice(states)}}}')
    return "\n".join(lines) + "\n"


def write_shops(folder: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (folder / f"load-{n:05d}.yml").write_text(random_profile(rng, n), encoding="utf-8")


def scale_with_shops(work: Path, sizes: list[int], runs: int) -> None:
    """Builds the site with each number of shops in `sizes`, each build beside its pre-rendered twin.

    The smallest size is the base; the figures compare the two largest sizes over it.

    The figures compare different sizes, so every round builds every size (macro and plain,
    in alternating order): the machine's drift then touches all sizes alike instead of
    landing on whichever size happened to run last.
    """
    biggest = max(sizes)
    source = copy_project(work / "scale")
    write_shops(source / "data" / "shops", biggest)
    captured = capture(source, "docs-captured")  # the Markdown of every generated shop page
    shop_pages = sorted((captured / "shops").glob("load-*.md"))
    projects: dict[int, tuple[Path, str]] = {}
    for size in sizes:
        project = source if size == biggest else copy_project(work / f"scale-{size}")
        if size != biggest:
            write_shops(project / "data" / "shops", size)  # the same seed: the first `size` shops
        plain_docs = project / "docs-plain"
        shutil.copytree(captured, plain_docs, ignore=shutil.ignore_patterns("load-*.md"))
        for page in shop_pages[:size]:
            shutil.copy2(page, plain_docs / "shops" / page.name)
        projects[size] = (project, plain_config(project, plain_docs.name))
        same_pages(*projects[size])
    timings: dict[tuple[int, int], list[float]] = {(size, side): [] for size in sizes for side in (0, 1)}  # side 0: macros, 1: plain
    for round_ in range(runs):
        for size in (sizes if round_ % 2 == 0 else sizes[::-1]):
            project, plain = projects[size]
            for side in ((0, 1) if round_ % 2 == 0 else (1, 0)):
                timings[size, side].append(build(project) if side == 0 else build(project, plain))
    for size in sizes:
        print(f"        {size:5d} shops: macros {summary(timings[size, 0])} s; plain pages {summary(timings[size, 1])} s; {runs} rounds")
    small, large = sorted(sizes)[-2], biggest
    base = min(sizes)
    m = medians(timings)

    def marginal(s: dict) -> float:
        m = medians(s)
        return (m[large, 0] - m[small, 0]) / (m[large, 1] - m[small, 1])

    def linear(s: dict) -> float:
        m = medians(s)
        return (m[large, 0] - m[base, 0]) / (m[small, 0] - m[base, 0])

    per_page = {side: (m[large, side] - m[small, side]) / (large - small) * 1000 for side in (0, 1)}
    report("scale: marginal cost of a shop page / of a plain page of the same Markdown", marginal(timings), 1.2,
           detail=f"{per_page[0]:.2f} ms vs {per_page[1]:.2f} ms per page, between {small} and {large} shops; "
                  + interval(marginal, timings))
    report(f"scale: extra build time of {large} shops / of {small} shops", linear(timings), round((large - base) / (small - base) * 1.1, 2),
           detail=f"{m[large, 0] - m[base, 0]:.2f} s vs {m[small, 0] - m[base, 0]:.2f} s over the {base}-shop build; "
                  f"linear would be {(large - base) / (small - base):.1f}; " + interval(linear, timings)
                  + "; medians " + ", ".join(f"{size} shops {m[size, 0]:.2f} s" for size in sizes))


# -- 3. batch generation -------------------------------------------------------------------------
PARSE_ONLY = """
import sys, yaml
from pathlib import Path
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
for path in sorted(Path(sys.argv[1]).glob("*.yml")):
    yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)
"""


def batch(work: Path, count: int, runs: int) -> None:
    project = copy_project(work / "batch")
    folder = work / "batch-shops"
    write_shops(folder, count, seed=11)
    outs = (work / f"batch-out-{n}" for n in range(2 * runs))

    def generate() -> float:
        # A new folder each run: on ext4 mounted with `discard` (this VM), files created right after
        # a mass delete cost several times more kernel time, which is the disk's story, not ours.
        out = next(outs)
        os.sync()
        elapsed = run([PY, "-m", "macros", "checklist", str(folder), "--out", str(out), "--format", "json"], project)
        assert len(list(out.glob("*.json"))) == count
        return elapsed

    def parse_only() -> float:
        os.sync()
        return run([PY, "-c", PARSE_ONLY, str(folder)], project)

    ta, tb = interleaved(generate, parse_only, runs)
    pair = {"a": ta, "b": tb}
    report(f"batch: checklists for {count} profiles / parsing them with PyYAML's C loader", median_ratio(pair), 1.5,
           detail=f"generate {summary(ta)} s; parse only {summary(tb)} s; {runs} runs each; {os.cpu_count()} worker processes; "
                  + interval(median_ratio, pair))


# -- 4 and 5. in the browser ---------------------------------------------------------------------
def browser_figures(work: Path, recompute_runs: int, csv_runs: int) -> None:
    from browser import CHROMIUM_ARGS, SiteServer, chromium_path
    from playwright.sync_api import sync_playwright

    site = work / "site-browser"
    build(ROOT, out=site)
    if chromium_path() is None:
        report("browser figures", "skipped: no chromium", None)
        return
    with SiteServer(site) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for path in ("checklist/", "prepare/"):
            page = browser.new_page()
            sizes: dict[str, int] = {}
            page.on("response", lambda r: sizes.__setitem__(r.url, len(r.body())) if r.ok else None)
            page.goto(server.url + path)
            page.wait_for_load_state("networkidle")
            own = sum(n for url, n in sizes.items() if OWN_ASSETS.search(url))
            report(f"page weight: own JS+CSS of /{path}", round(own / KIB, 2), 15, " KiB",
                   detail=", ".join(f"{url.rsplit('/', 1)[-1]} {n} B" for url, n in sorted(sizes.items()) if OWN_ASSETS.search(url)))
            report(f"page weight: all bytes of /{path} with every request", round(sum(sizes.values()) / KIB, 1), None, " KiB",
                   detail=f"{len(sizes)} requests")
            page.close()
        index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
        plain = sum(len(re.sub(r"<[^>]+>", "", d["title"] + d["text"]).replace("\u200b", "").encode()) for d in index["docs"])
        raw = (site / "search" / "search_index.json").stat().st_size
        report("search index: bytes / bytes of the plain text it indexes", round(raw / plain, 2), None,
               detail=f"{raw} B index, {plain} B text, {len(index['docs'])} sections")

        page = browser.new_page()
        page.goto(server.url + "checklist/")
        page.wait_for_selector("#pre-close [data-item-id]")
        times = page.evaluate(f"""() => {{
            const input = document.querySelector("input[name='orders.refunding']"), out = [];
            for (let i = 0; i < {recompute_runs}; i++) {{
                input.value = String(i % 3);
                const t = performance.now();
                input.dispatchEvent(new Event("input", {{bubbles: true}}));
                out.push(performance.now() - t);
            }}
            return out;
        }}""")
        report("browser: recompute the lists after a change of answer (median)", round(statistics.median(times), 3), 5, " ms",
               detail=f"{summary(times)} ms over {recompute_runs} changes")
        page.evaluate("() => new Promise(done => { const s = document.createElement('script');"
                      " s.src = '../assets/orders-csv.js'; s.onload = done; document.head.appendChild(s); })")
        times = page.evaluate(f"""() => {{
            const data = JSON.parse(document.getElementById("checklist-data").textContent);
            const names = ["交易成功", "退款中", "卖家已发货，等待买家确认", "交易关闭"];
            const rows = ["订单编号,买家,订单状态,备注"];
            for (let i = 0; i < 5000; i++) rows.push(`${{2024000000000000 + i}},买家${{i}},${{names[i % 4]}},"备注, ${{i}}"`);
            const text = rows.join("\\n"), out = [];
            for (let i = 0; i < {csv_runs}; i++) {{
                const t = performance.now();
                const r = OrderCsv.readOrders(text, data.states, data.csv);
                out.push(performance.now() - t);
                if (r.orders.length !== 5000) throw new Error("parse failed");
            }}
            return out;
        }}""")
        report("browser: parse a 5,000-row order CSV (median)", round(statistics.median(times), 2), 150, " ms",
               detail=f"{summary(times)} ms over {csv_runs} runs")
        browser.close()


def machine() -> str:
    cpu = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines() if l.startswith("model name")), platform.processor()) \
        if Path("/proc/cpuinfo").exists() else platform.processor()
    return f"{platform.node()}: {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}"


def write_results(path: Path, mode: str, started: str, options: str = "") -> None:
    lines = ["# Benchmark results", "", f"- when: {started}", f"- machine: {machine()}", f"- mode: {mode}",
             f"- command: `.venv/bin/python benchmarks/run.py{options}`", "",
             "| figure | value | budget | verdict |", "| --- | --- | --- | --- |"]
    lines += [f"| {r['name']} | {r['value']} | {r['budget']} | {r['verdict']} |" for r in rows]
    lines += ["", "Details:", ""] + [f"- {r['name']}: {r['detail']}" for r in rows if r["detail"]]
    lines += ["", "How it measures:", "", *METHOD]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


METHOD = [
    "- Every timing is a whole command (`python -m mkdocs build`, `python -m macros checklist`, the bare parse),",
    "  interpreter start and exit included, run interleaved with its twin; ratios are of medians.",
    "- Builds run in a copy of the project whose Python is byte-compiled once, as on any machine that has",
    "  built before (some CI images set PYTHONDONTWRITEBYTECODE, which would charge every build for compiling",
    "  the project's own modules). The schema-check cache (`.cache/schema-checks/`) fills on the first build.",
    "- The plain twin is the same site built from the Markdown the macros produced, with the macros plugin",
    "  and the data hook off; the hooks that serve any build (jieba's dictionary load, the minifier) stay on.",
    "- The scale figures compare sizes, so each round builds every size, macro and plain, in alternating order.",
    "- Each timed ratio comes with a 90 % bootstrap interval (timings resampled 2,000 times): how far this",
    "  machine's noise alone moves it. The verdict is on the ratio itself; an interval across the budget means",
    "  one run cannot settle that figure.",
    "- Batch runs write into a new folder after `os.sync()`: on ext4 mounted with `discard` (this VM), files",
    "  created right after a mass delete cost several times the kernel time; that is the disk, not the tool.",
]


PARTS = ("overhead", "instructions", "scale", "batch", "browser")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer shops, profiles and runs; budgets reported, not enforced")
    parser.add_argument("--results", type=Path, help="write the results as Markdown to this file")
    parser.add_argument("--only", default=",".join(PARTS), help=f"comma-separated parts to run (default: all of {','.join(PARTS)})")
    parser.add_argument("--repeat", type=int, default=1, metavar="N",
                        help="full mode: N times the runs and rounds (31 overhead runs, 7 scale rounds, 5 batch runs), "
                             "to narrow the noise on a busy machine")
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be 1 or more")
    parts = set(args.only.split(","))
    if parts - set(PARTS):
        parser.error(f"unknown part(s): {', '.join(sorted(parts - set(PARTS)))}")
    started = dt.datetime.now().isoformat(timespec="seconds")
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        quick = args.quick
        if "overhead" in parts:
            macro_overhead(work, runs=2 if quick else 31 * args.repeat)
        if "instructions" in parts and not quick:  # minutes under valgrind: full runs only
            instructions(work, shops=50)
        if "scale" in parts:
            scale_with_shops(work, [0, 10, 40] if quick else [0, 10, 100, 1000], runs=1 if quick else 7 * args.repeat)
        if "batch" in parts:
            batch(work, 500 if quick else 10000, runs=2 if quick else 5 * args.repeat)
        if "browser" in parts:
            browser_figures(work, recompute_runs=20 if quick else 200, csv_runs=3 if quick else 11)
    if args.results:
        options = " --quick" if args.quick else (f" --repeat {args.repeat}" if args.repeat > 1 else "")
        write_results(args.results, "quick" if args.quick else "full", started, options)
    failed = [r for r in rows if r["verdict"] == "FAIL"]
    print(f"{len(rows) - len(failed)} passed, {len(failed)} failed")
    return 0 if args.quick or not failed else 1


if __name__ == "__main__":
    raise SystemExit(main())
