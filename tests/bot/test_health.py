"""`python -m bot health` and `python -m bot invite`, run as a container runs them."""

import base64
import signal
import subprocess
import time

from bot.invite import PERMISSIONS
from tests.bot.test_cli import bot
from tests.conftest import PYTHON, REPO, cli_env


def test_health_says_the_database_is_missing_until_the_bot_made_it(tmp_path):
    proc = bot(tmp_path, "health")
    assert proc.returncode == 1
    assert proc.stdout.startswith("unhealthy: database not created yet")
    assert len(proc.stdout.splitlines()) == 1 and not (tmp_path / "cli.db").exists()

    assert bot(tmp_path, "db", "migrate").returncode == 0
    proc = bot(tmp_path, "health")
    assert proc.returncode == 0, proc.stdout
    assert proc.stdout.startswith("healthy: database ok; sandbox in the bot's process")
    assert "no DISCORD_TOKEN" in proc.stdout


def test_health_checks_the_sandbox_service_and_names_what_is_wrong(tmp_path):
    assert bot(tmp_path, "db", "migrate").returncode == 0
    sock = tmp_path / "sandbox.sock"
    proc = bot(tmp_path, "health", AWAITBOT_SANDBOX_SOCKET=str(sock))
    assert proc.returncode == 1
    assert "database ok; sandbox unavailable (" in proc.stdout and "No such file" in proc.stdout
    two = f"{sock},{tmp_path / 'other.sock'}"
    proc = bot(tmp_path, "health", AWAITBOT_SANDBOX_SOCKET=two)
    assert proc.returncode == 1 and "sandbox endpoints 0 of 2 ok" in proc.stdout

    serve = subprocess.Popen(
        [PYTHON, "-m", "bot.sandbox", "serve", "--socket", str(sock)],
        cwd=REPO,
        env=cli_env(tmp_path),
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while not sock.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        proc = bot(tmp_path, "health", AWAITBOT_SANDBOX_SOCKET=str(sock))
        alone = subprocess.run(
            [PYTHON, "-m", "bot.sandbox", "health", "--socket", str(sock)],
            cwd=REPO,
            env=cli_env(tmp_path),
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        serve.send_signal(signal.SIGTERM)
        serve.wait(timeout=30)
    assert proc.returncode == 0, proc.stdout
    assert "database ok; sandbox ok: 0/" in proc.stdout
    assert alone.returncode == 0 and alone.stdout.startswith("sandbox ok: "), alone.stdout


def test_health_names_a_damaged_database(tmp_path):
    (tmp_path / "cli.db").write_bytes(b"this is not a database" * 100)
    proc = bot(tmp_path, "health")
    assert proc.returncode == 1
    assert proc.stdout.startswith("unhealthy: database unavailable (DatabaseError")


def test_invite_asks_for_exactly_the_scopes_and_permissions_used(tmp_path):
    proc = bot(tmp_path, "invite", "--client-id", "1234")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == (
        "https://discord.com/oauth2/authorize?client_id=1234"
        f"&scope=bot+applications.commands&permissions={PERMISSIONS.value}"
    )
    # The README's manual steps name the same number.
    assert f"`{PERMISSIONS.value}`" in (REPO / "README.md").read_text()


def test_invite_reads_the_application_id_from_the_token(tmp_path):
    token = base64.b64encode(b"987654321098765432").decode().rstrip("=") + ".x.y"
    proc = bot(tmp_path, "invite", DISCORD_TOKEN=token)
    assert "client_id=987654321098765432&" in proc.stdout

    proc = bot(tmp_path, "invite")
    assert proc.returncode == 2 and "--client-id" in proc.stderr
