import { useIntl } from 'react-intl';

import { useCanvas } from '../canvas/roomContext.js';
import { useT } from '../i18n/index.js';
import { groupInSentence, rotatingGroupName } from './rotation.js';

/**
 * Where a note came from in a session by theme, discreetly: « Tour 2 · Groupe B » on the note,
 * « ajouté au tour 2 par le groupe B » for screen readers. Nothing for other notes.
 */
export function NoteOriginLabel({ round, group }: { round?: number; group?: string }) {
  const { session } = useCanvas();
  const t = useT();
  const { locale } = useIntl();
  const name = group === undefined ? null : rotatingGroupName(session, group);
  if (round === undefined) {
    // Written by a rotating group before the first round started (board R30): no round to say.
    if (name === null) return null;
    return (
      <>
        <span aria-hidden="true" className="note-origin">{t('rotation.originShortBefore', { group: name })}</span>
        <span className="sr-only">{`. ${t('rotation.originBefore', { group: groupInSentence(name, locale) })}`}</span>
      </>
    );
  }
  return (
    <>
      <span aria-hidden="true" className="note-origin">
        {name === null ? t('rotation.originShortRound', { round }) : t('rotation.originShort', { round, group: name })}
      </span>
      <span className="sr-only">
        {`. ${name === null ? t('rotation.originRound', { round }) : t('rotation.origin', { round, group: groupInSentence(name, locale) })}`}
      </span>
    </>
  );
}
