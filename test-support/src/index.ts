export * from './bot-api-emulator/index.ts';
