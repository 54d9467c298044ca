// What one event rests on: its article, sentence, span and how its date was found. One row per
// other sentence of the article that tells the same event (mention null when there is none);
// the same columns and rows as sparql/evidence.rq.
// params: event_id
MATCH (e:Event {id: $event_id})-[:REPORTED_IN]->(article:Article)
UNWIND CASE WHEN size(coalesce(e.mention_sentences, [])) = 0 THEN [null]
            ELSE e.mention_sentences END AS mention
RETURN e.id AS event_id, article.id AS article_id, article.title AS article_title,
       article.url AS article_url, article.date AS article_date, article.origin AS article_origin,
       e.sentence_index AS sentence_index, e.sentence AS sentence,
       e.span[0] AS span_start, e.span[1] AS span_end, e.trigger AS trigger,
       e.predicate AS predicate, e.plover_type AS plover_type, e.cameo_code AS cameo_code,
       e.date AS date, e.date_basis AS date_basis, e.story_key AS story_key, mention
