"""Specification of offline reading: the whole guide on the device after one visit, kept current, installable."""

from __future__ import annotations

import json
import shutil
import struct
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, Playwright, expect

from ketaguide_app.dom import SEARCH_RESULTS
from ketaguide_app.export.site import replace
from ketaguide_app.offline.build import listed_in_service_worker, retire_service_worker
from ketaguide_app.wording import WORDING
from tests import servers
from tests.browser.chromium import CHROMIUM, CHROMIUM_FLAGS
from tests.browser.conftest import PHONE, close, new_phone_context, wait_for_app
from tests.browser.helpers import is_open, questions_matching, tap
from tests.exported import PUBLIC_BASE_URL, Site
from tests.fixture_guides import FIRST_TOPIC_FILE, GUIDE, copy_of_guide, edit

CLIPBOARD = ["clipboard-read", "clipboard-write"]
SAVE_DATA = "Object.defineProperty(Object.getPrototypeOf(navigator.connection), 'saveData', {get: () => true});"
NEW_SUBTITLE = "A subtitle written after the first build"


def status(page: Page) -> Locator:
    """The line that says whether the guide is saved, offline, or updated."""
    return page.locator("#offline-status")


def visit_and_save(page: Page, url: str) -> None:
    """A reader's first visit: the page loads, the app starts, the offline copy is saved."""
    page.goto(url)
    wait_for_app(page)
    expect(status(page)).to_have_text(WORDING.offline_saved, timeout=20_000)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")


@pytest.fixture
def reader(browser: Browser) -> Iterator[tuple[BrowserContext, Page]]:
    """A reader's phone, with clipboard access for sharing."""
    context = new_phone_context(browser, permissions=CLIPBOARD, service_workers="allow")
    yield context, context.new_page()
    close(context)


def test_after_one_visit_every_page_opens_offline(reader: tuple[BrowserContext, Page], site: Site) -> None:
    context, page = reader
    visit_and_save(page, f"{site.url}/topics/{GUIDE.topics[0].slug}")
    context.set_offline(True)
    expect(status(page)).to_have_text(WORDING.offline_now_saved)
    for topic in GUIDE.topics[1:]:
        page.goto(f"{site.url}/topics/{topic.slug}")
        expect(page.get_by_text(topic.overview.text)).to_be_visible()
    page.goto(f"{site.url}/?q=addiction")
    wait_for_app(page)
    expect(status(page)).to_have_text(WORDING.offline_now_saved)
    shown = len(questions_matching("addiction"))
    expect(page.locator("#faq-count")).to_have_text(f"{shown} of {len(GUIDE.faqs)} questions")
    faq = GUIDE.faqs[-1]
    page.goto(f"{site.url}/#faq-{faq.slug}")
    wait_for_app(page)
    assert is_open(page, f"faq-{faq.slug}")
    response = page.goto(f"{site.url}/topics/no-such-topic")
    assert response is not None
    assert response.status == 404
    expect(page.get_by_role("heading", name=WORDING.not_found_title)).to_be_visible()


def test_offline_every_feature_works_as_online(reader: tuple[BrowserContext, Page], site: Site) -> None:
    context, page = reader
    visit_and_save(page, f"{site.url}/")
    context.set_offline(True)
    page.goto(f"{site.url}/")
    wait_for_app(page)
    page.get_by_role("searchbox", name=WORDING.faq_search_label).fill("side effects")
    shown = len(questions_matching("side effects"))
    expect(page.locator("#faq-count")).to_have_text(f"{shown} of {len(GUIDE.faqs)} questions")
    page.get_by_role("searchbox", name=WORDING.search_label).fill("intranasal")
    expect(page.locator(f"#{SEARCH_RESULTS} li a")).to_have_count(1)
    page.locator(f"#{SEARCH_RESULTS} li a").click()
    page.wait_for_url("**/topics/administration-methods?s=intranasal*")
    expect(page.locator("#topic-administration-methods .overview mark").first).to_be_visible()
    page.goto(f"{site.url}/")
    wait_for_app(page)
    page.get_by_role("button", name=WORDING.show_all_sections).click()
    assert all(is_open(page, f"section-{section.slug}") for section in GUIDE.sections)
    page.locator("details[data-section] > summary").last.focus()
    page.keyboard.press("Home")
    expect(page.locator("details[data-section] > summary").first).to_be_focused()
    topic = GUIDE.topics[0]
    tap(page.locator(f"#topic-{topic.slug}-heading"))
    expect(page).to_have_url(f"{site.url}/topics/{topic.slug}")
    page.get_by_role("button", name=WORDING.share_topic.format(title=topic.title), exact=True).click()
    expect(page.locator("#share-status")).to_have_text(WORDING.link_copied.replace("{title}", topic.title))
    assert page.evaluate("() => navigator.clipboard.readText()") == f"{site.url}/topics/{topic.slug}"


def test_the_offline_copy_starts_only_after_the_page_has_loaded(
    reader: tuple[BrowserContext, Page], site: Site
) -> None:
    _, page = reader
    page.add_init_script(
        """const register = ServiceWorkerContainer.prototype.register;
        ServiceWorkerContainer.prototype.register = function (...args) {
          window.registeredAt = performance.now();
          return register.apply(this, args);
        };"""
    )
    visit_and_save(page, f"{site.url}/")
    loaded = page.evaluate("() => performance.getEntriesByType('navigation')[0].loadEventEnd")
    assert page.evaluate("() => window.registeredAt") > loaded > 0


def test_the_offline_copy_is_saved_in_a_browser_without_request_idle_callback(
    reader: tuple[BrowserContext, Page], site: Site
) -> None:
    """WebKit (Safari, every iPhone browser) has no `requestIdleCallback`: Chromium without it saves the guide too."""
    context, page = reader
    page.add_init_script("delete window.requestIdleCallback;")
    visit_and_save(page, f"{site.url}/")
    assert page.evaluate("() => window.requestIdleCallback === undefined")
    context.set_offline(True)
    page.goto(f"{site.url}/topics/{GUIDE.topics[1].slug}")
    expect(page.get_by_text(GUIDE.topics[1].overview.text)).to_be_visible()


def test_a_reader_who_saves_data_downloads_nothing_extra_until_they_ask(
    reader: tuple[BrowserContext, Page], site: Site
) -> None:
    _, page = reader
    page.add_init_script(SAVE_DATA)
    page.goto(f"{site.url}/")
    wait_for_app(page)
    save = page.get_by_role("button", name=WORDING.offline_save)
    expect(save).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert page.evaluate("async () => (await navigator.serviceWorker.getRegistrations()).length") == 0
    assert page.evaluate("async () => (await caches.keys()).length") == 0
    save.click()
    expect(status(page)).to_have_text(WORDING.offline_saved, timeout=20_000)
    expect(save).to_be_hidden()


def test_the_status_is_announced_and_never_moves_the_page(reader: tuple[BrowserContext, Page], site: Site) -> None:
    context, page = reader
    page.add_init_script(
        """window.shifts = [];
        new PerformanceObserver((list) => window.shifts.push(...list.getEntries().map((e) => e.value)))
          .observe({type: "layout-shift", buffered: true});"""
    )
    visit_and_save(page, f"{site.url}/topics/{GUIDE.topics[2].slug}")
    expect(status(page)).to_have_attribute("role", "status")
    context.set_offline(True)
    expect(status(page)).to_have_text(WORDING.offline_now_saved)
    context.set_offline(False)
    expect(status(page)).to_have_text(WORDING.offline_saved)
    assert page.evaluate("() => window.shifts") == []


def test_the_device_keeps_only_the_sites_own_files_as_listed(reader: tuple[BrowserContext, Page], site: Site) -> None:
    _, page = reader
    visit_and_save(page, f"{site.url}/")
    kept = page.evaluate(
        """async () => {
          const kept = [];
          for (const key of await caches.keys()) {
            const cache = await caches.open(key);
            for (const request of await cache.keys()) kept.push([request.url, (await cache.match(request)).status]);
          }
          return kept;
        }"""
    )
    listed = listed_in_service_worker(site.folder)["files"]
    assert sorted(url for url, _ in kept) == sorted(site.url + path for path in listed)
    assert {status for _, status in kept} == {200}
    registration = page.evaluate("async () => (await navigator.serviceWorker.getRegistration()).scope")
    assert registration == f"{site.url}/"


def png_size(data: bytes) -> tuple[int, int]:
    """The width and height a PNG file declares."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.fixture
def installing_reader(playwright: Playwright, tmp_path: Path) -> Iterator[BrowserContext]:
    """A reader's own browser profile (Chromium installs no app in an incognito context like the others)."""
    context = playwright.chromium.launch_persistent_context(
        tmp_path / "profile", executable_path=CHROMIUM, args=CHROMIUM_FLAGS, viewport=PHONE
    )
    yield context
    context.close()


def test_the_guide_meets_chromiums_install_criteria(installing_reader: BrowserContext, site: Site) -> None:
    page = installing_reader.new_page()
    visit_and_save(page, f"{site.url}/")
    session = installing_reader.new_cdp_session(page)
    manifest = session.send("Page.getAppManifest")
    assert manifest["errors"] == []
    assert manifest["url"] == f"{site.url}/manifest.json"
    assert session.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
    fields = json.loads(manifest["data"])
    assert (fields["display"], fields["start_url"], fields["scope"]) == ("standalone", "/", "/")
    icons = fields["icons"]
    assert {(icon["sizes"], icon["purpose"]) for icon in icons} >= {("192x192", "any"), ("512x512", "maskable")}
    for icon in icons:
        response = page.request.get(site.url + icon["src"])
        assert response.headers["content-type"] == "image/png"
        width = int(icon["sizes"].split("x")[0])
        assert png_size(response.body()) == (width, width)


def test_the_installed_app_opens_on_the_topic_it_was_launched_on(installing_reader: BrowserContext, site: Site) -> None:
    page = installing_reader.new_page()
    visit_and_save(page, f"{site.url}/")
    session = installing_reader.new_cdp_session(page)
    app = {"manifestId": f"{site.url}/"}
    session.send("PWA.install", app)
    installing_reader.set_offline(True)
    topic = GUIDE.topics[-1]
    with installing_reader.expect_page() as launched:
        session.send("PWA.launch", app | {"url": f"{site.url}/topics/{topic.slug}"})
    window = launched.value
    wait_for_app(window)
    expect(window).to_have_url(f"{site.url}/topics/{topic.slug}")
    expect(window.locator(f"#topic-{topic.slug}-heading")).to_be_focused()
    assert is_open(window, f"topic-{topic.slug}")


@pytest.fixture
def own_site(exported_site: Path, tmp_path: Path) -> Iterator[Site]:
    """A copy of the export served by `make run`'s server, for a test that deploys over it."""
    folder = Path(shutil.copytree(exported_site, tmp_path / "site"))
    with servers.running(servers.start_make_run(folder, tmp_path)) as server:
        yield Site(server, folder)


@pytest.fixture(scope="module")
def second_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The guide exported again after an editor changed one topic's subtitle (built once for this file)."""
    work = tmp_path_factory.mktemp("second-build")
    content = copy_of_guide(work)
    edit(content, FIRST_TOPIC_FILE, r"^subtitle: .*$", f"subtitle: {NEW_SUBTITLE}")
    return servers.export(work / "site", PUBLIC_BASE_URL, work / "export.log", content)


def deploy(build: Path, site: Site) -> None:
    """Put a new build in place of the folder being served, the way `make export` replaces an earlier export."""
    staging = site.folder.with_name(f".{site.folder.name}.partial")
    shutil.copytree(build, staging)
    replace(site.folder, staging)


def test_a_rebuilt_guide_reaches_a_returning_reader_within_one_reload(
    reader: tuple[BrowserContext, Page], own_site: Site, second_build: Path
) -> None:
    context, page = reader
    old_subtitle = GUIDE.topics[0].subtitle
    visit_and_save(page, f"{own_site.url}/")
    deploy(second_build, own_site)
    page.goto(f"{own_site.url}/")
    expect(status(page)).to_have_text(WORDING.offline_updated, timeout=20_000)
    page.reload()
    expect(page.get_by_text(NEW_SUBTITLE)).to_have_count(1)
    expect(page.get_by_text(old_subtitle, exact=True)).to_have_count(0)
    context.set_offline(True)
    page.goto(f"{own_site.url}/topics/{GUIDE.topics[0].slug}")
    expect(page.get_by_text(NEW_SUBTITLE)).to_be_visible()


def test_a_failed_update_leaves_the_old_version_working(
    reader: tuple[BrowserContext, Page], own_site: Site, second_build: Path
) -> None:
    context, page = reader
    visit_and_save(page, f"{own_site.url}/")
    deploy(second_build, own_site)
    next(own_site.folder.glob("assets/start-*.js")).unlink()
    outcome = page.evaluate(
        """async () => {
          const registration = await navigator.serviceWorker.getRegistration();
          await registration.update();
          const worker = registration.installing || registration.waiting;
          if (!worker) return "no update found";
          if (worker.state === "redundant") return "redundant";
          return new Promise((resolve) => worker.addEventListener("statechange", () => {
            if (worker.state === "redundant" || worker.state === "activated") resolve(worker.state);
          }));
        }"""
    )
    assert outcome == "redundant"
    page.reload()
    wait_for_app(page)
    expect(page.get_by_text(GUIDE.topics[0].subtitle, exact=True)).to_have_count(1)
    context.set_offline(True)
    page.goto(f"{own_site.url}/topics/{GUIDE.topics[-1].slug}")
    expect(page.get_by_text(GUIDE.topics[-1].overview.text)).to_be_visible()


def test_a_deploy_can_retire_the_offline_copy_from_every_device(
    reader: tuple[BrowserContext, Page], own_site: Site
) -> None:
    _, page = reader
    visit_and_save(page, f"{own_site.url}/")
    retire_service_worker(own_site.folder)
    page.goto(f"{own_site.url}/")
    gone = """async () =>
        (await navigator.serviceWorker.getRegistrations()).length === 0 && (await caches.keys()).length === 0"""
    page.wait_for_function(gone, polling=100)
