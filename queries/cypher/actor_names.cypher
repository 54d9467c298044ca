// The actors one lookup key finds, with every key they carry (names become aliases in Python).
// Same columns as sparql/actor_names.rq. Two MATCH clauses, so that the key searched for is
// listed too (one pattern never uses a relationship twice).
// params: key
MATCH (:LookupKey {key: $key})<-[:KNOWN_AS]-(x:Actor)
MATCH (x)-[:KNOWN_AS]->(k:LookupKey)
RETURN DISTINCT x.id AS actor_id, x.name AS name, x.type AS actor_type, x.country AS country,
       k.key AS match_key
