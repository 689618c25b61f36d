// Why a command is refused: a stable code and a message in Vietnamese and English (the decide error).
import type { ErrorCode } from './types.js';

export interface Fail {
  code: ErrorCode;
  vi: string;
  en: string;
}
export const fail = (code: ErrorCode, vi: string, en: string): Fail => ({ code, vi, en });
export const forbidden = (vi: string, en: string): Fail => fail('FORBIDDEN', vi, en);
export const notAllowed = (vi: string, en: string): Fail => fail('ACTION_NOT_ALLOWED', vi, en);
