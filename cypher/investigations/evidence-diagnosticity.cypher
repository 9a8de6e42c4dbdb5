// @name evidence-diagnosticity
// @summary The evidence-by-hypothesis matrix: how each evidence item bears on every hypothesis, and how well it discriminates.
// One row per evidence item; `effects` gives "hypothesis value" for every hypothesis of the case
// (+w supports, -w contradicts, 0 neutral, . no link). Diagnosticity = max − min of the values
// (neutral and no link count 0): 0 means the item cannot help choose between the hypotheses.
// For missing evidence the weights say how much it WOULD discriminate; its diagnosticity is the
// largest weight (what finding it could swing).
// @param caseId: String = '2016-mail1-trump-email'
// @param limit: Integer = 100
// @mode READ
// @example caseId=2016-mail1-trump-email
// @expect rows >= 10
// @expect column evidence contains "e-bulk-mail-host"
MATCH (:Case {id: $caseId})-[:CONTAINS]->(h:Hypothesis)
WITH h ORDER BY h.id
WITH collect(h) AS hs
MATCH (:Case {id: $caseId})-[:CONTAINS]->(e:Evidence)
WITH e, [h IN hs | [h.id, head([(e)-[b:BEARS_ON]->(h) | b])]] AS cells
WITH e, cells, [c IN cells | CASE WHEN c[1] IS NULL THEN 0 WHEN c[1].effect = 'supports' THEN c[1].weight
                                  WHEN c[1].effect = 'contradicts' THEN -c[1].weight ELSE 0 END] AS vals
RETURN e.id AS evidence, e.missing AS missing,
       [c IN cells | c[0] + ' ' + CASE WHEN c[1] IS NULL THEN '.' WHEN c[1].effect = 'supports' THEN '+' + toString(c[1].weight)
                                      WHEN c[1].effect = 'contradicts' THEN '-' + toString(c[1].weight)
                                      WHEN e.missing THEN '?' + toString(c[1].weight) ELSE '0' END] AS effects,
       CASE WHEN e.missing THEN reduce(m = 0, c IN cells | CASE WHEN c[1] IS NOT NULL AND c[1].weight > m THEN c[1].weight ELSE m END)
            ELSE reduce(m = -99, v IN vals | CASE WHEN v > m THEN v ELSE m END) - reduce(m = 99, v IN vals | CASE WHEN v < m THEN v ELSE m END)
       END AS diagnosticity,
       e.title AS title
ORDER BY missing, diagnosticity DESC, evidence
LIMIT $limit
