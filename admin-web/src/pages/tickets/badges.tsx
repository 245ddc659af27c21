import { Badge, Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { HANDLE_TICKETS } from '../../api/tickets.ts';
import { can, useCurrentUser } from '../../auth/current-user.ts';
import { CATEGORY_KEYS, keyOf, SLA_KEYS, STATUS_KEYS, URGENCY_KEYS } from './ticket-labels.ts';

const STATUS_COLORS: Record<string, string> = {
  NEW: 'blue',
  ACCEPTED: 'cyan',
  IN_PROGRESS: 'teal',
  ON_HOLD: 'yellow',
  DONE: 'green',
  CLOSED: 'gray',
  CANCELLED: 'gray',
  REOPENED: 'orange',
};

const URGENCY_COLORS: Record<string, string> = {
  EMERGENCY: 'red',
  URGENT: 'orange',
  NORMAL: 'gray',
  PLANNED: 'indigo',
};

/** Row and badge colours of the SLA state: breached red, about to breach orange. */
export const SLA_COLORS: Record<string, string> = {
  breached: 'red',
  at_risk: 'orange',
  ok: 'teal',
  met: 'teal',
  none: 'gray',
};

/** The server's code in the user's words, or the code itself for one the panel does not know. */
export function useCodeLabel() {
  const { t } = useTranslation();
  return (table: Record<string, string>, code: string | null | undefined) => {
    const key = keyOf(table, code);
    return key ? t(key) : (code ?? '');
  };
}

export function StatusBadge({ status }: { status: string }) {
  const label = useCodeLabel();
  return (
    <Badge
      color={STATUS_COLORS[status] ?? 'gray'}
      variant="light"
      // Never cut to "ВЫПОЛ…" in a narrow table column.
      style={{ minWidth: 'max-content' }}
      data-testid="ticket-status"
      data-status={status}
    >
      {label(STATUS_KEYS, status)}
    </Badge>
  );
}

export function UrgencyBadge({ urgency }: { urgency: string }) {
  const label = useCodeLabel();
  return (
    <Badge
      color={URGENCY_COLORS[urgency] ?? 'gray'}
      variant={urgency === 'EMERGENCY' ? 'filled' : 'light'}
      data-urgency={urgency}
    >
      {label(URGENCY_KEYS, urgency)}
    </Badge>
  );
}

export function CategoryLabel({ category }: { category: string }) {
  const label = useCodeLabel();
  return <>{label(CATEGORY_KEYS, category)}</>;
}

export function SlaBadge({ state, testId }: { state: string; testId?: string }) {
  const label = useCodeLabel();
  if (state === 'ok' || state === 'none') return null;
  return (
    <Badge
      color={SLA_COLORS[state] ?? 'gray'}
      variant="dot"
      style={{ minWidth: 'max-content' }}
      data-testid={testId}
      data-sla={state}
    >
      {label(SLA_KEYS, state)}
    </Badge>
  );
}

/** Inbox | Analytics, under the page title (analytics for those who handle tickets). */
export function TicketTabs() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { pathname } = useLocation();
  const analytics = pathname.startsWith('/tickets/analytics');
  if (!can(user, HANDLE_TICKETS)) return null;
  return (
    <Group gap="xs" data-testid="tickets-tabs">
      <Button
        component={Link}
        to="/tickets"
        size="xs"
        variant={analytics ? 'subtle' : 'light'}
        data-testid="tab-inbox"
      >
        {t('tickets.tab_inbox')}
      </Button>
      <Button
        component={Link}
        to="/tickets/analytics"
        size="xs"
        variant={analytics ? 'light' : 'subtle'}
        data-testid="tab-analytics"
      >
        {t('tickets.tab_analytics')}
      </Button>
    </Group>
  );
}
