import { useId } from 'react';
import type { CarriedOverItem } from '@concerto/contract';

import { useT } from '../i18n/index.js';
import { provenanceText } from './provenance.js';
import '../styles/carriedOver.css';

/**
 * What a session took over from earlier ones of its programme (issue 11 §3): each consolidated
 * theme with its votes by territory and the themes it came from. Read-only and set apart (its
 * own frame and colour) so nobody takes it for notes of this session. The zones of a board
 * will show it as their « previous concertation » zone; until then the console and each
 * group's board show it here.
 */
export function CarriedOverBlock({ items }: { items: readonly CarriedOverItem[] | undefined }) {
  const t = useT();
  const titleId = useId();
  if (items === undefined || items.length === 0) return null;
  return (
    <section className="carried-over" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('carriedOver.title')}</h2>
      <p className="hint">{t('carriedOver.readOnly')}</p>
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
    </section>
  );
}
