"""A hostile HTTP server for the security tests, on 127.0.0.1 and a free port.

The demo's :class:`~newscrawl.demo.server.SiteServer`, answering with any
status and headers (redirects, loops, chains) and after a delay. Like it, it
records the ``Host`` each request named, so a test can tell whether a crawl
went to ``localhost:PORT`` (another host name for the same server) when it
should have kept to ``127.0.0.1:PORT``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler

from newscrawl.demo.server import SiteServer


@dataclass
class Answer:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html"})
    # Seconds before the answer: a download still in flight when the crawl stops.
    delay: float = 0.0


def redirect(location: str, status: int = 302) -> Answer:
    return Answer(b"", status, {"Location": location, "Content-Type": "text/html"})


class HostileServer(SiteServer):
    """Serves ``answers`` (path -> :class:`Answer`); ``{BASE}``, ``{PORT}`` are filled in."""

    def __init__(self, answers: dict[str, Answer] | None = None) -> None:
        super().__init__({})
        self.answers: dict[str, Answer] = dict(answers or {})
        self.port = self.httpd.server_address[1]

    def __enter__(self) -> HostileServer:
        self.start()
        return self

    def hosts(self) -> set[str]:
        """The host names (without port) requests were sent to."""
        with self._lock:
            return {host.rsplit(":", 1)[0] for _, host in self.requests}

    def fill(self, data: bytes) -> bytes:
        return data.replace(b"{BASE}", self.base_url.encode()).replace(
            b"{PORT}", str(self.port).encode()
        )

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path.split("?", 1)[0]
        with self._lock:
            self.requests.append((handler.path, handler.headers.get("Host", "")))
        answer = self.answers.get(path) or Answer(b"<html><body>Not found</body></html>", 404)
        if answer.delay:
            time.sleep(answer.delay)
        body = self.fill(answer.body)
        try:
            handler.send_response(answer.status)
            for name, value in answer.headers.items():
                handler.send_header(name, self.fill(value.encode()).decode())
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass
