-- known_articles: the ids and text hashes already in the warehouse, so that an article already coded
-- (same id, or same normalised text under another id) is not coded twice.
-- Parameters: none.
SELECT article_id, text_hash FROM articles;
