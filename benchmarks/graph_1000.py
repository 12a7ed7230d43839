"""How long the co-occurrence graph page takes to draw 1,000 entities in headless Chromium.

Usage: .venv/bin/python benchmarks/graph_1000.py [SITE_DIR]   (default: site/, from `make build`)

Copies the built site to a temporary folder, replaces graph.json with a synthetic graph of
1,000 entities and GRAPH_MAX_EDGES links (the most build time writes), serves it on 127.0.0.1
and reports milliseconds from navigation to a drawn graph, for the default view and with every
entity shown. Numbers, not a pass/fail: run it before and after changing graph.js.
"""

from __future__ import annotations

import functools
import json
import random
import shutil
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from newswiki.charts import GRAPH_MAX_EDGES

NODES = 1000
TYPES = ("person", "organization", "place")


def synthetic_graph(seed: int = 7) -> dict:
    rng = random.Random(seed)
    nodes = [
        {"id": f"e{i}", "name": f"Entity {i}", "type": TYPES[i % 3], "articles": 1 + rng.randrange(50),
         "mentions": 1 + int(rng.paretovariate(1.2)), "url": f"entities/e{i}/"}
        for i in range(NODES)
    ]
    pairs = set()
    while len(pairs) < GRAPH_MAX_EDGES:
        a, b = sorted(rng.sample(range(NODES), 2))
        pairs.add((a, b))
    edges = [{"source": f"e{a}", "target": f"e{b}", "weight": 1 + int(rng.expovariate(0.7))} for a, b in sorted(pairs)]
    return {"nodes": nodes, "edges": edges}


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main() -> None:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "site"
        shutil.copytree(site, root)
        (root / "graph.json").write_text(json.dumps(synthetic_graph()), "utf-8")
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/graph/"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                        args=["--headless", "--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            start = time.perf_counter()
            page.goto(url)
            page.wait_for_function("() => /Showing/.test(document.getElementById('nw-graph-status').textContent)",
                                   timeout=120_000)
            default_ms = (time.perf_counter() - start) * 1000
            status = page.inner_text("#nw-graph-status")
            page.fill("input[name='weight']", "1")
            start = time.perf_counter()
            page.fill("input[name='limit']", str(NODES))
            page.wait_for_function(f"() => window.nwGraph && window.nwGraph.nodes().length === {NODES}", timeout=120_000)
            all_ms = (time.perf_counter() - start) * 1000
            page.wait_for_timeout(1000)
            box = page.locator("#nw-graph").bounding_box()
            page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            start = time.perf_counter()
            page.mouse.wheel(0, -300)
            page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            frame_ms = (time.perf_counter() - start) * 1000
            start = time.perf_counter()
            page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            idle_ms = (time.perf_counter() - start) * 1000
            browser.close()
        server.shutdown()
    print(f"page load to drawn default view: {default_ms:.0f} ms ({status})")
    print(f"all {NODES} entities, every link: {all_ms:.0f} ms (includes the 200 ms input debounce)")
    print(f"zoom by wheel, two frames: {frame_ms:.0f} ms (idle two frames: {idle_ms:.0f} ms)")


if __name__ == "__main__":
    main()
