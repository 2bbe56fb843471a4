-- One row per court sentence: what a watchdog exports and counts.
-- Everything the filters and facets use is a column of `sentences` (derived columns copy
-- the article's date, year, URL and source), and the article title, source name and
-- country are scalar subqueries, not joins: SQLite evaluates them only for the rows
-- shown, so counting and faceting a province's sentences never touches `articles`.
-- No ORDER BY here: the metadata sorts it (newest first), so facets need no sort.
select sentences.defendant, sentences.prison_term, sentences.court, sentences.place,
       sentences.year, sentences.published, sentences.charge, sentences.fine,
       (select title from articles where articles.id = sentences.article_id) as article_title,
       sentences.text as evidence,
       sentences.prison_months, sentences.suspended_months, sentences.suspended_term,
       sentences.life, sentences.death,
       (select country from entities where kind = 'place' and name = sentences.place
        limit 1) as country,
       (select name from sources where sources.id = sentences.source_id) as source,
       sentences.article_url,
       sentences.id as sentence_id, sentences.article_id, sentences.defendant_id
from sentences
