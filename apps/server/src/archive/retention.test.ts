import { describe, expect, it } from 'vitest';
import { DAY_MS, sessionsToDelete } from './retention.js';

describe('sessionsToDelete', () => {
  const now = Date.UTC(2025, 0, 31);
  const at = (days: number) => now - days * DAY_MS;
  const summaries = [
    { id: 'new', title: 'a', createdAt: at(1) },
    { id: 'edge', title: 'b', createdAt: at(30) },
    { id: 'old', title: 'c', createdAt: at(31) },
    { id: 'older', title: 'd', createdAt: at(400) },
    { id: 'broken', title: 'e', createdAt: Number.NaN },
  ];

  it('picks the sessions created before the period, oldest first', () => {
    expect(sessionsToDelete(summaries, now, 30)).toEqual(['older', 'old']);
  });

  it('keeps a session exactly at the limit, and anything without a readable date', () => {
    expect(sessionsToDelete(summaries, now, 30)).not.toContain('edge');
    expect(sessionsToDelete(summaries, now, 1)).toEqual(['older', 'old', 'edge']);
  });
});
