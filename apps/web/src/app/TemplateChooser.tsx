import { useId, useState } from 'react';
import type { ReactElement } from 'react';
import { MAX_ZONES } from '@concerto/board';
import type { SessionTemplate } from '@concerto/contract';

import { useT } from '../i18n/index.js';

export type TemplateKind = SessionTemplate['kind'];
export interface ZoneRow {
  key: number;
  title: string;
  question: string;
  /** key ideas that count in this zone, '' (or absent): the session's limit */
  limit?: string;
}

/** The choices of a zone's key-idea limit: the session's, or 1 to 10 (the API's bounds). */
const ZONE_LIMITS = Array.from({ length: 10 }, (_, i) => String(i + 1));

const KINDS = [
  { kind: 'libre', label: 'create.template.libre', hint: 'create.template.libre.hint' },
  { kind: 'enjeux-objectifs-actions', label: 'create.template.eoa', hint: 'create.template.eoa.hint' },
  { kind: 'custom', label: 'create.template.custom', hint: 'create.template.custom.hint' },
] as const satisfies readonly { kind: TemplateKind; label: string; hint: string }[];

/** The template as the API takes it (docs/contract.md); null while a custom zone has no title. */
export function templateOf(kind: TemplateKind, zones: readonly ZoneRow[]): SessionTemplate | null {
  if (kind !== 'custom') return { kind };
  if (zones.length === 0 || zones.some((zone) => zone.title.trim() === '')) return null;
  return {
    kind,
    zones: zones.map((zone) => ({
      title: zone.title.trim(),
      ...(zone.question.trim() !== '' ? { question: zone.question.trim() } : {}),
      ...(zone.limit !== undefined && ZONE_LIMITS.includes(zone.limit) ? { keyIdeaLimit: Number(zone.limit) } : {}),
    })),
  };
}

/**
 * « Tableau de chaque groupe »: « Libre » (today's canvas), « Enjeux – Objectifs – Actions », or
 * the facilitator's own zones, a title and a guiding question each, up to eight. Native radio
 * buttons and fields, so it works by keyboard, touch and screen reader alike.
 */
export function TemplateChooser({ kind, zones, onKind, onZones, showProblem }: {
  kind: TemplateKind;
  zones: readonly ZoneRow[];
  onKind: (kind: TemplateKind) => void;
  onZones: (zones: ZoneRow[]) => void;
  showProblem: boolean;
}) {
  const t = useT();
  const name = useId();
  const [said, setSaid] = useState('');
  const focusZone = (key: number | undefined) => {
    if (key !== undefined) requestAnimationFrame(() => document.getElementById(`zone-row-${key}`)?.focus());
  };
  const update = (key: number, change: Partial<ZoneRow>) => onZones(zones.map((zone) => (zone.key === key ? { ...zone, ...change } : zone)));
  return (
    <fieldset className="group-editor template-chooser">
      <legend>{t('create.template.legend')}</legend>
      {KINDS.map((option) => (
        <div key={option.kind} className="template-option">
          <input type="radio" id={`${name}-${option.kind}`} name={name} value={option.kind} checked={kind === option.kind}
            aria-describedby={`${name}-${option.kind}-hint`} onChange={() => onKind(option.kind)} />
          <label htmlFor={`${name}-${option.kind}`}>{t(option.label)}</label>
          <p id={`${name}-${option.kind}-hint`} className="hint">{t(option.hint)}</p>
        </div>
      ))}
      {kind === 'custom' && (
        <>
          <ol className="zone-rows">
            {zones.map((zone, index) => (
              <li key={zone.key} className="zone-row">
                <label htmlFor={`zone-row-${zone.key}`}>{t('create.zone.title', { n: index + 1 })}</label>
                <input id={`zone-row-${zone.key}`} value={zone.title} maxLength={80}
                  aria-invalid={showProblem && zone.title.trim() === '' ? true : undefined}
                  onChange={(event) => update(zone.key, { title: event.target.value })} />
                <label htmlFor={`zone-question-${zone.key}`}>{t('create.zone.question', { n: index + 1 })}</label>
                <input id={`zone-question-${zone.key}`} value={zone.question} maxLength={300}
                  onChange={(event) => update(zone.key, { question: event.target.value })} />
                <label htmlFor={`zone-limit-${zone.key}`}>{t('create.zone.limit', { n: index + 1 })}</label>
                <select id={`zone-limit-${zone.key}`} value={zone.limit ?? ''}
                  onChange={(event) => update(zone.key, { limit: event.target.value })}>
                  <option value="">{t('create.zone.limit.session')}</option>
                  {ZONE_LIMITS.map((n) => <option key={n} value={n}>{n}</option>)}
                </select>
                <button type="button" disabled={zones.length <= 1} onClick={() => {
                  const next = zones.filter((z) => z.key !== zone.key);
                  onZones(next);
                  setSaid(t('create.zone.remove', { n: index + 1 }));
                  focusZone((next[index] ?? next[index - 1])?.key);
                }}>
                  {t('create.zone.remove', { n: index + 1 })}
                </button>
              </li>
            ))}
          </ol>
          <button type="button" disabled={zones.length >= MAX_ZONES} onClick={() => {
            const key = Math.max(0, ...zones.map((zone) => zone.key)) + 1;
            onZones([...zones, { key, title: '', question: '' }]);
            focusZone(key);
          }}>
            {t('create.zone.add')}
          </button>
          {showProblem && templateOf(kind, zones) === null && <p role="alert" className="error">{t('create.zone.problem')}</p>}
        </>
      )}
      <p className="sr-only" aria-live="polite">{said}</p>
    </fieldset>
  );
}

/**
 * A form's board choice: the chooser to render, and `checked()` for its submit — the template,
 * or null once it has said what is missing (and put the focus on the first untitled zone).
 */
export function useTemplateChoice(initial: TemplateKind): { chooser: ReactElement; checked: () => SessionTemplate | null } {
  const [kind, setKind] = useState<TemplateKind>(initial);
  const [zones, setZones] = useState<ZoneRow[]>(() => [{ key: 1, title: '', question: '' }]);
  const [showProblem, setShowProblem] = useState(false);
  const checked = () => {
    const template = templateOf(kind, zones);
    if (template === null) {
      setShowProblem(true);
      const untitled = zones.find((zone) => zone.title.trim() === '');
      if (untitled !== undefined) document.getElementById(`zone-row-${untitled.key}`)?.focus();
    }
    return template;
  };
  const chooser = (
    <TemplateChooser kind={kind} zones={zones} showProblem={showProblem}
      onKind={(next) => {
        setKind(next);
        setShowProblem(false);
      }}
      onZones={(next) => {
        setZones(next);
        setShowProblem(false);
      }} />
  );
  return { chooser, checked };
}
