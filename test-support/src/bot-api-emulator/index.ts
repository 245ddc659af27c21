export { BotApiEmulator, startBotApiEmulator } from './emulator.ts';
export { ApiError } from './errors.ts';
export { SUPPORTED_METHODS } from './methods/index.ts';
export { type ButtonMatcher, type PayResult, type ShareContactOptions, TestUser } from './test-user.ts';
export type * from './types.ts';
