import type { CarriedOverItem } from '@concerto/contract';

import { useT } from '../i18n/index.js';
import { CarriedOverBlock } from './CarriedOverBlock.js';

/**
 * On a phone the side panel is a sheet opened on demand, so this board's carried-over axis
 * would hide behind « Idées clés ». Here it sits at the top of the board, folded to one short
 * line (« Concertation précédente · 10 votes ») and opened in place. Wide screens never show
 * it: their side panel is always open. A board with a read-only zone
 * shows it there instead (ZoneSections); this stays for boards without one (« Libre »).
 */
export function CarriedOverPhone({ items }: { items: readonly CarriedOverItem[] | undefined }) {
  const t = useT();
  if (items === undefined || items.length === 0) return null;
  const votes = items.reduce((sum, item) => sum + item.votes, 0);
  return (
    <details className="carried-over-phone">
      <summary>{t('carriedOver.phoneSummary', { votes })}</summary>
      {/* focusable so a long axis can be scrolled by keyboard too */}
      <div className="carried-over-phone-body" tabIndex={0}>
        <CarriedOverBlock items={items} />
      </div>
    </details>
  );
}
