import { useT } from '../i18n/index.js';
import { FocusButton } from './FocusButton.js';
import { usePlenary } from './plenaryContext.js';
import { VoteControls } from './vote/VoteControls.js';

/** The facilitator's tools above the plenary: what the projectors show, projecting all, the vote (the projection itself opens from the header). */
export function FacilitatorBar() {
  const t = useT();
  const { session, view, actions } = usePlenary();
  const { focus } = view.control;
  const focusName = focus.kind === 'all'
    ? t('plenary.focus.allName')
    : focus.kind === 'group'
      ? session.groups.find((g) => g.id === focus.id)?.name ?? focus.id
      : view.plenary.themes.find((theme) => theme.id === focus.id)?.label || t('plenary.theme.untitled');
  return (
    <section className="facilitator-bar" aria-label={t('plenary.tools')}>
      <div className="facilitator-focus">
        <p className="focus-now">{t('plenary.focus.current', { name: focusName })}</p>
        <FocusButton focus={{ kind: 'all' }} name={t('plenary.focus.allName')} />
      </div>
      {actions !== null && <VoteControls />}
    </section>
  );
}
