/**
 * Main's log: one line per event in userData/logs/counter.log, rotated at a size limit (counter.log, then
 * counter.1.log ... counter.4.log, the oldest dropped), and echoed to the console.
 *
 * Every line is redacted before it is written or echoed, whoever wrote the message, by the shared redactor
 * (shared/logging/redact.ts): card numbers, PINs, tokens, passwords, and every secret main registered (the
 * station token) wherever it appears; one line per event. Writing is synchronous (a line is small, and the order is then the order of events) and never
 * throws: a log that cannot be written is reported once on the console, and the counter carries on.
 */
import nodeFs from 'node:fs';
import path from 'node:path';
import { MIN_SECRET_LENGTH, redact } from '../shared/logging/redact';

export { REDACTED, REDACTED_CARD, redact } from '../shared/logging/redact';
import { messageOf } from './errors';

export type Log = (message: string) => void;
export type LogLevel = 'info' | 'warn' | 'error';

export type Logger = {
  info: Log;
  warn: Log;
  error: Log;
  /** A value that must never reach the log, like the station token: masked wherever it appears. */
  addSecret(secret: string): void;
  /** The current log file. */
  readonly file: string;
};

/** The file operations the logger needs; node:fs fits. */
export interface LogFs {
  mkdirSync(dir: string, options: { recursive: true }): unknown;
  appendFileSync(file: string, data: string, options: { encoding: 'utf8'; mode: number }): void;
  statSync(file: string): { size: number };
  renameSync(from: string, to: string): void;
  rmSync(file: string, options: { force: true }): void;
}

export const LOG_FILE_NAME = 'counter.log';
export const LOG_MAX_BYTES = 1024 * 1024;
export const LOG_MAX_FILES = 5;
/** A single message longer than this is cut: one runaway message must not rotate the history away. */
export const LOG_MAX_LINE = 8 * 1024;

/** How many registered secrets are kept (the newest). */
const MAX_SECRETS = 32;

export type FileLoggerOptions = {
  /** The folder: userData/logs. */
  dir: string;
  fs?: LogFs;
  maxBytes?: number;
  maxFiles?: number;
  now?: () => Date;
  /** Where each (redacted) line is echoed; the console by default. */
  echo?: (level: LogLevel, line: string) => void;
};

export function createFileLogger(options: FileLoggerOptions): Logger {
  const fs = options.fs ?? nodeFs;
  const maxBytes = options.maxBytes ?? LOG_MAX_BYTES;
  const maxFiles = Math.max(1, options.maxFiles ?? LOG_MAX_FILES);
  const now = options.now ?? (() => new Date());
  const echo = options.echo ?? consoleEcho;
  const file = path.join(options.dir, LOG_FILE_NAME);
  /** Oldest first; `byLength` is the same, longest first, for masking (a secret holding another is masked whole). */
  const secrets: string[] = [];
  let byLength: string[] = [];
  let size: number | null = null;
  let reportedFailure = false;

  const rotated = (n: number) => path.join(options.dir, `${path.basename(LOG_FILE_NAME, '.log')}.${n}.log`);

  function currentSize(): number {
    if (size === null) {
      fs.mkdirSync(options.dir, { recursive: true });
      try {
        size = fs.statSync(file).size;
      } catch {
        size = 0;
      }
    }
    return size;
  }

  function rotate(): void {
    if (maxFiles === 1) {
      fs.rmSync(file, { force: true });
    } else {
      fs.rmSync(rotated(maxFiles - 1), { force: true });
      for (let n = maxFiles - 2; n >= 1; n--) renameIfThere(rotated(n), rotated(n + 1));
      renameIfThere(file, rotated(1));
    }
    size = 0;
  }

  function renameIfThere(from: string, to: string): void {
    try {
      fs.renameSync(from, to);
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
    }
  }

  function write(level: LogLevel, message: string): void {
    const clipped = message.length > LOG_MAX_LINE ? `${message.slice(0, LOG_MAX_LINE)} …(cut)` : message;
    const line = `${now().toISOString()} ${level.toUpperCase().padEnd(5)} ${redact(clipped, byLength)}\n`;
    echo(level, line.trimEnd());
    try {
      const bytes = Buffer.byteLength(line, 'utf8');
      if (currentSize() > 0 && currentSize() + bytes > maxBytes) rotate();
      fs.appendFileSync(file, line, { encoding: 'utf8', mode: 0o600 });
      size = currentSize() + bytes;
    } catch (error) {
      size = null; // read the size again next time: the file may have been fixed or removed meanwhile
      if (!reportedFailure) {
        reportedFailure = true;
        console.error(`[log] cannot write ${file}: ${messageOf(error)}; logging to the console only`);
      }
    }
  }

  return {
    info: (message) => write('info', message),
    warn: (message) => write('warn', message),
    error: (message) => write('error', message),
    addSecret(secret) {
      if (secret.length < MIN_SECRET_LENGTH) return;
      // Added again, it becomes the newest, so the station's current token is never the one dropped.
      const at = secrets.indexOf(secret);
      if (at >= 0) secrets.splice(at, 1);
      secrets.push(secret);
      if (secrets.length > MAX_SECRETS) secrets.shift();
      byLength = [...secrets].sort((a, b) => b.length - a.length);
    },
    file,
  };
}

function consoleEcho(level: LogLevel, line: string): void {
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.log(line);
}
