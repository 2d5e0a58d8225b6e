"""The command line, run as a user runs it: real subprocesses."""

import contextlib
import json
import os
import pty
import re
import select
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import PYTHON, REPO, cli_env

BAD_LINES = ("Traceback", "Task was destroyed", "Unclosed", "ResourceWarning", "never awaited")


def bot(tmp_path, *args, stdin="", **env):
    return subprocess.run(
        [PYTHON, "-m", "bot", *args],
        cwd=REPO,
        env=cli_env(tmp_path, **env),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_help_lists_the_subcommands(tmp_path):
    proc = bot(tmp_path, "--help")
    assert proc.returncode == 0
    for name in ("run", "console", "send", "--version"):
        assert name in proc.stdout


def test_version(tmp_path):
    proc = bot(tmp_path, "--version")
    assert proc.returncode == 0 and proc.stdout.startswith("awaitbot ")


@pytest.mark.parametrize("args", [["frobnicate"], ["send"], ["--nope"], ["send", "--jsn", "x"]])
def test_bad_arguments_give_one_line_and_exit_2(tmp_path, args):
    proc = bot(tmp_path, *args)
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert "error" in proc.stderr


def test_send_prints_each_reply_in_order(tmp_path):
    proc = bot(tmp_path, "send", "!help", "!about", "!nope")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.index("awaitbot commands") < out.index("About awaitbot") < out.index("`!nope`")
    assert not any(bad in proc.stderr for bad in BAD_LINES), proc.stderr


def test_send_json_prints_one_object_per_message(tmp_path):
    proc = bot(tmp_path, "send", "--json", "!help", "hello", "")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 3
    replies = [json.loads(line) for line in lines]
    assert replies[0]["embed"]["title"] == "awaitbot commands"
    assert "not a command" in replies[1]["content"]
    assert "Empty message" in replies[2]["content"]
    assert all("meta" in r for r in replies)


def test_send_keeps_attachments_next_to_the_database_and_no_temp_folder(tmp_path):
    temp = tmp_path / "temp"
    temp.mkdir()
    long_output = "!run for i in range(3000): print(i)"
    for _ in range(2):
        proc = bot(tmp_path, "send", "--json", long_output, TMPDIR=str(temp))
        assert proc.returncode == 0, proc.stderr
    (saved,) = json.loads(proc.stdout)["attachments"]
    assert saved["path"] == str(tmp_path / "attachments" / "output.txt")
    assert (tmp_path / "attachments" / "output.txt").read_text().endswith("2999")
    assert list(temp.iterdir()) == []


def test_run_without_token_on_a_terminal_starts_the_console_and_says_so(tmp_path):
    with Terminal(tmp_path, "run") as term:
        seen = term.expect("> ")
        term.type(b"!about\r")
        seen += term.expect("About awaitbot") + term.expect("> ")
        term.type(b"\x04")  # Ctrl-D
        assert term.exit_code() == 0
    notice = [line for line in seen.splitlines() if "DISCORD_TOKEN" in line]
    assert len(notice) == 1 and "console" in notice[0]


def test_run_without_token_and_terminal_says_so_and_waits_to_be_stopped(tmp_path):
    # As in a container: exiting would only be restarted by the service manager.
    proc = subprocess.Popen(
        [PYTHON, "-X", "dev", "-m", "bot", "run"],
        cwd=REPO,
        env=cli_env(tmp_path),
        stdin=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stderr.readline()
        assert line.startswith("awaitbot: DISCORD_TOKEN is missing"), line
        assert proc.poll() is None  # still there, not exited
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 0
    assert not any(bad in err for bad in BAD_LINES), err
    assert (tmp_path / "cli.db").exists()  # opened meanwhile, for `health` and `send`


def test_console_reads_piped_stdin_and_keeps_fenced_messages_together(tmp_path):
    stdin = "!help about\n!help ```py\nline two\nline three```\n!about\n"
    proc = bot(tmp_path, "console", stdin=stdin)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "┌─ !about" in out
    # the fenced message is one message: one "no command" reply, not three
    assert out.count("There is no command called") == 1
    assert "About awaitbot" in out


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_console_shuts_down_cleanly_on_signal(tmp_path, sig):
    proc = subprocess.Popen(
        [PYTHON, "-X", "dev", "-m", "bot", "console"],
        cwd=REPO,
        env=cli_env(tmp_path),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # A lookup is logged in the background; the signal comes before any flush.
        proc.stdin.write("!faq interaction-defer\n!about\n")
        proc.stdin.flush()
        deadline = time.monotonic() + 60
        line = ""
        while "About awaitbot" not in line and time.monotonic() < deadline:
            line = proc.stdout.readline()
        assert "About awaitbot" in line
        proc.send_signal(sig)
        out, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 0, err
    assert not any(bad in err for bad in BAD_LINES), err
    # The database was closed properly: SQLite removes the WAL file on a clean close,
    # and the lookup still waiting in the log's queue was written first.
    assert not (tmp_path / "cli.db-wal").exists()
    assert logged_lookups(tmp_path / "cli.db") == [("interaction-defer", "exact")]


def logged_lookups(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT query_norm, kind FROM lookup_log").fetchall()


def test_bad_token_fails_with_one_clear_line(tmp_path):
    # There is no network to Discord here: the bot must say so, not crash.
    proc = bot(tmp_path, "run", DISCORD_TOKEN="not-a-real-token")
    assert proc.returncode == 1
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith("awaitbot: ") and "Traceback" not in proc.stderr


class Terminal:
    """`python -m bot ARGS` on a real terminal (a pty), read as a person would."""

    def __init__(self, tmp_path, *args: str) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child
            os.chdir(REPO)
            os.execve(PYTHON, [PYTHON, "-m", "bot", *args], cli_env(tmp_path))
        self.unread = ""

    def __enter__(self) -> "Terminal":
        return self

    def __exit__(self, *exc) -> None:
        os.close(self.fd)
        with contextlib.suppress(ProcessLookupError, ChildProcessError):
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)

    def type(self, keys: bytes) -> None:
        os.write(self.fd, keys)

    def expect(self, marker: str, limit: float = 60) -> str:
        """What the screen showed up to and including `marker` (all of it, if it
        never came); what followed stays for the next call."""
        deadline = time.monotonic() + limit
        while marker not in self.unread and time.monotonic() < deadline:
            ready, _, _ = select.select([self.fd], [], [], 0.5)
            if ready:
                try:
                    self.unread += os.read(self.fd, 65536).decode(errors="replace")
                except OSError:
                    break
        cut = self.unread.find(marker)
        cut = len(self.unread) if cut < 0 else cut + len(marker)
        seen, self.unread = self.unread[:cut], self.unread[cut:]
        return seen

    def exit_code(self, limit: float = 30) -> int | None:
        """The exit code, or None if it is still running after `limit` seconds."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return os.waitstatus_to_exitcode(status)
            time.sleep(0.05)
        return None


def test_console_on_a_terminal_has_a_prompt_history_and_quits_on_ctrl_d(tmp_path):
    with Terminal(tmp_path, "console") as term:
        assert "> " in term.expect("> ")
        term.type(b"!about\r")
        assert "About awaitbot" in term.expect("About awaitbot")
        term.expect("> ")
        term.type(b"\x1b[A\r")  # arrow up recalls the last line: line editing works
        assert "About awaitbot" in term.expect("About awaitbot")
        term.expect("> ")
        term.type(b"\x04")  # Ctrl-D
        assert term.exit_code() == 0
    history = (tmp_path / "console_history").read_text()
    assert "!about" in history


def test_db_subcommands_migrate_status_and_backup(tmp_path):
    assert bot(tmp_path, "db", "migrate").returncode == 0
    status = bot(tmp_path, "db", "status")
    assert status.returncode == 0 and "001" in status.stdout
    copy = tmp_path / "copy.db"
    assert bot(tmp_path, "db", "backup", str(copy)).returncode == 0
    assert copy.exists() and copy.stat().st_size > 0
    assert "db" in bot(tmp_path, "--help").stdout


@contextlib.contextmanager
def sandbox_service(tmp_path):
    """A `python -m bot.sandbox serve` process; yields its socket once it is there."""
    sock = tmp_path / "sandbox.sock"
    serve = subprocess.Popen(
        [PYTHON, "-m", "bot.sandbox", "serve", "--socket", str(sock)],
        cwd=REPO,
        env=cli_env(tmp_path),
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not sock.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert sock.exists(), "the sandbox service did not start"
        yield sock
    finally:
        serve.send_signal(signal.SIGTERM)
        serve.communicate(timeout=30)


def test_the_bot_can_use_a_separate_sandbox_service(tmp_path):
    with sandbox_service(tmp_path) as sock:
        proc = bot(
            tmp_path, "send", "--json", "!run print(6 * 7)", AWAITBOT_SANDBOX_SOCKET=str(sock)
        )
    assert proc.returncode == 0, proc.stderr
    reply = json.loads(proc.stdout)
    assert reply["meta"]["status"] == "ok" and "42" in reply["content"]


def test_send_stops_at_a_signal_and_skips_the_rest(tmp_path):
    proc = subprocess.Popen(
        [PYTHON, "-m", "bot", "send", "!run import time\ntime.sleep(9)", "!about"],
        cwd=REPO,
        env={**cli_env(tmp_path), "AWAITBOT_LOG_LEVEL": "DEBUG"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    # The sandbox's debug log says when the run has its slot: stop `send` then.
    deadline = time.monotonic() + 60
    for line in proc.stderr:
        if "started in slot" in line or time.monotonic() > deadline:
            break
    started = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert time.monotonic() - started < 5
    assert "stopped before it could answer" in out
    assert "About awaitbot" not in out


def test_send_json_meta_status_is_the_sandbox_status_and_names_the_limit(tmp_path):
    proc = bot(
        tmp_path,
        "send",
        "--json",
        "!run print(1)",
        "!run raise SystemExit(3)",
        "!run while True: pass",
        "!run print(",
        AWAITBOT_SANDBOX_CPU_SECONDS="1",
    )
    assert proc.returncode == 0, proc.stderr
    metas = [json.loads(line)["meta"] for line in proc.stdout.splitlines()]
    assert [m["status"] for m in metas] == ["ok", "error", "timeout", "error"]
    assert [m["limit"] for m in metas] == [None, None, "cpu", None]


# Every command that answers in words, and a few ways each can answer.
PREFIXED = [
    "{p}help",
    "{p}help run",
    "{p}help explain",
    "{p}help ask",
    "{p}help faq",
    "{p}run print('hi')",
    "{p}run x = input()",
    "{p}run",
    "{p}run --nope print(1)",
    "{p}explain",
    "{p}explain gather",
    "{p}press 1",  # Run it yourself: the demo as a message to send
    "{p}explain no-such-topic-at-all-xyz",
    "{p}ask",
    "{p}ask how do I run two coroutines at once",
    "{p}faq",
    "{p}faq qqqq zzzz",
    "{p}faq add",
    "{p}attach",
    "{p}hepl",
    "{p}",
    "hello",
]
COMMAND_WITH_BANG = re.compile(r"!(?:run|explain|ask|faq|help|press|attach|about|sync)\b")


def test_with_another_prefix_no_reply_names_a_command_with_the_default_one(tmp_path):
    messages = [m.format(p="?") for m in PREFIXED]
    proc = bot(tmp_path, "send", *messages, AWAITBOT_PREFIX="?")
    assert proc.returncode == 0, proc.stderr
    assert not COMMAND_WITH_BANG.findall(proc.stdout), proc.stdout
    for named in ("?help", "?explain", "?faq", "?press", "?run --fast", "?attach", "?ask"):
        assert named in proc.stdout, named


def test_send_json_names_a_sandbox_outage_in_meta_status(tmp_path):
    nobody = tmp_path / "no-sandbox.sock"  # a sandbox service that is down
    proc = bot(tmp_path, "send", "--json", "!run print(1)", AWAITBOT_SANDBOX_SOCKET=str(nobody))
    assert proc.returncode == 0, proc.stderr
    reply = json.loads(proc.stdout.splitlines()[-1])
    assert reply["meta"]["status"] == "unavailable"
    assert "sandbox is unavailable" in reply["content"]
