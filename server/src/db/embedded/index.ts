export type { EmbeddedOptions, EmbeddedLog } from './options.ts';
export { ensureLauncherBuilt, isLauncherUpToDate } from './build.ts';
export { resolvePassword } from './password.ts';
export { startEmbedded, type StartResult } from './start.ts';
export { stopEmbedded } from './stop.ts';
export { embeddedStatus, storeNeverCreated, type EmbeddedStatus } from './status.ts';
export { freePort } from './net.ts';
export { runOfflineImport, offlineImportArgs, type OfflineImportInput } from './offline-import.ts';
export { holdStartLock } from './start-lock.ts';
