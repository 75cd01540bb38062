/** Window entry: mounts the app on whatever `window.coveTray` the page was given. */
// First, before React initialises: start fetching the state.
import { firstState } from './prefetch';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ApiContext, windowApi } from './api';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

const api = windowApi();
// Give main a moment to answer, so the first render shows the customers rather than a spinner.
await firstState(250);
createRoot(container).render(
  <StrictMode>
    {api ? (
      <ApiContext.Provider value={api}>
        <App />
      </ApiContext.Provider>
    ) : (
      <div className="fatal" role="alert">
        <h1>The window cannot reach the app</h1>
        <p>window.coveTray is missing: this page must be opened by Cove Tray Monitor or its browser bridge.</p>
      </div>
    )}
  </StrictMode>,
);
