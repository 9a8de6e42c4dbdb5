// @name hypothesis-matrix
// @summary For each competing hypothesis: the evidence for, against, neutral and missing, a score, and which evidence discriminates.
// Scoring (a bookkeeping aid for an analysis of competing hypotheses, not a probability):
//   score         = sum of weights of present evidence that supports − sum of weights that contradicts;
//   inconsistency = sum of weights that contradict (Heuer ranks hypotheses by the LEAST inconsistency,
//                   because evidence against a hypothesis eliminates it, evidence for it rarely proves it);
//   missing       = evidence marked missing: not scored; its weight says how much it would discriminate
//                   if it were found (openWeight = their sum).
// Evidence discriminates when it bears differently on the hypotheses. Its value on a hypothesis is
// +weight (supports), −weight (contradicts) or 0 (neutral or no link); diagnosticity = max − min over
// all hypotheses of the case. `discriminating` lists, for this hypothesis, the present evidence with
// diagnosticity > 0 that bears on it, as "id value/diagnosticity", most diagnostic first;
// `nonDiagnostic` lists evidence that treats every hypothesis alike (useless for choosing).
// Weights are the analysts' grades (1..5) from the case file.
// @param caseId: String = '2016-mail1-trump-email'
// @mode READ
// @example caseId=2016-mail1-trump-email
// @expect rows = 4
// @expect column hypothesis contains "h-stale-dns"
MATCH (:Case {id: $caseId})-[:CONTAINS]->(h:Hypothesis)
WITH collect(h) AS hs
MATCH (:Case {id: $caseId})-[:CONTAINS]->(e:Evidence)
WITH hs, e, [h IN hs | coalesce(head([(e)-[b:BEARS_ON]->(h) |
       CASE b.effect WHEN 'supports' THEN b.weight WHEN 'contradicts' THEN -b.weight ELSE 0 END]), 0)] AS vals
WITH hs, e, vals,
     reduce(m = -99, v IN vals | CASE WHEN v > m THEN v ELSE m END) - reduce(m = 99, v IN vals | CASE WHEN v < m THEN v ELSE m END) AS diag
WITH hs, collect({e: e, diag: diag}) AS evs
UNWIND hs AS h
CALL (h, evs) {
  UNWIND evs AS ev
  MATCH (x:Evidence)-[b:BEARS_ON]->(h) WHERE x = ev.e
  WITH ev, b ORDER BY b.weight DESC, ev.e.id
  RETURN
    [x IN collect(CASE WHEN NOT ev.e.missing AND b.effect = 'supports' THEN ev.e.id + ' +' + toString(b.weight) END) WHERE x IS NOT NULL] AS supports,
    [x IN collect(CASE WHEN NOT ev.e.missing AND b.effect = 'contradicts' THEN ev.e.id + ' -' + toString(b.weight) END) WHERE x IS NOT NULL] AS contradicts,
    [x IN collect(CASE WHEN NOT ev.e.missing AND b.effect = 'neutral' THEN ev.e.id + ' ' + toString(b.weight) END) WHERE x IS NOT NULL] AS neutral,
    [x IN collect(CASE WHEN ev.e.missing THEN ev.e.id + ' ?' + toString(b.weight) END) WHERE x IS NOT NULL] AS missing,
    sum(CASE WHEN NOT ev.e.missing AND b.effect = 'supports' THEN b.weight ELSE 0 END) AS forWeight,
    sum(CASE WHEN NOT ev.e.missing AND b.effect = 'contradicts' THEN b.weight ELSE 0 END) AS againstWeight,
    sum(CASE WHEN ev.e.missing THEN b.weight ELSE 0 END) AS openWeight
}
CALL (h, evs) {
  UNWIND evs AS ev
  MATCH (x:Evidence)-[b:BEARS_ON]->(h) WHERE x = ev.e AND NOT x.missing AND ev.diag > 0
  WITH ev, b ORDER BY ev.diag DESC, b.weight DESC, ev.e.id
  RETURN collect(ev.e.id + ' ' + CASE b.effect WHEN 'supports' THEN '+' + toString(b.weight)
                                               WHEN 'contradicts' THEN '-' + toString(b.weight) ELSE '0' END
                 + '/' + toString(ev.diag)) AS discriminating
}
RETURN h.id AS hypothesis, h.title AS title, forWeight - againstWeight AS score, againstWeight AS inconsistency,
       forWeight, openWeight, supports, contradicts, neutral, missing, discriminating,
       [ev IN evs WHERE ev.diag = 0 AND NOT ev.e.missing | ev.e.id] AS nonDiagnostic
ORDER BY score DESC, inconsistency, hypothesis
LIMIT 50
