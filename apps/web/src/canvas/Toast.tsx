import { useEffect, useRef } from 'react';

import { useT } from '../i18n/index.js';

export interface ToastMessage {
  key: number;
  message: string;
  undoable: boolean;
}

const TOAST_MS = 10_000;

/**
 * A short message at the bottom of the canvas (« Note supprimée. Annuler »). It stays ten
 * seconds; if the focus was lost with the deleted note, it takes the focus so the keyboard
 * user can undo at once.
 */
export function Toast({ toast, onUndo, onClose }: { toast: ToastMessage | null; onUndo: () => void; onClose: () => void }) {
  const t = useT();
  const undoButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (toast === null) return;
    const active = document.activeElement;
    if (toast.undoable && (active === null || active === document.body)) undoButton.current?.focus({ preventScroll: true });
    const timer = setTimeout(onClose, TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast, onClose]);
  return (
    <div className="toast-region" role="status">
      {toast !== null && (
        <div className="toast" key={toast.key}>
          <span>{toast.message}</span>
          {toast.undoable && (
            <button ref={undoButton} type="button" onClick={() => {
              onUndo();
              onClose();
            }}>
              {t('toolbar.undo')}
            </button>
          )}
          <button type="button" className="icon-button" aria-label={t('common.close')} onClick={onClose}>×</button>
        </div>
      )}
    </div>
  );
}
