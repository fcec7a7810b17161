import { useT } from '../i18n/index.js';
import { useStorageNotice } from '../sync/storageNotice.js';

/**
 * Issue 10 item 9: the server cannot store for now, so nothing typed reaches the others; it
 * stays on this device and leaves once storage is back, which is then said briefly. A polite
 * live region that is always there (a region that appears with its text is not always read),
 * empty while all is well; in the page's flow, so it moves the board down rather than cover
 * the note being typed.
 */
export function StorageBanner() {
  const t = useT();
  const notice = useStorageNotice();
  return (
    <div className={`storage-banner storage-banner--${notice}`} role="status">
      {notice !== 'ok' && <p>{t(notice === 'suspended' ? 'storage.suspended' : 'storage.restored')}</p>}
    </div>
  );
}
