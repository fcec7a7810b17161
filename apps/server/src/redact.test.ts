import { describe, expect, it } from 'vitest';
import { redactUrl } from './redact.js';

describe('redactUrl', () => {
  it('hides every token in a query, keeps the rest', () => {
    expect(redactUrl('/ws/abc/groupe-1?token=eyJ.sig&x=1')).toBe('/ws/abc/groupe-1?token=[redacted]&x=1');
    expect(redactUrl('/s/abc?x=1&TOKEN=secret#frag')).toBe('/s/abc?x=1&TOKEN=[redacted]#frag');
    expect(redactUrl('/api/sessions')).toBe('/api/sessions');
  });
});
