// The actors one lookup key finds, with every key they carry (names become aliases in Python).
// Same columns and rows as sparql/actor_names.rq: RDF keeps each article's description of an
// actor in that article's graph, so names, countries and keys come from the SOURCE_OF/TARGETS
// relationships of the articles where the key holds, not from the :Actor node.
// params: key
MATCH (:LookupKey {key: $key})<-[:KNOWN_AS]-(x:Actor)-[r:SOURCE_OF|TARGETS]-(:Event)
WHERE $key IN r.match_keys
UNWIND r.match_keys AS match_key
RETURN DISTINCT x.id AS actor_id, r.name AS name, x.type AS actor_type, r.country AS country,
       match_key
