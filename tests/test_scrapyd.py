"""scrapyd, the way the README's scrapyd section says: install, deploy, schedule, read.

The server's environment is a venv made here that starts without newscrawl;
the README's install command puts newscrawl (from a copy of the checkout) and
the `server` extra in it, and scrapyd runs from it with the README's
scrapyd.conf (on a free port), on 127.0.0.1, stopped by its pid. The project is
deployed with scrapyd-deploy from a copy, so its generated setup.py and build
folders never land in the repository, and the deploy's answer is checked:
scrapyd-deploy exits 0 when the upload fails.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests import readme
from tests.conftest import ROOT, TEST_SETTINGS, read_jsonl
from tests.services import free_port, stop

pytestmark = pytest.mark.slow

SCRAPYD_DEPLOY = Path(sys.executable).parent / "scrapyd-deploy"
README_VENV, README_CHECKOUT, README_PORT = "/srv/scrapyd/venv", "/path/to/newscrawl", "6800"
# The README's poll interval is scrapyd's (5 s); the test's jobs start sooner.
TEST_POLL_INTERVAL = "poll_interval = 0.2\n"


def readme_block(language: str, first_line: str) -> str:
    return readme.readme_block("### scrapyd", language, first_line)


def clean_env(bin_dir: Path | None = None) -> dict[str, str]:
    """The environment without the repository on the path."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHONPATH", "SCRAPY"))}
    if bin_dir is not None:
        env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    return env


def get_json(url: str, data: list[tuple[str, str]] | None = None) -> dict:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with urllib.request.urlopen(url, data=body, timeout=10) as response:
        return json.loads(response.read())


def copy_checkout(target: Path) -> None:
    """What a checkout holds of the project, without caches or build leftovers."""
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "build")
    shutil.copytree(ROOT / "newscrawl", target / "newscrawl", ignore=ignore)
    for name in ("pyproject.toml", "README.md", "scrapy.cfg"):
        shutil.copy(ROOT / name, target / name)


@pytest.fixture(scope="session")
def server_env(tmp_path_factory) -> Path:
    """The server's venv, made by the README's install command; cached for the session."""
    base = tmp_path_factory.mktemp("scrapyd-server")
    checkout = base / "checkout"
    copy_checkout(checkout)
    venv = base / "venv"
    command = readme_block("sh", "python3 -m venv").strip()
    command = command.replace(README_VENV, str(venv)).replace(README_CHECKOUT, str(checkout))
    command = command.replace("python3 -m venv", f"{sys.executable} -m venv", 1)
    install = subprocess.run(
        ["bash", "-c", command], env=clean_env(), capture_output=True, text=True, timeout=540
    )
    assert install.returncode == 0, install.stdout[-3000:] + install.stderr[-3000:]
    assert (venv / "bin" / "scrapyd").exists()
    return venv


def test_a_fresh_server_environment_lacks_newscrawl_until_the_readme_installs_it(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    probe = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import newscrawl"],
        cwd=tmp_path,
        env=clean_env(),
        capture_output=True,
        text=True,
    )
    assert probe.returncode != 0 and "No module named 'newscrawl'" in probe.stderr


@pytest.fixture
def scrapyd(tmp_path, server_env):
    """scrapyd from the server venv with the README's scrapyd.conf: (base URL, its folder)."""
    port = free_port()
    home = tmp_path / "scrapyd"
    home.mkdir()
    conf = readme_block("ini", "[scrapyd]")
    assert f"http_port = {README_PORT}\n" in conf
    conf = conf.replace(f"http_port = {README_PORT}\n", f"http_port = {port}\n")
    (home / "scrapyd.conf").write_text(conf + TEST_POLL_INTERVAL, "utf-8")
    bin_dir = server_env / "bin"
    log = (home / "scrapyd.log").open("w")
    proc = subprocess.Popen(
        [str(bin_dir / "scrapyd")],
        cwd=home,
        env=clean_env(bin_dir),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
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
        log.close()


def deploy(project: Path, url: str) -> subprocess.CompletedProcess:
    config = (project / "scrapy.cfg").read_text("utf-8")
    config = re.sub(r"(?m)^url = .*$", f"url = {url}", config)
    (project / "scrapy.cfg").write_text(config, "utf-8")
    return subprocess.run(
        [str(SCRAPYD_DEPLOY)],
        cwd=project,
        env=clean_env(SCRAPYD_DEPLOY.parent),
        capture_output=True,
        text=True,
        timeout=180,
    )


def deploy_answer(result: subprocess.CompletedProcess) -> dict:
    """scrapyd's answer, the JSON line scrapyd-deploy prints."""
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    assert lines, result.stdout + result.stderr
    return json.loads(lines[-1])


def test_deploy_schedule_and_read_items(tmp_path, scrapyd, test_site, site_server):
    url, home = scrapyd
    project = tmp_path / "project"
    copy_checkout(project)

    result = deploy(project, url)
    assert result.returncode == 0, result.stdout + result.stderr
    assert deploy_answer(result)["status"] == "ok", result.stdout + result.stderr
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

    deadline = time.monotonic() + 120
    while True:
        jobs = get_json(f"{url}/listjobs.json?project=newscrawl")
        if any(j["id"] == jobid for j in jobs["finished"]):
            break
        assert time.monotonic() < deadline, jobs
        time.sleep(0.3)

    log = (home / "logs" / "newscrawl" / "site" / f"{jobid}.log").read_text("utf-8")
    assert "Traceback" not in log, log[-5000:]
    assert "'finish_reason': 'finished'" in log, log[-3000:]

    items = read_jsonl(home / "items" / "newscrawl" / "site" / f"{jobid}.jl")
    expected = {
        base + story.url_path
        for story in test_site.planet_fresh + test_site.planet_gz + test_site.planet_salvaged
    }
    assert sorted(item["url"] for item in items) == sorted(expected)
    # items_dir replaced the default feed; the state stayed where the job was told.
    assert not (home / "output").exists() and not (project / "output").exists()
    assert (tmp_path / "state").is_dir()


def test_a_failed_deploy_is_caught_though_scrapyd_deploy_exits_0(tmp_path, scrapyd):
    url, _ = scrapyd
    # A project whose settings need a module the server lacks, as newscrawl's
    # did (readability) before the README said to install it there.
    project = tmp_path / "needsmore"
    (project / "needsmore").mkdir(parents=True)
    (project / "needsmore" / "__init__.py").write_text("", "utf-8")
    (project / "needsmore" / "settings.py").write_text(
        "import module_the_server_lacks  # noqa: F401\nSPIDER_MODULES = []\n", "utf-8"
    )
    (project / "scrapy.cfg").write_text(
        "[settings]\ndefault = needsmore.settings\n\n[deploy]\nurl = x\nproject = needsmore\n",
        "utf-8",
    )
    result = deploy(project, url)
    assert result.returncode == 0  # which is why the answer must be read
    answer = deploy_answer(result)
    assert answer["status"] == "error", answer
    assert "module_the_server_lacks" in answer["message"], answer


def test_genspider_refuses_to_write_into_an_installed_package(tmp_path, server_env):
    """The server's newscrawl is a real install: a new outlet there would land in site-packages."""
    env = clean_env(server_env / "bin")
    env["SCRAPY_SETTINGS_MODULE"] = "newscrawl.settings"
    result = subprocess.run(
        [str(server_env / "bin" / "scrapy"), "genspider", "-t", "outlet", "reuters", "reuters.com"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "is an installed package" in result.stdout
    assert not list(server_env.rglob("outlets/reuters.py"))
