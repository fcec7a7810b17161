import { describe, expect, it } from 'vitest';
import { RESTORED_MS, StorageNotices } from './storageNotice.js';

/** timers run by hand */
function manualTimers() {
  const due: { at: number; run: () => void; cancelled: boolean }[] = [];
  let now = 0;
  return {
    after(ms: number, run: () => void) {
      const entry = { at: now + ms, run, cancelled: false };
      due.push(entry);
      return () => {
        entry.cancelled = true;
      };
    },
    advance(ms: number) {
      now += ms;
      for (const entry of due.splice(0)) {
        if (entry.cancelled) continue;
        if (entry.at <= now) entry.run();
        else due.push(entry);
      }
    },
  };
}

describe('storage notices (issue 10 item 9)', () => {
  it('says suspended while any open room is told so, then restored for a while, then nothing', () => {
    const timers = manualTimers();
    const notices = new StorageNotices(timers);
    const seen: string[] = [];
    notices.subscribe(() => seen.push(notices.notice));
    const canvas = notices.source();
    const plenary = notices.source();
    canvas.set(true);
    plenary.set(true);
    expect(notices.notice).toBe('suspended');
    canvas.set(false);
    expect(notices.notice).toBe('suspended'); // the plenary's backlog is not stored yet
    plenary.set(false);
    expect(notices.notice).toBe('restored');
    timers.advance(RESTORED_MS - 1);
    expect(notices.notice).toBe('restored');
    timers.advance(1);
    expect(notices.notice).toBe('ok');
    expect(seen).toEqual(['suspended', 'restored', 'ok']);
  });

  it('a new outage during « rétabli » says suspended again and keeps saying it', () => {
    const timers = manualTimers();
    const notices = new StorageNotices(timers);
    const room = notices.source();
    room.set(true);
    room.set(false);
    room.set(true);
    timers.advance(RESTORED_MS);
    expect(notices.notice).toBe('suspended');
  });

  it('a stored status from a room never suspended says nothing; a closed room stops counting without « rétabli »', () => {
    const notices = new StorageNotices(manualTimers());
    const watch = notices.source();
    watch.set(false);
    expect(notices.notice).toBe('ok');
    const canvas = notices.source();
    canvas.set(true);
    canvas.close();
    expect(notices.notice).toBe('ok');
  });
});
