import { Alert, Button, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../errors.ts';
import { IconAlert } from './icons.tsx';

export function LoadingState() {
  const { t } = useTranslation();
  return (
    <Center py="xl" data-testid="loading">
      <Loader aria-label={t('app.loading')} />
    </Center>
  );
}

export function FullScreenLoader() {
  const { t } = useTranslation();
  return (
    <Center h="100dvh" data-testid="app-loading">
      <Loader aria-label={t('app.loading')} />
    </Center>
  );
}

/** A failed load: what went wrong in the user's words, and a way to try again. */
export function ErrorState({
  error,
  onRetry,
  title,
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Alert
      color="red"
      variant="light"
      title={title ?? t('common.load_failed')}
      icon={<IconAlert />}
      data-testid="error-state"
    >
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{describeError(error, i18n)}</Text>
        {onRetry && (
          <Button size="xs" variant="white" color="red" onClick={onRetry} data-testid="retry">
            {t('common.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

export function FullScreenError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Center h="100dvh" p="md">
      <Stack maw={480} w="100%">
        <ErrorState error={error} onRetry={onRetry} title={t('app.boot_error')} />
      </Stack>
    </Center>
  );
}

function CrashNotice() {
  const { t } = useTranslation();
  return (
    <Stack align="flex-start" gap="md" data-testid="crash">
      <Title order={3}>{t('errors.generic')}</Title>
      <Text c="dimmed">{t('app.crashed')}</Text>
      <Group>
        <Button onClick={() => window.location.reload()}>{t('common.reload')}</Button>
      </Group>
    </Stack>
  );
}

/** Keeps a rendering bug in one page from blanking the whole panel. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error('Page crashed', error, info.componentStack);
  }

  override render() {
    return this.state.failed ? <CrashNotice /> : this.props.children;
  }
}
