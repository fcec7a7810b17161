/**
 * A worker thread that renders exports, so a server's event loop keeps relaying while a
 * compte-rendu is drawn (a 10 × 50 PDF takes seconds of CPU). One message in, one out:
 * `{ id, format, content, exportedAt }` → `{ id, ok: true, body }` or `{ id, ok: false, message }`.
 * The caller gathers the content (it owns the documents); only the pure rendering happens here.
 */
import { parentPort } from 'node:worker_threads';
import { renderJson } from './archive.js';
import type { ExportFormat } from './filename.js';
import { renderMarkdown } from './markdown.js';
import { renderPdf } from './pdf/render.js';
import { renderRoadmapJson } from './roadmap/archive.js';
import { renderRoadmapMarkdown } from './roadmap/markdown.js';
import type { ProgrammeContent } from './roadmap/model.js';
import { renderRoadmapPdf } from './roadmap/pdf.js';
import type { SessionContent } from './types.js';

/** A session's compte-rendu (`content`), or a démarche's roadmap (`roadmap`, issue 11 §5). */
export type RenderRequest = { id: number; format: ExportFormat; exportedAt: number } & (
  | { content: SessionContent; roadmap?: undefined }
  | { roadmap: ProgrammeContent; content?: undefined }
);

export type RenderResponse = { id: number; ok: true; body: Uint8Array | string } | { id: number; ok: false; message: string };

async function render(request: RenderRequest): Promise<Uint8Array | string> {
  const options = { exportedAt: request.exportedAt };
  if (request.roadmap !== undefined) {
    switch (request.format) {
      case 'pdf':
        return renderRoadmapPdf(request.roadmap, options);
      case 'md':
        return renderRoadmapMarkdown(request.roadmap, options);
      case 'json':
        return renderRoadmapJson(request.roadmap, options);
    }
  }
  switch (request.format) {
    case 'pdf':
      return renderPdf(request.content, options);
    case 'md':
      return renderMarkdown(request.content, options);
    case 'json':
      return renderJson(request.content, options);
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
