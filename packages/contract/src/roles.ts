export const ROLES = ['facilitator', 'participant', 'projector'] as const;
export type Role = (typeof ROLES)[number];

/** The room every session has besides its group canvases. */
export const PLENARY_ROOM = 'plenary';

/** The room for the whole assembly, last of every session's groups (WORDING.md « the main room »). */
export const MAIN_ROOM_NAME = 'Salle principale';

export const DEFAULT_GROUP_NAMES: readonly string[] = [
  'Groupe 1', 'Groupe 2', 'Groupe 3', 'Groupe 4', 'Groupe 5',
  'Groupe 6', 'Groupe 7', 'Groupe 8', 'Groupe 9', MAIN_ROOM_NAME,
];

/**
 * A group id from its name: lower case, accents dropped, runs of other
 * characters turned into one dash ("Salle principale" → "salle-principale").
 */
export function groupIdFromName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  return slug === '' || slug === PLENARY_ROOM ? `groupe-${slug || 'x'}` : slug;
}
