-- Places with coordinates for the map; `popup` is what a marker shows. Its link is relative
-- to the page the map is on (/<database>/places), so it names neither the database nor the
-- site's base URL, and the view needs no plugin function (it works in any SQLite tool).
select entities.id, entities.name, entities.place_kind, entities.country,
       entities.latitude, entities.longitude,
       entities.article_count as articles, entities.mention_count as mentions,
       (select count(*) from sentences where sentences.place = entities.name)
         as sentences,
       entities.first_seen, entities.last_seen,
       json_object('title', entities.name,
                   'description', entities.article_count || ' article(s), '
                     || (select count(*) from sentences where sentences.place = entities.name)
                     || ' court sentence(s)',
                   'link', 'entities/' || entities.id) as popup
from entities
where entities.kind = 'place' and entities.mention_count > 0
order by entities.article_count desc, entities.name
