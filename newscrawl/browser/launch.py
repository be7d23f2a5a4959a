"""Finding a Chromium to drive, and the options to launch it with.

The order: ``PLAYWRIGHT_LAUNCH_OPTIONS`` when the user set them (used as
given); else ``NEWSCRAWL_BROWSER_PATH``; else a system Chromium under one of
its usual names; else the browser ``playwright install`` downloaded. With none
of these, :class:`BrowserNotFound` says how to get one.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any

from scrapy.settings import BaseSettings

# Real binaries before the names on PATH: Debian's /usr/bin/chromium is a shell
# wrapper that reads /etc/chromium.d and prints noise on every start.
KNOWN_BINARIES = (
    "/usr/lib/chromium/chromium",
    "/usr/lib/chromium-browser/chromium-browser",
    "/opt/google/chrome/chrome",
    "/opt/chromium.org/chromium/chromium",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
)
COMMAND_NAMES = (
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
    "chromium.exe",
    "chrome.exe",
)

# Headless Chromium as a crawler wants it: runs as root in a container (no
# sandbox, no /dev/shm limits), and never calls home on its own (updates,
# sync, field trials, safe browsing), which would also be noise offline.
# No --disable-features here: Chromium keeps only the last one, and
# Playwright passes its own list (which already turns off the calls home).
BROWSER_ARGS = (
    "--no-sandbox",
    "--disable-dev-shm-usage",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-breakpad",
    "--disable-crash-reporter",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--metrics-recording-only",
    "--safebrowsing-disable-auto-update",
    "--password-store=basic",
    "--use-mock-keychain",
    "--mute-audio",
    "--hide-scrollbars",
)

HOW_TO_GET_ONE = (
    "No Chromium found for rendering pages. Install one from your system's packages "
    "(Debian/Ubuntu: `apt-get install chromium`), point NEWSCRAWL_BROWSER_PATH at a "
    "Chromium or Chrome binary, run `playwright install chromium`, or set "
    "PLAYWRIGHT_LAUNCH_OPTIONS yourself."
)


class BrowserNotFound(RuntimeError):
    """No browser to render with; the message says how to get one."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(f"{detail} {HOW_TO_GET_ONE}".strip())


def playwright_browsers_dir() -> Path:
    """Where ``playwright install`` puts its browsers on this machine."""
    custom = os.environ.get("PLAYWRIGHT_BROWSERS_PATH")
    if custom == "0":  # installed inside the playwright package
        import playwright

        return Path(playwright.__file__).parent / "driver" / "package" / ".local-browsers"
    if custom:
        return Path(custom)
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "ms-playwright"
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA", Path.home())) / "ms-playwright"
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "ms-playwright"


def has_playwright_chromium() -> bool:
    folder = playwright_browsers_dir()
    return folder.is_dir() and any(
        child.name.startswith(("chromium-", "chromium_headless_shell-"))
        for child in folder.iterdir()
    )


def is_executable(path: str | Path) -> bool:
    return Path(path).is_file() and os.access(path, os.X_OK)


def system_chromium() -> str | None:
    """A Chromium or Chrome installed on this system, if any."""
    for path in KNOWN_BINARIES:
        if is_executable(path):
            return path
    for name in COMMAND_NAMES:
        if found := shutil.which(name):
            return found
    return None


def find_browser(settings: BaseSettings) -> str | None:
    """The browser executable to launch; None means Playwright's own install.

    Raises :class:`BrowserNotFound` when there is no browser at all, or when
    ``NEWSCRAWL_BROWSER_PATH`` names something that cannot be run.
    """
    if configured := settings.get("NEWSCRAWL_BROWSER_PATH"):
        path = shutil.which(str(configured)) or str(configured)
        if not is_executable(path):
            raise BrowserNotFound(f"NEWSCRAWL_BROWSER_PATH={configured!r} is not an executable.")
        return path
    if found := system_chromium():
        return found
    if has_playwright_chromium():
        return None
    raise BrowserNotFound()


def launch_options(settings: BaseSettings) -> dict[str, Any]:
    """``PLAYWRIGHT_LAUNCH_OPTIONS`` for scrapy-playwright: the user's, or ours."""
    if user_options := settings.getdict("PLAYWRIGHT_LAUNCH_OPTIONS"):
        return user_options
    options: dict[str, Any] = {
        "headless": True,
        "args": [*BROWSER_ARGS, *settings.getlist("NEWSCRAWL_BROWSER_ARGS")],
        # Chromium's own timeout for starting; a broken install fails fast.
        "timeout": 30_000,
    }
    if executable := find_browser(settings):
        options["executable_path"] = executable
    return options
