import { logLevel, type logCreator } from 'kafkajs';
import type { LogLevelName, MessagingLogger } from '../logger';

export const KAFKAJS_LOG_LEVEL: Record<LogLevelName, logLevel> = {
  nothing: logLevel.NOTHING,
  error: logLevel.ERROR,
  warn: logLevel.WARN,
  info: logLevel.INFO,
  debug: logLevel.DEBUG,
};

/** Routes kafkajs's own log lines into the app's logger instead of its console output. */
export function kafkajsLogCreator(logger: MessagingLogger): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      const { message, timestamp: _timestamp, ...fields } = log;
      const text = `kafkajs ${namespace}: ${message}`;
      if (level <= logLevel.ERROR) logger.error(text, fields);
      else if (level === logLevel.WARN) logger.warn(text, fields);
      else if (level === logLevel.INFO) logger.info(text, fields);
      else logger.debug(text, fields);
    };
}
