import { useT } from '../../i18n/index.js';
import type { VoteItem } from '../ideas.js';
import { rankResults } from '../ideas.js';
import './vote.css';

/**
 * A vote's result as horizontal bars, most votes first, each with its count in words (the
 * bar is only a picture of it). Used on the plenary page and, larger, on the projection.
 */
export function VoteResults({ items, large = false }: { items: readonly VoteItem[]; large?: boolean }) {
  const t = useT();
  const ranked = rankResults(items);
  const max = Math.max(1, ...ranked.map((item) => item.count));
  if (ranked.length === 0) return <p className="hint">{t('plenary.vote.noItems')}</p>;
  return (
    <ol className={`vote-results${large ? ' vote-results--large' : ''}`}>
      {ranked.map((item) => (
        <li key={item.id} className="vote-result">
          <div className="vote-result-label">
            <span className="vote-result-text">{item.label.trim() || t('plenary.theme.untitled')}</span>
            {item.from !== null && <span className="vote-result-from">{item.from}</span>}
          </div>
          <div className="vote-result-bar">
            <span className="vote-result-track" aria-hidden="true">
              <span className="vote-result-fill" style={{ width: `${(item.count / max) * 100}%` }} />
            </span>
            <span className="vote-result-count">{t('plenary.vote.count', { count: item.count })}</span>
          </div>
        </li>
      ))}
    </ol>
  );
}
