/** Inline icons: decorative (aria-hidden), their buttons carry the words. */
const common = { width: 20, height: 20, viewBox: '0 0 24 24', 'aria-hidden': true, focusable: false } as const;

export function DragIcon() {
  return (
    <svg {...common} fill="currentColor">
      <circle cx="9" cy="6" r="1.8" /><circle cx="15" cy="6" r="1.8" />
      <circle cx="9" cy="12" r="1.8" /><circle cx="15" cy="12" r="1.8" />
      <circle cx="9" cy="18" r="1.8" /><circle cx="15" cy="18" r="1.8" />
    </svg>
  );
}

export function MoreIcon() {
  return (
    <svg {...common} fill="currentColor">
      <circle cx="5" cy="12" r="2" /><circle cx="12" cy="12" r="2" /><circle cx="19" cy="12" r="2" />
    </svg>
  );
}

export function StarIcon() {
  return (
    <svg {...common} width={16} height={16} fill="currentColor">
      <path d="M12 2.5l2.9 6.1 6.6.8-4.9 4.6 1.3 6.6L12 17.3l-5.9 3.3 1.3-6.6-4.9-4.6 6.6-.8z" />
    </svg>
  );
}

export function PlusIcon() {
  return (
    <svg {...common} fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round">
      <path d="M12 5v14M5 12h14" />
    </svg>
  );
}

export function MinusIcon() {
  return (
    <svg {...common} fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round">
      <path d="M5 12h14" />
    </svg>
  );
}

export function FitIcon() {
  return (
    <svg {...common} fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <path d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5" />
    </svg>
  );
}

export function UndoIcon() {
  return (
    <svg {...common} fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <path d="M9 14L4 9l5-5" /><path d="M4 9h10a6 6 0 010 12h-3" />
    </svg>
  );
}

export function RedoIcon() {
  return (
    <svg {...common} fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <path d="M15 14l5-5-5-5" /><path d="M20 9H10a6 6 0 000 12h3" />
    </svg>
  );
}

export function ClusterIcon() {
  return (
    <svg {...common} fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round">
      <rect x="3" y="3" width="18" height="18" rx="2" strokeDasharray="3 2" />
      <rect x="7" y="8" width="4" height="4" /><rect x="13" y="8" width="4" height="4" />
    </svg>
  );
}
