import type { Phase } from '@concerto/board';

import { useT } from '../i18n/index.js';
import type { MessageId } from '../i18n/index.js';

export function phaseName(phase: Phase): MessageId {
  return `phase.name.${phase}`;
}

function phaseHint(phase: Phase): MessageId {
  return `phase.hint.${phase}`;
}

/**
 * One short sentence under the canvas header saying what the group is asked to do now
 * (« Étape : regroupez les notes… »), so a person who joins late knows where things are.
 */
export function PhaseHint({ phase, keyIdeaLimit }: { phase: Phase | null; keyIdeaLimit: number }) {
  const t = useT();
  if (phase === null) return null;
  return (
    <p className={`phase-hint phase-hint--${phase}`}>
      <strong>{t('phase.step', { name: t(phaseName(phase)) })}</strong> {t(phaseHint(phase), { limit: keyIdeaLimit })}
    </p>
  );
}
