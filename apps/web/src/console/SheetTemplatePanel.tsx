import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type * as Y from 'yjs';
import { SHEET_FIELD_KINDS, SHEET_LABEL_MAX, addSheetField, renameSheetField } from '@concerto/board';
import type { SheetField, SheetFieldKind } from '@concerto/board';

import { useT } from '../i18n/index.js';
import { sheetFieldLabel } from '../sheets/ActionSheet.js';

/**
 * The session's action sheet template (issue 11 §4): rename a field, give a standard one its
 * name back, add a field. Written straight into the plenary document, which only the
 * facilitator may write (board SPEC S1): every group's open sheet follows at once.
 */
export function SheetTemplatePanel({ doc, template, disabled }: { doc: Y.Doc | null; template: readonly SheetField[]; disabled: boolean }) {
  const t = useT();
  const ids = { title: useId(), label: useId(), kind: useId() };
  const [label, setLabel] = useState('');
  const [kind, setKind] = useState<SheetFieldKind>('text');
  const [said, setSaid] = useState('');
  const off = disabled || doc === null;

  const add = (event: FormEvent) => {
    event.preventDefault();
    const name = label.trim();
    if (off || name === '') return;
    addSheetField(doc, { label: name, kind });
    setLabel('');
    setSaid(t('sheets.template.added', { name }));
  };

  return (
    <section className="console-panel sheet-template" aria-labelledby={ids.title}>
      <h2 id={ids.title}>{t('sheets.template.title')}</h2>
      <p className="hint">{t('sheets.template.hint')}</p>
      <ol className="sheet-template-fields">
        {template.map((field, index) => (
          <FieldRow key={`${field.id}:${field.label}`} field={field} position={index + 1} disabled={off}
            onRename={(next) => {
              if (doc === null) return;
              renameSheetField(doc, field.id, next);
              setSaid(t('sheets.template.renamed', { name: next.trim() === '' ? sheetFieldLabel(t, { ...field, label: '' }) : next.trim() }));
            }} />
        ))}
      </ol>
      <form onSubmit={add} className="sheet-template-add">
        <label htmlFor={ids.label}>{t('sheets.template.newLabel')}</label>
        <input id={ids.label} value={label} maxLength={SHEET_LABEL_MAX} disabled={off} onChange={(event) => setLabel(event.target.value)} />
        <label htmlFor={ids.kind}>{t('sheets.template.kind')}</label>
        <select id={ids.kind} value={kind} disabled={off} onChange={(event) => setKind(event.target.value as SheetFieldKind)}>
          {SHEET_FIELD_KINDS.map((k) => <option key={k} value={k}>{t(`sheets.template.kind.${k}`)}</option>)}
        </select>
        <button type="submit" disabled={off || label.trim() === ''}>{t('sheets.template.add')}</button>
      </form>
      <p className="sr-only" role="status">{said}</p>
    </section>
  );
}

/** One field: its name is written when the field loses the focus or on Entrée, not per keystroke. */
function FieldRow({ field, position, disabled, onRename }: {
  field: SheetField;
  position: number;
  disabled: boolean;
  onRename: (label: string) => void;
}) {
  const t = useT();
  const id = useId();
  const shown = sheetFieldLabel(t, field);
  const [value, setValue] = useState(shown);
  const commit = () => {
    const next = value.trim();
    if (next === shown || next === '') {
      setValue(shown);
      return;
    }
    onRename(next);
  };
  return (
    <li>
      <label htmlFor={id} className="sr-only">{t('sheets.template.rename', { position })}</label>
      <input id={id} value={value} maxLength={SHEET_LABEL_MAX} disabled={disabled}
        onChange={(event) => setValue(event.target.value)} onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            commit();
          }
        }} />
      {field.standard && field.label !== '' && (
        <button type="button" className="link-button" disabled={disabled} onClick={() => onRename('')}>
          {t('sheets.template.restore')}
        </button>
      )}
    </li>
  );
}
