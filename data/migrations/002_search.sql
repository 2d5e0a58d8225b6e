-- One full-text index for every answer the bot has: FAQs and topics
-- (data/topics), so `!ask`, `!explain` and `!faq` rank with the same bm25
-- over the same corpus. It replaces faq_fts and adds two columns for topics:
-- `errors`, the error and warning lines a topic is about, which people paste,
-- and `questions`, the ways people ask about it.
-- rowid > 0 is faq.id; rowid < 0 is topic.id.

DROP TRIGGER faq_fts_insert;
DROP TRIGGER faq_fts_update;
DROP TRIGGER faq_fts_delete;
DROP TRIGGER faq_fts_alias_insert;
DROP TRIGGER faq_fts_alias_delete;
DROP TABLE faq_fts;

CREATE VIRTUAL TABLE search_fts USING fts5 (
    name, aliases, title, content, errors, questions,
    tokenize = 'porter unicode61 remove_diacritics 2',
    prefix = '3'
);

INSERT INTO search_fts (rowid, name, aliases, title, content, errors, questions)
SELECT f.id, f.name,
       (SELECT coalesce(group_concat(k.key, ' '), '') FROM faq_key k
         WHERE k.faq_id = f.id AND k.kind = 'alias'),
       f.title, f.content, '', ''
FROM faq f;

CREATE TRIGGER search_fts_faq_insert AFTER INSERT ON faq
BEGIN
    INSERT INTO search_fts (rowid, name, aliases, title, content, errors, questions)
    VALUES (new.id, new.name, '', new.title, new.content, '', '');
END;
CREATE TRIGGER search_fts_faq_update AFTER UPDATE OF name, title, content ON faq
BEGIN
    UPDATE search_fts SET name = new.name, title = new.title, content = new.content
    WHERE rowid = new.id;
END;
CREATE TRIGGER search_fts_faq_delete AFTER DELETE ON faq
BEGIN
    DELETE FROM search_fts WHERE rowid = old.id;
END;
CREATE TRIGGER search_fts_alias_insert AFTER INSERT ON faq_key WHEN new.kind = 'alias'
BEGIN
    UPDATE search_fts SET aliases = (
        SELECT coalesce(group_concat(key, ' '), '') FROM faq_key
        WHERE faq_id = new.faq_id AND kind = 'alias'
    ) WHERE rowid = new.faq_id;
END;
CREATE TRIGGER search_fts_alias_delete AFTER DELETE ON faq_key WHEN old.kind = 'alias'
BEGIN
    UPDATE search_fts SET aliases = (
        SELECT coalesce(group_concat(key, ' '), '') FROM faq_key
        WHERE faq_id = old.faq_id AND kind = 'alias'
    ) WHERE rowid = old.faq_id;
END;

-- The topics, as last loaded from data/topics (replaced whole at start-up).
-- Searched only: the files stay the source of truth.
CREATE TABLE topic (
    id      INTEGER PRIMARY KEY CHECK (id < 0),
    slug    TEXT NOT NULL UNIQUE,
    title   TEXT NOT NULL,
    aliases TEXT NOT NULL,   -- space-separated, as FAQ aliases are indexed
    content   TEXT NOT NULL,  -- summary and explanation
    errors    TEXT NOT NULL,  -- one per line
    questions TEXT NOT NULL   -- one per line
);

CREATE TRIGGER search_fts_topic_insert AFTER INSERT ON topic
BEGIN
    INSERT INTO search_fts (rowid, name, aliases, title, content, errors, questions)
    VALUES (new.id, new.slug, new.aliases, new.title, new.content, new.errors, new.questions);
END;
CREATE TRIGGER search_fts_topic_delete AFTER DELETE ON topic
BEGIN
    DELETE FROM search_fts WHERE rowid = old.id;
END;

-- Questions, one row each: a topic's `questions` (rowid -(1000 * topic's n + i),
-- so rowid / 1000 leads back to topic.id) and every FAQ's title (rowid faq.id).
-- A question typed to `!ask` is compared with each of them as well as with
-- whole answers: a close question says more than words spread over a page.
CREATE VIRTUAL TABLE question_fts USING fts5 (
    question,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO question_fts (rowid, question) SELECT id, title FROM faq WHERE title != '';
CREATE TRIGGER question_fts_faq_insert AFTER INSERT ON faq WHEN new.title != ''
BEGIN
    INSERT INTO question_fts (rowid, question) VALUES (new.id, new.title);
END;
CREATE TRIGGER question_fts_faq_update AFTER UPDATE OF title ON faq
BEGIN
    DELETE FROM question_fts WHERE rowid = new.id;
    INSERT INTO question_fts (rowid, question) SELECT new.id, new.title WHERE new.title != '';
END;
CREATE TRIGGER question_fts_faq_delete AFTER DELETE ON faq
BEGIN
    DELETE FROM question_fts WHERE rowid = old.id;
END;

-- The index's words (porter stems) and how many rows hold each: `!ask`
-- corrects a typed word to the closest of them when it matches nothing.
CREATE VIRTUAL TABLE search_vocab USING fts5vocab (search_fts, 'row');
