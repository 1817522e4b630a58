-- upsert_articles: insert or replace the articles of a batch (one row per article_id).
-- Expects a relation `new_articles` registered by the caller with the columns of the `articles` table.
-- Parameters: none.
INSERT OR REPLACE INTO articles BY NAME SELECT * FROM new_articles;
