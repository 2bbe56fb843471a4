-- People named in the articles, with their roles and titles, most-named first.
-- Entities with no mention left (for example after a reprocessing) are not listed.
select entities.id, entities.name,
       (select nullif(json_group_array(distinct role), '[]') from mentions
        where mentions.entity_id = entities.id and role is not null) as roles,
       (select nullif(json_group_array(distinct title), '[]') from mentions
        where mentions.entity_id = entities.id and title is not null) as titles,
       (select count(*) from sentences where sentences.defendant_id = entities.id)
         as sentences,
       entities.article_count as articles, entities.mention_count as mentions,
       entities.first_seen, entities.last_seen
from entities
where entities.kind = 'person' and entities.mention_count > 0
order by entities.article_count desc, entities.name
