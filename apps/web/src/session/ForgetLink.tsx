import { useT } from '../i18n/index.js';
import { forgetSession } from './links.js';

/**
 * « Oublier ce lien sur cet appareil »: a shared computer (a library, a town hall) must not keep
 * someone's place in a session. The page then reloads without the link, and says to open it again.
 */
export function ForgetLink({ sessionId, withHint = false }: { sessionId: string; withHint?: boolean }) {
  const t = useT();
  return (
    <p className="forget-link">
      {withHint && <span className="hint">{t('link.kept')} </span>}
      <button type="button" className="link-button" onClick={() => {
        if (!window.confirm(t('link.forgetConfirm'))) return;
        forgetSession(sessionId);
        window.location.replace(window.location.pathname);
      }}>
        {t('link.forget')}
      </button>
    </p>
  );
}
