import { describe, expect, it } from 'vitest';
import { parseArgs, SCENARIOS } from './cli.js';
import { packageOf } from './profile.js';
import { cell, renderTable } from './report.js';

describe('bench flags', () => {
  it('runs everything against every server by default, 3 repeats', () => {
    const o = parseArgs([]);
    expect(o.scenarios).toEqual([...SCENARIOS]);
    expect(o.servers).toEqual(['concerto', 'yws', 'hocuspocus']);
    expect(o.repeats).toBe(3);
    expect(o.quick).toBe(false);
  });

  it('picks scenarios and servers, by name or alias, in canonical order', () => {
    const o = parseArgs(['--quick', '--scenario', 'cold-load,webinar', '--servers=yws,concerto']);
    expect(o.scenarios).toEqual(['webinar', 'coldLoad']);
    expect(o.servers).toEqual(['concerto', 'yws']);
    expect(o.repeats).toBe(1);
  });

  it('refuses what it does not know', () => {
    expect(() => parseArgs(['--scenario', 'nope'])).toThrow(/unknown scenario/);
    expect(() => parseArgs(['--servers', 'redis'])).toThrow(/unknown server/);
    expect(() => parseArgs(['--fast'])).toThrow(/unknown flag/);
    expect(() => parseArgs(['--repeats', '0'])).toThrow(/repeats/);
  });
});

describe('report', () => {
  it('aligns columns and shows missing values', () => {
    const text = renderTable({ columns: ['metric', 'a'], rows: [['p99', 12.345], ['none', null], ['nan', NaN]] });
    expect(text.split('\n')).toEqual(['metric     a', '------  ----', 'p99     12.3', 'none       –', 'nan      n/a']);
    expect(cell(Infinity)).toBe('∞');
  });

  it('names the package a profiled function belongs to', () => {
    expect(packageOf('file:///work/main/node_modules/yjs/dist/yjs.mjs')).toBe('yjs');
    expect(packageOf('file:///x/node_modules/@y/websocket-server/src/utils.js')).toBe('@y/websocket-server');
    expect(packageOf('file:///work/main/apps/server/dist/room.js')).toBe('apps/server');
    expect(packageOf('node:events')).toBe('node core');
    expect(packageOf('')).toBe('(native/V8)');
  });
});
