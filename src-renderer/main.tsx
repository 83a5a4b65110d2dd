import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { initI18n } from './i18n/i18n.js';
import { createBridge } from './ipc/bridge.js';
import { createClient } from './ipc/client.js';
import './styles.css';

// The web host hands the per-launch token in the URL; it has set an HttpOnly cookie by now,
// so take it out of the address bar (and history) before anything else.
const url = new URL(window.location.href);
const launchToken = url.searchParams.get('token');
if (launchToken) {
  url.searchParams.delete('token');
  window.history.replaceState(null, '', url.pathname + url.search + url.hash);
}

initI18n();
const connection = createBridge(launchToken);
const client = createClient(connection);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App client={client} />
    </StrictMode>,
  );
}
