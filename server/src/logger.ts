// Structured logs (pino, JSON lines to stderr) so stdout stays clean for command output.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, name = 'infragraph'): Logger {
  return pino({ name, level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, pino.destination(2));
}
