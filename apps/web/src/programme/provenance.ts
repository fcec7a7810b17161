import type { TerritoryVotes } from '@concerto/contract';

import type { MessageId } from '../i18n/index.js';

type T = (id: MessageId, values?: Record<string, string | number>) => string;

/** « 12 votes : NORD 5, OUEST 4, SUD 3 »: the total, then each territory's share. */
export function provenanceText(t: T, votes: number, byTerritory: readonly TerritoryVotes[]): string {
  const detail = byTerritory.map((x) => t('programme.territoryVotes', { territory: x.territory, votes: x.votes })).join(', ');
  return t('programme.provenance', { votes, detail });
}
