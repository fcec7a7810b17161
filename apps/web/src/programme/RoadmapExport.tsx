import { useId, useState } from 'react';

import { ActionError } from '../console/ActionError.js';
import { downloadRoadmap } from '../console/archiveApi.js';
import type { ArchiveFormat } from '../console/archiveApi.js';
import { useAction } from '../console/useAction.js';
import { useT } from '../i18n/index.js';

const FORMATS: readonly ArchiveFormat[] = ['pdf', 'md', 'json'];

/**
 * « Exporter la feuille de route » (issue 11 §5): the démarche's axes, stakes, objectives,
 * priority actions and action sheets as a PDF, a Markdown text or the JSON archive. Drawn in
 * the server's export queue, as a compte-rendu: a full queue is said, as in the console.
 */
export function RoadmapExport({ programmeId, token }: { programmeId: string; token: string }) {
  const t = useT();
  const titleId = useId();
  const exporting = useAction();
  const [saved, setSaved] = useState('');

  const download = (format: ArchiveFormat) => void exporting.run(async () => {
    setSaved('');
    const name = await downloadRoadmap(programmeId, token, format);
    setSaved(t('console.export.done', { name }));
  });

  return (
    <section aria-labelledby={titleId} className="programme-roadmap">
      <h2 id={titleId}>{t('programme.roadmap.title')}</h2>
      <p className="hint">{t('programme.roadmap.hint')}</p>
      <div className="button-row">
        {FORMATS.map((format) => (
          <button key={format} type="button" className={format === 'pdf' ? 'primary' : undefined} disabled={exporting.pending} onClick={() => download(format)}>
            {t(`programme.roadmap.${format}`)}
          </button>
        ))}
      </div>
      <p className="hint" role="status">{exporting.pending ? t('console.export.preparing') : saved}</p>
      <ActionError problem={exporting.problem} />
    </section>
  );
}
