"""The installed package is whole: built as a wheel and run from outside the
source tree, it finds its topics, FAQ seeds and migrations (bot/data)."""

import json
import subprocess
import zipfile

import pytest

from tests.conftest import PYTHON, REPO, cli_env


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [PYTHON, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(out), str(REPO)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    (built,) = out.glob("awaitbot-*.whl")
    return built


def test_the_wheel_carries_the_data_folder(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    data = REPO / "data"
    expected = {f"bot/data/{p.relative_to(data)}" for p in data.rglob("*") if p.is_file()}
    assert expected and expected <= names


def test_the_installed_bot_works_outside_the_source_tree(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = cli_env(tmp_path, PYTHONPATH=str(site))
    where = subprocess.run(
        [PYTHON, "-c", "import bot; print(bot.DATA_DIR)"],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert where.stdout.strip() == str(site / "bot" / "data")
    proc = subprocess.run(
        [PYTHON, "-m", "bot", "send", "--json", "!faq on-ready", "!explain gather"],
        cwd=elsewhere, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    faq, topic = (json.loads(line) for line in proc.stdout.splitlines())
    assert faq["meta"]["faq"] == "on-ready"
    assert topic["meta"]["topic"] == "gather"
