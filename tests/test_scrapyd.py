"""scrapyd: deploy the project as an egg with scrapyd-deploy, schedule a crawl, read its items.

A real scrapyd runs on 127.0.0.1 on a free port, in the test's folder with a
config of its own, and is stopped by its pid. The project is deployed from a
copy, so scrapyd-deploy's generated setup.py and build folders never land in
the repository; the job runs from the egg (a zip), which is what proves that
package data is read through importlib.resources.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT, TEST_SETTINGS, read_jsonl
from tests.services import free_port, stop

pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent
SCRAPYD, SCRAPYD_DEPLOY = BIN / "scrapyd", BIN / "scrapyd-deploy"


def clean_env() -> dict[str, str]:
    """The environment without the repository on the path: jobs import the egg."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHONPATH", "SCRAPY"))}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    return env


def get_json(url: str, data: list[tuple[str, str]] | None = None) -> dict:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with urllib.request.urlopen(url, data=body, timeout=10) as response:
        return json.loads(response.read())


def copy_project(target: Path, scrapyd_url: str) -> None:
    shutil.copytree(
        ROOT / "newscrawl", target / "newscrawl", ignore=shutil.ignore_patterns("__pycache__")
    )
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, target / name)
    if (ROOT / "setup.py").exists():
        shutil.copy(ROOT / "setup.py", target / "setup.py")
    (target / "scrapy.cfg").write_text(
        f"[settings]\ndefault = newscrawl.settings\n\n"
        f"[deploy]\nurl = {scrapyd_url}\nproject = newscrawl\n",
        "utf-8",
    )


@pytest.fixture
def scrapyd(tmp_path):
    """A scrapyd of the test's own: (base URL, its folder)."""
    if not SCRAPYD.exists():
        pytest.fail("scrapyd is missing: pip install -e .[test]")
    port = free_port()
    home = tmp_path / "scrapyd"
    home.mkdir()
    (home / "scrapyd.conf").write_text(
        f"""[scrapyd]
bind_address = 127.0.0.1
http_port = {port}
eggs_dir = {home / "eggs"}
logs_dir = {home / "logs"}
items_dir = {home / "items"}
dbs_dir = {home / "dbs"}
poll_interval = 0.2
max_proc = 2
""",
        "utf-8",
    )
    log = (home / "scrapyd.log").open("w")
    proc = subprocess.Popen(
        [str(SCRAPYD)], cwd=home, env=clean_env(), stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                if get_json(f"{url}/daemonstatus.json")["status"] == "ok":
                    break
            except OSError:
                pass
            assert proc.poll() is None, (home / "scrapyd.log").read_text("utf-8")
            assert time.monotonic() < deadline, "scrapyd did not answer"
            time.sleep(0.1)
        yield url, home
    finally:
        stop(proc)


def test_deploy_schedule_and_read_items(tmp_path, scrapyd, test_site, site_server):
    url, home = scrapyd
    project = tmp_path / "project"
    copy_project(project, url)

    deploy = subprocess.run(
        [str(SCRAPYD_DEPLOY), "-v", "1"],
        cwd=project,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert deploy.returncode == 0, deploy.stdout + deploy.stderr
    assert json.loads(deploy.stdout)["status"] == "ok", deploy.stdout + deploy.stderr
    assert "site" in get_json(f"{url}/listspiders.json?project=newscrawl")["spiders"]

    base = site_server.base_url
    settings = {**TEST_SETTINGS, "NEWSCRAWL_DATA_DIR": str(tmp_path / "state")}
    job = get_json(
        f"{url}/schedule.json",
        [
            ("project", "newscrawl"),
            ("spider", "site"),
            ("sitemap", f"{base}/robots.txt"),
            ("domains", "127.0.0.1"),
            ("since", "7d"),
            *(("setting", f"{key}={value}") for key, value in settings.items()),
        ],
    )
    assert job["status"] == "ok", job
    jobid = job["jobid"]

    deadline = time.monotonic() + 90
    while True:
        jobs = get_json(f"{url}/listjobs.json?project=newscrawl")
        if any(j["id"] == jobid for j in jobs["finished"]):
            break
        assert time.monotonic() < deadline, jobs
        time.sleep(0.3)

    log = (home / "logs" / "newscrawl" / "site" / f"{jobid}.log").read_text("utf-8")
    assert "Traceback" not in log, log[-5000:]
    assert "'finish_reason': 'finished'" in log, log[-3000:]
    # The job ran the deployed egg, not the repository checkout.
    assert ".egg/newscrawl/templates" in log, log[:5000]

    items = read_jsonl(home / "items" / "newscrawl" / "site" / f"{jobid}.jl")
    expected = {
        base + story.url_path
        for story in test_site.planet_fresh + test_site.planet_gz + test_site.planet_salvaged
    }
    assert sorted(item["url"] for item in items) == sorted(expected)
    # scrapyd's items feed replaces the project's FEEDS; the state stayed in the test.
    assert not (project / "output").exists()
