import { useEffect, useId, useRef, useState } from 'react';
import type { KeyIdea } from '@concerto/board';
import type { PushResponse } from '@concerto/contract';
import { useIntl } from 'react-intl';

import { ApiError, pushKeyIdeas } from '../api/client.js';
import { formatClock, useT } from '../i18n/index.js';
import type { Locale } from '../i18n/index.js';
import { loadCached, saveCached } from '../session/storage.js';
import { useCanvas } from './roomContext.js';

/**
 * « Partager en plénière »: sends the group's key ideas to the plenary, then shows what was
 * shared and when (remembered on this device).
 */
export function PushToPlenary({ ideas }: { ideas: readonly KeyIdea[] }) {
  const { session, groupId, token, announce } = useCanvas();
  const t = useT();
  const intl = useIntl();
  const cacheKey = `push:${session.id}:${groupId}`;
  const [last, setLast] = useState<PushResponse | null>(() => loadCached<PushResponse>(cacheKey));
  const [state, setState] = useState<'idle' | 'sending' | 'error' | 'offline'>('idle');
  // Bumped by each share made here (not by the one remembered from an earlier visit), so the
  // confirmation is brought into view then: on a short screen it sits below the panel's fold.
  const [shared, setShared] = useState(0);
  const resultRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (shared > 0) resultRef.current?.scrollIntoView({ block: 'nearest' });
  }, [shared]);

  const push = async () => {
    setState('sending');
    try {
      const result = await pushKeyIdeas(session.id, groupId, token);
      setLast(result);
      saveCached(cacheKey, result);
      setState('idle');
      setShared((n) => n + 1);
      announce(t('push.done', { count: result.keyIdeas.length }));
    } catch (err) {
      const offline = err instanceof ApiError && err.status === 0;
      setState(offline ? 'offline' : 'error');
      announce(t(offline ? 'push.offline' : 'push.error'));
    }
  };

  const empty = ideas.every((idea) => idea.text.trim() === '');
  // Slots without text are not shared (the server leaves them out too): say which, before sharing.
  const blank = ideas.flatMap((idea, index) => (idea.text.trim() === '' ? [index + 1] : []));
  const hintId = useId();
  const positions = new Intl.ListFormat(intl.locale, { type: 'conjunction' }).format(blank.map(String));
  return (
    <div className="push">
      <button type="button" className="primary" onClick={push} disabled={state === 'sending' || empty}
        aria-describedby={blank.length > 0 ? hintId : undefined}>
        {t(state === 'sending' ? 'push.sending' : 'push.button')}
      </button>
      {empty && <p className="hint" id={hintId}>{t('push.emptyHint')}</p>}
      {!empty && blank.length > 0 && <p className="hint push-missing" id={hintId}>{t('push.emptyIdeas', { count: blank.length, positions })}</p>}
      {state === 'error' && <p className="error" role="alert">{t('push.error')}</p>}
      {state === 'offline' && <p className="error" role="alert">{t('push.offline')}</p>}
      {last !== null && (
        <div className="push-result" ref={resultRef}>
          <p>{t('push.last', { time: formatClock(last.pushedAt, intl.locale as Locale) })}</p>
          {last.keyIdeas.length === 0 ? (
            <p>{t('push.lastEmpty')}</p>
          ) : (
            <ol>
              {last.keyIdeas.map((idea, index) => <li key={index}>{idea.text}</li>)}
            </ol>
          )}
        </div>
      )}
    </div>
  );
}
