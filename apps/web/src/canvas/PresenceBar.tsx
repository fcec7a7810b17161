import { useT } from '../i18n/index.js';
import { usePeers } from '../sync/usePresence.js';
import { useCanvas } from './roomContext.js';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return (parts.length > 1 ? `${parts[0]?.[0] ?? ''}${parts[1]?.[0] ?? ''}` : name.slice(0, 2)).toUpperCase();
}

/** Who is here now: the others in this group, and you. */
export function PresenceBar({ name, onRename }: { name: string; onRename: () => void }) {
  const { room, readOnly } = useCanvas();
  const t = useT();
  const peers = usePeers(room.presence);
  const shown = peers.slice(0, 6);
  return (
    <div className="presence">
      <h2 className="sr-only">{t('presence.title')}</h2>
      <ul className="presence-list" aria-label={t('presence.count', { count: peers.length + (readOnly && !name ? 0 : 1) })}>
        {name !== '' && (
          <li className="avatar avatar--self" style={{ background: room.presence.selfColor }} title={t('presence.you', { name })}>
            <span aria-hidden="true">{initials(name)}</span>
            <span className="sr-only">{t('presence.you', { name })}</span>
          </li>
        )}
        {shown.map((peer) => (
          <li key={peer.clientId} className="avatar" style={{ background: peer.color }} title={peer.name}>
            <span aria-hidden="true">{initials(peer.name)}</span>
            <span className="sr-only">{peer.name}</span>
          </li>
        ))}
        {peers.length > shown.length && (
          <li className="avatar avatar--more" title={peers.slice(shown.length).map((p) => p.name).join(', ')}>
            +{peers.length - shown.length}
            <span className="sr-only">{peers.slice(shown.length).map((p) => p.name).join(', ')}</span>
          </li>
        )}
      </ul>
      {!readOnly && name !== '' && (
        <button type="button" className="link-button" onClick={onRename}>{t('presence.rename')}</button>
      )}
    </div>
  );
}
