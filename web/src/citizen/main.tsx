// The citizen portal's entry (web/citizen.html, served at `/`): kept light — no charts, a tiny router,
// the catalogue page, the browse page and the tracking page load on demand; the system's fonts (no web
// font to download on a slow link).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import './citizen.css';
import { CitizenApp } from './App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <CitizenApp />
  </StrictMode>,
);
