"""What happens on a rendered page between loading it and reading its HTML.

:func:`prepare_page` runs as a scrapy-playwright ``PageMethod`` after the
page's DOM is ready: it waits for the article (the outlet's
``wait_selector``, or the network going quiet, either capped), answers a
consent wall, and waits again when answering it brought the article in.
Its :class:`RenderOutcome` is read back by
:class:`newscrawl.browser.middleware.RenderMiddleware`.
"""

from __future__ import annotations

from dataclasses import dataclass

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page

from newscrawl.browser.consent import WALLS, Patience, handle_consent

# A consent wall counts as "the page is ready" too: on gated sites the
# article only arrives after the wall is answered.
ANY_WALL = ", ".join(WALLS)


@dataclass
class RenderOutcome:
    consent: str | None = None
    # How waiting for the article ended: selector, network_idle, timeout, error.
    waited: str = "none"


async def wait_for_article(page: Page, selector: str | None, timeout_ms: float) -> str:
    if timeout_ms <= 0:
        return "none"
    try:
        if selector:
            await page.wait_for_selector(
                f"{selector}, {ANY_WALL}", state="attached", timeout=timeout_ms
            )
            return "selector"
        await page.wait_for_load_state("networkidle", timeout=timeout_ms)
        return "network_idle"
    except PlaywrightError as exc:
        return wait_failure(page, exc)


async def prepare_page(
    page: Page,
    *,
    wait_selector: str | None = None,
    wait_ms: float = 5000,
    consent_action: str = "accept",
) -> RenderOutcome:
    """Wait for the article and deal with a consent wall (a ``PageMethod``)."""
    outcome = RenderOutcome()
    outcome.waited = await wait_for_article(page, wait_selector, wait_ms)
    outcome.consent = await handle_consent(page, consent_action, Patience.for_page_wait(wait_ms))
    if outcome.consent and wait_selector:
        # The selector union above may have been satisfied by the wall alone.
        outcome.waited = await wait_for_article_only(page, wait_selector, wait_ms)
    elif outcome.consent:
        await wait_for_article(page, None, min(wait_ms, 2000))
    return outcome


async def wait_for_article_only(page: Page, selector: str, timeout_ms: float) -> str:
    try:
        await page.wait_for_selector(selector, state="attached", timeout=timeout_ms)
        return "selector"
    except PlaywrightError as exc:
        return wait_failure(page, exc)


def wait_failure(page: Page, exc: PlaywrightError) -> str:
    """How a wait ended that did not find the article; re-raises a dead page."""
    if page.is_closed() or "crash" in str(exc).lower() or "closed" in str(exc).lower():
        raise exc
    # A slow page is read as it is after the cap; a bad selector is an outlet
    # spec's bug: read the page all the same.
    return "timeout" if "Timeout" in type(exc).__name__ else "error"
