import { type Logger, pino } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Personal data (phones, names, message text, tokens) must never reach them: the redaction
 * list is a safety net for fields that slip through, not a licence to log them.
 */
export function createLogger(level: string, bindings: Record<string, unknown> = {}): Logger {
  return pino({
    level,
    base: { service: 'domovoy', ...bindings },
    redact: {
      paths: [
        '*.phone',
        '*.phone_number',
        '*.first_name',
        '*.last_name',
        '*.username',
        '*.text',
        '*.caption',
        '*.token',
        '*.password',
        '*.passwordHash',
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-telegram-bot-api-secret-token"]',
      ],
      censor: '[redacted]',
    },
  });
}
