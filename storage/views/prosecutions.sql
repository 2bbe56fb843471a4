-- One row per court sentence of a case: what a watchdog exports and counts. The same
-- sentence reported by several articles is one row (its first report's: court, place,
-- year, evidence), with how many articles and outlets report it and their URLs; a term
-- changed on appeal shows as the current term, the earlier one in `earlier_terms` and
-- in the case's timeline. Rows the case linker has not reached yet stand for themselves.
-- Everything the filters and facets use is a column of `sentences` (derived columns copy
-- the article's date, year, URL and source), and the article title, source name and
-- country are scalar subqueries, not joins: SQLite evaluates them only for the rows
-- shown, so counting and faceting a province's sentences never touches `articles`.
-- No ORDER BY here: the metadata sorts it (newest first), so facets need no sort.
select sentences.defendant, coalesce(sentences.current_term, sentences.prison_term) as prison_term,
       sentences.court, sentences.place,
       sentences.year, sentences.published, sentences.charge, sentences.fine,
       (select title from articles where articles.id = sentences.article_id) as article_title,
       sentences.text as evidence,
       case when sentences.current_term is not null then sentences.current_months
            else sentences.prison_months end as prison_months,
       sentences.suspended_months, sentences.suspended_term,
       coalesce(sentences.current_life, sentences.life) as life,
       coalesce(sentences.current_death, sentences.death) as death,
       (select country from entities where kind = 'place' and name = sentences.place
        limit 1) as country,
       (select name from sources where sources.id = sentences.source_id) as source,
       sentences.article_url,
       coalesce(sentences.reports, 1) as reports, coalesce(sentences.outlets, 1) as outlets,
       coalesce(sentences.earlier_terms, '[]') as earlier_terms,
       coalesce(sentences.report_urls, json_array(sentences.article_url)) as report_urls,
       sentences.case_id,
       sentences.id as sentence_id, sentences.article_id, sentences.defendant_id
from sentences
where coalesce(sentences.case_row, 1) = 1
