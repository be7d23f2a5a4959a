"""A small threaded HTTP server for offline sites: the demo and the tests.

Pages are held in memory and may contain the placeholder ``{BASE}``, replaced
at serve time with the server's own ``http://127.0.0.1:PORT``, so sitemaps
and canonical links are absolute without knowing the port in advance.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from importlib.resources.abc import Traversable

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".rss": "application/rss+xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
}


@dataclass
class Page:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    # Seconds to wait before answering: a page that "never answers".
    delay: float = 0.0
    # Gzip the body (after {BASE} is filled in), as a .xml.gz sitemap is.
    gzip: bool = False
    # Fill {BASE} in; off for bodies that must go out byte for byte.
    template: bool = True
    # Hold the answer until this returns True (at most ``delay`` seconds):
    # a barrier, e.g. until every crawler of a shared crawl has arrived.
    ready: Callable[[], bool] | None = None


class SiteServer:
    """Serves ``pages`` (path -> :class:`Page`) on 127.0.0.1 in a thread."""

    def __init__(self, pages: dict[str, Page], host: str = "127.0.0.1", port: int = 0) -> None:
        self.pages = pages
        self.requests: list[tuple[str, str]] = []  # (path, Host header), for tests
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server._serve(self)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer((host, port), Handler)
        self.httpd.daemon_threads = True
        self.base_url = f"http://{host}:{self.httpd.server_address[1]}"
        self._thread: threading.Thread | None = None

    def start(self) -> str:
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()
        return self.base_url

    def stop(self) -> None:
        # shutdown() waits for serve_forever() to return: only call it if running.
        if self._thread is not None:
            self.httpd.shutdown()
            self._thread = None
        self.httpd.server_close()

    def __enter__(self) -> SiteServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def requested(self, path: str) -> int:
        """How many requests asked for ``path``, whatever their query string."""
        with self._lock:
            return sum(1 for p, _ in self.requests if p.split("?", 1)[0] == path)

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path.split("?", 1)[0]
        with self._lock:
            self.requests.append((handler.path, handler.headers.get("Host", "")))
        page = self.pages.get(path)
        if page is None:
            page = Page(b"<html><body><h1>Not found</h1></body></html>", status=404)
        if page.ready is not None:
            deadline = time.monotonic() + page.delay
            while not page.ready() and time.monotonic() < deadline:
                time.sleep(0.05)
        elif page.delay:
            time.sleep(page.delay)
        body = page.body
        if page.template:
            body = body.replace(b"{BASE}", self.base_url.encode())
        if page.gzip:
            body = gzip.compress(body)
        try:
            handler.send_response(page.status)
            handler.send_header("Content-Type", page.content_type)
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting; that is what slow pages test


def snapshot_pages(package: str = "newscrawl.demo", folder: str = "snapshot") -> dict[str, Page]:
    """The bundled offline snapshot, read as package data (works inside an egg)."""
    pages: dict[str, Page] = {}

    def walk(node: Traversable, prefix: str) -> None:
        for child in node.iterdir():
            path = f"{prefix}/{child.name}"
            if child.is_dir():
                walk(child, path)
                continue
            suffix = "." + child.name.rsplit(".", 1)[-1]
            content_type = CONTENT_TYPES.get(suffix, "application/octet-stream")
            pages[path] = Page(child.read_bytes(), content_type)
            if child.name == "index.html":
                pages[prefix + "/"] = pages[path]

    walk(resources.files(package).joinpath(folder), "")
    return pages
