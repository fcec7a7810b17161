import { ApiError } from '../api/client.js';

/*
 * The archive endpoints (docs/contract.md, issue 5). The facilitator's token travels as a
 * header, so a plain link cannot download the file: it is fetched, then handed to the browser
 * as a file through an object URL.
 */

export type ArchiveFormat = 'pdf' | 'md' | 'json';

function path(sessionId: string, rest: string): string {
  return `/api/sessions/${encodeURIComponent(sessionId)}/${rest}`;
}

async function failure(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  return new ApiError(response.status, body?.error?.code ?? 'internal', body?.error?.message ?? response.statusText);
}

/** The file name the server suggests (Content-Disposition), else a plain one. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (star?.[1] !== undefined) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall through
    }
  }
  const plain = /filename="([^"]+)"/i.exec(disposition ?? '');
  return plain?.[1] ?? fallback;
}

export async function downloadArchive(sessionId: string, token: string, format: ArchiveFormat): Promise<string> {
  return downloadFile(path(sessionId, `export.${format}`), token, `compte-rendu.${format}`);
}

/** A démarche's roadmap (« feuille de route », issue 11 §5), with the programme's token. */
export async function downloadRoadmap(programmeId: string, token: string, format: ArchiveFormat): Promise<string> {
  return downloadFile(`/api/programmes/${encodeURIComponent(programmeId)}/export.${format}`, token, `feuille-de-route.${format}`);
}

/** Fetches an export with the token as a header and hands it to the browser as a file; returns its name. */
async function downloadFile(url: string, token: string, fallbackName: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  } catch (err) {
    throw new ApiError(0, 'network', (err as Error).message);
  }
  if (!response.ok) throw await failure(response);
  const blob = await response.blob();
  const name = fileNameOf(response.headers.get('Content-Disposition'), fallbackName);
  const objectUrl = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = objectUrl;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The browser has started the download; the URL can go a moment later.
  setTimeout(() => URL.revokeObjectURL(objectUrl), 10_000);
  return name;
}

export async function closeSession(sessionId: string, token: string): Promise<{ closedAt: number }> {
  let response: Response;
  try {
    response = await fetch(path(sessionId, 'close'), {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
  } catch (err) {
    throw new ApiError(0, 'network', (err as Error).message);
  }
  if (!response.ok) throw await failure(response);
  return (await response.json()) as { closedAt: number };
}
