/**
 * Scenario 8's worker, in a fresh process so its peak memory is its own: builds the sample
 * session (10 groups × 50 notes) with `@concerto/export` and renders its PDF.
 * Loaded by name at run time: the export package is optional for the bench.
 */
import { serve } from './proc.js';

interface ExportModule {
  buildSampleSession(options: { groups?: number; notesPerGroup?: number }): unknown;
  renderPdf(content: unknown): Promise<Uint8Array>;
}

serve({
  render: async (args: { groups: number; notesPerGroup: number }) => {
    const specifier = '@concerto/export';
    const fixtures = '@concerto/export/fixtures';
    const mod = (await import(specifier)) as Partial<ExportModule>;
    const fx = (await import(fixtures).catch(() => ({}))) as Partial<ExportModule>;
    const build = mod.buildSampleSession ?? fx.buildSampleSession;
    if (typeof build !== 'function' || typeof mod.renderPdf !== 'function') {
      throw new Error('@concerto/export does not export buildSampleSession and renderPdf (yet)');
    }
    let heapPeak = process.memoryUsage().heapUsed;
    const sampler = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 5);
    const rssBefore = process.memoryUsage().rss;
    const t0 = performance.now();
    const content = build({ groups: args.groups, notesPerGroup: args.notesPerGroup });
    const built = performance.now();
    const pdf = await mod.renderPdf(content);
    const ms = performance.now() - t0;
    clearInterval(sampler);
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    return {
      ms,
      buildMs: built - t0,
      renderMs: ms - (built - t0),
      bytes: pdf.length,
      maxRssMB: process.resourceUsage().maxRSS / 1024,
      rssBeforeMB: rssBefore / 2 ** 20,
      heapPeakMB: heapPeak / 2 ** 20,
    };
  },
  stop: () => {
    setTimeout(() => process.exit(0), 10);
  },
});
process.send?.({ id: 0, ok: true, result: { ready: true } });
