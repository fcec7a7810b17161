import { useCallback, useEffect, useState } from 'react';

import { useT } from '../i18n/index.js';

/** Full screen on and off (also the F key); hidden where the browser cannot (some phones). */
export function useFullscreen(): { supported: boolean; on: boolean; toggle: () => void } {
  const [on, setOn] = useState(() => document.fullscreenElement != null);
  useEffect(() => {
    const onChange = () => setOn(document.fullscreenElement != null);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
  const toggle = useCallback(() => {
    if (document.fullscreenElement != null) void document.exitFullscreen().catch(() => undefined);
    else void document.documentElement.requestFullscreen?.().catch(() => undefined);
  }, []);
  return { supported: document.fullscreenEnabled === true, on, toggle };
}

export function FullscreenButton({ fullscreen }: { fullscreen: ReturnType<typeof useFullscreen> }) {
  const t = useT();
  if (!fullscreen.supported) return null;
  return (
    <button type="button" className="projection-button" onClick={fullscreen.toggle}>
      {t(fullscreen.on ? 'projection.exitFullscreen' : 'projection.fullscreen')}
    </button>
  );
}
