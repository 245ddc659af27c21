import { Anchor, Button, Code, CopyButton, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REGISTRY_KEY } from '../../api/registry.ts';
import { fetchInvite, type Invite, reissueInvite } from '../../api/residents.ts';
import { ConfirmDialog } from '../../components/confirm.tsx';
import { IconKey } from '../../components/icons.tsx';
import { describeError } from '../../errors.ts';
import { formatDateTime } from '../../format.ts';
import { normalizeBotUsername, readBotUsername, storeBotUsername } from '../../registry/bot-username.ts';

/** The bot's username, remembered in this browser: the API needs it for t.me links and printed cards. */
export function useBotUsername(): [string, (value: string) => void] {
  const [value, setValue] = useState(readBotUsername);
  return [
    value,
    (next: string) => {
      storeBotUsername(next);
      setValue(next);
    },
  ];
}

/** A box for the bot's username: checked as typed, remembered once valid. */
export function BotUsernameInput({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState(value ? `@${value}` : '');
  const valid = normalizeBotUsername(typed);
  return (
    <TextInput
      label={t('invites.bot_username')}
      description={t('invites.bot_username_hint')}
      placeholder="@domovoy_bot"
      value={typed}
      onChange={(e) => {
        const next = e.currentTarget.value;
        setTyped(next);
        const name = normalizeBotUsername(next);
        if (name || next.trim() === '') onChange(name ?? '');
      }}
      error={typed.trim() !== '' && !valid ? t('invites.bot_username_invalid') : undefined}
      maxLength={60}
      w={{ base: '100%', sm: 320 }}
      data-testid="bot-username"
    />
  );
}

/** "Show code" and "new code" for one personal account (residents.manage). */
export function InviteActions({
  account,
  botUsername,
}: {
  account: { id: string; number: string; closedAt: string | null };
  botUsername: string;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [shown, setShown] = useState<Invite | null>(null);
  const [confirming, setConfirming] = useState(false);

  const show = useMutation({
    mutationFn: () => fetchInvite(account.id, botUsername),
    onSuccess: setShown,
    onError: (error) =>
      notifications.show({
        color: 'red',
        title: t('invites.show_failed'),
        message: describeError(error, i18n),
      }),
  });
  const reissue = useMutation({
    mutationFn: () => reissueInvite(account.id, botUsername || null),
    onSuccess: async (invite) => {
      setConfirming(false);
      setShown(invite);
      await queryClient.invalidateQueries({ queryKey: REGISTRY_KEY });
    },
  });

  if (account.closedAt) return null;
  return (
    <>
      <Group gap={4} wrap="nowrap" justify="flex-end">
        <Button
          size="compact-sm"
          variant="subtle"
          leftSection={<IconKey size={14} />}
          onClick={() => show.mutate()}
          loading={show.isPending}
          disabled={!botUsername}
          title={botUsername ? undefined : t('invites.needs_bot_username')}
          data-testid="invite-show"
        >
          {t('invites.show')}
        </Button>
        <Button
          size="compact-sm"
          variant="subtle"
          color="orange"
          onClick={() => {
            reissue.reset();
            setConfirming(true);
          }}
          data-testid="invite-reissue"
        >
          {t('invites.reissue')}
        </Button>
      </Group>
      <ConfirmDialog
        opened={confirming}
        title={t('invites.reissue_title')}
        confirmLabel={t('invites.reissue')}
        color="orange"
        pending={reissue.isPending}
        error={reissue.error}
        onConfirm={() => reissue.mutate()}
        onClose={() => setConfirming(false)}
      >
        {t('invites.reissue_text', { account: account.number })}
      </ConfirmDialog>
      <InviteModal invite={shown} onClose={() => setShown(null)} />
    </>
  );
}

function InviteModal({ invite, onClose }: { invite: Invite | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  return (
    <Modal opened={invite !== null} onClose={onClose} title={t('invites.code_title')} centered>
      {invite && (
        <Stack gap="sm" data-testid="invite-modal">
          <Text size="sm">
            {t('invites.code_for', {
              account: invite.accountNumber,
              flat: invite.premisesNumber,
              address: invite.address,
            })}
          </Text>
          <Group gap="sm">
            <Code fz="xl" fw={700} data-testid="invite-code">
              {invite.code}
            </Code>
            <CopyButton value={invite.code}>
              {({ copied, copy }) => (
                <Button size="xs" variant="light" onClick={copy}>
                  {copied ? t('invites.copied') : t('invites.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
          {invite.deepLink && (
            <Anchor
              href={invite.deepLink}
              target="_blank"
              rel="noreferrer"
              size="sm"
              data-testid="invite-link"
            >
              {invite.deepLink}
            </Anchor>
          )}
          <Text size="xs" c="dimmed">
            {t('invites.issued_at', { date: formatDateTime(invite.issuedAt, language) })}
          </Text>
          <Text size="xs" c="dimmed">
            {t('invites.code_hint')}
          </Text>
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('common.done')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
