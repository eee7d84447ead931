"""The preview's server answers only for the project's built pages, only on 127.0.0.1.

Requests are sent as raw HTTP (http.client sends the target exactly as written), since
a browser would tidy `/../` away before sending it.
"""

from __future__ import annotations

import http.client
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from parlbrief.project import Project
from parlbrief.serve import Serving
from parlbrief.serve.server import route
from tests.conftest import MakeProject
from tests.serve.support import previewing

SECRET = "the secret outside the project"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Serving]:
    from tests.conftest import copy_project

    base = tmp_path_factory.mktemp("served")
    root = copy_project("minimal", base / "project")
    (base / "secret.txt").write_text(SECRET, encoding="utf-8")
    # A link inside the project that leads out of it: never followed by the server.
    (root / "outside.txt").symlink_to(base / "secret.txt")
    with previewing(Project.at(root)) as serving:
        yield serving


def get(serving: Serving, target: str, host: str | None = None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", serving.server.port, timeout=10)
    try:
        connection.putrequest("GET", target, skip_host=True)
        connection.putheader("Host", host or f"127.0.0.1:{serving.server.port}")
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def test_the_index_lists_the_briefing_with_its_web_page_and_pdf(served: Serving) -> None:
    status, body = get(served, "/")
    assert status == 200
    assert b"Local services work best" in body
    assert b'href="/minimal.html"' in body and b'href="/pdf/minimal"' in body


def test_the_briefing_and_its_pdf_are_served(served: Serving) -> None:
    status, page = get(served, "/minimal.html")
    assert status == 200 and b"35 local trusts" in page
    status, pdf = get(served, "/minimal.pdf")
    assert status == 200 and pdf.startswith(b"%PDF-")


def test_the_server_listens_on_127_0_0_1_only(served: Serving) -> None:
    assert served.server.server_address[0] == "127.0.0.1"
    assert served.url.startswith("http://127.0.0.1:")


TRAVERSALS = [
    "/../../../../etc/passwd",
    "/..%2f..%2f..%2fetc%2fpasswd",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/%2E%2E/secret.txt",
    "/minimal.html/../../secret.txt",
    "/pdf/../../secret.txt",
    "//etc/passwd",
    "/etc/passwd",
    "http://127.0.0.1/etc/passwd",
    "/%2Fetc%2Fpasswd",
    "/..\\..\\secret.txt",
    "/outside.txt",
    "/sources/arguments/local-trusts.md",
    "/briefings/minimal.yaml",
    "/manifest.json",
    "/minimal",
    "/pdf/",
    "/sources/",
    "/minimal.html%00.txt",
    "/_parlbrief/",
    "/_parlbrief/../outside.txt",
]


@pytest.mark.parametrize("target", TRAVERSALS)
def test_nothing_but_the_built_pages_is_served(served: Serving, target: str) -> None:
    status, body = get(served, target)
    assert status == 404
    assert SECRET.encode() not in body and b"root:" not in body


def test_a_link_in_the_preview_folder_leading_out_is_not_followed(
    served: Serving, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.html"
    secret.write_text(SECRET, encoding="utf-8")
    (served.folder / "planted.html").symlink_to(secret)
    assert get(served, "/planted.html")[0] == 404
    # Even in place of a briefing's own output.
    target = served.folder / "minimal.pdf"
    saved = target.read_bytes()
    target.unlink()
    target.symlink_to(secret)
    try:
        status, body = get(served, "/minimal.pdf")
        assert status == 404 and SECRET.encode() not in body
        assert get(served, "/pdf/minimal")[0] == 404
    finally:
        target.unlink()
        target.write_bytes(saved)


def test_a_request_for_another_host_name_is_refused(served: Serving) -> None:
    # A web page can reach 127.0.0.1 through a name it controls (DNS rebinding).
    status, body = get(served, "/minimal.html", host="evil.example")
    assert status == 403 and b"35 local trusts" not in body
    assert get(served, "/", host=f"localhost:{served.server.port}")[0] == 200


def test_only_get_and_head_are_answered(served: Serving) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", served.server.port, timeout=10)
    connection.request("POST", "/minimal.html", body=b"x")
    assert connection.getresponse().status == 501
    connection.close()


def test_pages_carry_a_policy_allowing_only_the_servers_own_script(served: Serving) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", served.server.port, timeout=10)
    connection.request("GET", "/minimal.html")
    response = connection.getresponse()
    page = response.read().decode()
    policy = response.getheader("Content-Security-Policy") or ""
    connection.close()
    assert "script-src 'nonce-" in policy and "unsafe-inline" not in policy.split("script-src")[1]
    assert "connect-src 'self'" in policy and "default-src 'none'" in policy
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    # The built page's own policy (no script at all) is swapped for the preview's.
    assert "script-src" in page.split("</head>")[0]
    assert page.count('http-equiv="Content-Security-Policy"') == 1


def test_routes_are_matched_as_typed_never_decoded() -> None:
    assert route("/briefing-5.html").key == "briefing-5"
    assert route("/probation-regions/wales.pdf").kind == "pdf"
    assert route("/pdf/probation-regions/wales").kind == "pdf-page"
    assert route("/%62riefing-5.html").kind == "missing"
    assert route("/Briefing-5.html").kind == "missing"
    assert route("/a/b/c.html").kind == "missing"


def test_a_preview_writes_nothing_in_the_project(make_project: MakeProject) -> None:
    project = make_project()
    before = sorted(p.relative_to(project.root) for p in project.root.rglob("*"))
    with previewing(project) as serving:
        folder = serving.folder
        assert (folder / "minimal.pdf").is_file()
        assert not folder.is_relative_to(project.root)
    after = sorted(p.relative_to(project.root) for p in project.root.rglob("*"))
    assert after == before
    assert not project.out.exists()  # build/ is not even made
    assert not folder.exists()  # the preview folder is removed when it stops


def test_a_port_in_use_is_a_usage_error(served: Serving, make_project: MakeProject) -> None:
    from parlbrief.errors import UsageError

    with pytest.raises(UsageError, match="--port"):
        Serving(make_project(), port=served.server.port, workers=1)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="POSIX only")
def test_the_preview_folder_is_outside_build(served: Serving) -> None:
    assert "build" not in served.folder.parts


def test_a_pages_stamp_is_answered_at_once_and_reads_no_file(served: Serving) -> None:
    status, stamp = get(served, "/_parlbrief/stamp/minimal.html")
    assert status == 200 and re.fullmatch(rb"[0-9a-f]{16}", stamp)
    assert get(served, "/_parlbrief/stamp/")[1] != stamp  # the index has its own
    # Anything else is only looked up among the pages' stamps: the index's is given.
    for target in ("/_parlbrief/stamp/../outside.txt", "/_parlbrief/stamp/outside.txt"):
        assert get(served, target) == get(served, "/_parlbrief/stamp/")
