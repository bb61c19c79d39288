/** The specific ticket types of the weekly contact (docs/mission/monitoring-2266.md §3). */
export const DEMAND_CODES = {
  question: '000001',
  operationError: '000002',
  systemErrorDev: '000003',
  systemErrorSupport: '000025',
  other: '000029',
} as const;

/** Each type's name, as Bimer shows it. */
export const CODE_NAMES: Record<string, string> = {
  '000001': 'Dúvidas',
  '000002': 'Erro Operação',
  '000003': 'Erro Sist. DSN',
  '000025': 'Erro Sist. SUP',
  '000029': 'Outros',
};

/** The types that tell a technical demand: never the code of a contact without one (`other`) nor the RSP's. */
export const TECHNICAL_DEMANDS: readonly string[] = [DEMAND_CODES.question, DEMAND_CODES.operationError, DEMAND_CODES.systemErrorDev, DEMAND_CODES.systemErrorSupport];

/** Bimer codes are 6-digit zero-padded strings: "123" → "000123". */
export function padCode(code: string): string {
  const digits = code.trim();
  return /^\d+$/.test(digits) && digits.length < 6 ? digits.padStart(6, '0') : digits;
}

/** Two type codes are the same type whatever their leading zeros ("25" and "000025"). */
export function sameCode(a: string, b: string): boolean {
  return a.replace(/^0+/, '') === b.replace(/^0+/, '');
}
