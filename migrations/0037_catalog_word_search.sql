-- Catalogue search by whole words (issue 19 item 4). A name query matches procedures whose name has every
-- word of the query as a whole syllable, the last one as a prefix. The trigram index answered that lossily:
-- short words ("ho", "cap") share trigrams with most names, so the index scan alone took 15–30 ms on 100,000
-- procedures and every candidate row was rechecked on the heap. A word index answers it exactly: the
-- 'simple' configuration keeps every word as it is (no stemming, no stop words) and name_key is already
-- lower case, unaccented and alphanumeric, so its words are the syllables LIKE '% word %' matched. The
-- trigram index stays for near matches (word_similarity, typos). (A generated column cannot read another, so
-- the key is computed again from the name: once per write.)
-- Stored, not an expression index: where the planner scans the table instead (a small catalogue, or a broad
-- query it expects to stop early on), parsing every name again cost more than the whole search did before.
ALTER TABLE procedures ADD COLUMN name_words tsvector GENERATED ALWAYS AS (to_tsvector('simple', catalog_search_key(name))) STORED;
CREATE INDEX procedures_name_words ON procedures USING gin (name_words);

-- The exact-name look-up ("Đăng ký khai sinh" is a procedure's whole name) that ranks first even when a broad
-- query matches more procedures than the search ranks. On md5(name_key), not name_key: the trigram index also
-- answers name_key = …, and the planner chose it on the real catalogue (22 ms for two names).
CREATE INDEX procedures_name_key_md5 ON procedures (md5(name_key));
