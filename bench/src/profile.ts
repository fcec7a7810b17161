/**
 * Summarises a V8 `.cpuprofile` (written by `node --cpu-prof`): the functions with the most
 * self time, and the share of time per package (what the server spends where).
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  idlePct: number;
  top: { fn: string; where: string; selfPct: number; totalPct: number }[];
  byPackage: { pkg: string; selfPct: number }[];
  /** the server's own functions (apps/server) by total time, self included */
  ownByTotal: { fn: string; where: string; totalPct: number }[];
}

export function packageOf(url: string): string {
  if (url === '') return '(native/V8)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith('node:')) return 'node core';
  const m = /\/(apps\/[^/]+|packages\/[^/]+|bench)\//.exec(url);
  return m ? m[1]! : url;
}

export function summarizeProfile(file: string, topN = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = (node: ProfileNode) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? `${url.replace(/^.*?(node_modules\/|apps\/|packages\/|bench\/)/, '$1')}:${lineNumber + 1}` : '';
    return { key: `${functionName}@${where}`, fn: functionName || '(anonymous)', where, url };
  };
  // total (inclusive) time: every distinct function on the stack of each sample
  const totals = new Map<string, number>();
  // the inspector serialising the profile at its stop is not the server's work
  const isProfiler = (id: number | undefined): boolean => {
    for (; id !== undefined; id = parent.get(id)) {
      const node = byId.get(id);
      if (node?.callFrame.functionName === 'dispatch' && node.callFrame.url === '') return true;
    }
    return false;
  };
  {
    const samples = profile.samples ?? [];
    const deltas = profile.timeDeltas ?? [];
    for (let i = 0; i < samples.length; i++) {
      if (isProfiler(samples[i])) continue;
      const seen = new Set<string>();
      for (let id: number | undefined = samples[i]; id !== undefined; id = parent.get(id)) {
        const node = byId.get(id);
        if (node === undefined) break;
        const { key } = keyOf(node);
        if (seen.has(key)) continue;
        seen.add(key);
        totals.set(key, (totals.get(key) ?? 0) + (deltas[i] ?? 0));
      }
    }
  }
  // self time per node from samples × time deltas (hitCount is not always filled)
  const self = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    if (isProfiler(samples[i])) continue;
    self.set(samples[i]!, (self.get(samples[i]!) ?? 0) + (deltas[i] ?? 0));
  }
  let total = 0;
  let idle = 0;
  const perFn = new Map<string, { fn: string; where: string; us: number }>();
  const perPkg = new Map<string, number>();
  for (const [id, us] of self) {
    const node = byId.get(id);
    if (node === undefined) continue;
    total += us;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') {
      if (functionName === '(idle)') idle += us;
      continue;
    }
    void lineNumber;
    const { key, where } = keyOf(node);
    const entry = perFn.get(key) ?? { fn: functionName || '(anonymous)', where, us: 0 };
    entry.us += us;
    perFn.set(key, entry);
    const pkg = packageOf(url);
    perPkg.set(pkg, (perPkg.get(pkg) ?? 0) + us);
  }
  const busy = Math.max(1, total - idle);
  return {
    file,
    totalMs: total / 1000,
    idlePct: (idle / Math.max(1, total)) * 100,
    top: [...perFn.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, topN)
      .map((e) => ({ fn: e.fn, where: e.where, selfPct: (e.us / busy) * 100, totalPct: ((totals.get(`${e.fn === '(anonymous)' ? '' : e.fn}@${e.where}`) ?? totals.get(`${e.fn}@${e.where}`) ?? 0) / busy) * 100 })),
    byPackage: [...perPkg.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12)
      .map(([pkg, us]) => ({ pkg, selfPct: (us / busy) * 100 })),
    ownByTotal: [...totals.entries()]
      .filter(([key]) => key.includes('@apps/server/'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, topN)
      .map(([key, us]) => {
        const at = key.indexOf('@');
        return { fn: key.slice(0, at) || '(anonymous)', where: key.slice(at + 1), totalPct: (us / busy) * 100 };
      }),
  };
}
