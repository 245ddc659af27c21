export { type ApiDeps, buildApi } from './app.ts';
