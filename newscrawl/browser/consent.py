"""Consent walls: answer them like a reader would, or take them off the page.

Three steps, the first that works wins, and its label goes into the item's
``consent`` field:

1. a known consent platform (OneTrust, Quantcast/InMobi Choice, Didomi,
   Sourcepoint, Usercentrics, Cookiebot, TrustArc): press its accept (or
   reject) button, which may sit in an iframe or a shadow root
   (``"onetrust:accept"``);
2. a plain button whose label is a known "accept" phrase in a box that talks
   about cookies or consent (``"button:accept"``);
3. remove fixed overlays that talk about cookies or consent, or hold a known
   platform's wall whose buttons never came, and unlock scrolling
   (``"overlay:removed"``).

Nothing here raises on a strange page: a button that is not there, a frame
that went away or a page that navigates off is just a step that did not work.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import FrameLocator, Locator, Page

logger = logging.getLogger(__name__)

ACTIONS = ("accept", "reject", "remove", "none")
CONSENT_MARK = "data-newscrawl-consent"
# The least time a click and a wall's buttons get. A platform's message often
# loads in an iframe from its own servers after the page itself went quiet.
CLICK_TIMEOUT_MS = 2000
BUTTON_WAIT_MS = 5000


@dataclass(frozen=True)
class Patience:
    """How long the steps wait on the browser.

    A crawl that gives its pages longer to get ready
    (NEWSCRAWL_BROWSER_WAIT_TIMEOUT) gives consent walls longer in the same
    proportion: on a busy machine a wall's iframe, in a renderer of its own,
    is the slowest part of the page.
    """

    buttons_ms: float = BUTTON_WAIT_MS
    click_ms: float = CLICK_TIMEOUT_MS

    @classmethod
    def for_page_wait(cls, wait_ms: float) -> Patience:
        scale = max(1.0, wait_ms / BUTTON_WAIT_MS)
        return cls(BUTTON_WAIT_MS * scale, CLICK_TIMEOUT_MS * scale)


@dataclass(frozen=True)
class Platform:
    """Where a consent platform puts its wall and its buttons."""

    name: str
    # Present when the wall is on the page: its container, shadow host or iframe.
    wall: str
    accept: tuple[str, ...]
    reject: tuple[str, ...]
    # The buttons live inside this iframe (found within ``wall``'s document).
    frame: str | None = None


PLATFORMS = (
    Platform(
        "onetrust",
        wall="#onetrust-banner-sdk, #onetrust-pc-sdk",
        accept=("#onetrust-accept-btn-handler", "#accept-recommended-btn-handler"),
        reject=("#onetrust-reject-all-handler", ".ot-pc-refuse-all-handler"),
    ),
    Platform(
        "quantcast",
        wall="#qc-cmp2-container, .qc-cmp2-container, #qc-cmp2-ui",
        accept=('.qc-cmp2-summary-buttons button[mode="primary"]', 'button[mode="primary"]'),
        reject=('.qc-cmp2-summary-buttons button[mode="secondary"]', 'button[mode="secondary"]'),
    ),
    Platform(
        "didomi",
        wall="#didomi-host, #didomi-notice, #didomi-popup",
        accept=("#didomi-notice-agree-button", ".didomi-button-highlight"),
        reject=("#didomi-notice-disagree-button", ".didomi-continue-without-agreeing"),
    ),
    Platform(
        "sourcepoint",
        wall='iframe[id^="sp_message_iframe"], iframe[title="SP Consent Message"]',
        frame='iframe[id^="sp_message_iframe"], iframe[title="SP Consent Message"]',
        accept=("button.sp_choice_type_11", 'button[title*="Accept" i]'),
        reject=("button.sp_choice_type_13", "button.sp_choice_type_REJECT_ALL"),
    ),
    Platform(
        "usercentrics",
        # Both the v2 root and v3's #usercentrics-cmp-ui render into an open
        # shadow root, which Playwright's CSS engine pierces.
        wall="#usercentrics-root, #usercentrics-cmp-ui",
        accept=('[data-testid="uc-accept-all-button"]', "button#accept"),
        reject=('[data-testid="uc-deny-all-button"]', "button#deny"),
    ),
    Platform(
        "cookiebot",
        wall="#CybotCookiebotDialog",
        accept=(
            "#CybotCookiebotDialogBodyLevelButtonLevelOptinAllowAll",
            "#CybotCookiebotDialogBodyButtonAccept",
            "#CybotCookiebotDialogBodyLevelButtonAccept",
        ),
        reject=("#CybotCookiebotDialogBodyButtonDecline",),
    ),
    Platform(
        "trustarc",
        wall="#truste-consent-track, #truste-consent-content",
        accept=("#truste-consent-button",),
        reject=("#truste-consent-required",),
    ),
    Platform(
        "trustarc",
        wall="iframe.truste_popframe, iframe[src*='consent-pref.trustarc']",
        frame="iframe.truste_popframe, iframe[src*='consent-pref.trustarc']",
        accept=("a.call", ".pdynamicbutton .call", "button.acceptAllButton"),
        reject=("a.required", ".pdynamicbutton .required", "button.rejectAllButton"),
    ),
)

# Each platform's wall selector, as the page scripts below take them.
WALLS = [platform.wall for platform in PLATFORMS]

# Labels of buttons that answer a consent box, lowercase, after whitespace
# and apostrophes are normalised. A label matches a phrase, or starts with
# one and goes on for a few words ("Accept all and continue").
ACCEPT_PHRASES = (
    "accept",
    "accept all",
    "accept cookies",
    "accept all cookies",
    "i accept",
    "agree",
    "i agree",
    "agree and close",
    "agree & close",
    "allow all",
    "allow cookies",
    "allow all cookies",
    "yes, i agree",
    "ok",
    "got it",
    "akzeptieren",
    "alle akzeptieren",
    "alles akzeptieren",
    "zustimmen",
    "alle zulassen",
    "einverstanden",
    "j'accepte",
    "accepter",
    "tout accepter",
    "accepter et fermer",
    "accepter et continuer",
    "aceptar",
    "aceptar todo",
    "aceptar todas",
    "acepto",
    "accetta",
    "accetto",
    "accetta tutto",
    "accetta tutti",
    "aceitar",
    "aceitar todos",
    "accepteren",
    "alles accepteren",
    "akceptuję",
    "godta",
    "acceptera",
    "hyväksy",
)
REJECT_PHRASES = (
    "reject",
    "reject all",
    "decline",
    "decline all",
    "refuse",
    "refuse all",
    "i do not accept",
    "necessary only",
    "only necessary",
    "ablehnen",
    "alle ablehnen",
    "nur notwendige",
    "refuser",
    "tout refuser",
    "continuer sans accepter",
    "rechazar",
    "rechazar todo",
    "rifiuta",
    "rifiuta tutto",
    "rejeitar",
    "weigeren",
    "odrzuć",
)
# Words that make a box a consent box (id, class or text).
CONSENT_WORDS = (
    r"cookie|consent|gdpr|privacy|tracking|datenschutz|einwilligung|"
    r"rgpd|vie privée|données personnelles|privacidad|consentimiento|"
    r"riservatezza|consenso|privacidade|toestemming|prywatno"
)

FIND_BUTTON_JS = """
([phrases, words, mark]) => {
  const norm = (s) => (s || "").replace(/[\\u2018\\u2019\\u00b4`]/g, "'")
    .replace(/\\s+/g, " ").trim().toLowerCase();
  const consent = new RegExp(words, "i");
  const matches = (label) => phrases.some((p) =>
    label === p || (label.startsWith(p + " ") && label.length <= p.length + 25));
  const inConsentBox = (el) => {
    let node = el.parentElement;
    for (let depth = 0; node && node !== document.body && depth < 10; depth++) {
      const names = (node.id || "") + " " + (node.getAttribute("class") || "")
        + " " + (node.getAttribute("aria-label") || "");
      const text = node.innerText || "";
      if (consent.test(names) || (text.length < 4000 && consent.test(text))) return true;
      node = node.parentElement;
    }
    return false;
  };
  const candidates = document.querySelectorAll(
    "button, [role=button], input[type=button], input[type=submit], a");
  for (const el of candidates) {
    const label = norm(el.innerText || el.value || el.getAttribute("aria-label"));
    if (!label || !matches(label)) continue;
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height) continue;
    if (!inConsentBox(el)) continue;
    el.setAttribute(mark, "1");
    return true;
  }
  return false;
}
"""

REMOVE_OVERLAY_JS = """
([words, walls]) => {
  const consent = new RegExp(words, "i");
  // A platform's wall says nothing itself when its message is in an iframe.
  const holdsWall = (el) => !el.querySelector("article, main") && walls.some((selector) => {
    try { return el.matches(selector) || el.querySelector(selector) !== null; }
    catch (e) { return false; }
  });
  const area = window.innerWidth * window.innerHeight || 1;
  const floating = [];
  for (const el of document.querySelectorAll("body *")) {
    const style = getComputedStyle(el);
    if (style.position === "fixed" || style.position === "sticky") floating.push(el);
  }
  let removed = 0;
  for (const el of floating) {
    if (!el.isConnected) continue;
    const names = (el.id || "") + " " + (el.getAttribute("class") || "");
    const text = el.innerText || "";
    // A wall is short; a long text that mentions privacy is the article.
    if (text.length < 4000 && (consent.test(names) || consent.test(text) || holdsWall(el))) {
      el.remove();
      removed++;
    }
  }
  if (removed) {
    // The dimmed backdrop the wall sat on: big, in front, and saying nothing.
    for (const el of floating) {
      if (!el.isConnected) continue;
      const box = el.getBoundingClientRect();
      const text = (el.innerText || "").trim();
      const z = parseInt(getComputedStyle(el).zIndex, 10) || 0;
      if (box.width * box.height >= 0.5 * area && text.length < 40 && z > 0) {
        el.remove();
        removed++;
      }
    }
    for (const el of [document.documentElement, document.body]) {
      if (!el) continue;
      el.style.setProperty("overflow", "visible", "important");
      if (getComputedStyle(el).position === "fixed") el.style.position = "static";
    }
  }
  return removed;
}
"""

PRESENT_JS = """
(walls) => walls.map((selector) => {
  try { return document.querySelector(selector) !== null; } catch (e) { return false; }
})
"""


async def handle_consent(
    page: Page, action: str = "accept", patience: Patience = Patience()
) -> str | None:
    """Deal with a consent wall on ``page``; the label of what was done, or None."""
    if action == "none":
        return None
    if action in ("accept", "reject"):
        if label := await press_platform_button(page, action, patience):
            return label
        if label := await press_plain_button(page, action, patience):
            return label
    if await remove_overlay(page):
        return "overlay:removed"
    return None


async def present_platforms(page: Page) -> list[Platform]:
    """The platforms whose wall is on the page (one round trip to the browser)."""
    try:
        present = await page.evaluate(PRESENT_JS, WALLS)
    except PlaywrightError:
        return []
    return [platform for platform, here in zip(PLATFORMS, present, strict=False) if here]


async def press_platform_button(
    page: Page, action: str, patience: Patience = Patience()
) -> str | None:
    for platform in await present_platforms(page):
        scope: Page | FrameLocator = (
            page.frame_locator(platform.frame).first if platform.frame else page
        )
        selectors = platform.accept if action == "accept" else platform.reject
        await wait_for_buttons(page, platform, scope, selectors, patience.buttons_ms)
        for selector in selectors:
            button = scope.locator(selector).first
            if platform.frame is None:
                # Inside the wall only: "button#accept" is too common a name.
                button = page.locator(platform.wall).first.locator(selector).first
            if await click(button, patience.click_ms):
                await wait_gone(page, platform, patience.click_ms)
                return f"{platform.name}:{action}"
        logger.debug("Consent wall %s found but no %s button pressed", platform.name, action)
    return None


async def wait_for_buttons(
    page: Page,
    platform: Platform,
    scope: Page | FrameLocator,
    selectors: tuple[str, ...],
    timeout_ms: float = BUTTON_WAIT_MS,
) -> None:
    """Give a wall on screen time to show its buttons; a hidden wall gets none.

    A wall that stays hidden (a platform's markup on a page whose reader
    already answered) must not cost every page the wait.
    """
    wall = page.locator(platform.wall).first
    try:
        if not await wall.is_visible():
            return
        inside = scope if platform.frame else wall
        await inside.locator(", ".join(selectors)).first.wait_for(
            state="visible", timeout=timeout_ms
        )
    except PlaywrightError:
        pass  # no button came: the steps after this one take the wall off


async def press_plain_button(
    page: Page, action: str, patience: Patience = Patience()
) -> str | None:
    phrases = list(ACCEPT_PHRASES if action == "accept" else REJECT_PHRASES)
    for frame in page.frames:
        try:
            found = await frame.evaluate(FIND_BUTTON_JS, [phrases, CONSENT_WORDS, CONSENT_MARK])
        except PlaywrightError:
            continue  # detached, or navigated away while we looked
        if found and await click(frame.locator(f"[{CONSENT_MARK}]").first, patience.click_ms):
            return f"button:{action}"
    return None


async def remove_overlay(page: Page) -> bool:
    try:
        return bool(await page.evaluate(REMOVE_OVERLAY_JS, [CONSENT_WORDS, WALLS]))
    except PlaywrightError:
        return False


async def click(button: Locator, timeout_ms: float = CLICK_TIMEOUT_MS) -> bool:
    """Press a visible button; False when there is none to press."""
    try:
        if not await button.is_visible():
            return False
        await button.click(timeout=timeout_ms)
    except PlaywrightError:
        # Covered by another layer or gone: a script click still reaches
        # the platform's handler.
        try:
            await button.dispatch_event("click", timeout=timeout_ms)
        except PlaywrightError:
            return False
    return True


async def wait_gone(page: Page, platform: Platform, timeout_ms: float = CLICK_TIMEOUT_MS) -> None:
    """Give the platform a moment to take its wall down (or reload the page)."""
    try:
        await page.locator(platform.wall).first.wait_for(state="hidden", timeout=timeout_ms)
    except PlaywrightError:
        # Still there (some platforms only hide the banner's contents); the
        # article is in the page either way, and cleaning drops the wall's text.
        await remove_overlay(page)
