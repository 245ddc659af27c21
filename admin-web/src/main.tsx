import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { createQueryClient } from './auth/session.ts';
import { createI18n, readStoredLanguage, syncDocumentLanguage } from './i18n/index.ts';
import { pickLanguage } from './i18n/language.ts';

const browserLanguages = navigator.languages?.length ? navigator.languages : [navigator.language];
const i18n = createI18n(pickLanguage(readStoredLanguage(), browserLanguages));
syncDocumentLanguage(i18n);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <App i18n={i18n} queryClient={createQueryClient()} />
  </StrictMode>,
);
