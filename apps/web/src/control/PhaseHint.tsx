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
export function PhaseHint({ phase, keyIdeaLimit, zoned = false }: { phase: Phase | null; keyIdeaLimit: number; zoned?: boolean }) {
  const t = useT();
  if (phase === null) return null;
  // A zoned board counts key ideas per zone: the sum of its limits would read as a target.
  const hint = zoned && phase === 'keyIdeas' ? t('zone.phaseHintKeyIdeas') : t(phaseHint(phase), { limit: keyIdeaLimit });
  return (
    <p className={`phase-hint phase-hint--${phase}`}>
      <strong>{t('phase.step', { name: t(phaseName(phase)) })}</strong> {hint}
    </p>
  );
}
