import { describe, expect, it } from 'vitest';

import { ApiError } from '../api/client.js';
import { problemOf } from './useAction.js';

describe('what the console says went wrong', () => {
  it('tells a full export queue (503 busy) from a failure, so the facilitator knows to retry', () => {
    expect(problemOf(new ApiError(503, 'busy', 'two exports are rendering'))).toBe('busy');
    expect(problemOf(new ApiError(503, 'storage-unavailable', 'down'))).toBe('failed');
    expect(problemOf(new ApiError(0, 'network', 'offline'))).toBe('offline');
    expect(problemOf(new ApiError(409, 'conflict', 'closed'))).toBe('conflict');
    expect(problemOf(new ApiError(403, 'forbidden', 'no'))).toBe('refused');
  });
});
