import { z } from 'zod';
import { periodDate } from '../../time/zoned.ts';

/** A billing month as staff type it: "2026-11". */
export const periodSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'period must look like 2026-11')
  .transform((p) => periodDate(Number(p.slice(0, 4)), Number(p.slice(5, 7))));
