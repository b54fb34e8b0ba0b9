import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './app';
import { beacon } from './beacon';
import { startI18n } from './i18n/setup';
import { createQueryClient } from './query/client';
import { invalidateOnDataChanged } from './query/invalidation';
import './styles.css';

const i18n = startI18n();
const queries = createQueryClient();
invalidateOnDataChanged(queries, beacon);

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queries}>
        <App />
      </QueryClientProvider>
    </I18nextProvider>
  </StrictMode>,
);
