import { useEffect, useState } from 'react';

/**
 * Routes live in the URL hash so the same build works from file:// (Electron) and
 * from the web host without server-side routes.
 */
export function useHashRoute(): string {
  const [route, setRoute] = useState(readRoute);
  useEffect(() => {
    const onChange = () => setRoute(readRoute());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

function readRoute(): string {
  const hash = window.location.hash.replace(/^#/, '');
  return hash.startsWith('/') ? hash : '/dossiers';
}

export function navigate(path: string): void {
  window.location.hash = path;
}
