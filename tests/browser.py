"""Load a report in headless Chromium (Debian's package) and record what a reader's browser would see."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@dataclass
class PageVisit:
    """Console errors, page errors, dialogs and non-local requests seen while loading a page."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    broken_toc_links: list[str] = field(default_factory=list)
    title: str = ""
    probe: object = None


def visit(html: Path, screenshot: Path | None = None, probe: str = "") -> PageVisit:
    """Open ``html`` in headless Chromium, scroll through it, check the table of contents' targets.

    ``probe`` is a JavaScript expression evaluated after loading; its value is kept in ``PageVisit.probe``.
    """
    from playwright.sync_api import sync_playwright

    seen = PageVisit()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("console", lambda m: seen.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: seen.page_errors.append(str(e)))
        page.on("dialog", lambda d: (seen.dialogs.append(d.message), d.dismiss()))
        local = ("file:", "data:", "blob:")  # blob: is the embedded DataTables module, not a network request
        page.on("request", lambda r: None if r.url.startswith(local) else seen.requests.append(r.url))
        page.goto(html.resolve().as_uri(), wait_until="load")
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_timeout(600)
        seen.broken_toc_links = page.evaluate(
            "Array.from(document.querySelectorAll('nav#toc a')).map(a => a.getAttribute('href'))"
            ".filter(h => !h.startsWith('#') || !document.getElementById(decodeURIComponent(h.slice(1))))"
        )
        seen.title = page.title()
        if probe:
            seen.probe = page.evaluate(probe)
        if screenshot is not None:
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=str(screenshot), full_page=False)
        browser.close()
    return seen
