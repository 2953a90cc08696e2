"""Add Order in a brand-new Chromium context, against a static floor built from the same catalogue.

Issue 15's figure: headless Debian Chromium, a new browser context for every run (empty
cache, no cookies, its renderer started for it), from navigation to the moment Add Order's
description is visible. Beside it, in the same run and measured the same way, a plain
static HTML page of the same operation with no styles (title, URL, description,
parameters, examples), written from the same catalogue rows and served as a file.
Runs alternate between the two so a busy spell of the host hits both.

Two clocks, read in the same loads:
- painted: in the page (description_painted.js), the first drawn frame that holds the
  description laid out, in ms after navigation start. This is the figure the ratio uses.
- Playwright: `goto()` until `locator.wait_for(state="visible")` returns. Playwright checks
  on a back-off schedule (at once, then after 20, 50, 100, 100 and 500 ms), so this clock
  moves in steps: a page ready 1 ms after one check is reported at the next. It is printed
  for comparison with earlier figures, which were taken with it alone.

Then one traced load of each (Chromium's own trace, `devtools.timeline`) splits the
renderer's main-thread time into parse, style, layout, paint and script, so the gap
to the floor has names. It prints figures and asserts nothing.
"""

from __future__ import annotations

import html
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import defaultdict
from pathlib import Path

from common import PROJECT_DIR, free_port, row, sync_catalogue_with_spec, use_scratch_sqlite

ADD_ORDER = "/reference/spot/order/add-order"
RUNS = 21
TARGET_RATIO = 1.25
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]  # fmt: skip
# The renderer's main-thread work, by the trace event names Chromium's performance panel uses.
KINDS = {
    "ParseHTML": "parse HTML",
    "ParseAuthorStyleSheet": "parse CSS",
    "UpdateLayoutTree": "style recalculation",
    "RecalculateStyles": "style recalculation",
    "Layout": "layout",
    "PrePaint": "paint",
    "Paint": "paint",
    "Layerize": "paint",
    "UpdateLayer": "paint",
    "EvaluateScript": "script",
    "v8.compile": "script",
    "v8.compileModule": "script",
    "FunctionCall": "script",
    "TimerFire": "script",
    "EventDispatch": "script",
}


def prepare_database() -> None:
    sync_catalogue_with_spec()
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=PROJECT_DIR, check=True)


def wait_for(url: str, process: subprocess.Popen) -> None:
    for _ in range(150):
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError:
            if process.poll() is not None:
                raise SystemExit(f"the server for {url} exited") from None
            time.sleep(0.1)
    raise SystemExit(f"nothing answered at {url}")


def start_gunicorn(port: int, floor_file: Path) -> subprocess.Popen:
    """As `make run` serves it: gunicorn with the project's settings, collected and gzipped static files.

    The bench settings add /bench/floor: the floor page through the same middleware, with our headers.
    """
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    command = [gunicorn, "explorer.wsgi", "--config", "python:explorer.gunicorn_conf", "--bind", f"127.0.0.1:{port}",
               "--access-logfile", "/dev/null"]  # fmt: skip
    env = {**os.environ, "DJANGO_COLLECTED_STATIC": "1", "GUNICORN_CONTROL_SOCKET": "none",
           "DJANGO_SETTINGS_MODULE": "bench.minimal_settings", "BENCH_FLOOR_HTML": str(floor_file)}  # fmt: skip
    server = subprocess.Popen(command, cwd=PROJECT_DIR, env=env, stderr=subprocess.DEVNULL)
    wait_for(f"http://127.0.0.1:{port}/health", server)
    return server


def floor_page() -> str:
    """The same operation as plain HTML: no styles, no scripts, nothing but the reference content."""
    from endpoints.models import Endpoint

    endpoint = Endpoint.objects.get(slug=ADD_ORDER.removeprefix("/reference/"))
    rows = "".join(
        f"<tr><td>{html.escape(p.name)}</td><td>{html.escape(p.location)}</td><td>{html.escape(p.type)}</td>"
        f"<td>{'required' if p.required else 'optional'}</td><td>{html.escape(p.description or '')}</td></tr>"
        for p in endpoint.parameters.all()
    )
    example = html.escape(json.dumps(endpoint.response_example, indent=2)) if endpoint.response_example else ""
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(endpoint.summary)}</title>'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"></head><body>'
        f"<h1>{html.escape(endpoint.summary)}</h1><p><code>{endpoint.method} {html.escape(endpoint.path)}</code></p>"
        f'<section id="description"><p>{html.escape(endpoint.description or "")}</p></section>'
        f"<h2>Parameters</h2><table>{rows}</table><h2>Example response</h2><pre>{example}</pre></body></html>"
    )


def write_floor(page: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="kucoin-floor-"))
    (folder / "add-order.html").write_text(page, encoding="utf-8")
    return folder / "add-order.html"


def start_floor_server(port: int, floor_file: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory",
               str(floor_file.parent)]  # fmt: skip
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for(f"http://127.0.0.1:{port}/{floor_file.name}", server)
    return server


PAINTED_SCRIPT = Path(__file__).with_name("description_painted.js")


def one_load(browser, url: str) -> tuple[float, float]:
    """A brand-new context and tab: (ms after navigation start until the description is drawn,
    ms from goto() until Playwright sees it visible)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(path=PAINTED_SCRIPT)
    page = context.new_page()
    started = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.locator("#description").wait_for(state="visible")
    seen = (time.perf_counter() - started) * 1000
    page.wait_for_function("window.__descriptionPainted !== undefined", polling="raf")
    painted = page.evaluate("window.__descriptionPainted")
    page.wait_for_load_state("load")
    context.close()
    return painted, seen


def exclusive_times(events: list[dict]) -> dict[str, float]:
    """Main-thread self time (ms) per kind: a parent's time excludes its children, so nothing counts twice."""
    main_threads = {(e["pid"], e["tid"]) for e in events if e.get("name") == "thread_name"
                    and e.get("args", {}).get("name") == "CrRendererMain"}  # fmt: skip
    by_thread = defaultdict(list)
    for e in events:
        if e.get("ph") == "X" and (e["pid"], e["tid"]) in main_threads and "dur" in e:
            by_thread[e["pid"], e["tid"]].append(e)
    totals: dict[str, float] = defaultdict(float)
    for thread_events in by_thread.values():
        thread_events.sort(key=lambda e: (e["ts"], -e["dur"]))
        stack: list[tuple[dict, list[float]]] = []
        for event in thread_events:
            while stack and stack[-1][0]["ts"] + stack[-1][0]["dur"] <= event["ts"]:
                close(stack.pop(), totals)
            if stack:
                stack[-1][1][0] -= event["dur"]
            stack.append((event, [event["dur"]]))
        while stack:
            close(stack.pop(), totals)
    return totals


def close(entry: tuple[dict, list[float]], totals: dict[str, float]) -> None:
    event, own = entry
    kind = KINDS.get(event["name"])
    if kind:
        totals[kind] += own[0] / 1000
    elif event["name"] in ("RunTask", "ThreadControllerImpl::RunTask"):
        totals["other main-thread tasks"] += own[0] / 1000


def traced_breakdown(browser, url: str) -> dict[str, float]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    browser.start_tracing(page=page, categories=["devtools.timeline", "disabled-by-default-devtools.timeline", "v8"])
    page.goto(url, wait_until="commit")
    page.locator("#description").wait_for(state="visible")
    page.wait_for_load_state("load")
    trace = json.loads(browser.stop_tracing())
    context.close()
    return exclusive_times(trace["traceEvents"] if isinstance(trace, dict) else trace)


def measure(urls: dict[str, str]) -> None:
    """Every URL once per run, in an order that turns each run, so a busy spell of the host hits them all."""
    from playwright.sync_api import sync_playwright

    labels = list(urls)
    times: dict[str, list[tuple[float, float]]] = {label: [] for label in labels}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for run in range(RUNS + 1):
            for label in labels[run % len(labels) :] + labels[: run % len(labels)]:
                measured = one_load(browser, urls[label])
                if run:  # the first round warms Chromium's disk and font caches
                    times[label].append(measured)
        breakdowns = {label: median_breakdown(browser, urls[label]) for label in ("ours", "floor")}
        browser.close()
    report(times, breakdowns)


def median_breakdown(browser, url: str, runs: int = 5) -> dict[str, float]:
    samples = [traced_breakdown(browser, url) for _ in range(runs)]
    kinds = {kind for sample in samples for kind in sample}
    return {kind: statistics.median(sample.get(kind, 0.0) for sample in samples) for kind in kinds}


TITLES = {
    "ours": "Add Order, new context",
    "floor": "static floor (no styles), a file",
    "floor, our headers": "the floor through our server and headers",
}


def report(times: dict[str, list[tuple[float, float]]], breakdowns: dict[str, dict[str, float]]) -> None:
    for clock, title in ((0, "painted (in the page)"), (1, "Playwright's visible check")):
        print(f"  {title}:")
        clocked = {label: [sample[clock] for sample in samples] for label, samples in times.items()}
        ours = clocked["ours"]
        for label, samples in clocked.items():
            p50, fastest = statistics.median(samples), min(samples)
            row(f"  {TITLES[label]}", f"p50 {p50:.0f} ms, min {fastest:.0f} ms, n={len(samples)}")
        for label in ("floor", "floor, our headers"):
            ratio = statistics.median(ours) / statistics.median(clocked[label])
            row(f"  ratio ours / {label}", f"{ratio:.2f}x (min/min {min(ours) / min(clocked[label]):.2f}x)",
                f"<= {TARGET_RATIO}x" if clock == 0 and label == "floor" else "")  # fmt: skip
    print("  renderer main thread, one traced load each (p50 of 5 traces), ms:")
    print(f"    {'kind':<26} {'ours':>7} {'floor':>7}")
    kinds = sorted(set(breakdowns["ours"]) | set(breakdowns["floor"]), key=lambda k: -breakdowns["ours"].get(k, 0))
    for kind in kinds:
        print(f"    {kind:<26} {breakdowns['ours'].get(kind, 0):7.1f} {breakdowns['floor'].get(kind, 0):7.1f}")


def main() -> None:
    use_scratch_sqlite()
    print(f"Fresh-browser speed (load average before: {', '.join(f'{v:.1f}' for v in os.getloadavg())})")
    prepare_database()
    sys.path.insert(0, str(PROJECT_DIR))
    import django

    django.setup()
    port, floor_port = free_port(), free_port()
    floor_file = write_floor(floor_page())
    server = start_gunicorn(port, floor_file)
    floor = start_floor_server(floor_port, floor_file)
    try:
        measure({
            "ours": f"http://127.0.0.1:{port}{ADD_ORDER}",
            "floor": f"http://127.0.0.1:{floor_port}/{floor_file.name}",
            "floor, our headers": f"http://127.0.0.1:{port}/bench/floor",
        })  # fmt: skip
        print(f"  load average after: {', '.join(f'{v:.1f}' for v in os.getloadavg())} on {os.cpu_count()} cores")
    finally:
        for process in (server, floor):
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=10)


if __name__ == "__main__":
    main()
