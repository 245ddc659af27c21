import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Image,
  Progress,
  SegmentedControl,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { saveFile } from '../../api/client.ts';
import { FormError } from '../../components/form-errors.tsx';
import { IconDownload } from '../../components/icons.tsx';
import { formatCount } from '../../format.ts';
import { formatPeriod } from '../../readings/periods.ts';
import { AccountPicker, type PickedAccount } from './AccountPicker.tsx';
import { downloadHouseReceipts, type ReceiptsProgress, receiptPdfPath } from './api.ts';
import { BillingScope, PeriodSelect, usePeriodParam } from './BillingScope.tsx';

/** Receipts (ЕПД) of a month: one account's PDF and QR, or the whole house as one PDF or a ZIP. */
export function ReceiptsPage() {
  const { t } = useTranslation();
  return (
    <BillingScope
      title={t('billing.receipts.title')}
      current="receipts"
      controls={(house) => <ReceiptPeriod timeZone={house?.timezone} />}
    >
      {(houseId, house) => (
        <>
          <AccountReceipt key={`account-${houseId}`} houseId={houseId} timeZone={house?.timezone} />
          <HouseReceipts houseId={houseId} timeZone={house?.timezone} />
        </>
      )}
    </BillingScope>
  );
}

function ReceiptPeriod({ timeZone }: { timeZone: string | undefined }) {
  const { period, setPeriod } = usePeriodParam(timeZone);
  return <PeriodSelect value={period} onChange={setPeriod} timeZone={timeZone} testId="receipts-period" />;
}

function AccountReceipt({ houseId, timeZone }: { houseId: string; timeZone: string | undefined }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const { period } = usePeriodParam(timeZone);
  const [account, setAccount] = useState<PickedAccount | null>(null);
  const pdf = account ? `/api${receiptPdfPath(account.id, period, language)}` : null;
  return (
    <Card withBorder radius="md" padding="md">
      <Stack gap="sm">
        <Title order={4}>{t('billing.receipts.account_title')}</Title>
        <AccountPicker houseId={houseId} value={account} onChange={setAccount} testId="receipt-account" />
        {account && pdf && (
          <Group align="flex-start" gap="lg">
            <Image
              src={`/api/accounts/${account.id}/receipts/${period}/qr.png`}
              alt={t('billing.receipts.qr')}
              w={140}
              h={140}
              fit="contain"
              data-testid="receipt-qr"
            />
            <Stack gap="xs">
              <Text size="sm">
                {t('billing.receipts.account_text', {
                  number: account.number,
                  period: formatPeriod(period, language, true),
                })}
              </Text>
              <Anchor href={pdf} target="_blank" rel="noopener" data-testid="receipt-pdf">
                {t('billing.receipts.open_pdf')}
              </Anchor>
            </Stack>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

/** Seconds since `start`, ticking while a long download runs. */
function useElapsed(running: boolean): number {
  const [elapsed, setElapsed] = useState(0);
  useEffect(() => {
    if (!running) return;
    const started = Date.now();
    setElapsed(0);
    const timer = setInterval(() => setElapsed(Math.floor((Date.now() - started) / 1000)), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return elapsed;
}

function HouseReceipts({ houseId, timeZone }: { houseId: string; timeZone: string | undefined }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const { period } = usePeriodParam(timeZone);
  const [format, setFormat] = useState<'pdf' | 'zip'>('pdf');
  const [progress, setProgress] = useState<ReceiptsProgress | null>(null);
  const generate = useMutation({
    mutationFn: () => {
      setProgress(null);
      return downloadHouseReceipts(houseId, { period, format, language }, setProgress);
    },
    onSuccess: ({ blob, fileName }) => saveFile(blob, fileName),
  });
  const elapsed = useElapsed(generate.isPending);
  return (
    <Card withBorder radius="md" padding="md" data-testid="house-receipts">
      <Stack gap="sm">
        <Title order={4}>{t('billing.receipts.house_title')}</Title>
        <Text size="sm" c="dimmed">
          {t('billing.receipts.house_text', { period: formatPeriod(period, language, true) })}
        </Text>
        <Group gap="sm">
          <SegmentedControl
            value={format}
            onChange={(value) => setFormat(value === 'zip' ? 'zip' : 'pdf')}
            data={[
              { value: 'pdf', label: t('billing.receipts.one_pdf') },
              { value: 'zip', label: t('billing.receipts.zip') },
            ]}
            data-testid="receipts-format"
          />
          <Button
            leftSection={<IconDownload size={16} />}
            loading={generate.isPending}
            onClick={() => generate.mutate()}
            data-testid="receipts-generate"
          >
            {t('billing.receipts.generate')}
          </Button>
        </Group>
        {generate.isPending && (
          <Stack gap={4} data-testid="receipts-progress">
            <Progress
              value={
                progress?.done != null && progress.total
                  ? Math.min(100, (100 * progress.done) / progress.total)
                  : 100
              }
              animated
              striped={progress?.done == null}
            />
            <Text size="xs" c="dimmed">
              {progress?.done != null && progress.total !== null
                ? t('billing.receipts.progress', {
                    done: progress.done,
                    total: progress.total,
                    seconds: elapsed,
                  })
                : progress
                  ? t('billing.receipts.received', {
                      size: (progress.bytes / 1_048_576).toFixed(1),
                      seconds: elapsed,
                    })
                  : t('billing.receipts.wait', { seconds: elapsed })}
            </Text>
          </Stack>
        )}
        {generate.error != null && <FormError error={generate.error} testId="receipts-error" />}
        {generate.data && (
          <Alert color="teal" variant="light" data-testid="receipts-done">
            {generate.data.count === null
              ? t('billing.receipts.done_file', { file: generate.data.fileName })
              : t('billing.receipts.done', {
                  count: generate.data.count,
                  shown: formatCount(generate.data.count, language),
                  file: generate.data.fileName,
                })}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
