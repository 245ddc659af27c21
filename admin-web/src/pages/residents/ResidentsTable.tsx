import { Anchor, Badge, Button, Table, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { REGISTRY_KEY } from '../../api/registry.ts';
import { RESIDENTS_KEY, type ResidentRow, relinkResident, revokeLink } from '../../api/residents.ts';
import { ConfirmDialog } from '../../components/confirm.tsx';
import { formatDateTime } from '../../format.ts';

const ROLE_KEYS: Record<string, string> = {
  OWNER: 'resident_links.role.OWNER',
  TENANT: 'resident_links.role.TENANT',
  FAMILY: 'resident_links.role.FAMILY',
};

const VIA_KEYS: Record<string, string> = {
  INVITE: 'resident_links.via.INVITE',
  PHONE: 'resident_links.via.PHONE',
  STAFF: 'resident_links.via.STAFF',
};

export const linkRoleName = (t: (key: string) => string, role: string) =>
  ROLE_KEYS[role] ? t(ROLE_KEYS[role]) : role;

type Change = { kind: 'revoke' | 'relink'; row: ResidentRow };

/** Residents linked to flats in the bot; revoking or giving back access (residents.manage) after confirming. */
export function ResidentsTable({
  rows,
  canManage,
  timeZone,
  showFlat = true,
}: {
  rows: ResidentRow[];
  canManage: boolean;
  timeZone: string | undefined;
  showFlat?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const queryClient = useQueryClient();
  const [change, setChange] = useState<Change | null>(null);
  const apply = useMutation({
    mutationFn: (c: Change) => (c.kind === 'revoke' ? revokeLink(c.row.id) : relinkResident(c.row.id)),
    onSuccess: async (_link, c) => {
      setChange(null);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: RESIDENTS_KEY }),
        queryClient.invalidateQueries({ queryKey: REGISTRY_KEY }),
      ]);
      notifications.show({
        color: 'teal',
        message:
          c.kind === 'revoke'
            ? t('resident_links.revoked_done', { name: c.row.firstName })
            : t('resident_links.relinked_done', { name: c.row.firstName }),
      });
    },
  });

  return (
    <>
      <Table.ScrollContainer minWidth={860}>
        <Table verticalSpacing="sm" horizontalSpacing="md" data-testid="residents-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('resident_links.column.name')}</Table.Th>
              {showFlat && <Table.Th>{t('resident_links.column.flat')}</Table.Th>}
              <Table.Th>{t('resident_links.column.account')}</Table.Th>
              <Table.Th>{t('resident_links.column.role')}</Table.Th>
              <Table.Th>{t('resident_links.column.phone')}</Table.Th>
              <Table.Th>{t('resident_links.column.linked')}</Table.Th>
              <Table.Th>{t('resident_links.column.status')}</Table.Th>
              {canManage && <Table.Th aria-label={t('list.actions')} />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr
                key={row.id}
                data-testid="resident-row"
                data-link-id={row.id}
                data-active={row.active}
              >
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {row.firstName}
                  </Text>
                  {!row.reachable && (
                    <Tooltip label={t('resident_links.unreachable_hint')} withArrow>
                      <Text size="xs" c="dimmed" data-testid="resident-unreachable">
                        {t('resident_links.unreachable')}
                      </Text>
                    </Tooltip>
                  )}
                </Table.Td>
                {showFlat && (
                  <Table.Td>
                    <Anchor component={Link} to={`/registry/premises/${encodeURIComponent(row.premisesId)}`}>
                      {row.premisesNumber}
                    </Anchor>
                  </Table.Td>
                )}
                <Table.Td>{row.accountNumber}</Table.Td>
                <Table.Td>
                  <Text size="sm">{linkRoleName(t, row.role)}</Text>
                  {row.role === 'OWNER' && (
                    <Text size="xs" c={row.ownerConfirmed ? 'teal' : 'dimmed'}>
                      {row.ownerConfirmed
                        ? t('resident_links.owner_confirmed', { name: row.ownerName ?? '' })
                        : t('resident_links.owner_unconfirmed')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td data-testid="resident-phone">{row.phone ?? <Text c="dimmed">—</Text>}</Table.Td>
                <Table.Td>
                  <Text size="sm">{formatDateTime(row.linkedAt, language, timeZone)}</Text>
                  <Text size="xs" c="dimmed">
                    {VIA_KEYS[row.linkedVia] ? t(VIA_KEYS[row.linkedVia] as string) : row.linkedVia}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge color={row.active ? 'teal' : 'gray'} variant="light" tt="none">
                    {row.active ? t('resident_links.active') : t('resident_links.revoked')}
                  </Badge>
                </Table.Td>
                {canManage && (
                  <Table.Td ta="right">
                    {row.active ? (
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        color="red"
                        onClick={() => {
                          apply.reset();
                          setChange({ kind: 'revoke', row });
                        }}
                        data-testid="resident-revoke"
                      >
                        {t('resident_links.revoke')}
                      </Button>
                    ) : (
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        onClick={() => {
                          apply.reset();
                          setChange({ kind: 'relink', row });
                        }}
                        data-testid="resident-relink"
                      >
                        {t('resident_links.relink')}
                      </Button>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ConfirmDialog
        opened={change !== null}
        title={
          change?.kind === 'relink' ? t('resident_links.relink_title') : t('resident_links.revoke_title')
        }
        confirmLabel={change?.kind === 'relink' ? t('resident_links.relink') : t('resident_links.revoke')}
        color={change?.kind === 'relink' ? 'teal' : 'red'}
        pending={apply.isPending}
        error={apply.error}
        onConfirm={() => change && apply.mutate(change)}
        onClose={() => setChange(null)}
      >
        {change?.kind === 'relink'
          ? t('resident_links.relink_text', { name: change.row.firstName, flat: change.row.premisesNumber })
          : t('resident_links.revoke_text', {
              name: change?.row.firstName ?? '',
              flat: change?.row.premisesNumber ?? '',
            })}
      </ConfirmDialog>
    </>
  );
}
