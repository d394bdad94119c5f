"""The HTML report in a real browser: Debian's chromium driven by Playwright.

The report of our example folder (``examples/harbour-bridge``) is opened through
``file://`` at a phone width (390 px) and a desktop width (1280 px). It must render
without console errors or failed requests, show its story sections, fit the phone width
without sideways scrolling, and its claim links must lead to visible sentences. A
full-page screenshot of each width is written into the test's tmp dir.

Skips (with the reason) when ``/usr/bin/chromium`` or the ``playwright`` package is
absent: ``make browser`` installs chromium; ``playwright`` is in the dev extras. Never run
``playwright install`` (it downloads a browser): the system chromium is used.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "harbour-bridge"
CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SECTIONS = ("summary", "disagreements", "quotes", "figures", "provenance", "timeline")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def report_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not EXAMPLES.is_dir():
        pytest.skip(f"{EXAMPLES} is absent")
    from triangulate.pipeline import analyze
    from triangulate.report import write_all

    out = tmp_path_factory.mktemp("report")
    _, _, html = write_all(analyze(EXAMPLES), out)
    return html


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: `make browser` installs Debian's chromium")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="the playwright package is absent (pip install playwright)"
    )
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def open_page(browser: Any, html: Path, width: int) -> tuple[Any, list[str]]:
    page = browser.new_page(viewport={"width": width, "height": 900})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
            if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    page.on("request", lambda r: problems.append(f"request: {r.url}")
            if not r.url.startswith("file://") else None)
    page.goto(html.as_uri())
    page.wait_for_load_state("load")
    return page, problems


@pytest.mark.parametrize("width", [390, 1280])
def test_report_renders_cleanly_and_shows_the_sections(
    browser: Any, report_html: Path, tmp_path: Path, width: int
) -> None:
    page, problems = open_page(browser, report_html, width)
    story = page.locator("section.story").first
    assert story.is_visible()
    assert "independent origin" in story.locator("p.overview").first.inner_text()
    for name in SECTIONS:
        heading = story.locator(f"section.section-{name} > h3")
        assert heading.count() == 1 and heading.is_visible(), f"{name} section is not shown"
    for svg in story.locator("svg.chart").all()[:3]:
        box = svg.bounding_box()
        assert box and box["width"] > 200 and box["height"] > 20
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"the page scrolls sideways at {width}px ({scroll_width}px)"
    shot = tmp_path / f"report-{width}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    assert problems == []
    page.close()


def test_a_claim_link_leads_to_its_sentence(browser: Any, report_html: Path) -> None:
    page, problems = open_page(browser, report_html, 390)
    link = page.locator("section.section-disagreements a.src").first
    href = link.get_attribute("href")
    assert href and href.startswith("#s-")
    target = page.locator(f"[id='{href[1:]}']")
    assert not target.is_visible()  # inside a closed <details> until the link is followed
    link.click()
    page.wait_for_function(
        "id => { const e = document.getElementById(id); return e && e.checkVisibility(); }",
        arg=href[1:],
    )
    assert target.is_visible() and target.inner_text().strip()
    assert problems == []
    page.close()

