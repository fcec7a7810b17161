import { memo, useId, useState } from 'react';
import type { PlenaryGroup, ZoneKeyIdeaCount } from '@concerto/board';
import type { GroupDescription } from '@concerto/contract';

import { control } from '../api/client.js';
import { useLocale } from '../app/I18nProvider.js';
import { formatClock, useT } from '../i18n/index.js';
import { ActionError } from './ActionError.js';
import { PushOutcome } from './PushOutcome.js';
import type { PushResult } from './PushOutcome.js';
import type { GroupWatch } from './groupWatch.js';
import { Thumbnail } from './Thumbnail.js';
import { useAction } from './useAction.js';
import { useGroupSummary } from './useGroupWatches.js';

export interface GroupCardProps {
  sessionId: string;
  token: string;
  group: GroupDescription;
  watch: GroupWatch | undefined;
  keyIdeaLimit: number;
  locked: boolean;
  closed: boolean;
  /** what the group last shared in the plenary */
  shared: PlenaryGroup | undefined;
  offsetMs: number;
}

/**
 * One group at a glance: who is there, how far the board is (notes, regroupements, key ideas
 * n/limit, or per zone on a zoned board), whether its key ideas were shared and when, a live thumbnail; and what the
 * facilitator can do to it: open its canvas, lock it, share its key ideas.
 */
export const GroupCard = memo(function GroupCard(props: GroupCardProps) {
  const { sessionId, token, group, watch, keyIdeaLimit, locked, closed, shared, offsetMs } = props;
  const t = useT();
  const { locale } = useLocale();
  const summary = useGroupSummary(watch);
  const titleId = useId();
  const lock = useAction();
  const push = useAction();
  const [pushed, setPushed] = useState<PushResult | null>(null);
  const href = `/s/${encodeURIComponent(sessionId)}/${encodeURIComponent(group.id)}#token=${encodeURIComponent(token)}`;
  const sharedAt = shared?.pushedAt ?? null;

  return (
    <article className={`group-card${locked ? ' group-card--locked' : ''}`} aria-labelledby={titleId}>
      <header className="group-card-header">
        <h3 id={titleId}>{group.name}</h3>
        {locked && <span className="badge badge--locked">{t('console.group.locked')}</span>}
      </header>
      <Thumbnail data={summary.thumbnail} />
      <dl className="group-facts">
        <div>
          <dt>{t('console.group.present')}</dt>
          <dd className="group-present" title={summary.present.join(', ')}>
            {summary.present.length}
            {summary.present.length > 0 && <span className="group-people"> · {summary.present.join(', ')}</span>}
          </dd>
        </div>
        <div><dt>{t('console.group.notes')}</dt><dd>{summary.synced ? summary.notes : '…'}</dd></div>
        <div><dt>{t('console.group.clusters')}</dt><dd>{summary.synced ? summary.clusters : '…'}</dd></div>
        <div>
          <dt>{t('console.group.keyIdeas')}</dt>
          <dd>
            {!summary.synced ? '…'
              : summary.keyIdeaZones.length === 0 ? t('console.group.keyIdeasCount', { count: summary.keyIdeas, limit: keyIdeaLimit })
              : <ZonedKeyIdeas count={summary.keyIdeas} zones={summary.keyIdeaZones} />}
          </dd>
        </div>
        {summary.sheets > 0 && (
          <div><dt>{t('sheets.console.count')}</dt><dd>{summary.sheets}</dd></div>
        )}
        <div>
          <dt>{t('console.group.shared')}</dt>
          <dd className={sharedAt !== null ? 'shared-yes' : 'shared-no'}>
            {sharedAt !== null
              ? t('console.group.sharedAt', { time: formatClock(sharedAt - offsetMs, locale), count: shared?.keyIdeas.length ?? 0 })
              : t('console.group.notShared')}
          </dd>
        </div>
      </dl>
      {summary.connection === 'offline' && <p className="hint">{t('console.group.offline')}</p>}
      <div className="group-actions">
        <a className="button-link" href={href} target="_blank" rel="noopener">
          {t('console.group.open')}<span className="sr-only"> {group.name} {t('console.newTab')}</span>
        </a>
        <button type="button" disabled={closed || lock.pending}
          onClick={() => void lock.run(() => control.lock(sessionId, token, [group.id], !locked))}>
          {t(locked ? 'console.group.unlock' : 'console.group.lock')}<span className="sr-only"> {group.name}</span>
        </button>
        <button type="button" disabled={closed || push.pending}
          onClick={() => void push.run(async () => setPushed(await control.pushAll(sessionId, token, [group.id])))}>
          {t('console.group.push')}<span className="sr-only"> {group.name}</span>
        </button>
      </div>
      <PushOutcome result={pushed} groups={[group]} />
      <ActionError problem={lock.problem ?? push.problem} />
    </article>
  );
});

/**
 * A zoned board's key ideas on a card: how many, then the zones that have some with their own
 * limit (« Actions prioritaires : 1 sur 4 »). Never the sum of the zones' limits (« 1 sur 11 »
 * promised a total no group works towards); the zones still empty are left out so that ten cards
 * stay short to scan — the board's panel lists every zone.
 */
function ZonedKeyIdeas({ count, zones }: { count: number; zones: readonly ZoneKeyIdeaCount[] }) {
  const t = useT();
  const started = zones.filter((zone) => zone.count > 0);
  return (
    <>
      {count}
      {started.length > 0 && (
        <ul className="group-zone-counts">
          {started.map((zone) => (
            <li key={zone.id} className={zone.count >= zone.limit ? 'group-zone-count--full' : undefined}>
              {t('zone.keyIdeasCount', { name: zone.title, count: zone.count, limit: zone.limit })}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
