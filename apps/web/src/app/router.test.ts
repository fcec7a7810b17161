import { describe, expect, it } from 'vitest';

import { parseRoute } from './router.js';

describe('parseRoute', () => {
  it('knows every page', () => {
    expect(parseRoute('/')).toEqual({ page: 'home' });
    expect(parseRoute('/s/abc/groupe-1')).toEqual({ page: 'group', sessionId: 'abc', groupId: 'groupe-1' });
    expect(parseRoute('/s/abc/plenary')).toEqual({ page: 'plenary', sessionId: 'abc' });
    expect(parseRoute('/s/abc/facilitate')).toEqual({ page: 'facilitate', sessionId: 'abc' });
    expect(parseRoute('/s/abc/projection/')).toEqual({ page: 'projection', sessionId: 'abc' });
    expect(parseRoute('/p/prog1')).toEqual({ page: 'programme', programmeId: 'prog1' });
  });

  it('refuses what it does not know', () => {
    expect(parseRoute('/s/abc')).toEqual({ page: 'not-found' });
    expect(parseRoute('/p/prog1/x')).toEqual({ page: 'not-found' });
    expect(parseRoute('/x/abc/groupe-1')).toEqual({ page: 'not-found' });
    expect(parseRoute('/s/abc/%E0%A4%A')).toEqual({ page: 'not-found' });
  });
});
