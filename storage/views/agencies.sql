-- Agencies (ministries, courts, police units, NGOs, international bodies), most-named
-- first, with the sentences a court passed.
select entities.id, entities.name, entities.agency_kind, entities.country,
       entities.article_count as articles, entities.mention_count as mentions,
       (select count(*) from sentences where sentences.court = entities.name)
         as sentences_passed,
       entities.first_seen, entities.last_seen
from entities
where entities.kind = 'agency' and entities.mention_count > 0
order by entities.article_count desc, entities.name
