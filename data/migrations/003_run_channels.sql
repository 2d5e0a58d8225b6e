-- Where `!run` works, per guild: a guild with no rows allows every channel;
-- once moderators list channels (`!run channels add`), only those (and their
-- threads) run code.

CREATE TABLE run_channel (
    guild_id   INTEGER NOT NULL,
    channel_id INTEGER NOT NULL,
    added_by   INTEGER NOT NULL,
    added_at   REAL    NOT NULL,
    PRIMARY KEY (guild_id, channel_id)
) WITHOUT ROWID;
