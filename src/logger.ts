import type { LoggerOptions } from 'pino';

/** Keeps the country code, area code and last four digits: +55 21 *****-0000 style. */
export function maskPhone(value: unknown): unknown {
  if (typeof value !== 'string' || value.includes('*')) return value; // already masked (several paths may match)
  const digits = value.replace(/\D/g, '');
  if (digits.length < 6) return '***';
  return `${value.startsWith('+') ? '+' : ''}${digits.slice(0, 4)}${'*'.repeat(digits.length - 8 > 0 ? digits.length - 8 : 1)}${digits.slice(-4)}`;
}

const SECRET_PATHS = [
  'config.KAROO_WEBHOOK_SECRET',
  'config.KAROO_API_TOKEN',
  'config.BIMER_CLIENT_SECRET',
  'config.BIMER_PASSWORD',
  'config.ADMIN_PASSWORD',
  'KAROO_WEBHOOK_SECRET',
  'KAROO_API_TOKEN',
  'BIMER_CLIENT_SECRET',
  'BIMER_PASSWORD',
  'ADMIN_PASSWORD',
  'req.headers.authorization',
  'req.headers["webhook-signature"]',
  'headers.authorization',
  'headers.Authorization',
  'password',
  'token',
  'access_token',
  'refresh_token',
];

const PHONE_PATHS = [
  'phone',
  'to.phone',
  '*.phone',
  '*.*.phone',
  'event.chat.contact.phone',
  'chat.contact.phone',
  'contact.phone',
];

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    base: { service: 'karoo-bot' },
    redact: {
      paths: [...SECRET_PATHS, ...PHONE_PATHS],
      censor: (value: unknown, path: string[]) =>
        path[path.length - 1] === 'phone' ? maskPhone(value) : '[redacted]',
    },
  };
}
