import { useState } from 'react';
import type { GroupDescription } from '@concerto/contract';

import { control } from '../api/client.js';
import { useT } from '../i18n/index.js';
import { ActionError } from './ActionError.js';
import { PushOutcome } from './PushOutcome.js';
import type { PushResult } from './PushOutcome.js';
import { useAction } from './useAction.js';

/** What the facilitator does to every group at once: lock, unlock, share all key ideas. */
export function GroupsToolbar({ sessionId, token, lockedCount, groups, disabled }: {
  sessionId: string;
  groups: readonly GroupDescription[];
  token: string;
  lockedCount: number;
  disabled: boolean;
}) {
  const t = useT();
  const action = useAction();
  const [pushed, setPushed] = useState<PushResult | null>(null);
  const groupCount = groups.length;
  return (
    <div className="groups-toolbar">
      <p className="console-current">{t('console.groups.lockedCount', { count: lockedCount, total: groupCount })}</p>
      <div className="button-row">
        <button type="button" disabled={disabled || action.pending || lockedCount === groupCount}
          onClick={() => void action.run(() => control.lock(sessionId, token, 'all', true))}>
          {t('console.groups.lockAll')}
        </button>
        <button type="button" disabled={disabled || action.pending || lockedCount === 0}
          onClick={() => void action.run(() => control.lock(sessionId, token, 'all', false))}>
          {t('console.groups.unlockAll')}
        </button>
        <button type="button" disabled={disabled || action.pending}
          onClick={() => void action.run(async () => setPushed(await control.pushAll(sessionId, token)))}>
          {t('console.groups.pushAll')}
        </button>
      </div>
      <PushOutcome result={pushed} groups={groups} />
      <ActionError problem={action.problem} />
    </div>
  );
}
