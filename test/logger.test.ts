import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loggerOptions, maskPhone } from '../src/logger.js';

describe('logger', () => {
  it('masks phone numbers and redacts secrets', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const log = pino(loggerOptions('info'), sink);
    log.info({ config: { KAROO_API_TOKEN: 'tok-abc', BIMER_PASSWORD: 'senha' }, to: { phone: '+5521999990000' } }, 'x');
    log.info({ event: { chat: { contact: { phone: '+5521988887777' } } } }, 'y');
    const out = lines.join('');
    expect(out).not.toContain('tok-abc');
    expect(out).not.toContain('senha');
    expect(out).not.toContain('999990000');
    expect(out).not.toContain('988887777');
    expect(out).toContain('+5521*****0000');
    expect(out).toContain('+5521*****7777');
  });

  it('keeps only the country/area prefix and the last four digits', () => {
    expect(maskPhone('+5521999990000')).toBe('+5521*****0000');
    expect(maskPhone('123')).toBe('***');
  });
});
