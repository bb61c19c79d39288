import { describe, expect, it } from 'vitest';
import { choosePhone, formatPhone, isE164, lookupDigits, phonesInText, readPhone, toE164 } from '../../src/util/phone.js';

describe('readPhone: what people type in Bimer, Karoo and the roster, to E.164', () => {
  it.each([
    ['(0021)99999-0001', '+5521999990001', 'mobile'],
    ['(21) 99999-0001', '+5521999990001', 'mobile'],
    ['21 9 9999-0001', '+5521999990001', 'mobile'],
    ['021999990001', '+5521999990001', 'mobile'],
    ['+55 (21) 99999-0001', '+5521999990001', 'mobile'],
    ['5521999990001', '+5521999990001', 'mobile'],
    ['55 21 99999-0001', '+5521999990001', 'mobile'],
    ['+550021999990001', '+5521999990001', 'mobile'],
    ['550021999990001', '+5521999990001', 'mobile'],
    ['0 21 21 99999-0001', '+5521999990001', 'mobile'], // long-distance carrier code (21, Embratel)
    ['  (21)   99999 - 0001  ', '+5521999990001', 'mobile'],
    ['(55) 99999-1234', '+5555999991234', 'mobile'], // area code 55 (Santa Maria), not the country code
    ['(0051)3333-4444', '+555133334444', 'fixed'],
    ['(51) 3333-4444', '+555133334444', 'fixed'],
    ['051 3333 4444', '+555133334444', 'fixed'],
    ['(11) 4004-0001', '+551140040001', 'fixed'],
    ['+1 212 555 0100', '+12125550100', 'mobile'], // US numbers can be either
  ])('%s → %s (%s)', (raw, e164, kind) => {
    const reading = readPhone(raw);
    expect(reading).toMatchObject({ ok: true, e164, kind });
    expect(toE164(raw)).toBe(e164);
  });

  it.each([
    ['(51) 3333-4444 ramal 22', '+555133334444', '22'],
    ['(51) 3333-4444 r. 5', '+555133334444', '5'],
    ['(0051)3333-4444 - ramal 210', '+555133334444', '210'],
    ['21 3333-4444 ext. 9', '+552133334444', '9'],
    ['(21) 3333-4444 x12', '+552133334444', '12'],
  ])('%s keeps the extension apart: %s, ext %s', (raw, e164, extension) => {
    expect(readPhone(raw)).toEqual({ ok: true, e164, kind: 'fixed', extension });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['123', 'invalid'],
    ['9999-0001', 'invalid'], // no area code: which city?
    ['(21) 1234-567', 'invalid'],
    ['(00) 99999-0001', 'invalid'],
    ['21 9999A-0001', 'letters'],
    ['não tem', 'letters'],
    ['ligar p/ Maria', 'letters'],
    ['+55 21 99999-00011234', 'invalid'],
  ])('%j is not a phone (%s)', (raw, reason) => {
    expect(readPhone(raw)).toMatchObject({ ok: false, reason });
    expect(toE164(raw)).toBeNull();
  });

  it('null and undefined are empty', () => {
    expect(readPhone(null)).toMatchObject({ ok: false, reason: 'empty' });
    expect(readPhone(undefined)).toMatchObject({ ok: false, reason: 'empty' });
  });
});

describe('choosePhone: the number a proactive message goes to', () => {
  it('prefers a mobile (WhatsApp) number over a landline listed first', () => {
    expect(choosePhone(['(51) 3333-4444', '(0051)99999-1111'])).toEqual({ phone: '+5551999991111', rejected: [], others: ['+555133334444'] });
  });
  it('takes the first mobile when there are several, and keeps the others in order (mobiles first, no repeats)', () => {
    expect(choosePhone(['(21) 98888-0002', '(21) 3333-4444', '(21) 99999-0001', '+55 21 98888-0002'])).toEqual({ phone: '+5521988880002', rejected: [], others: ['+5521999990001', '+552133334444'] });
  });
  it('falls back to a landline (WhatsApp Business runs on landlines too)', () => {
    expect(choosePhone(['(0051)3333-4444']).phone).toBe('+555133334444');
  });
  it('lists what it could not read, as typed, so the record can be fixed', () => {
    expect(choosePhone(['(21) 123', '', null, '(21) 99999-0001', 'fax'])).toEqual({ phone: '+5521999990001', rejected: ['(21) 123', 'fax'], others: [] });
    expect(choosePhone(['(21) 123'])).toEqual({ phone: null, rejected: ['(21) 123'], others: [] });
    expect(choosePhone([])).toEqual({ phone: null, rejected: [], others: [] });
  });
});

describe('E.164 helpers', () => {
  it('isE164 accepts only a valid number written in E.164', () => {
    expect(isE164('+5521999990001')).toBe(true);
    expect(isE164('+550021999990001')).toBe(false);
    expect(isE164('5521999990001')).toBe(false);
    expect(isE164('+55 21 99999-0001')).toBe(false);
    expect(isE164('+5521123')).toBe(false);
  });
  it('lookupDigits gives Bimer the digits only, country code included', () => {
    expect(lookupDigits('+5521999990001')).toBe('5521999990001');
  });
  it('formatPhone writes numbers for people', () => {
    expect(formatPhone('+5551999991111')).toBe('(51) 99999-1111');
    expect(formatPhone('+555133334444')).toBe('(51) 3333-4444');
    expect(formatPhone('(0021)99999-0001')).toBe('(21) 99999-0001');
    expect(formatPhone('+12125550100')).toBe('+1 212 555 0100');
    expect(formatPhone('não informado')).toBe('não informado');
  });
});

describe('the phones typed in a message', () => {
  it.each([
    ['o pdv 2 nao liga, podem me ligar no 51 98888-1111?', ['+5551988881111']],
    ['(21) 3333-4444 ou 21 99999-0001', ['+552133334444', '+5521999990001']],
    ['protocolo 2026112300042, cliente 000123', []],
  ])('%s', (text, phones) => {
    expect(phonesInText(text)).toEqual(phones);
  });
});
