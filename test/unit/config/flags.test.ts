// On/off settings read the same way whichever one it is.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/src/config.ts';

describe('on/off settings', () => {
  it('keep their defaults when unset or unreadable', () => {
    for (const env of [{}, { INFRAGRAPH_IMPORT_WARM_PAGE_CACHE: 'maybe', INFRAGRAPH_PROFILE_IMPORT: '' }]) {
      const c = loadConfig(env);
      expect([c.import.warmPageCache, c.import.leanLookups, c.neo4j.embedded.classArchive, c.import.profile]).toEqual([true, true, true, false]);
    }
  });

  it('take 0, false and off for no, and 1, true and on for yes, in any case', () => {
    for (const no of ['0', 'false', 'OFF']) {
      const c = loadConfig({ INFRAGRAPH_IMPORT_WARM_PAGE_CACHE: no, INFRAGRAPH_IMPORT_LEAN_LOOKUPS: no, INFRAGRAPH_NEO4J_CLASS_ARCHIVE: no });
      expect([c.import.warmPageCache, c.import.leanLookups, c.neo4j.embedded.classArchive]).toEqual([false, false, false]);
    }
    for (const yes of ['1', 'True', 'on']) expect(loadConfig({ INFRAGRAPH_PROFILE_IMPORT: yes }).import.profile).toBe(true);
  });
});
