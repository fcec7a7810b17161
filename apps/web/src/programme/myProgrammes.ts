import { deviceList } from '../app/deviceList.js';

/*
 * « Mes démarches »: the programmes opened on this device with their link, so the facilitator
 * finds them again from the home page (the programme's link is its only key). Remembered each
 * time the programme page opens with a link the server accepts, so its title stays current.
 */

export interface SavedProgramme {
  id: string;
  title: string;
  savedAt: number;
  /** the programme's page with its token (`/p/<id>#token=…`) */
  link: string;
}

function isSaved(value: unknown): value is SavedProgramme {
  const v = value as SavedProgramme | null;
  return typeof v === 'object' && v !== null && typeof v.id === 'string' && typeof v.title === 'string' && typeof v.link === 'string';
}

const list = deviceList('concerto:my-programmes', isSaved);

export const loadMyProgrammes = (storage?: Storage | null): SavedProgramme[] => list.load(storage);

export function rememberProgramme(programme: { id: string; title: string }, link: string, now = Date.now(), storage?: Storage | null): SavedProgramme {
  return list.remember({ id: programme.id, title: programme.title, savedAt: now, link }, storage);
}

export const forgetProgramme = (id: string, storage?: Storage | null): void => list.forget(id, storage);
