# awaitbot's two images, built by docker-compose.yml from this one file:
#   bot      the Discord bot, as an unprivileged user (the default target)
#   sandbox  `python -m bot.sandbox serve`: root in a container of its own, for its jail
# Both share one virtualenv, built from requirements.lock (exact versions, hashed).
#
# BASE_IMAGE: any Debian-based image with python3 (3.11+) and its venv module.
# Hosts that reach Docker Hub use the official one; scripts/base-image.sh builds
# an equivalent from Debian packages for hosts that reach no image registry.
ARG BASE_IMAGE=python:3.11-slim

FROM ${BASE_IMAGE} AS build
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY requirements.lock ./
# A build host behind a TLS-inspecting proxy passes its CA bundle as the secret
# build_ca (see tests/deploy/compose.build.yml); nothing of it stays in the image.
RUN --mount=type=secret,id=build_ca,required=false \
    if [ -s /run/secrets/build_ca ]; then export PIP_CERT=/run/secrets/build_ca; fi \
    && python3 -m venv /opt/venv \
    && /opt/venv/bin/pip install --require-hashes --no-deps -r requirements.lock
COPY pyproject.toml README.md ./
COPY data ./data
COPY cogs ./cogs
COPY bot ./bot
# The project itself (its data/ goes inside the package), then the build tools
# leave the virtualenv: the images only run it.
RUN /opt/venv/bin/pip install --no-deps --no-build-isolation . \
    && /opt/venv/bin/pip uninstall --yes setuptools pip \
    && find /opt/venv -name __pycache__ -prune -exec rm -rf {} +

FROM ${BASE_IMAGE} AS runtime
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
# uid/gid 10001 is the bot. /run/awaitbot holds the sandbox's socket (a volume
# shared by both containers): new files there take its group (setgid), so the
# socket the sandbox creates as root is the bot's to connect to.
RUN groupadd --gid 10001 awaitbot \
    && useradd --uid 10001 --gid 10001 --no-create-home --home-dir /data awaitbot \
    && mkdir -p /data /run/awaitbot \
    && chown awaitbot:awaitbot /data \
    && chown root:awaitbot /run/awaitbot \
    && chmod 2770 /run/awaitbot
COPY --from=build /opt/venv /opt/venv
WORKDIR /data

FROM runtime AS sandbox
# bubblewrap builds the jail around the sandbox's warm workers. DL3008 (pin apt
# versions) is ignored on purpose: Debian's security updates replace a pinned
# version in the archive, and the pin would then fail the build.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install --yes --no-install-recommends bubblewrap \
    && apt-get clean \
    && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin
COPY deploy/sandbox-entrypoint.sh /usr/local/bin/awaitbot-sandbox-entrypoint
# Root inside its container: the jail needs it to mount, make cgroups and drop
# each run to its own uid (docker-compose.yml lists the capabilities it keeps).
ENTRYPOINT ["awaitbot-sandbox-entrypoint"]
CMD ["python", "-m", "bot.sandbox", "serve", "--socket", "/run/awaitbot/sandbox.sock"]

FROM runtime AS bot
ENV AWAITBOT_DB_PATH=/data/awaitbot.db \
    AWAITBOT_SANDBOX_SOCKET=/run/awaitbot/sandbox.sock
USER 10001:10001
VOLUME ["/data"]
CMD ["python", "-m", "bot", "run"]
