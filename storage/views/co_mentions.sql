-- Pairs of entities named in the same articles, most articles first, each pair from both
-- sides (`entity_pairs` holds it once, the smaller id first).
select entity_pairs.entity_id, ea.name as entity, ea.kind as entity_kind,
       entity_pairs.other_id, eb.name as other, eb.kind as other_kind,
       entity_pairs.articles, entity_pairs.first_together, entity_pairs.last_together
from entity_pairs
join entities ea on ea.id = entity_pairs.entity_id
join entities eb on eb.id = entity_pairs.other_id
union all
select entity_pairs.other_id, eb.name, eb.kind,
       entity_pairs.entity_id, ea.name, ea.kind,
       entity_pairs.articles, entity_pairs.first_together, entity_pairs.last_together
from entity_pairs
join entities ea on ea.id = entity_pairs.entity_id
join entities eb on eb.id = entity_pairs.other_id
order by articles desc
