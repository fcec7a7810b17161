/**
 * A worker thread that renders exports, so a server's event loop keeps relaying while a
 * compte-rendu is drawn (a 10 × 50 PDF takes seconds of CPU). One message in, one out:
 * `{ id, format, content, exportedAt }` → `{ id, ok: true, body }` or `{ id, ok: false, message }`.
 * The caller reads the rooms' stored rows (it owns storage and drains its live rooms first);
 * building each room's document from them and rendering happen here (`stored.ts`).
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { renderJson } from './archive.js';
import type { ExportFormat } from './filename.js';
import { renderMarkdown } from './markdown.js';
import { renderPdf } from './pdf/render.js';
import { renderRoadmapJson } from './roadmap/archive.js';
import { renderRoadmapMarkdown } from './roadmap/markdown.js';
import { renderRoadmapPdf } from './roadmap/pdf.js';
import { contentFromStored, programmeFromStored } from './stored.js';
import type { StoredProgrammeContent, StoredSessionContent } from './stored.js';

/** A session's compte-rendu (`content`), or a démarche's roadmap (`roadmap`, issue 11 §5). */
export type RenderRequest = { id: number; format: ExportFormat; exportedAt: number } & (
  | { content: StoredSessionContent; roadmap?: undefined }
  | { roadmap: StoredProgrammeContent; content?: undefined }
);

export type RenderResponse = { id: number; ok: true; body: Uint8Array | string } | { id: number; ok: false; message: string };

async function render(request: RenderRequest): Promise<Uint8Array | string> {
  const options = { exportedAt: request.exportedAt };
  if (request.roadmap !== undefined) {
    const roadmap = programmeFromStored(request.roadmap);
    switch (request.format) {
      case 'pdf':
        return renderRoadmapPdf(roadmap, options);
      case 'md':
        return renderRoadmapMarkdown(roadmap, options);
      case 'json':
        return renderRoadmapJson(roadmap, options);
    }
  }
  const content = contentFromStored(request.content);
  switch (request.format) {
    case 'pdf':
      return renderPdf(content, options);
    case 'md':
      return renderMarkdown(content, options);
    case 'json':
      return renderJson(content, options);
  }
}

/**
 * `workerData.niceness`: the thread yields the CPU to its process's other threads. On Linux a
 * nice value belongs to a thread, and `setPriority` without a pid sets the calling one's; so
 * the server's event loop keeps its core while a PDF is drawn on a busy machine, and the PDF
 * takes the CPU that is left. Elsewhere it would lower the whole process: not done there.
 */
const niceness = (workerData as { niceness?: unknown } | null)?.niceness;
if (typeof niceness === 'number' && process.platform === 'linux') {
  try {
    setPriority(niceness);
  } catch {
    // not allowed (a sandbox): the export still works, at the same priority as the server
  }
}

const port = parentPort;
if (port !== null) {
  port.on('message', (request: RenderRequest) => {
    render(request).then(
      (body) => {
        const response: RenderResponse = { id: request.id, ok: true, body };
        // The PDF's bytes move to the caller rather than being copied, unless they share a
        // buffer with something else (Node's pool for small Buffers): that would detach it.
        const own = typeof body !== 'string' && body.byteOffset === 0 && body.byteLength === body.buffer.byteLength;
        port.postMessage(response, own ? [body.buffer as ArrayBuffer] : []);
      },
      (err: unknown) => {
        const response: RenderResponse = { id: request.id, ok: false, message: err instanceof Error ? err.message : String(err) };
        port.postMessage(response);
      },
    );
  });
}
