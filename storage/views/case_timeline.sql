-- A case's timeline: each event of the case, oldest first, with its court, place, the term
-- the article reports (for a sentence or an appeal decided), the evidence sentence and the
-- article and outlet it comes from. Filter by case_id for one case's page.
select events.case_id, events.date, events.date_source, events.stage, events.outcome, events.person,
       events.court, events.place,
       (select prison_term from sentences
        where sentences.article_id = events.article_id and sentences.defendant_id = events.person_id
          and events.stage in ('sentenced', 'appeal_decided')) as term,
       events.role, events.text as evidence,
       (select title from articles where articles.id = events.article_id) as article_title,
       (select url from articles where articles.id = events.article_id) as article_url,
       (select name from sources where sources.id =
          (select source_id from articles where articles.id = events.article_id)) as outlet,
       events.article_id, events.person_id, events.id as event_id
from events
where events.case_id is not null
