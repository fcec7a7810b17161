/**
 * `@concerto/export` loaded on first use. The package's entry brings its PDF stack (pdfkit,
 * fontkit, the bundled fonts): about 14 MB of memory (RSS, measured with full GCs) that a
 * server holds for life although the API needs only its file names and the archive parser, and
 * only when someone exports or imports. Rendering itself runs on the export worker
 * (`exportQueue.ts`), which loads the package on its own.
 */
type ExportLib = typeof import('@concerto/export');

let loading: Promise<ExportLib> | null = null;

export function exportLib(): Promise<ExportLib> {
  loading ??= import('@concerto/export');
  return loading;
}
