#!/usr/bin/env bash
# Build a local stand-in for python:3.11-slim from Debian packages, for hosts that
# reach Debian's archive but no image registry:
#   scripts/base-image.sh [TAG]      (default awaitbot-base:bookworm)
# then build with AWAITBOT_BASE_IMAGE=TAG. Needs root, debootstrap and a running
# Docker engine. The image is Debian bookworm (minbase) with python3, its venv
# module and CA certificates; like the official image, no compiler.
set -euo pipefail
tag=${1:-awaitbot-base:bookworm}
suite=bookworm
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

command -v debootstrap >/dev/null || {
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
}
root=$(mktemp -d /var/tmp/awaitbot-base.XXXXXX)
trap 'rm -rf "$root"' EXIT
echo "base image: debootstrap $suite into $root" >&2
debootstrap --variant=minbase --include=python3,python3-venv,ca-certificates \
    "$suite" "$root" "$mirror" >"$root.log" 2>&1 || { tail -20 "$root.log" >&2; exit 1; }
rm -f "$root.log"
# What an image needs no copy of: package lists and downloaded packages.
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb
tar -C "$root" -c . | docker import \
    --change 'ENV LANG=C.UTF-8' --change 'CMD ["python3"]' - "$tag" >/dev/null
echo "base image: $tag" >&2
