/** The little logging the messaging code needs; apps adapt their own logger (Nest, JSON lines) to it. */
export interface MessagingLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export type LogLevelName = 'nothing' | 'error' | 'warn' | 'info' | 'debug';

const RANK: Record<LogLevelName, number> = { nothing: 0, error: 1, warn: 2, info: 3, debug: 4 };

/** One JSON object per line on stderr, so a standalone process's log is machine-readable and stdout stays free. */
export function jsonLineLogger(
  name: string,
  level: LogLevelName = 'info',
  write: (line: string) => void = (l) => process.stderr.write(l),
): MessagingLogger {
  const at = (lineLevel: Exclude<LogLevelName, 'nothing'>) => (message: string, fields?: Record<string, unknown>) => {
    if (RANK[lineLevel] > RANK[level]) return;
    write(`${JSON.stringify({ time: new Date().toISOString(), level: lineLevel, name, message, ...fields })}\n`);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export const silentLogger: MessagingLogger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

export function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
