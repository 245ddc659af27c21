import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  PasswordInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffRole } from '../../api/auth.ts';
import { ApiError } from '../../api/client.ts';
import { useCurrentUser } from '../../auth/current-user.ts';
import { ConfirmDialog } from '../../components/confirm.tsx';
import { FormModal } from '../../components/form-modal.tsx';
import { IconAlert, IconStaff, IconTrash } from '../../components/icons.tsx';
import { EmptyCard, ListFooter, ListSkeleton, SearchBox } from '../../components/list.tsx';
import { useListState, usePastTheEnd } from '../../components/list-state.ts';
import { Page } from '../../components/page.tsx';
import { ErrorState } from '../../components/states.tsx';
import { describeError } from '../../errors.ts';
import { formatDateTime } from '../../format.ts';
import { PASSWORD_MIN_LENGTH, passwordReasons } from '../account/password-form.ts';
import { HouseChoice } from '../news/house-choice.tsx';
import {
  createStaff,
  fetchStaff,
  STAFF_KEY,
  STAFF_ROLES,
  type StaffGrant,
  type StaffMember,
  updateStaff,
} from './api.ts';
import { PasswordResetModal } from './PasswordResetModal.tsx';

/** What the server's refusals mean here (`details.what` of a CONFLICT or NOT_FOUND). */
const REFUSALS: Record<string, string> = {
  email_taken: 'staff.errors.email_taken',
  last_admin: 'staff.errors.last_admin',
  self: 'staff.errors.self',
  house: 'staff.errors.house',
};

function useStaffError() {
  const { t, i18n } = useTranslation();
  return (error: unknown) => {
    const what = error instanceof ApiError ? error.details.what : undefined;
    const key = typeof what === 'string' ? REFUSALS[what] : undefined;
    return key ? t(key) : describeError(error, i18n);
  };
}

/** The roles of one member: each a role for the whole organisation or for one house; at least one. */
function GrantsEditor({
  grants,
  onChange,
}: {
  grants: StaffGrant[];
  onChange: (grants: StaffGrant[]) => void;
}) {
  const { t } = useTranslation();
  const set = (i: number, grant: StaffGrant) => onChange(grants.map((g, j) => (j === i ? grant : g)));
  return (
    <Stack gap="xs" data-testid="staff-grants">
      <Text size="sm" fw={500}>
        {t('staff.roles')}
      </Text>
      {grants.map((grant, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own until saved
        <Group key={i} gap="xs" align="flex-end" wrap="nowrap" data-testid="staff-grant">
          <Select
            aria-label={t('staff.role')}
            data={STAFF_ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
            value={grant.role}
            onChange={(value) => value && set(i, { ...grant, role: value as StaffRole })}
            allowDeselect={false}
            w={180}
            data-testid="staff-grant-role"
          />
          <div style={{ flex: 1 }}>
            <HouseChoice
              value={grant.houseId}
              onChange={(houseId) => set(i, { ...grant, houseId })}
              testId="staff-grant-house"
            />
          </div>
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={t('staff.remove_role')}
            disabled={grants.length === 1}
            onClick={() => onChange(grants.filter((_, j) => j !== i))}
            data-testid="staff-grant-remove"
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button
          variant="subtle"
          size="xs"
          onClick={() => onChange([...grants, { role: 'DISPATCHER', houseId: null }])}
          data-testid="staff-grant-add"
        >
          {t('staff.add_role')}
        </Button>
      </Group>
    </Stack>
  );
}

/** A new member (email, name, phone, first password, roles) or changes to one (name, phone, roles). */
function StaffModal({ editing, onClose }: { editing: StaffMember | 'new'; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errorText = useStaffError();
  const existing = editing === 'new' ? null : editing;
  const [email, setEmail] = useState('');
  const [fullName, setFullName] = useState(existing?.fullName ?? '');
  const [phone, setPhone] = useState(existing?.phone ?? '');
  const [password, setPassword] = useState('');
  const [grants, setGrants] = useState<StaffGrant[]>(
    existing?.roles.map((r) => ({ role: r.role, houseId: r.houseId })) ?? [
      { role: 'DISPATCHER', houseId: null },
    ],
  );
  const [submitted, setSubmitted] = useState(false);
  const save = useMutation({
    mutationFn: () => {
      const common = { fullName: fullName.trim(), phone: phone.trim() || null, roles: grants };
      return existing
        ? updateStaff(existing.id, common)
        : createStaff({ ...common, email: email.trim(), password });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: STAFF_KEY });
      notifications.show({ color: 'teal', message: t(existing ? 'staff.saved' : 'staff.created') });
      onClose();
    },
  });
  // The server checks the password rules (common, repetitive, the email's name): its reasons go to the field.
  const passwordRefused = passwordReasons(save.error, 'password');
  const errors = {
    email: !existing && !/^\S+@\S+\.\S+$/.test(email.trim()) ? t('staff.form_errors.email') : undefined,
    fullName: fullName.trim() ? undefined : t('staff.form_errors.full_name'),
    password:
      !existing && [...password].length < PASSWORD_MIN_LENGTH
        ? t('password_rules.too_short', { min: PASSWORD_MIN_LENGTH })
        : undefined,
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (errors.email || errors.fullName || errors.password) return;
    save.mutate();
  };
  return (
    <FormModal
      title={existing ? t('staff.edit_title', { name: existing.fullName }) : t('staff.new_title')}
      size="lg"
      onClose={onClose}
      onSubmit={onSubmit}
      testId="staff-form"
      pending={save.isPending}
      saveTestId="staff-save"
    >
      {save.isError && passwordRefused.length === 0 && (
        <Alert color="red" variant="light" icon={<IconAlert />} role="alert" data-testid="staff-form-error">
          {errorText(save.error)}
        </Alert>
      )}
      {existing ? (
        <Text size="sm" c="dimmed">
          {existing.email}
        </Text>
      ) : (
        <TextInput
          label={t('staff.email')}
          description={t('staff.email_hint')}
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          maxLength={254}
          withAsterisk
          error={submitted ? errors.email : undefined}
          data-testid="staff-email"
        />
      )}
      <TextInput
        label={t('staff.full_name')}
        value={fullName}
        onChange={(e) => setFullName(e.currentTarget.value)}
        maxLength={200}
        withAsterisk
        error={submitted ? errors.fullName : undefined}
        data-testid="staff-full-name"
      />
      <TextInput
        label={t('staff.phone')}
        value={phone}
        onChange={(e) => setPhone(e.currentTarget.value)}
        maxLength={32}
        data-testid="staff-phone"
      />
      {!existing && (
        <PasswordInput
          label={t('staff.first_password')}
          description={t('staff.first_password_hint', { min: PASSWORD_MIN_LENGTH })}
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          withAsterisk
          autoComplete="new-password"
          error={
            submitted && errors.password
              ? errors.password
              : passwordRefused.map((m) => t(m.key, m.values ?? {})).join(' ') || undefined
          }
          data-testid="staff-password"
        />
      )}
      <GrantsEditor grants={grants} onChange={setGrants} />
    </FormModal>
  );
}

function RoleBadges({ member }: { member: StaffMember }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      {member.roles.map((r) => (
        <Badge
          key={`${r.role}:${r.houseId ?? ''}`}
          variant="light"
          color="teal"
          tt="none"
          data-testid="staff-role"
        >
          {t(`roles.${r.role}`)} · {r.houseAddress ?? t('staff.whole_organisation')}
        </Badge>
      ))}
    </Group>
  );
}

/**
 * The organisation's staff (organisation-wide staff.manage): who can sign in, with which roles where; add people,
 * change their roles, disable someone who left (their sessions end at once) or enable them again.
 */
export function StaffPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const errorText = useStaffError();
  const me = useCurrentUser();
  const { params, update, page, search, typed, setTyped, setPage, setFilter } = useListState();
  const includeInactive = params.get('inactive') === '1';
  const [editing, setEditing] = useState<StaffMember | 'new' | null>(null);
  const [toggling, setToggling] = useState<StaffMember | null>(null);
  const [resetting, setResetting] = useState<StaffMember | null>(null);
  const list = useQuery({
    queryKey: [...STAFF_KEY, search, includeInactive, page],
    queryFn: ({ signal }) => fetchStaff({ search, includeInactive, page }, signal),
    placeholderData: keepPreviousData,
  });
  usePastTheEnd(list.data, list.isPlaceholderData, page, update);
  const toggle = useMutation({
    mutationFn: (member: StaffMember) => updateStaff(member.id, { active: !member.active }),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: STAFF_KEY });
      notifications.show({
        color: 'teal',
        message: result.active ? t('staff.enabled') : t('staff.disabled', { count: result.endedSessions }),
      });
      setToggling(null);
    },
  });

  return (
    <Page title={t('nav.staff')}>
      <Stack gap="md" data-testid="staff-page">
        <Group justify="space-between" wrap="wrap">
          <Group gap="md">
            <SearchBox
              value={typed}
              onChange={setTyped}
              placeholder={t('staff.search')}
              testId="staff-search"
            />
            <Checkbox
              label={t('staff.show_disabled')}
              checked={includeInactive}
              onChange={(e) => setFilter({ inactive: e.currentTarget.checked ? '1' : null })}
              data-testid="staff-show-disabled"
            />
          </Group>
          <Button onClick={() => setEditing('new')} data-testid="staff-add">
            {t('staff.new')}
          </Button>
        </Group>
        {list.isPending ? (
          <ListSkeleton testId="staff-loading" />
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : list.data.items.length === 0 ? (
          <EmptyCard
            icon={<IconStaff size={28} />}
            title={t('staff.empty_title')}
            text={search ? t('staff.empty_search') : t('staff.empty_text')}
            testId="staff-empty"
          />
        ) : (
          <Card withBorder radius="md" p={0} data-testid="staff-list">
            <Table.ScrollContainer minWidth={820}>
              <Table verticalSpacing="sm" horizontalSpacing="md">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('staff.full_name')}</Table.Th>
                    <Table.Th>{t('staff.roles')}</Table.Th>
                    <Table.Th>{t('staff.last_login')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.data.items.map((member) => (
                    <Table.Tr key={member.id} data-testid="staff-row" data-id={member.id}>
                      <Table.Td>
                        <Group gap="xs">
                          <Text fw={500} data-testid="staff-row-name">
                            {member.fullName}
                          </Text>
                          {!member.active && (
                            <Badge color="gray" variant="light" size="sm" data-testid="staff-row-disabled">
                              {t('staff.disabled_badge')}
                            </Badge>
                          )}
                        </Group>
                        <Text size="xs" c="dimmed">
                          {member.email}
                          {member.phone ? ` · ${member.phone}` : ''}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <RoleBadges member={member} />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          {member.lastLoginAt
                            ? formatDateTime(member.lastLoginAt, i18n.language)
                            : t('staff.never')}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Group gap="xs" justify="flex-end" wrap="nowrap">
                          <Button
                            variant="default"
                            size="xs"
                            onClick={() => setEditing(member)}
                            data-testid="staff-edit"
                          >
                            {t('common.edit')}
                          </Button>
                          {member.id !== me.id && member.active && (
                            <Button
                              variant="default"
                              size="xs"
                              onClick={() => setResetting(member)}
                              data-testid="staff-reset"
                            >
                              {t('staff.reset_password')}
                            </Button>
                          )}
                          {member.id !== me.id && (
                            <Button
                              variant="light"
                              color={member.active ? 'red' : 'teal'}
                              size="xs"
                              onClick={() => {
                                toggle.reset();
                                setToggling(member);
                              }}
                              data-testid="staff-toggle"
                            >
                              {member.active ? t('staff.disable') : t('staff.enable')}
                            </Button>
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Card>
        )}
        {list.data && (
          <ListFooter
            total={list.data.total}
            page={list.data.page}
            pageSize={list.data.pageSize}
            onPage={setPage}
            totalText={t('staff.total', { count: list.data.total })}
            testId="staff"
          />
        )}
      </Stack>
      {editing !== null && <StaffModal editing={editing} onClose={() => setEditing(null)} />}
      {resetting !== null && <PasswordResetModal member={resetting} onClose={() => setResetting(null)} />}
      <ConfirmDialog
        opened={toggling !== null}
        title={toggling?.active ? t('staff.disable_title') : t('staff.enable_title')}
        confirmLabel={toggling?.active ? t('staff.disable') : t('staff.enable')}
        color={toggling?.active ? 'red' : 'teal'}
        pending={toggle.isPending}
        error={null}
        onConfirm={() => toggling && toggle.mutate(toggling)}
        onClose={() => setToggling(null)}
      >
        <Stack gap="sm">
          <Text size="sm">
            {toggling?.active
              ? t('staff.disable_text', { name: toggling.fullName })
              : t('staff.enable_text', { name: toggling?.fullName ?? '' })}
          </Text>
          {toggle.isError && (
            <Alert color="red" variant="light" icon={<IconAlert />} role="alert" data-testid="confirm-error">
              {errorText(toggle.error)}
            </Alert>
          )}
        </Stack>
      </ConfirmDialog>
    </Page>
  );
}
