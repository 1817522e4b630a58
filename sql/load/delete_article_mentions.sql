-- delete_article_mentions: remove every event mention of the given articles, before re-inserting the mentions
-- of re-processed (changed) articles. Run sql/load/rebuild_events.sql afterwards to refresh `events`.
-- Parameters: $article_ids VARCHAR[]  list of articles.article_id values, e.g. ['lemonde-2024-05-06-001'].
-- Python: con.execute(open("sql/load/delete_article_mentions.sql").read(), {"article_ids": ["a", "b"]})
-- An empty list deletes nothing.
DELETE FROM event_mentions
WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[]));
