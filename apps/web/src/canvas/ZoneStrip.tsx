import { useSyncExternalStore } from 'react';

import { useT } from '../i18n/index.js';
import { useZones } from '../sync/hooks.js';
import { showZone, zonesInView } from './placement.js';
import { useCanvas } from './roomContext.js';

/**
 * « Zones : Ce qui a été identifié… · Enjeux (4) · Objectifs (2) · … » over the top of a zoned
 * board's canvas, on a computer. Five columns side by side do not fit a laptop at a readable
 * zoom (at 70 % a 1280 × 800 screen showed the carried-over column and half of « Enjeux »): a
 * group arriving at a new round did not see what the previous group wrote further right. Each
 * zone is named here, with how many notes it holds, and one click, tap or Enter brings it on
 * screen, readable (`showZone`). The zones in view are marked, so people see where they are.
 * The phone has its own sections instead (ZoneSections); the strip is a `.toolbar-group`, so
 * fitting keeps clear of it (Canvas's measureInsets).
 */
export function ZoneStrip() {
  const zones = useZones();
  const t = useT();
  const { room, viewport, announce } = useCanvas();
  const counts = useSyncExternalStore(room.store.subscribeZoneCounts, room.store.getZoneCounts);
  // A string, so panning re-renders the strip only when the set of zones in view changes.
  const inView = useSyncExternalStore(viewport.subscribe, () => zonesInView(zones, viewport.shownWorld()).join(' '));
  if (zones.length === 0) return null;
  const shown = new Set(inView.split(' '));
  return (
    <nav className="toolbar-group zone-strip wide-only" aria-label={t('zone.strip')}>
      <span className="zone-strip-label" aria-hidden="true">{t('zone.strip.label')}</span>
      <ul className="zone-strip-list">
        {zones.map((zone) => {
          const count = counts[zone.id] ?? 0;
          return (
            <li key={zone.id}>
              <button
                type="button"
                className={`zone-strip-button${shown.has(zone.id) ? ' zone-strip-button--shown' : ''}${zone.readOnly ? ' zone-strip-button--readonly' : ''}`}
                data-zone={zone.id}
                title={zone.title}
                // Heard as « Enjeux, 2 notes » rather than « Enjeux parenthèse 2 »; it starts with what is seen.
                aria-label={zone.readOnly ? undefined : t('zone.strip.button', { name: zone.title, count })}
                onClick={() => {
                  showZone(viewport, room.store, zone.id);
                  announce(t('zone.shown', { name: zone.title, count }));
                }}
              >
                <span className="zone-strip-title">{zone.title}</span>
                {/* The carried-over zone holds no notes of the participants: no count. */}
                {!zone.readOnly && <span className="zone-strip-count">{`(${count})`}</span>}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
