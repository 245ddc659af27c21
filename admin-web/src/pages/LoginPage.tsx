import {
  Alert,
  Box,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { login } from '../api/auth.ts';
import type { LoginLocationState } from '../auth/RequireAuth.tsx';
import { clearSessionEndReason, startSession, useSession } from '../auth/session.ts';
import { IconAlert, IconInfo, IconLogo } from '../components/icons.tsx';
import { usePageTitle } from '../components/page.tsx';
import { FullScreenLoader } from '../components/states.tsx';
import { describeError, invalidFields } from '../errors.ts';
import { LanguageSwitch } from '../layout/LanguageSwitch.tsx';
import { type LoginField, validateLogin } from '../login-form.ts';
import { homePath, safeReturnPath } from '../nav.ts';

export function LoginPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('login.title'));
  const session = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const state = (location.state ?? {}) as LoginLocationState;
  // Shown once: kept here, then dropped from the history entry so a reload does not repeat it.
  const [arrivalNotice] = useState(state.notice ?? null);
  useEffect(() => {
    if (!state.notice) return;
    clearSessionEndReason();
    const rest: LoginLocationState = state.from ? { from: state.from } : {};
    navigate(`${location.pathname}${location.search}`, { replace: true, state: rest });
  }, [state.notice, state.from, location.pathname, location.search, navigate]);

  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [serverFieldErrors, setServerFieldErrors] = useState<LoginField[]>([]);

  const signIn = useMutation({
    mutationFn: login,
    meta: { skipSessionCheck: true },
    onSuccess: (data) => {
      startSession(queryClient, data);
      navigate(safeReturnPath(state.from) ?? homePath(data.user.permissions) ?? '/', { replace: true });
    },
    onError: (error) => {
      setServerFieldErrors(
        invalidFields(error).filter((f): f is LoginField => f === 'email' || f === 'password'),
      );
    },
  });

  // Already signed in (e.g. opened /login in a second tab): go on to the panel.
  if (session.data) {
    return (
      <Navigate to={safeReturnPath(state.from) ?? homePath(session.data.user.permissions) ?? '/'} replace />
    );
  }
  if (session.isPending) return <FullScreenLoader />;

  const clientErrors = validateLogin(email, password);
  const fieldError = (field: LoginField): string | undefined => {
    if (submitted && clientErrors[field]) return t(clientErrors[field]);
    if (serverFieldErrors.includes(field)) return t('login.field_invalid');
    return undefined;
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setServerFieldErrors([]);
    if (Object.keys(clientErrors).length > 0) return;
    signIn.mutate({ email: email.trim(), password });
  };

  // A notice from how we got here, hidden once the user tries again.
  const notice = signIn.isIdle
    ? arrivalNotice === 'expired'
      ? t('login.session_expired')
      : arrivalNotice === 'logged_out'
        ? t('login.logged_out')
        : null
    : null;

  return (
    <Box mih="100dvh" bg="var(--mantine-color-gray-0)" pos="relative">
      <Group pos="absolute" top={16} right={16}>
        <LanguageSwitch />
      </Group>
      <Center mih="100dvh" p="md">
        <Stack w="100%" maw={420} gap="lg">
          <Group gap="sm" justify="center">
            <ThemeIcon size={44} radius="md" color="teal">
              <IconLogo size={26} />
            </ThemeIcon>
            <Text fz={26} fw={700}>
              {t('app.name')}
            </Text>
          </Group>
          <Paper withBorder shadow="sm" radius="md" p="xl">
            <Stack gap="xs" mb="lg">
              <Title order={3}>{t('login.title')}</Title>
              <Text size="sm" c="dimmed">
                {t('login.subtitle')}
              </Text>
            </Stack>

            {notice && (
              <Alert
                color={arrivalNotice === 'expired' ? 'yellow' : 'teal'}
                variant="light"
                icon={<IconInfo />}
                mb="md"
                data-testid="login-notice"
              >
                {notice}
              </Alert>
            )}
            {signIn.isError && (
              <Alert
                color="red"
                variant="light"
                icon={<IconAlert />}
                mb="md"
                data-testid="login-error"
                role="alert"
              >
                {describeError(signIn.error, i18n)}
              </Alert>
            )}

            <form onSubmit={onSubmit} noValidate data-testid="login-form">
              <Stack gap="md">
                <TextInput
                  label={t('login.email')}
                  placeholder={t('login.email_placeholder')}
                  type="email"
                  autoComplete="username"
                  inputMode="email"
                  autoFocus
                  value={email}
                  onChange={(e) => setEmail(e.currentTarget.value)}
                  error={fieldError('email')}
                  data-testid="login-email"
                />
                <PasswordInput
                  label={t('login.password')}
                  autoComplete="current-password"
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                  error={fieldError('password')}
                  data-testid="login-password"
                />
                <Button type="submit" fullWidth mt="xs" loading={signIn.isPending} data-testid="login-submit">
                  {t('login.submit')}
                </Button>
              </Stack>
            </form>
          </Paper>
          <Text size="xs" c="dimmed" ta="center">
            {t('login.residents_hint')}
          </Text>
        </Stack>
      </Center>
    </Box>
  );
}
