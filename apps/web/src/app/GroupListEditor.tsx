import { useId, useState } from 'react';

import { useT } from '../i18n/index.js';
import { useLocale } from './I18nProvider.js';
import { addGroup, MAX_GROUP_NAME, MAX_GROUPS, mergedName, mergeGroups, nextGroupName, removeGroup, renameGroup } from './groupsEditing.js';
import type { GroupRow } from './groupsEditing.js';

/**
 * The groups of the session being prepared: rename in place, add, remove, and merge two
 * breakout rooms that will share one canvas (« Groupes 6 et 7 »). Every change is said to
 * screen readers, and the focus stays somewhere sensible after a row disappears.
 */
export function GroupListEditor({ rows, onChange, invalidKey }: {
  rows: readonly GroupRow[];
  onChange: (rows: GroupRow[]) => void;
  /** the row to mark as wrong (empty or repeated name) */
  invalidKey: string | null;
}) {
  const t = useT();
  const { locale } = useLocale();
  const ids = { legend: useId(), first: useId(), second: useId(), status: useId() };
  const [first, setFirst] = useState('');
  const [second, setSecond] = useState('');
  const [said, setSaid] = useState('');

  const focusRow = (key: string | undefined) => {
    if (key === undefined) return;
    requestAnimationFrame(() => document.getElementById(`group-row-${key}`)?.focus());
  };

  const add = () => {
    const name = nextGroupName(rows, locale === 'fr' ? 'Groupe' : 'Group');
    const next = addGroup(rows, name);
    onChange(next);
    setSaid(t('groups.added', { name }));
    focusRow(next.find((row) => !rows.includes(row))?.key);
  };

  const remove = (row: GroupRow, index: number) => {
    const next = removeGroup(rows, row.key);
    onChange(next);
    setSaid(t('groups.removed', { name: row.name }));
    focusRow((next[index] ?? next[index - 1])?.key);
  };

  const a = rows.find((row) => row.key === first);
  const b = rows.find((row) => row.key === second);
  // The name the merged group will take (the earlier one in the list comes first).
  const preview = a !== undefined && b !== undefined && a !== b
    ? (rows.indexOf(a) < rows.indexOf(b) ? mergedName(a.name, b.name, locale) : mergedName(b.name, a.name, locale))
    : null;
  const merge = () => {
    if (a === undefined || b === undefined || a === b) return;
    const next = mergeGroups(rows, a.key, b.key, locale);
    const merged = next.find((row) => row.key === a.key || row.key === b.key);
    onChange(next);
    setFirst('');
    setSecond('');
    setSaid(t('groups.merged', { a: a.name, b: b.name, name: merged?.name ?? '' }));
    focusRow(merged?.key);
  };

  return (
    <fieldset className="group-editor">
      <legend id={ids.legend}>{t('groups.legend', { count: rows.length })}</legend>
      <p className="hint">{t('groups.hint')}</p>
      <ol className="group-rows">
        {rows.map((row, index) => (
          <li key={row.key} className="group-row">
            <input
              id={`group-row-${row.key}`}
              value={row.name}
              maxLength={MAX_GROUP_NAME}
              aria-label={t('groups.nameLabel', { position: index + 1 })}
              aria-invalid={invalidKey === row.key ? true : undefined}
              onChange={(event) => onChange(renameGroup(rows, row.key, event.target.value))}
            />
            <button type="button" onClick={() => remove(row, index)} disabled={rows.length <= 1}
              aria-label={t('groups.removeLabel', { name: row.name || t('groups.unnamed') })}>
              {t('groups.remove')}
            </button>
          </li>
        ))}
      </ol>
      <button type="button" onClick={add} disabled={rows.length >= MAX_GROUPS}>{t('groups.add')}</button>

      <div className="group-merge" role="group" aria-labelledby={`${ids.legend}-merge`}>
        <h3 id={`${ids.legend}-merge`}>{t('groups.mergeTitle')}</h3>
        <p className="hint">{t('groups.mergeHint')}</p>
        <div className="group-merge-fields">
          <label htmlFor={ids.first}>{t('groups.mergeFirst')}</label>
          <select id={ids.first} value={first} onChange={(event) => setFirst(event.target.value)}>
            <option value="">{t('groups.choose')}</option>
            {rows.map((row) => <option key={row.key} value={row.key}>{row.name || t('groups.unnamed')}</option>)}
          </select>
          <label htmlFor={ids.second}>{t('groups.mergeSecond')}</label>
          <select id={ids.second} value={second} onChange={(event) => setSecond(event.target.value)}>
            <option value="">{t('groups.choose')}</option>
            {rows.filter((row) => row.key !== first).map((row) => <option key={row.key} value={row.key}>{row.name || t('groups.unnamed')}</option>)}
          </select>
          <button type="button" onClick={merge} disabled={preview === null}>
            {preview !== null ? t('groups.mergeInto', { name: preview }) : t('groups.merge')}
          </button>
        </div>
      </div>
      <p id={ids.status} className="sr-only" aria-live="polite">{said}</p>
    </fieldset>
  );
}
