import { useId } from 'react';
import type { CarriedOverItem } from '@concerto/contract';

import { useT } from '../i18n/index.js';
import { provenanceText } from './provenance.js';
import '../styles/carriedOver.css';

/**
 * What a session took over from earlier ones of its programme (issue 11 §3): each consolidated
 * theme with its votes by territory and the themes it came from. Read-only and set apart (its
 * own frame and colour) so nobody takes it for notes of this session. A board with a read-only
 * zone (« Ce qui a été identifié en concertation précédente ») shows it there (`inZone`: the
 * zone's heading is its title); the console, and boards without such a zone, here.
 */
export function CarriedOverBlock({ items, inZone = false }: { items: readonly CarriedOverItem[] | undefined; inZone?: boolean }) {
  const t = useT();
  const titleId = useId();
  if (items === undefined || items.length === 0) return null;
  const list = (
    <ul className="carried-over-list">
      {items.map((item, index) => (
        <li key={`${item.groupId ?? ''}:${index}`} className="carried-over-item">
          <p className="carried-over-title">{item.title}</p>
          <p className="carried-over-votes">{provenanceText(t, item.votes, item.byTerritory)}</p>
          <p className="carried-over-from">
            {t('carriedOver.from', {
              sources: item.source.themes.map((s) => t('programme.source', { label: s.label, territory: s.territory, votes: s.votes })).join('\u202f; '),
            })}
          </p>
        </li>
      ))}
    </ul>
  );
  // The read-only zone already says its content is carried over and not editable: saying it
  // again right below read as a stutter.
  if (inZone) return <div className="carried-over carried-over--zone">{list}</div>;
  return (
    <section className="carried-over" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('carriedOver.title')}</h2>
      <p className="hint">{t('carriedOver.readOnly')}</p>
      {list}
    </section>
  );
}

/** The carried-over axis of one board (its `groupId`), as the session describes it. */
export function carriedOverOf(carriedOver: readonly CarriedOverItem[] | undefined, groupId: string): CarriedOverItem[] {
  return carriedOver?.filter((item) => item.groupId === groupId) ?? [];
}
