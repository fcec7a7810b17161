/**
 * French dates, written by hand rather than through Intl's locale data: a Node built with
 * small-icu would print English months, and the report must read the same everywhere.
 */

const MONTHS = [
  'janvier', 'février', 'mars', 'avril', 'mai', 'juin',
  'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre',
] as const;

/** Sessions happen in France: a timestamp's calendar day and time are those of Paris. */
export const REPORT_TIME_ZONE = 'Europe/Paris';

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDay(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = ISO_DAY.exec(value);
  if (match === null) return false;
  const month = Number(match[2]);
  const day = Number(match[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

interface Parts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
}

function partsOf(ms: number, timeZone: string): Parts {
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  });
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(new Date(ms))) parts[part.type] = part.value;
  return { year: parts['year'] ?? '1970', month: parts['month'] ?? '01', day: parts['day'] ?? '01', hour: parts['hour'] ?? '00', minute: parts['minute'] ?? '00' };
}

/** `2024-09-18` for a timestamp, in the report's time zone. */
export function isoDayOf(ms: number, timeZone = REPORT_TIME_ZONE): string {
  const p = partsOf(Number.isFinite(ms) ? ms : 0, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** `2024-09-18` → « 18 septembre 2024 » (« 1er » for the first of the month). */
export function frenchDay(isoDay: string): string {
  const match = ISO_DAY.exec(isoDay);
  if (match === null) return isoDay;
  const day = Number(match[3]);
  const month = MONTHS[Number(match[2]) - 1] ?? '';
  return `${day === 1 ? '1er' : day} ${month} ${match[1]}`;
}

/** « 14 h 30 » for a timestamp, in the report's time zone. */
export function frenchTime(ms: number, timeZone = REPORT_TIME_ZONE): string {
  const p = partsOf(ms, timeZone);
  return `${Number(p.hour)}\u00a0h\u00a0${p.minute}`;
}
