import { describe, expect, it } from 'vitest';
import { CloseCode } from '@concerto/contract';
import { failureOf } from './openRoom.js';

describe('failureOf', () => {
  it('retries a storage outage (1013), a restart (1012) and a rate limit (1008); stops on a refused link', () => {
    expect(failureOf(CloseCode.tryAgainLater)).toBeNull();
    expect(failureOf(CloseCode.serviceRestart)).toBeNull();
    expect(failureOf(CloseCode.tooManyMessages)).toBeNull();
    expect(failureOf(CloseCode.unauthorized)).toBe('invalid-link');
    expect(failureOf(CloseCode.notFound)).toBe('not-found');
  });
});
