import { describe, expect, it } from 'vitest';
import { FakeClock } from './testing/fakeClock.js';
import { REFUSAL_KEYS, REFUSAL_LINES_PER_WINDOW, REFUSAL_WINDOW_MS, RefusalLog } from './refusalLog.js';

function setup() {
  const clock = new FakeClock();
  const lines: string[] = [];
  const counted: string[] = [];
  const log = new RefusalLog(clock, (l) => lines.push(l), (r) => counted.push(r));
  return { clock, lines, counted, log };
}

describe('refusal log (issue 10 item 10)', () => {
  it('logs each refusal with its reason, a few per address, then one « N more » line per window; counts all', async () => {
    const { clock, lines, counted, log } = setup();
    for (let i = 0; i < 1_000; i++) log.refuse('unauthorized', '10.0.0.1', `refused 10.0.0.1 /ws/s/g: unauthorized: #${i}`);
    log.refuse('origin', '10.0.0.1', 'refused 10.0.0.1 POST /api/sessions: origin: "https://evil.example" not allowed');
    log.refuse('unauthorized', '10.0.0.2', 'refused 10.0.0.2 /ws/s/g: unauthorized');
    expect(counted).toHaveLength(1_002);
    expect(lines).toHaveLength(REFUSAL_LINES_PER_WINDOW + 2);
    await clock.advance(REFUSAL_WINDOW_MS);
    expect(lines.at(-1)).toBe(`refused 10.0.0.1: unauthorized: ${1_000 - REFUSAL_LINES_PER_WINDOW} more refused in the last ${REFUSAL_WINDOW_MS / 1000} s`);
    expect(lines).toHaveLength(REFUSAL_LINES_PER_WINDOW + 3);
    // a new window: logged again
    log.refuse('unauthorized', '10.0.0.1', 'refused 10.0.0.1 /ws/s/g: unauthorized: again');
    expect(lines.at(-1)).toBe('refused 10.0.0.1 /ws/s/g: unauthorized: again');
  });

  it('many addresses at once share one key per reason past the cap, so the log stays bounded', async () => {
    const { clock, lines, log } = setup();
    for (let i = 0; i < 5_000; i++) log.refuse('too-many-pending', `10.1.${i >> 8}.${i & 255}`, `refused 10.1.${i >> 8}.${i & 255}: too-many-pending`);
    await clock.advance(REFUSAL_WINDOW_MS);
    // one line for each of the first addresses, a few for the rest together, and their summary
    expect(lines).toHaveLength(REFUSAL_KEYS + REFUSAL_LINES_PER_WINDOW + 1);
    expect(lines.at(-1)).toMatch(/^refused \*: too-many-pending: \d+ more refused/);
  });
});
