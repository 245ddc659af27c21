import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format.ts';
import type { CheckOutcome } from './api.ts';
import { passDates, passWho, RESULT_COLORS, RESULT_KEYS } from './pass-texts.ts';

/**
 * What the guard is told, big enough to read at arm's length: green to let in, yellow for "not now", red to turn
 * away; under a valid pass, "mark entry".
 */
export function CheckResult({
  outcome,
  onEnter,
  entering = false,
}: {
  outcome: CheckOutcome;
  onEnter?: () => void;
  entering?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const color = outcome.entered ? 'teal' : RESULT_COLORS[outcome.result];
  const pass = outcome.pass;
  return (
    <Stack gap="md">
      <Paper
        radius="md"
        p="xl"
        bg={`var(--mantine-color-${color}-filled)`}
        c="white"
        role="status"
        data-testid="check-result"
        data-result={outcome.result}
        data-entered={outcome.entered || undefined}
      >
        <Stack gap="xs">
          <Title order={2} c="white" data-testid="check-result-title">
            {outcome.entered ? t('passes.entered') : t(RESULT_KEYS[outcome.result])}
          </Title>
          {pass && (
            <>
              <Text fz="xl" fw={700} data-testid="check-result-who">
                {passWho(t, pass)}
              </Text>
              <Text fz="lg">{passDates(t, pass, language)}</Text>
              <Text fz="lg">{t('passes.flat', { address: pass.address, number: pass.premisesNumber })}</Text>
            </>
          )}
          <Text fz="sm" opacity={0.85}>
            {t('passes.checked_at', { time: formatDateTime(outcome.checkedAt, language, pass?.timezone) })}
          </Text>
        </Stack>
      </Paper>
      {onEnter && outcome.result === 'VALID' && !outcome.entered && (
        <Button
          size="xl"
          color="teal"
          fullWidth
          onClick={onEnter}
          loading={entering}
          data-testid="check-enter"
        >
          {t('passes.enter')}
        </Button>
      )}
    </Stack>
  );
}
