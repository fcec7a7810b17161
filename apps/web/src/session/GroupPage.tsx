import { useEffect, useState } from 'react';
import type { SessionDescription } from '@concerto/contract';

import { ApiError, fetchSession } from '../api/client.js';
import CanvasPage from '../canvas/CanvasPage.js';
import type { ReadOnlyReason } from '../canvas/roomContext.js';
import { useT } from '../i18n/index.js';
import { LinkProblem } from './LinkProblem.js';
import type { LinkProblemReason } from './LinkProblem.js';
import { NameForm } from './NameForm.js';
import { loadCached, loadName, saveCached, saveName, takeToken } from './storage.js';

type Loaded = { status: 'loading' } | { status: 'ready'; session: SessionDescription } | { status: 'failed'; reason: LinkProblemReason };

function reasonOf(err: unknown): LinkProblemReason {
  if (err instanceof ApiError && (err.status === 401 || err.status === 403)) return 'invalid-link';
  if (err instanceof ApiError && err.status === 404) return 'not-found';
  return 'unreachable';
}

/** What a role may do on this group's canvas; `locked` will come from the session. */
export function readOnlyReasonOf(session: SessionDescription, groupId: string, locked = false): ReadOnlyReason {
  if (session.you.role === 'projector') return 'projector';
  if (session.you.role === 'participant' && session.you.groupId !== groupId) return 'other-group';
  return locked ? 'locked' : null;
}

/**
 * Joining a group from the link in the breakout room's chat: the token from the fragment, the
 * session's description (the last one known when offline), the display name once per device.
 */
export default function GroupPage({ sessionId, groupId }: { sessionId: string; groupId: string }) {
  const t = useT();
  const [token, setToken] = useState(() => takeToken(sessionId, groupId));
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [name, setName] = useState(loadName);
  const [renaming, setRenaming] = useState(false);
  const [attempt, setAttempt] = useState(0);

  // A new link pasted into the same tab changes only the fragment: take its token.
  useEffect(() => {
    const onHash = () => {
      if (!window.location.hash.includes('token=')) return;
      setToken(takeToken(sessionId, groupId));
      setLoaded({ status: 'loading' });
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [sessionId, groupId]);

  useEffect(() => {
    if (token === null) return;
    let cancelled = false;
    const cacheKey = `session:${sessionId}:${groupId}`;
    fetchSession(sessionId, token).then(
      (session) => {
        saveCached(cacheKey, session);
        if (!cancelled) setLoaded({ status: 'ready', session });
      },
      (err: unknown) => {
        if (cancelled) return;
        const reason = reasonOf(err);
        const cached = reason === 'unreachable' ? loadCached<SessionDescription>(cacheKey) : null;
        setLoaded(cached !== null ? { status: 'ready', session: cached } : { status: 'failed', reason });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [sessionId, groupId, token, attempt]);

  if (token === null) return <LinkProblem reason="no-token" />;
  if (loaded.status === 'loading') return <p className="loading" role="status">{t('common.loading')}</p>;
  if (loaded.status === 'failed') {
    const retry = loaded.reason === 'unreachable' ? () => setAttempt((n) => n + 1) : undefined;
    return <LinkProblem reason={loaded.reason} onRetry={retry} />;
  }
  const { session } = loaded;
  const group = session.groups.find((g) => g.id === groupId);
  if (group === undefined) return <LinkProblem reason="not-found" />;
  const readOnlyReason = readOnlyReasonOf(session, groupId);
  const needsName = session.you.role !== 'projector';
  if (needsName && (name === '' || renaming)) {
    return (
      <NameForm
        title={session.title}
        groupName={group.name}
        initial={name}
        onCancel={renaming ? () => setRenaming(false) : undefined}
        onSubmit={(chosen) => {
          saveName(chosen);
          setName(chosen);
          setRenaming(false);
        }}
      />
    );
  }
  return (
    <CanvasPage
      key={token}
      session={session}
      groupId={groupId}
      token={token}
      name={needsName ? name : ''}
      onRename={() => setRenaming(true)}
      readOnlyReason={readOnlyReason}
    />
  );
}
