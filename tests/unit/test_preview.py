"""Specification of `make preview` without a browser: faithful to the export, on 127.0.0.1, hard to knock over.

Each test runs the real preview (`python -m ketaguide_app preview`) on a copy of a fixture guide in `tmp_path`.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import psutil

from ketaguide_app import dom
from ketaguide_app.preview.server import EVENTS_PATH, SCRIPT
from ketaguide_app.wording import WORDING
from tests.exported import PUBLIC_BASE_URL
from tests.fixture_guides import FIRST_TOPIC_FILE, FULL_GUIDE, TOPIC_FILE, copy_of_guide, edit
from tests.preview import Preview, kill_group, running_preview, start_preview
from tests.servers import PYTHON, ROOT

PREVIEW_SCRIPT = re.compile(r'<script src="/__preview/live\.js" data-preview="[^"]*" defer></script>')
# What only a deployable folder holds (the hosts' header rules, compressed copies), and the offline copy's worker,
# which a preview does not serve: its cache would answer for the preview.
NOT_PREVIEWED = re.compile(r"(^_headers|^\.nojekyll$|\.br$|\.gz$|^sw\.js$)")


def fetch(url: str) -> tuple[int, bytes]:
    """A GET's status and body."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def address_of(relative: str) -> str:
    """The address at which a site file is served (a page by its clean URL)."""
    if relative == "index.html":
        return "/"
    return "/" + (relative.removesuffix(".html") if relative.startswith("topics/") else relative)


def test_the_preview_serves_what_make_export_publishes_with_one_script_more(
    tmp_path: Path, rich_exported_site: Path
) -> None:
    """Compared after a save: a rebuild's frontend comes from the warm Vite builder, not `react-router build`."""
    content = copy_of_guide(tmp_path, "rich")
    published_topic = (content / FIRST_TOPIC_FILE).read_text(encoding="utf-8")
    edit(content, FIRST_TOPIC_FILE, r"^subtitle: .*$", 'subtitle: "Not what the export publishes"')
    with running_preview(tmp_path, content, PUBLIC_BASE_URL) as preview:
        first = preview.status()
        (content / FIRST_TOPIC_FILE).write_text(published_topic, encoding="utf-8")
        assert preview.rebuilt_after(first)["version"] == first["version"] + 1
        files = sorted(
            p.relative_to(rich_exported_site).as_posix() for p in rich_exported_site.rglob("*") if p.is_file()
        )
        compared = [name for name in files if not NOT_PREVIEWED.search(name)]
        assert len(compared) > 20
        for name in compared:
            status, body = fetch(preview.url + address_of(name))
            published = (rich_exported_site / name).read_bytes()
            if name.endswith(".html"):
                page, added = PREVIEW_SCRIPT.subn("", body.decode("utf-8"))
                assert added == 1, name
                assert "__preview" not in published.decode("utf-8"), f"the published {name} names the preview"
                body = page.encode("utf-8")
            assert (status, body) == (200, published), name
        status, body = fetch(preview.url + "/no-such-page")
        assert (status, PREVIEW_SCRIPT.sub("", body.decode("utf-8"))) == (
            404,
            (rich_exported_site / "404.html").read_text(),
        )
        assert fetch(preview.url + "/sw.js")[0] == 404


def test_the_preview_script_takes_its_names_and_wording_from_its_tag() -> None:
    code = SCRIPT.read_text(encoding="utf-8")
    names = [dom.PREVIEW_OVERLAY, dom.PREVIEW_PLACE_STORE, dom.RESTORED, WORDING.preview_error, EVENTS_PATH]
    assert [name for name in names if name in code] == []
    assert "document.currentScript.dataset.preview" in code


def test_the_preview_listens_on_127_0_0_1_and_nowhere_else(preview: Preview) -> None:
    listening = [
        connection.laddr
        for process in [psutil.Process(preview.process.pid)]
        for connection in process.net_connections(kind="inet")
        if connection.status == psutil.CONN_LISTEN
    ]
    port = int(preview.url.rsplit(":", 1)[1])
    assert [(address.ip, address.port) for address in listening] == [("127.0.0.1", port)]
    others = [
        address.address
        for addresses in psutil.net_if_addrs().values()
        for address in addresses
        if address.family in {socket.AF_INET, socket.AF_INET6} and address.address != "127.0.0.1"
    ]
    for host in [*others, "127.0.0.2"]:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        with socket.socket(family) as client:
            client.settimeout(2)
            assert client.connect_ex((host.split("%")[0], port)) != 0, f"the preview answers on {host}"


def test_a_deleted_file_a_renamed_folder_and_half_typed_fields_never_stop_the_preview(preview: Preview) -> None:
    guide = preview.content / "guide.md"
    saved = guide.read_bytes()
    seen = preview.status()
    guide.unlink()
    now = preview.rebuilt_after(seen)
    assert now["error"] == f"content error: {guide}: guide.md: the file is missing"
    assert now["version"] == seen["version"]
    guide.write_bytes(saved)
    now = preview.rebuilt_after(now)
    assert (now["error"], now["version"]) == (None, seen["version"] + 1)

    sections = preview.content / "sections"
    (sections / "01-ketamine-basics").rename(sections / "01-the-basics")
    now = preview.rebuilt_after(now)
    assert (now["error"], now["version"]) == (None, seen["version"] + 2)

    topic = sections / "01-the-basics" / Path(FIRST_TOPIC_FILE).name
    whole = topic.read_text(encoding="utf-8")
    topic.write_text(whole.split("title:")[0] + 'title: "What is', encoding="utf-8")
    now = preview.rebuilt_after(now)
    assert now["error"] is not None
    assert now["error"].startswith(f"content error: {topic}:")
    topic.write_text(whole, encoding="utf-8")
    now = preview.rebuilt_after(now)
    assert (now["error"], now["version"]) == (None, seen["version"] + 3)
    assert "What Is Ketamine" in fetch(preview.url + "/")[1].decode("utf-8")

    topic.write_text(whole + "\nSee [dosing](/topics/dosing).\n", encoding="utf-8")  # the build's link check
    now = preview.rebuilt_after(now)
    assert now["error"] is not None
    assert now["error"].endswith("links to /topics/dosing, but the guide has no page /topics/dosing")


def test_the_content_folder_deleted_and_made_again_is_watched_anew(preview: Preview) -> None:
    seen = preview.status()
    shutil.rmtree(preview.content)
    now = preview.rebuilt_after(seen)
    assert now["error"] == f"content error: {preview.content}: content folder: no such folder"
    shutil.copytree(FULL_GUIDE, preview.content)  # another folder at the same path, as a `git checkout` makes it
    now = preview.rebuilt_after(now)
    assert (now["error"], now["version"]) == (None, seen["version"] + 1)
    edit(preview.content, TOPIC_FILE, r"^title: .*", 'title: "Saved in the folder made again"')
    now = preview.rebuilt_after(now)
    assert (now["error"], now["version"]) == (None, seen["version"] + 2)
    assert "Saved in the folder made again" in fetch(preview.url + "/")[1].decode("utf-8")


def test_a_preview_started_on_a_mistake_says_so_until_the_first_good_save(tmp_path: Path) -> None:
    content = copy_of_guide(tmp_path)
    guide = content / "guide.md"
    good = guide.read_text(encoding="utf-8")
    guide.write_text(good.replace("\ntitle:", "\ntitel:", 1), encoding="utf-8")
    preview = start_preview(tmp_path, content, built=False)
    try:
        failed = preview.wait_for(lambda now: now["rebuilds"] == 1, "the first build")
        expected = f"content error: {guide}: guide in guide.md, field 'titel': unknown field (check its spelling)"
        assert (failed["version"], failed["error"]) == (0, expected)
        assert expected in preview.terminal()
        status, body = fetch(preview.url + "/")
        assert status == 503
        assert WORDING.preview_waiting in body.decode("utf-8")
        assert len(PREVIEW_SCRIPT.findall(body.decode("utf-8"))) == 1
        guide.write_text(good, encoding="utf-8")
        built = preview.rebuilt_after(failed)
        assert (built["version"], built["error"]) == (1, None)
        assert fetch(preview.url + "/")[0] == 200
        assert preview.stop() == 0
    finally:
        if preview.process.poll() is None:
            kill_group(preview.process)


def test_a_port_already_taken_is_named_and_nothing_is_left(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = os.environ | {"TMPDIR": str(tmp_path)}
        command = [str(PYTHON), "-m", "ketaguide_app", "preview", "--port", str(port)]
        result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"preview failed: cannot listen on 127.0.0.1:{port} (Address already in use); give another port"
    )
    assert list(tmp_path.iterdir()) == []


def site_folder_state() -> list[tuple[str, int]]:
    """What the repository's site/ holds (names and modification times), or nothing when there is none."""
    site = ROOT / "site"
    if not site.exists():
        return []
    return sorted((path.relative_to(site).as_posix(), path.stat().st_mtime_ns) for path in site.rglob("*"))


def test_ctrl_c_mid_rebuild_leaves_no_process_and_no_file(tmp_path: Path) -> None:
    before = site_folder_state()
    content = copy_of_guide(tmp_path)
    preview = start_preview(tmp_path, content, as_background_job=True)
    try:
        edit(content, TOPIC_FILE, r"^title: .*", 'title: "Stopped while it was built"')
        preview.wait_for(lambda now: now["building"], "a rebuild under way")
        started = psutil.Process(preview.process.pid).children(recursive=True)
        assert preview.stop() == 0
    finally:
        if preview.process.poll() is None:
            preview.process.kill()
    assert [process.pid for process in started if process.is_running() and process.status() != "zombie"] == []
    assert not preview.group_alive()
    assert list(preview.temp.iterdir()) == []
    assert "preview stopped" in preview.terminal()
    assert site_folder_state() == before
