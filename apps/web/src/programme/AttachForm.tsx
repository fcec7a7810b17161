import { useId, useState } from 'react';
import type { ProgrammeDescription } from '@concerto/contract';

import { programmeApi } from '../api/client.js';
import { useT } from '../i18n/index.js';

/** A session's facilitator link, `…/s/<id>/facilitate#token=…`, read into its id and token. */
export function parseFacilitatorLink(link: string): { sessionId: string; sessionToken: string } | null {
  const match = /\/s\/([^/#?]+)\/facilitate\/?(?:\?[^#]*)?#(?:.*&)?token=([^&]+)/.exec(link.trim());
  if (match === null) return null;
  try {
    return { sessionId: decodeURIComponent(match[1]!), sessionToken: decodeURIComponent(match[2]!) };
  } catch {
    return null;
  }
}

/**
 * « Rattacher une séance »: pasting a session's facilitator link (the server wants that
 * session's facilitator token besides the programme's) and naming its territory.
 */
export function AttachForm({ programmeId, token, onAttached }: {
  programmeId: string;
  token: string;
  onAttached: (programme: ProgrammeDescription, territory: string) => void;
}) {
  const t = useT();
  const linkId = useId();
  const territoryId = useId();
  const [link, setLink] = useState('');
  const [territory, setTerritory] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <details className="attach-session">
      <summary>{t('programme.attach.title')}</summary>
      <form onSubmit={(event) => {
        event.preventDefault();
        const parsed = parseFacilitatorLink(link);
        if (parsed === null) return setError(t('programme.attach.bad'));
        setError(null);
        const chosen = territory.trim();
        programmeApi.attach(programmeId, token, { ...parsed, territory: chosen }).then((next) => {
          setLink('');
          setTerritory('');
          onAttached(next, chosen);
        }, (err: unknown) => setError(t('programme.error.save', { message: err instanceof Error ? err.message : String(err) })));
      }}>
        <label htmlFor={linkId}>{t('programme.attach.link')}</label>
        <input id={linkId} required value={link} onChange={(event) => setLink(event.target.value)} autoComplete="off" />
        <label htmlFor={territoryId}>{t('programme.attach.territory')}</label>
        <input id={territoryId} required maxLength={60} value={territory} onChange={(event) => setTerritory(event.target.value)} />
        <button type="submit">{t('programme.attach.submit')}</button>
      </form>
      {error !== null && <p role="alert">{error}</p>}
    </details>
  );
}
