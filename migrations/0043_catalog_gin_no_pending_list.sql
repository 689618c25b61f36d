-- Catalogue search (issue 19 item 4): the GIN indexes of procedures without a pending list. With fastupdate
-- (the default) new entries wait in an unsorted list that every search reads in full until a vacuum or the
-- 4 MB gin_pending_list_limit merges it. After an import or a portal sync of many procedures that list held
-- ~9,500 entries of the word index (490 pages): ~8 ms of every name search at 100,000 procedures, more than
-- the index scan itself (bench/catalog-search.ts). The catalogue is written rarely and searched on every
-- keystroke, so each write pays its index insertion at once instead.
ALTER INDEX procedures_name_words SET (fastupdate = off);
ALTER INDEX procedures_name_search SET (fastupdate = off);
ALTER INDEX procedures_levels SET (fastupdate = off);
ALTER INDEX procedures_channel_kinds SET (fastupdate = off);
-- turning it off does not merge what is already pending
SELECT gin_clean_pending_list(i::regclass)
FROM unnest(ARRAY['procedures_name_words', 'procedures_name_search', 'procedures_levels', 'procedures_channel_kinds']) AS i;
