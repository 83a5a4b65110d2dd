import { useEffect, useRef } from 'react';

const activityEvents = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

/**
 * Client-side idle timer matching main's idleLockMinutes: the screen locks on time even
 * when no command runs (main locks the session itself on the next command).
 */
export function useIdleLock(minutes: number, active: boolean, onIdle: () => void): void {
  const last = useRef(Date.now());
  const onIdleRef = useRef(onIdle);
  onIdleRef.current = onIdle;
  useEffect(() => {
    if (!active) return;
    last.current = Date.now();
    const touch = () => {
      last.current = Date.now();
    };
    for (const e of activityEvents) window.addEventListener(e, touch, { passive: true });
    const timer = setInterval(() => {
      if (Date.now() - last.current > minutes * 60_000) onIdleRef.current();
    }, 5_000);
    return () => {
      for (const e of activityEvents) window.removeEventListener(e, touch);
      clearInterval(timer);
    };
  }, [minutes, active]);
}
