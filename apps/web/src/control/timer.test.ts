import { describe, expect, it } from 'vitest';
import type { TimerState } from '@concerto/board';

import { clockOffset, formatRemaining, remainingMs, timerAnnouncement } from './timer.js';

const running = (endsAt: number, durationMs = 300_000): TimerState => ({ endsAt, durationMs, running: true, remainingMs: durationMs });

describe('formatRemaining', () => {
  it('writes mm:ss, rounding seconds up so 00:00 shows only when time is up', () => {
    expect(formatRemaining(300_000)).toBe('05:00');
    expect(formatRemaining(272_001)).toBe('04:33');
    expect(formatRemaining(59_001)).toBe('01:00');
    expect(formatRemaining(1)).toBe('00:01');
    expect(formatRemaining(0)).toBe('00:00');
    expect(formatRemaining(-5_000)).toBe('00:00');
  });

  it('adds hours past an hour', () => {
    expect(formatRemaining(3_900_000)).toBe('1:05:00');
  });
});

describe('remainingMs with the server clock offset', () => {
  it('is null without a running timer', () => {
    expect(remainingMs(null, 0, 0)).toBeNull();
    expect(remainingMs({ ...running(10_000), running: false }, 0, 0)).toBeNull();
  });

  it('counts against the server clock: a device two minutes late still shows the right time', () => {
    const serverNow = 1_000_000;
    const timer = running(serverNow + 300_000);
    const lateDevice = serverNow - 120_000;
    const offset = serverNow - lateDevice;
    expect(remainingMs(timer, lateDevice, offset)).toBe(300_000);
    // Without the offset the late device would show seven minutes.
    expect(remainingMs(timer, lateDevice, 0)).toBe(420_000);
    expect(formatRemaining(remainingMs(timer, lateDevice + 30_000, offset) ?? -1)).toBe('04:30');
  });

  it('never goes below zero', () => {
    expect(remainingMs(running(1000), 5000, 0)).toBe(0);
  });
});

describe('clockOffset', () => {
  it('corrects a clock that is off by what the round trip cannot explain, and a right one not at all', () => {
    // the server answered between 1,000 and 2,000 by this device's clock: its 10,500 says the
    // device is 8,500 to 9,500 ms behind; the smallest of those is taken
    expect(clockOffset(10_500, 1_000, 2_000)).toBe(8_500);
    expect(clockOffset(-58_500, 1_000, 2_000)).toBe(-59_500);
    // any server time within the request's own span: the clocks may well agree
    expect(clockOffset(1_500, 1_000, 2_000)).toBe(0);
    expect(clockOffset(1_999, 1_000, 2_000)).toBe(0);
    expect(clockOffset(1_001, 1_000, 2_000)).toBe(0);
    expect(clockOffset(Number.NaN, 1_000, 2_000)).toBe(0);
  });
});

describe('timerAnnouncement', () => {
  it('speaks at one minute left and at the end, never every second', () => {
    const said: string[] = [];
    let previous: number | null = null;
    for (let left = 75_000; left >= -2_000; left -= 1_000) {
      const announcement = timerAnnouncement(previous, Math.max(0, left));
      if (announcement !== null) said.push(`${announcement}@${Math.max(0, left)}`);
      previous = Math.max(0, left);
    }
    expect(said).toEqual(['oneMinute@60000', 'ended@0']);
  });

  it('says nothing when a page opens on a timer already under a minute or over', () => {
    expect(timerAnnouncement(null, 30_000)).toBeNull();
    expect(timerAnnouncement(null, 0)).toBeNull();
    expect(timerAnnouncement(0, 0)).toBeNull();
  });

  it('says one minute again after time was added and ran down again', () => {
    expect(timerAnnouncement(0, 120_000)).toBeNull();
    expect(timerAnnouncement(61_000, 60_000)).toBe('oneMinute');
  });
});
