import { createHash } from 'node:crypto';

/** How Bimer writes things (docs/contracts/bimer-api.md): its password digest, its key case, its codes. Pure. */

export function md5Password(username: string, nonce: string, password: string): string {
  return createHash('md5').update(`${username}${nonce}${password}`).digest('hex');
}

/** Upper-cases the first letter of every key, deeply: `listaObjetos` and `ListaObjetos` read alike. */
export function pascalKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pascalKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k.charAt(0).toUpperCase() + k.slice(1), pascalKeys(v)]),
    );
  }
  return value;
}

export { padCode } from '../domain/ticket-codes.js';
