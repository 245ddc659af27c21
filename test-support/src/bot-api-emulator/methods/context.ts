import type { EmulatorCore } from '../core.ts';
import type { Params } from './params.ts';

export interface MethodContext {
  core: EmulatorCore;
  params: Params;
  /** Canonical method name. */
  method: string;
  /** Aborted when the client disconnects (used by long polling). */
  signal: AbortSignal;
}

export type MethodHandler = (ctx: MethodContext) => unknown;
