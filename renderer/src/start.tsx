// The window's app: React, AG Grid and the first screen, loaded by main.tsx (index.html
// preloads this chunk, so it downloads and compiles while boot's first calls are answered).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './grid/setup';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
