"""The scheduled external link check, tried against a server on this machine (the tests
never use the internet)."""
from __future__ import annotations

import functools
import http.server
import threading

import pytest

import check_links


@pytest.fixture
def local_server(tmp_path):
    root = tmp_path / "remote"
    root.mkdir()
    (root / "finns.html").write_text("<p>hej</p>")
    (root / "hub").mkdir()
    (root / "hub" / "index.html").write_text("<p>hubb</p>")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_check_url_tells_gone_from_alive(local_server):
    assert check_links.check_url(f"{local_server}/finns.html")[0] == "ok"
    assert check_links.check_url(f"{local_server}/borta.html") == ("broken", "HTTP 404")


def test_external_report_lists_broken_links_with_their_pages(local_server, tmp_path, monkeypatch):
    site = tmp_path / "html"
    (site / "book").mkdir(parents=True)
    (site / "index.html").write_text("<a href='book/a.html'>a</a>")
    (site / "book" / "a.html").write_text(
        f"<a href='{local_server}/finns.html#avsnitt'>ok</a><a href='{local_server}/borta.html'>borta</a>"
        f"<a href='{local_server}/hub/v2/gh/o/r/main?urlpath=lab'>launch</a>")
    monkeypatch.setattr(check_links, "configured_addresses", lambda: ([f"{local_server}/hub"], []))
    report = tmp_path / "report.md"
    assert check_links.external(site, report) == 1
    text = report.read_text(encoding="utf-8")
    assert f"- {local_server}/borta.html – HTTP 404 – på book/a.html" in text
    assert "1 trasiga" in text and "v2/gh" not in text


def test_internal_check_passes_on_the_built_site(built_book):
    assert check_links.main(["--internal", "--html", str(built_book)]) == 0
