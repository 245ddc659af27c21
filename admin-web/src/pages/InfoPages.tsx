import { Button, Card, Center, EmptyState, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { IconCompass, IconLock } from '../components/icons.tsx';
import { Page, usePageTitle } from '../components/page.tsx';

function Notice(props: { testId: string; icon: ReactNode; title: string; text: string; action?: ReactNode }) {
  return (
    <Card withBorder radius="md" py={48} data-testid={props.testId}>
      <EmptyState icon={props.icon} variant="light" color="teal" title={props.title} description={props.text}>
        {props.action && <EmptyState.Actions>{props.action}</EmptyState.Actions>}
      </EmptyState>
    </Card>
  );
}

export function NoAccessPage({ noSections = false }: { noSections?: boolean }) {
  const { t } = useTranslation();
  return (
    <Page title={t('no_access.title')}>
      <Notice
        testId="no-access"
        icon={<IconLock size={28} />}
        title={t('no_access.title')}
        text={noSections ? t('no_access.no_sections') : t('no_access.text')}
      />
    </Page>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t('not_found.title'));
  return (
    <Center mih="60vh">
      <Stack maw={560} w="100%">
        <Notice
          testId="not-found"
          icon={<IconCompass size={28} />}
          title={t('not_found.title')}
          text={t('not_found.text')}
          action={
            <Button component={Link} to="/" variant="light">
              {t('not_found.home')}
            </Button>
          }
        />
      </Stack>
    </Center>
  );
}
