import { useEffect, useState } from 'react';

import { useT } from '../i18n/index.js';
import { copyText } from './clipboard.js';

/**
 * « Copier » with a visible and spoken confirmation (« Lien copié »). When copying is refused,
 * it says so: the link stays on the page to select by hand.
 */
export function CopyButton({ text, label, ariaLabel, className = '' }: {
  text: string;
  label: string;
  /** a fuller name for screen readers when several « Copier » sit side by side (it starts with `label`) */
  ariaLabel?: string;
  className?: string;
}) {
  const t = useT();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 4000);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <span className={`copy ${className}`.trim()}>
      <button type="button" aria-label={ariaLabel} onClick={() => void copyText(text).then((ok) => setState(ok ? 'copied' : 'failed'))}>
        {label}
      </button>
      <span className={`copy-status copy-status--${state}`} role="status">
        {state === 'copied' ? t('links.copied') : state === 'failed' ? t('links.copyFailed') : ''}
      </span>
    </span>
  );
}
