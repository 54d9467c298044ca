// A person's dated roles for countries, with the article and sentence that state each one.
// Same columns as sparql/actor_affiliations.rq.
// params: actor_id
MATCH (:Actor {id: $actor_id})-[r:AFFILIATED_WITH]->(c:Actor)
RETURN DISTINCT r.role AS role, r.title AS title, c.country AS country, r.from AS start,
       r.to AS end, r.article_id AS article_id, r.evidence AS evidence
