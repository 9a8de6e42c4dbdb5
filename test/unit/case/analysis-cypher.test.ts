// The case-file analysis statements, pinned as snapshots: a reference resolves through a UNION
// over a fixed list of labels, generated once, so a change to the generator (a label added, a
// branch reordered) shows up here as a reviewable diff of the Cypher itself.
import { describe, expect, it } from 'vitest';
import { WRITE_ANALYSIS_CYPHER } from '../../../server/src/importers/case/analysis-cypher.ts';

describe('case analysis Cypher', () => {
  it('writes the case, then claims, hypotheses, events before the evidence that refers to them', () => {
    const firsts = WRITE_ANALYSIS_CYPHER.map((s) => s.trim().split('\n')[0].trim());
    expect(firsts).toEqual([
      'MERGE (c:Case {key: $caseRow.key})',
      'UNWIND $claims AS row',
      'UNWIND $hypotheses AS row',
      'UNWIND $events AS row',
      'UNWIND $evidence AS row',
      'UNWIND $evidence AS row',
    ]);
  });

  it.each(WRITE_ANALYSIS_CYPHER.map((s, i) => [i, s]))('statement %i', (i, s) => {
    expect(s).toMatchSnapshot();
  });
});
