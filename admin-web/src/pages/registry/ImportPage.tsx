import {
  Alert,
  Badge,
  Button,
  Card,
  FileButton,
  Group,
  Pagination,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type RegistryImportReport,
  type RegistryIssue,
  TEMPLATE_URL,
  uploadRegistry,
} from '../../api/registry-import.ts';
import { FormError } from '../../components/form-errors.tsx';
import { IconAlert, IconCheck, IconDownload, IconUpload } from '../../components/icons.tsx';
import { Page } from '../../components/page.tsx';
import { formatCount, formatDateTime } from '../../format.ts';
import {
  importStep,
  isKnownEntity,
  issueColumn,
  issueText,
  summaryRows,
} from '../../registry/import-report.ts';
import { pageCount } from '../../url-state.ts';

const ISSUES_PER_PAGE = 50;
const ACCEPT = '.xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const ENTITY_KEYS: Record<string, string> = {
  houses: 'registry_import.entity.houses',
  entrances: 'registry_import.entity.entrances',
  premises: 'registry_import.entity.premises',
  accounts: 'registry_import.entity.accounts',
  owners: 'registry_import.entity.owners',
  ownerships: 'registry_import.entity.ownerships',
  meters: 'registry_import.entity.meters',
  readings: 'registry_import.entity.readings',
};

type UploadProgress = { sent: number } | null;

/**
 * Loading the registry from a spreadsheet (registry.write): choose an XLSX or CSV file, check it (a dry run that
 * writes nothing and lists every bad row with its reason), and import it only once the check is clean.
 */
export function ImportPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<RegistryImportReport | null>(null);
  const [checkedFile, setCheckedFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<UploadProgress>(null);

  const run = useMutation({
    mutationFn: ({ chosen, dryRun }: { chosen: File; dryRun: boolean }) => {
      setProgress({ sent: 0 });
      return uploadRegistry(chosen, { dryRun, onProgress: (sent) => setProgress({ sent }) });
    },
    onSuccess: async (result, { chosen }) => {
      setReport(result);
      setCheckedFile(chosen);
      // Everything the import touched, i.e. all loaded data but the session itself.
      if (result.applied) await queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
    },
    onSettled: () => setProgress(null),
  });
  const step = importStep(report, checkedFile, file);

  return (
    <Page title={t('registry_import.title')}>
      <Card withBorder radius="md" padding="lg">
        <Stack gap="md">
          <Text size="sm">{t('registry_import.intro')}</Text>
          <Group gap="sm" wrap="wrap">
            <Button
              component="a"
              href={TEMPLATE_URL}
              download
              variant="default"
              leftSection={<IconDownload size={16} />}
              data-testid="import-template"
            >
              {t('registry_import.template')}
            </Button>
            <FileButton
              onChange={(chosen) => {
                setFile(chosen);
                run.reset();
              }}
              accept={ACCEPT}
              inputProps={{ 'data-testid': 'import-file-input' } as object}
            >
              {(props) => (
                <Button
                  {...props}
                  variant="light"
                  leftSection={<IconUpload size={16} />}
                  data-testid="import-choose"
                >
                  {file ? t('registry_import.choose_other') : t('registry_import.choose')}
                </Button>
              )}
            </FileButton>
            {file && (
              <Text size="sm" fw={500} data-testid="import-file-name">
                {file.name}
              </Text>
            )}
          </Group>
          <Group gap="sm">
            <Button
              onClick={() => file && run.mutate({ chosen: file, dryRun: true })}
              disabled={!file || run.isPending}
              loading={run.isPending && run.variables?.dryRun}
              variant={step === 'ready' ? 'default' : 'filled'}
              data-testid="import-check"
            >
              {t('registry_import.check')}
            </Button>
            <Button
              onClick={() => file && run.mutate({ chosen: file, dryRun: false })}
              disabled={step !== 'ready' || run.isPending}
              loading={run.isPending && run.variables?.dryRun === false}
              data-testid="import-run"
            >
              {t('registry_import.run')}
            </Button>
          </Group>
          {!file && (
            <Text size="xs" c="dimmed">
              {t('registry_import.steps')}
            </Text>
          )}
          {progress && (
            <Stack gap={4} data-testid="import-progress">
              <Progress
                value={progress.sent >= 1 ? 100 : Math.round(progress.sent * 100)}
                striped={progress.sent >= 1}
                animated={progress.sent >= 1}
              />
              <Text size="xs" c="dimmed">
                {progress.sent >= 1
                  ? t('registry_import.processing')
                  : t('registry_import.uploading', { percent: Math.round(progress.sent * 100) })}
              </Text>
            </Stack>
          )}
          {run.isError && <FormError error={run.error} testId="import-error" />}
        </Stack>
      </Card>

      {report && checkedFile === file && <ReportView report={report} step={step} />}
    </Page>
  );
}

function ReportView({ report, step }: { report: RegistryImportReport; step: ReturnType<typeof importStep> }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const stats = [
    { key: 'rows', label: t('registry_import.stat.rows'), value: report.rows },
    { key: 'error-rows', label: t('registry_import.stat.error_rows'), value: report.errorRows },
    { key: 'errors', label: t('registry_import.stat.errors'), value: report.errors },
    { key: 'warnings', label: t('registry_import.stat.warnings'), value: report.warnings },
  ];
  return (
    <Stack
      gap="lg"
      data-testid="import-report"
      data-step={step}
      data-dry-run={report.dryRun}
      data-applied={report.applied}
    >
      {step === 'done' ? (
        <Alert
          color="teal"
          variant="light"
          icon={<IconCheck />}
          title={t('registry_import.done_title')}
          data-testid="import-done"
        >
          {t('registry_import.done_text', { rows: formatCount(report.rows, language) })}
        </Alert>
      ) : step === 'ready' ? (
        <Alert
          color="teal"
          variant="light"
          icon={<IconCheck />}
          title={t('registry_import.clean_title')}
          data-testid="import-clean"
        >
          {t('registry_import.clean_text')}
        </Alert>
      ) : (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlert />}
          title={t('registry_import.errors_title')}
          data-testid="import-has-errors"
        >
          {t('registry_import.errors_text', { count: report.errorRows })}
        </Alert>
      )}
      {report.previousImport && (
        <Text size="sm" c="dimmed" data-testid="import-previous">
          {t('registry_import.previous', { date: formatDateTime(report.previousImport.createdAt, language) })}
        </Text>
      )}
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        {stats.map((s) => (
          <Card key={s.key} withBorder radius="md" padding="md" data-testid={`import-stat-${s.key}`}>
            <Text size="sm" c="dimmed">
              {s.label}
            </Text>
            <Text fz={26} fw={700} data-testid={`import-stat-${s.key}-value`}>
              {formatCount(s.value, language)}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
      {report.issues.length > 0 && <IssuesTable issues={report.issues} />}
      <SummaryTable report={report} />
    </Stack>
  );
}

function IssuesTable({ issues }: { issues: RegistryIssue[] }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const shown = issues.slice((page - 1) * ISSUES_PER_PAGE, page * ISSUES_PER_PAGE);
  const text = (issue: RegistryIssue) => {
    const found = issueText(issue);
    return 'text' in found ? found.text : t(found.key, found.values);
  };
  return (
    <Card withBorder radius="md" p={0}>
      <Title order={4} p="md" pb={0}>
        {t('registry_import.issues_title')}
      </Title>
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="xs" horizontalSpacing="md" mt="sm" data-testid="import-issues">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={80}>{t('registry_import.column.row')}</Table.Th>
              <Table.Th w={180}>{t('registry_import.column.column')}</Table.Th>
              <Table.Th w={120}>{t('registry_import.column.severity')}</Table.Th>
              <Table.Th>{t('registry_import.column.reason')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((issue, i) => (
              <Table.Tr
                // biome-ignore lint/suspicious/noArrayIndexKey: issues have no id; their order is the file's
                key={`${page}:${i}`}
                data-testid="import-issue"
                data-row={issue.row}
                data-code={issue.code}
                data-severity={issue.severity}
              >
                <Table.Td>{issue.row > 0 ? issue.row : '—'}</Table.Td>
                <Table.Td>{issueColumn(issue) || <Text c="dimmed">—</Text>}</Table.Td>
                <Table.Td>
                  <Badge color={issue.severity === 'error' ? 'red' : 'yellow'} variant="light" tt="none">
                    {issue.severity === 'error' ? t('registry_import.error') : t('registry_import.warning')}
                  </Badge>
                </Table.Td>
                <Table.Td data-testid="import-issue-reason">{text(issue)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {issues.length > ISSUES_PER_PAGE && (
        <Group justify="flex-end" p="md">
          <Pagination
            total={pageCount(issues.length, ISSUES_PER_PAGE)}
            value={page}
            onChange={setPage}
            size="sm"
          />
        </Group>
      )}
    </Card>
  );
}

function SummaryTable({ report }: { report: RegistryImportReport }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const rows = summaryRows(report.summary);
  if (rows.length === 0) return null;
  return (
    <Card withBorder radius="md" p={0}>
      <Title order={4} p="md" pb={0}>
        {report.applied ? t('registry_import.summary_done') : t('registry_import.summary_plan')}
      </Title>
      <Table.ScrollContainer minWidth={480}>
        <Table verticalSpacing="xs" horizontalSpacing="md" mt="sm" data-testid="import-summary">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('registry_import.column.entity')}</Table.Th>
              <Table.Th ta="right">{t('registry_import.column.create')}</Table.Th>
              <Table.Th ta="right">{t('registry_import.column.update')}</Table.Th>
              <Table.Th ta="right">{t('registry_import.column.unchanged')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.entity} data-testid="import-summary-row" data-entity={row.entity}>
                <Table.Td>
                  {isKnownEntity(row.entity) ? t(ENTITY_KEYS[row.entity] as string) : row.entity}
                </Table.Td>
                <Table.Td ta="right" data-testid="import-create">
                  {formatCount(row.create, language)}
                </Table.Td>
                <Table.Td ta="right">{formatCount(row.update, language)}</Table.Td>
                <Table.Td ta="right">{formatCount(row.unchanged, language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
