import { useId, useRef, useState } from 'react';

import { useT } from '../i18n/index.js';
import { ActionError } from './ActionError.js';
import { closeSession, downloadArchive } from './archiveApi.js';
import type { ArchiveFormat } from './archiveApi.js';
import { useAction } from './useAction.js';

const FORMATS: readonly ArchiveFormat[] = ['pdf', 'md', 'json'];

/**
 * « Exporter » the compte-rendu (PDF), a Markdown text, the JSON archive; and « Clore la
 * séance », which freezes every canvas for everyone, after a confirmation that says so.
 */
export function ArchivePanel({ sessionId, token, closed }: { sessionId: string; token: string; closed: boolean }) {
  const t = useT();
  const titleId = useId();
  const exporting = useAction();
  const closing = useAction();
  const [saved, setSaved] = useState('');
  const [confirming, setConfirming] = useState(false);

  const download = (format: ArchiveFormat) => void exporting.run(async () => {
    setSaved('');
    const name = await downloadArchive(sessionId, token, format);
    setSaved(t('console.export.done', { name }));
  });

  return (
    <section className="console-panel" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('console.export.title')}</h2>
      <div className="button-row">
        {FORMATS.map((format) => (
          <button key={format} type="button" disabled={exporting.pending} onClick={() => download(format)}>
            {t(`console.export.${format}`)}
          </button>
        ))}
      </div>
      <p className="hint" role="status">{exporting.pending ? t('console.export.preparing') : saved}</p>
      <ActionError problem={exporting.problem} />
      {closed ? (
        <p className="console-current">{t('console.close.done')}</p>
      ) : (
        <button type="button" className="danger" onClick={() => setConfirming(true)}>{t('console.close.button')}</button>
      )}
      {confirming && (
        <CloseDialog
          pending={closing.pending}
          onCancel={() => setConfirming(false)}
          onConfirm={() => void closing.run(() => closeSession(sessionId, token)).then((ok) => ok && setConfirming(false))}
        />
      )}
      <ActionError problem={closing.problem} />
    </section>
  );
}

/** A modal confirmation (native dialog: focus kept inside, Escape cancels). */
function CloseDialog({ pending, onCancel, onConfirm }: { pending: boolean; onCancel: () => void; onConfirm: () => void }) {
  const t = useT();
  const ids = { title: useId(), text: useId() };
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const open = (element: HTMLDialogElement | null) => {
    dialog.current = element;
    if (element !== null && !element.open) {
      element.showModal();
      // The safe choice first.
      cancel.current?.focus();
    }
  };
  return (
    <dialog ref={open} className="confirm-dialog" aria-labelledby={ids.title} aria-describedby={ids.text}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}>
      <h2 id={ids.title}>{t('console.close.confirmTitle')}</h2>
      <p id={ids.text}>{t('console.close.confirmText')}</p>
      <div className="form-actions">
        <button type="button" ref={cancel} onClick={onCancel}>{t('common.cancel')}</button>
        <button type="button" className="danger-solid" disabled={pending} onClick={onConfirm}>{t('console.close.confirm')}</button>
      </div>
    </dialog>
  );
}
