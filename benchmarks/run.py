"""Budgets of the site's build, measured side by side on this machine and printed as ratios.

    .venv/bin/python benchmarks/run.py [--runs N] [--results benchmarks/RESULTS.md]

The macro site is compared with its plain twin: the same pages as plain Markdown (captured from a macro build),
built without mkdocs-macros and the data hook; the order import, with decoding and splitting the same bytes; the
checklist's interactive time on a throttled phone, with a guide page's load event. Both sides run interleaved;
each figure is a ratio of medians. Exit 1 when a budget fails. Not part of `make test`.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]
from macros.model.checked import load_site  # noqa: E402
from tools.chromium import CHROMIUM_ARGS, serve_site, free_port  # noqa: E402
PY = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
SITE_HOOK = "  - hooks/site_hooks.py\n"
lines: list[str] = []
failed: list[str] = []


def run(cmd: list[str], cwd: Path, **extra: str) -> float:
    started = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env={**ENV, **extra}, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{done.stderr[-3000:]}")
    return time.perf_counter() - started


def build(project: Path, config: str = "mkdocs.yml", **extra: str) -> float:
    return run([PY, "-m", "mkdocs", "build", "-q", "-f", config, "-d", str(project / "site-bench")], project, **extra)


def figure(name: str, value: float, budget: float | None, detail: str) -> None:
    verdict = "INFO" if budget is None else ("PASS" if value <= budget else "FAIL")
    if verdict == "FAIL":
        failed.append(name)
    limit = f" (budget <= {budget})" if budget is not None else ""
    lines.append(f"- [{verdict}] {name}: {value:.3f}{limit}; {detail}")
    print(lines[-1], flush=True)


def compare(name: str, xs: list[float], ys: list[float], budget: float, unit: str, detail: str) -> None:
    """The ratio of the medians of two interleaved series, in seconds ("s") or milliseconds ("ms")."""
    x, y = statistics.median(xs), statistics.median(ys)
    digits = 2 if unit == "s" else 0
    figure(name, x / y, budget, f"medians {x:.{digits}f} {unit} / {y:.{digits}f} {unit}, {detail}")


def interleaved(a, b, runs: int) -> tuple[list, list]:
    pairs = [(a(), b()) for _ in range(runs)]  # A B A B: the machine's drift falls on both sides
    return [x for x, _ in pairs], [y for _, y in pairs]


def twins(folder: Path, shops: int = 0) -> tuple[Path, str]:
    """A copy of the project with `shops` generated shops, and the config of its plain twin."""
    folder.mkdir(parents=True)
    for name in ("mkdocs.yml", "data", "docs", "macros", "hooks", "overrides", "vendor", "benchmarks"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, folder / name)
    write_shops(folder / "data" / "shops", shops)
    text = (folder / "mkdocs.yml").read_text(encoding="utf-8")
    if SITE_HOOK not in text:
        raise SystemExit(f"mkdocs.yml no longer lists {SITE_HOOK.strip()!r}: update benchmarks/run.py")
    (folder / "capture.yml").write_text(text.replace(SITE_HOOK, SITE_HOOK + "  - benchmarks/capture_hook.py\n"), encoding="utf-8")
    build(folder, "capture.yml", CAPTURE_DIR=str(folder / "plain"))
    shutil.copytree(folder / "docs" / "assets", folder / "plain" / "assets")
    plain = re.sub(r"  - macros:\n(      .*\n)+", "", text).replace(SITE_HOOK, "").replace("site_url:", "docs_dir: plain\nsite_url:", 1)
    (folder / "plain.yml").write_text(plain, encoding="utf-8")
    pages = lambda config: (build(folder, config), sorted(p.parent for p in (folder / "site-bench").rglob("index.html")))[1]
    if pages("mkdocs.yml") != pages("plain.yml"):
        raise SystemExit("the plain twin does not build the same pages: every ratio would mean nothing")
    return folder, "plain.yml"


def write_shops(folder: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    states = ["awaiting_shipment", "shipped", "delivered", "refunding", "returning", "refunded", "closed"]
    for n in range(count):
        counts = "".join(f"  {s}: {rng.choice([0, 0, rng.randint(1, 500)])}\n" for s in states)
        (folder / f"load-{n:05d}.yml").write_text(
            f"name: Load shop {n:05d}\nteam_size: {rng.randint(1, 30)}\nbuyer_reliance: {rng.choice(['low', 'medium', 'high'])}\n"
            f"guarantee_required: {rng.choice(['required', 'not_required', 'unsure'])}\n"
            f"alternative_tool: {rng.choice(['deposit', 'account_period', 'none', 'unsure'])}\nopen_orders: \"yes\"\norders:\n{counts}",
            encoding="utf-8")


def full_build(work: Path, runs: int) -> None:
    project, plain = twins(work / "build")
    xs, ys = interleaved(lambda: build(project), lambda: build(project, plain), runs)
    compare("full build, macros / plain twin", xs, ys, 1.35, "s", f"{runs} runs each")


def shop_page(work: Path, runs: int, extra: int = 50) -> None:
    base, base_plain = twins(work / "shops-0")
    more, more_plain = twins(work / "shops-50", extra)
    a0, a50 = interleaved(lambda: build(base), lambda: build(more), runs)
    p0, p50 = interleaved(lambda: build(base, base_plain), lambda: build(more, more_plain), runs)
    macro, flat = (statistics.median(a50) - statistics.median(a0)) / extra, (statistics.median(p50) - statistics.median(p0)) / extra
    figure("a shop page's marginal cost, macros / plain page", macro / flat, 1.5,
           f"{macro * 1000:.1f} ms / {flat * 1000:.1f} ms per page ({extra} pages, {runs} runs each)")


def scale(work: Path, runs: int) -> None:
    projects = {n: twins(work / f"scale-{n}", n)[0] for n in (0, 100, 1000)}
    times: dict[int, list[float]] = {n: [] for n in projects}
    for _ in range(runs):
        for n, project in projects.items():
            times[n].append(build(project))
    t = {n: statistics.median(xs) for n, xs in times.items()}
    figure("extra build time, 1000 shops / 100 shops", (t[1000] - t[0]) / (t[100] - t[0]), 11.0,
           f"medians 0: {t[0]:.2f} s, 100: {t[100]:.2f} s, 1000: {t[1000]:.2f} s ({runs} rounds)")


def save_to_served(project: Path, config: str, edited: Path, anchor: str, edits: int) -> list[float]:
    """Seconds from saving a file (a marker put after `anchor`) to `mkdocs serve` serving the overview page."""
    port = free_port()
    server = subprocess.Popen([PY, "-m", "mkdocs", "serve", "-f", config, "-a", f"127.0.0.1:{port}"],
                              cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url, original, out = f"http://127.0.0.1:{port}/overview/", edited.read_text(encoding="utf-8"), []
    fetch = lambda: urllib.request.urlopen(url, timeout=5).read().decode("utf-8")
    try:
        wait_for(lambda: "page-title" in fetch(), 120)
        for n in range(edits):
            marker = f"benchmark{n}x{time.time_ns()}"
            started = time.perf_counter()
            edited.write_text(original.replace(anchor, anchor + marker, 1), encoding="utf-8")
            wait_for(lambda: marker in fetch(), 60)
            out.append(time.perf_counter() - started)
    finally:
        server.terminate()
        server.wait(10)
        edited.write_text(original, encoding="utf-8")
    return out


def wait_for(check, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.02)
    raise SystemExit("mkdocs serve did not serve the change in time")


def serve(work: Path, edits: int) -> None:
    project, plain = twins(work / "serve")
    xs = save_to_served(project, "mkdocs.yml", project / "data" / "guide" / "overview.yml", "\ntitle: ", edits)
    ys = save_to_served(project, plain, project / "plain" / "overview.md", "# ", edits)
    compare("mkdocs serve, save to served: data edit / Markdown edit", xs, ys, 1.3, "s", f"{edits} edits each")


def batch(work: Path, count: int = 10_000) -> None:
    shops = work / "batch"
    shops.mkdir()
    write_shops(shops, count)
    seconds = run([PY, "-m", "tools", "checklist", str(shops), "--out", str(work / "batch-out"), "--format", "json"], ROOT)
    written = len(list((work / "batch-out").glob("*.json")))
    if written != count:
        failed.append("batch")
    figure(f"batch checklists, {count} shops (seconds)", seconds, None, f"{written} written, {seconds / count * 1000:.2f} ms each")


PARSE = """async ([floor]) => {
  const bytes = new Uint8Array(await (await fetch("/export.csv")).arrayBuffer()), data = JSON.parse(document.getElementById("checklist-data").content.textContent);
  gc(); const base = performance.memory.usedJSHeapSize, started = performance.now(); let peak = base;
  const sample = setInterval(() => { peak = Math.max(peak, performance.memory.usedJSHeapSize); }, 2);
  await (floor ? new TextDecoder("gbk").decode(bytes).split(/\\r?\\n/) : OrderCsv.readFile(new Blob([bytes]), data.states, data.csv));
  clearInterval(sample);
  return {ms: performance.now() - started, heap: Math.max(peak, performance.memory.usedJSHeapSize) - base, size: bytes.length};
}"""


def order_import(page, runs: int, rows: int) -> None:
    """Reading a 50,000-row GBK export in Chromium, beside the floor of decoding and splitting the same bytes."""
    page.add_script_tag(url=page.url.split("checklist/")[0] + "assets/orders-csv.js")
    floor, ours = interleaved(lambda: page.evaluate(PARSE, [True]), lambda: page.evaluate(PARSE, [False]), runs)
    size, heap = ours[0]["size"], max(x["heap"] for x in ours)
    compare("order export read in Chromium, ours / decode-and-split floor", [x["ms"] for x in ours], [x["ms"] for x in floor], 4.0,
            "ms", f"{rows} rows, {size / 2**20:.1f} MiB, {runs} runs each")
    figure("order export read in Chromium, peak JS heap / file size", heap / size, 4.0, f"{heap / 2**20:.1f} MiB peak over {size / 2**20:.1f} MiB")


# A seller who taps "No" for open orders (the one required answer the address lacks) until the list answers it.
TAP = """setInterval(() => { const radio = document.querySelector("input[name=open_orders][value=no]");
  if (radio && !radio.checked) radio.click();
  if (document.querySelector("#lists:not([hidden]) .ck-item")) window.__interactive ??= performance.now(); }, 10)"""
SLOW_PHONE = [("Network.enable", {}), ("Network.setCacheDisabled", {"cacheDisabled": True}), ("Emulation.setCPUThrottlingRate", {"rate": 4}),
              ("Network.emulateNetworkConditions", {"offline": False, "latency": 150, "downloadThroughput": 200_000, "uploadThroughput": 93_750})]
# The deciding answers but the last (the probe taps it): each required question's first option, from the data.
REQUIRED = {f["key"]: f["options"][0]["value"] for f in load_site(ROOT).content.profile["fields"] if f.get("required")}
ANSWERS = urllib.parse.urlencode({k: v for k, v in REQUIRED.items() if k != "open_orders"})


def slow_phone(chromium, url: str, checklist: bool) -> float:
    """Milliseconds from navigation on a first visit, Slow 4G (150 ms RTT, 1.6 Mbps) and CPU x4: until the first
    answer updates the checklist, or until a guide page's load event."""
    page = chromium.new_page(viewport={"width": 390, "height": 844})
    cdp = page.context.new_cdp_session(page)
    for method, params in SLOW_PHONE:
        cdp.send(method, params)
    if checklist:
        page.add_init_script(TAP)
    page.goto(url + ("checklist/?" + ANSWERS if checklist else "overview/"))
    done = "window.__interactive" if checklist else "performance.getEntriesByType('navigation')[0].loadEventEnd"
    page.wait_for_function(done)
    ms = page.evaluate(done)
    page.context.close()
    return ms


def in_chromium(work: Path, runs: int, rows: int = 50_000) -> None:
    from tools.sample_export import export
    from playwright.sync_api import sync_playwright

    run([PY, "-m", "mkdocs", "build", "-q", "-d", str(work / "site")], ROOT)
    (work / "site" / "export.csv").write_bytes(export(rows))
    with serve_site(work / "site") as url, sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path="/usr/bin/chromium",
                                      args=CHROMIUM_ARGS + ["--enable-precise-memory-info", "--js-flags=--expose-gc"])
        page = chromium.new_page()
        page.goto(url + "checklist/")
        order_import(page, runs, rows)
        guide, ours = interleaved(lambda: slow_phone(chromium, url, False), lambda: slow_phone(chromium, url, True), runs)
    compare("checklist interactive on a slow phone / a guide page's load event", ours, guide, 1.2, "ms",
            f"Slow 4G, CPU x4, first visit, {runs} runs each")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per side and rounds for the scale figure (default 7)")
    parser.add_argument("--results", type=Path, help="also write the figures into this Markdown file")
    args = parser.parse_args()
    started = time.strftime("%Y-%m-%d %H:%M")
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        in_chromium(work, args.runs)
        full_build(work, args.runs)
        serve(work, args.runs)
        shop_page(work, args.runs)
        scale(work, max(3, args.runs // 2))
        batch(work)
    if args.results:
        text = args.results.read_text(encoding="utf-8")
        machine = f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, `--runs {args.runs}`"
        body = f"Run of {started} ({machine}):\n\n" + "\n".join(lines) + "\n"
        args.results.write_text(re.sub(r"(<!-- figures -->\n).*?(<!-- /figures -->)", lambda m: m[1] + body + m[2], text, flags=re.S),
                                encoding="utf-8")
    print("FAIL: " + ", ".join(failed) if failed else "all budgets pass")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
