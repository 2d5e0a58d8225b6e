-- FAQ store: entries, their names and aliases, append-only revisions,
-- per-guild hiding of defaults, moderator roles, the lookup log, FTS5.
-- guild_id 0 holds the global defaults synced from data/faq/*.md.

CREATE TABLE faq (
    id          INTEGER PRIMARY KEY,          -- stable across renames
    guild_id    INTEGER NOT NULL,
    name        TEXT    NOT NULL,             -- canonical key, lower case
    title       TEXT    NOT NULL DEFAULT '',
    content     TEXT    NOT NULL,
    author_id   INTEGER NOT NULL,
    created_at  REAL    NOT NULL,
    updated_at  REAL    NOT NULL,
    updated_by  INTEGER NOT NULL,
    revision    INTEGER NOT NULL DEFAULT 1,
    deleted_at  REAL                          -- soft delete
);
CREATE INDEX faq_guild_name ON faq (guild_id, name);

-- Names and aliases share one namespace per guild. A soft-deleted entry
-- keeps its keys with live = 0 so that restore can bring them back.
CREATE TABLE faq_key (
    faq_id   INTEGER NOT NULL REFERENCES faq (id),
    guild_id INTEGER NOT NULL,
    key      TEXT    NOT NULL,
    kind     TEXT    NOT NULL CHECK (kind IN ('name', 'alias')),
    live     INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (faq_id, key)
) WITHOUT ROWID;
CREATE UNIQUE INDEX faq_key_live ON faq_key (guild_id, key) WHERE live = 1;

-- A snapshot of the entry after every change; never updated or deleted.
CREATE TABLE faq_revision (
    id         INTEGER PRIMARY KEY,
    faq_id     INTEGER NOT NULL REFERENCES faq (id),
    guild_id   INTEGER NOT NULL,                -- where the change was made
    revision   INTEGER NOT NULL,
    action     TEXT    NOT NULL,
    name       TEXT    NOT NULL,
    title      TEXT    NOT NULL,
    content    TEXT    NOT NULL,
    aliases    TEXT    NOT NULL,                -- JSON list
    author_id  INTEGER NOT NULL,
    reason     TEXT,
    created_at REAL    NOT NULL
);
CREATE INDEX faq_revision_faq ON faq_revision (faq_id, revision);

CREATE TRIGGER faq_revision_no_update BEFORE UPDATE ON faq_revision
BEGIN
    SELECT RAISE(ABORT, 'faq_revision is append-only');
END;
CREATE TRIGGER faq_revision_no_delete BEFORE DELETE ON faq_revision
BEGIN
    SELECT RAISE(ABORT, 'faq_revision is append-only');
END;

-- A guild hides a default without touching it.
CREATE TABLE faq_hidden (
    guild_id  INTEGER NOT NULL,
    faq_id    INTEGER NOT NULL REFERENCES faq (id),
    hidden_by INTEGER NOT NULL,
    hidden_at REAL    NOT NULL,
    PRIMARY KEY (guild_id, faq_id)
) WITHOUT ROWID;

CREATE TABLE faq_modrole (
    guild_id INTEGER NOT NULL,
    role_id  INTEGER NOT NULL,
    added_by INTEGER NOT NULL,
    added_at REAL    NOT NULL,
    PRIMARY KEY (guild_id, role_id)
) WITHOUT ROWID;

-- Every !faq / !ask / !explain lookup.
CREATE TABLE lookup_log (
    id          INTEGER PRIMARY KEY,
    at          REAL    NOT NULL,
    guild_id    INTEGER NOT NULL,
    channel_id  INTEGER NOT NULL,
    user_id     INTEGER NOT NULL,
    command     TEXT    NOT NULL,
    query_raw   TEXT    NOT NULL,
    query_norm  TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    faq_id      INTEGER,
    matched     TEXT,
    score       REAL,
    suggestions TEXT    NOT NULL DEFAULT '[]',  -- JSON list
    elapsed_ms  REAL    NOT NULL
);
-- Covers the moderator reports (stats, misses) so they read the index only.
CREATE INDEX lookup_log_report ON lookup_log (guild_id, at, kind, command, faq_id, query_norm);
CREATE INDEX lookup_log_faq ON lookup_log (faq_id, guild_id) WHERE faq_id IS NOT NULL;

-- Full-text index, one row per entry (rowid = faq.id), kept in sync below.
-- prefix = '3': a prefix query ("corout"*) reads one index entry for its
-- first three letters instead of merging every term that starts with them.
CREATE VIRTUAL TABLE faq_fts USING fts5 (
    name, aliases, title, content,
    tokenize = 'porter unicode61 remove_diacritics 2',
    prefix = '3'
);

CREATE TRIGGER faq_fts_insert AFTER INSERT ON faq
BEGIN
    INSERT INTO faq_fts (rowid, name, aliases, title, content)
    VALUES (new.id, new.name, '', new.title, new.content);
END;
CREATE TRIGGER faq_fts_update AFTER UPDATE OF name, title, content ON faq
BEGIN
    UPDATE faq_fts SET name = new.name, title = new.title, content = new.content
    WHERE rowid = new.id;
END;
CREATE TRIGGER faq_fts_delete AFTER DELETE ON faq
BEGIN
    DELETE FROM faq_fts WHERE rowid = old.id;
END;
CREATE TRIGGER faq_fts_alias_insert AFTER INSERT ON faq_key WHEN new.kind = 'alias'
BEGIN
    UPDATE faq_fts SET aliases = (
        SELECT coalesce(group_concat(key, ' '), '') FROM faq_key
        WHERE faq_id = new.faq_id AND kind = 'alias'
    ) WHERE rowid = new.faq_id;
END;
CREATE TRIGGER faq_fts_alias_delete AFTER DELETE ON faq_key WHEN old.kind = 'alias'
BEGIN
    UPDATE faq_fts SET aliases = (
        SELECT coalesce(group_concat(key, ' '), '') FROM faq_key
        WHERE faq_id = old.faq_id AND kind = 'alias'
    ) WHERE rowid = old.faq_id;
END;
