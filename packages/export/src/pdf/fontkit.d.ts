// The part of fontkit (pdfkit's own font engine) this package uses: a font's character map.
declare module 'fontkit' {
  export interface Font {
    characterSet: number[];
  }
  export function create(buffer: Buffer): Font;
}
