/**
 * The report: plain-text tables for the terminal, and the shape of what each scenario returns
 * (also written, whole, to the JSON results).
 */
import { round } from './stats.js';

export interface Table {
  title?: string;
  columns: string[];
  rows: (string | number | null)[][];
}

export interface TargetCheck {
  target: string;
  /** the measured value as shown */
  value: string;
  /** null: could not be measured in this run (see note) */
  met: boolean | null;
  note?: string;
}

export interface ScenarioReport {
  id: string;
  title: string;
  tables: Table[];
  targets: TargetCheck[];
  notes: string[];
  /** raw per-run results, for the JSON */
  data: unknown;
}

export function cell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'n/a';
    if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
    return String(round(value));
  }
  return value;
}

export function renderTable(table: Table): string {
  const cells = [table.columns, ...table.rows.map((row) => row.map(cell))];
  const widths = table.columns.map((_, c) => Math.max(...cells.map((row) => (row[c] ?? '').length)));
  const line = (row: string[]) =>
    row.map((v, c) => (c === 0 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join('  ').trimEnd();
  const out: string[] = [];
  if (table.title) out.push(table.title);
  out.push(line(cells[0]!));
  out.push(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of cells.slice(1)) out.push(line(row));
  return out.join('\n');
}

export function renderScenario(report: ScenarioReport): string {
  const out = [`== ${report.title} ==`];
  for (const table of report.tables) out.push(renderTable(table), '');
  if (report.targets.length > 0) {
    out.push(
      renderTable({
        columns: ['target', 'measured', 'verdict'],
        rows: report.targets.map((t) => [t.target, t.value, verdict(t.met) + (t.note ? ` (${t.note})` : '')]),
      }),
      '',
    );
  }
  for (const note of report.notes) out.push(`  note: ${note}`);
  return out.join('\n').trimEnd() + '\n';
}

export function verdict(met: boolean | null): string {
  return met === null ? 'n/a' : met ? 'MET' : 'MISSED';
}

/** one line per target over every scenario */
export function renderTargets(reports: ScenarioReport[]): string {
  const rows = reports.flatMap((r) => r.targets.map((t) => [r.id, t.target, t.value, verdict(t.met)]));
  return renderTable({ title: '== Targets ==', columns: ['scenario', 'target', 'measured', 'verdict'], rows });
}
