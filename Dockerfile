# awaitbot: the bot process. The self-hosting setup runs the sandbox in a
# container of its own (see docker-compose.yml and README).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    AWAITBOT_DB_PATH=/data/awaitbot.db

RUN useradd --create-home --uid 10001 awaitbot \
    && mkdir -p /data \
    && chown awaitbot:awaitbot /data

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY cogs ./cogs
COPY data ./data
RUN pip install --no-cache-dir .

USER 10001:10001
VOLUME ["/data"]
CMD ["python", "-m", "bot", "run"]
