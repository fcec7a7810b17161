#!/usr/bin/env node
/**
 * `npm run export -- …`: the compte-rendu and archive of stored sessions, without a running
 * server (it reads the store directly; a running server may keep serving meanwhile).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  renderJson,
  renderMarkdown,
  renderPdf,
  renderRoadmapJson,
  renderRoadmapMarkdown,
  renderRoadmapPdf,
  reportFileName,
  roadmapFileName,
} from '@concerto/export';
import type { ExportFormat, ProgrammeContent } from '@concerto/export';
import { collectStored } from '../archive/collect.js';
import { openStorage } from '../storage/index.js';
import type { Programme, Storage } from '../storage/index.js';
import { progress } from './progress.js';

const HELP = `Exporte le compte-rendu et l'archive de séances enregistrées.

Usage : npm run export -- (--session <id> … | --all | --programme <id> … | --list) [options]

  --session <id>     une séance (répétable)
  --programme <id>   la feuille de route d'une démarche (répétable)
  --all              toutes les séances
  --list             liste les séances (id, date, titre) et s'arrête
  --format <liste>   pdf, md, json, séparés par des virgules (défaut : pdf,md,json)
  --out <dossier>    où écrire les fichiers (défaut : ./exports)
  --data-dir <dir>   dossier des données (défaut : $DATA_DIR, sinon ./data)
  -h, --help         cette aide

Avec DATABASE_URL (postgres://…), les séances sont lues dans PostgreSQL.
`;

const FORMATS: readonly ExportFormat[] = ['pdf', 'md', 'json'];

class UsageError extends Error {}

function options(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      session: { type: 'string', multiple: true },
      programme: { type: 'string', multiple: true },
      all: { type: 'boolean', default: false },
      list: { type: 'boolean', default: false },
      format: { type: 'string', default: 'pdf,md,json' },
      out: { type: 'string', default: 'exports' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const formats = values.format.split(',').map((f) => f.trim()).filter((f) => f !== '');
  const unknown = formats.filter((f) => !(FORMATS as readonly string[]).includes(f));
  if (unknown.length > 0 || formats.length === 0) throw new UsageError(`format inconnu : ${unknown.join(', ') || '(vide)'} (pdf, md ou json)`);
  const sessions = values.session ?? [];
  const programmes = values.programme ?? [];
  if (!values.help && !values.list && !values.all && sessions.length === 0 && programmes.length === 0) {
    throw new UsageError('indiquez --session <id>, --all, --programme <id> ou --list');
  }
  return { ...values, sessions, programmes, formats: formats as ExportFormat[] };
}

async function openStore(dataDir: string, databaseUrl: string | undefined): Promise<Storage> {
  // Opening SQLite would create an empty database: refuse a directory that has none.
  if (!databaseUrl && !existsSync(join(dataDir, 'concerto.db'))) throw new UsageError(`aucune base de données dans ${dataDir} (concerto.db)`);
  return openStorage({ dataDir, databaseUrl });
}

/** A démarche's sessions as stored, in the order attached (a session deleted since is left out, as the API does). */
async function gatherStored(storage: Storage, programme: Programme): Promise<ProgrammeContent> {
  const sessions: ProgrammeContent['sessions'] = [];
  for (const member of programme.sessions) {
    const session = await storage.getSession(member.sessionId);
    if (session === null) continue;
    sessions.push({ territory: member.territory, date: member.date, content: await collectStored(storage, session) });
  }
  return { programme: { id: programme.id, title: programme.title, createdAt: programme.createdAt, merges: programme.merges }, sessions };
}

export async function run(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let opts;
  try {
    opts = options(argv);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (opts.help) {
    process.stdout.write(HELP);
    return 0;
  }
  let storage: Storage;
  try {
    storage = await openStore(resolve(opts['data-dir'] ?? env['DATA_DIR'] ?? 'data'), env['DATABASE_URL'] || undefined);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return 2;
  }
  try {
    const summaries = await storage.listSessions();
    if (opts.list) {
      for (const s of summaries) process.stdout.write(`${s.id}\t${new Date(s.createdAt).toISOString().slice(0, 10)}\t${s.title.replace(/\s+/g, ' ')}\n`);
      return 0;
    }
    const ids = opts.all ? summaries.map((s) => s.id) : opts.sessions;
    const out = resolve(opts.out);
    mkdirSync(out, { recursive: true });
    const bar = progress((ids.length + opts.programmes.length) * opts.formats.length);
    const written = new Set<string>();
    let failed = 0;
    for (const id of ids) {
      const session = await storage.getSession(id);
      if (session === null) {
        process.stderr.write(`séance introuvable : ${id}\n`);
        failed++;
        continue;
      }
      const content = await collectStored(storage, session);
      const exportedAt = Date.now();
      for (const format of opts.formats) {
        let name = reportFileName(session, format);
        // Two sessions with the same title and day: keep both, told apart by their id.
        if (written.has(name)) name = name.replace(/\.(\w+)$/, `-${session.id}.$1`);
        written.add(name);
        const body = format === 'pdf' ? await renderPdf(content, { exportedAt }) : format === 'md' ? renderMarkdown(content, { exportedAt }) : renderJson(content, { exportedAt });
        writeFileSync(join(out, name), body);
        bar.tick(join(opts.out, name));
      }
    }
    for (const id of opts.programmes) {
      const programme = await storage.getProgramme(id);
      if (programme === null) {
        process.stderr.write(`démarche introuvable : ${id}\n`);
        failed++;
        continue;
      }
      const content = await gatherStored(storage, programme);
      const exportedAt = Date.now();
      for (const format of opts.formats) {
        const name = roadmapFileName(programme, format, exportedAt);
        const body = format === 'pdf' ? await renderRoadmapPdf(content, { exportedAt })
          : format === 'md' ? renderRoadmapMarkdown(content, { exportedAt }) : renderRoadmapJson(content, { exportedAt });
        writeFileSync(join(out, name), body);
        bar.tick(join(opts.out, name));
      }
    }
    bar.done();
    return failed > 0 ? 1 : 0;
  } finally {
    await storage.close();
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`export impossible : ${err.stack ?? err.message}\n`);
    process.exit(1);
  },
);
