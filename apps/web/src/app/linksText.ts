/*
 * « Copier tous les liens »: text ready to paste in the video call's chat, one group per line
 * (« Groupe 1 : https://… »), with French typography in French (a no-break space before the
 * colon, so the name never ends a line alone).
 */

export interface NamedLink {
  name: string;
  url: string;
}

export function linkLine(link: NamedLink, locale: 'fr' | 'en'): string {
  return locale === 'fr' ? `${link.name}\u00a0: ${link.url}` : `${link.name}: ${link.url}`;
}

export function allLinksText(links: readonly NamedLink[], locale: 'fr' | 'en'): string {
  return links.map((link) => linkLine(link, locale)).join('\n');
}

/** Links from the server may be relative (no PUBLIC_URL): made absolute for pasting elsewhere. */
export function absoluteUrl(url: string, origin: string): string {
  try {
    return new URL(url, origin).toString();
  } catch {
    return url;
  }
}
