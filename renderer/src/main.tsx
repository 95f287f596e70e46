import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { z } from 'zod';
import { createQueryClient } from './api/hooks';
import { SessionProvider } from './api/session';
import { App } from './App';
import './styles.css';

// The CSP forbids eval; zod must not even probe for it.
z.config({ jitless: true });

const queryClient = createQueryClient();

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('#root fehlt');

createRoot(rootElement).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <App />
      </SessionProvider>
    </QueryClientProvider>
  </StrictMode>,
);
