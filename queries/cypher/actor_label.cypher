// The name of one actor, for lists that show many (partners): the smallest of the names the
// articles give it (each article's description sits on its SOURCE_OF/TARGETS relationships, as
// in actor_names.cypher). Same column as sparql/actor_label.rq; null when no article names it.
// params: actor_id
MATCH (:Actor {id: $actor_id})-[r:SOURCE_OF|TARGETS]-(:Event)
RETURN min(r.name) AS name
