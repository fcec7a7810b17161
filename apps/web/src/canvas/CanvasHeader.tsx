import type { ReactNode } from 'react';

import { useT } from '../i18n/index.js';
import { useCanvas } from './roomContext.js';

/** Questions start open where there is room for them. */
function openByDefault(): boolean {
  return typeof window.matchMedia !== 'function' || window.matchMedia('(min-width: 641px)').matches;
}

/** The session title, the group name and the questions the group answers. */
export function CanvasHeader({ children }: { children: ReactNode }) {
  const { session, groupName } = useCanvas();
  const t = useT();
  const questions = session.questions.filter((q) => q.trim() !== '');
  return (
    <div className="canvas-header">
      <div className="canvas-title">
        <h1>
          <span className="group-name">{groupName}</span>
          <span className="session-title">{session.title}</span>
        </h1>
        {questions.length > 0 && (
          <details className="questions" open={openByDefault() ? true : undefined}>
            <summary>{t('header.questions', { count: questions.length })}</summary>
            <ol>
              {questions.map((question, index) => <li key={index}>{question}</li>)}
            </ol>
          </details>
        )}
      </div>
      <div className="canvas-header-side">{children}</div>
    </div>
  );
}
