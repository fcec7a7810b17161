import type { GroupDescription } from '@concerto/contract';

import { useT } from '../i18n/index.js';

export interface PushResult {
  pushes: readonly { groupId: string }[];
  skipped: readonly string[];
}

/**
 * What a « Partager » from the console did: how many groups were shared, and which had nothing
 * written (they are left as they were, so the plenary and the report do not count them).
 */
export function PushOutcome({ result, groups }: { result: PushResult | null; groups: readonly GroupDescription[] }) {
  const t = useT();
  if (result === null) return null;
  const names = result.skipped.map((id) => groups.find((g) => g.id === id)?.name ?? id).join(', ');
  return (
    <p className="push-outcome" role="status">
      {result.pushes.length > 0
        ? t('console.push.done', { count: result.pushes.length })
        : t('console.push.none')}
      {result.skipped.length > 0 && <> {t('console.push.skipped', { count: result.skipped.length, groups: names })}</>}
    </p>
  );
}
