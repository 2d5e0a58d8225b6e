-- Example questions of an FAQ: the ways people ask for it (the shipped FAQs
-- carry them in data/faq). Searched by `!ask`, never shown. They fill the
-- `questions` column of an FAQ's search_fts row, as aliases fill `aliases`.

CREATE TABLE faq_question (
    faq_id   INTEGER NOT NULL REFERENCES faq (id),
    question TEXT    NOT NULL
);
CREATE INDEX faq_question_faq ON faq_question (faq_id);

CREATE TRIGGER search_fts_question_insert AFTER INSERT ON faq_question
BEGIN
    UPDATE search_fts SET questions = (
        SELECT coalesce(group_concat(question, char(10)), '') FROM faq_question
        WHERE faq_id = new.faq_id
    ) WHERE rowid = new.faq_id;
END;
CREATE TRIGGER search_fts_question_delete AFTER DELETE ON faq_question
BEGIN
    UPDATE search_fts SET questions = (
        SELECT coalesce(group_concat(question, char(10)), '') FROM faq_question
        WHERE faq_id = old.faq_id
    ) WHERE rowid = old.faq_id;
END;
