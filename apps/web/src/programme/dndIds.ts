/** dnd-kit ids of the programme view: a theme dragged, a theme dropped onto. */
export const dragId = (themeId: string) => `drag:${themeId}`;
export const dropId = (themeId: string) => `drop:${themeId}`;

export function themeOfDnd(id: string | number): string | null {
  const text = String(id);
  const colon = text.indexOf(':');
  return colon < 0 ? null : text.slice(colon + 1);
}
