import { Stack, Title } from '@mantine/core';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the tab title to "<page> — Domovoy" while the page is shown. */
export function usePageTitle(title: string) {
  const { t } = useTranslation();
  const app = t('app.name');
  useEffect(() => {
    document.title = `${title} — ${app}`;
  }, [title, app]);
}

export function Page({ title, children }: { title: string; children: ReactNode }) {
  usePageTitle(title);
  return (
    <Stack gap="lg" maw={1200}>
      <Title order={2} data-testid="page-title">
        {title}
      </Title>
      {children}
    </Stack>
  );
}
