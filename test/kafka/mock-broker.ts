import { spawn, type ChildProcess } from 'node:child_process';

/**
 * librdkafka's built-in mock cluster, run by kcat: it speaks the real Kafka protocol on a free port
 * and auto-creates topics (4 partitions). Its data lives in the kcat process: SIGSTOP/SIGCONT is a
 * broker outage that keeps it, killing it loses everything.
 */
export interface MockBroker {
  /** host:port for KAFKA_BROKERS */
  readonly bootstrap: string;
  /** the broker stops answering (connections stay open, requests hang) until resume() */
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
}

const BOOTSTRAP = /(?:bootstrap\.servers=|replaced with )(\S+:\d+)/;
const START_TIMEOUT_MS = 10_000;

export async function startMockBroker(): Promise<MockBroker> {
  // A consumer on a keep-alive topic keeps kcat (and so the mock cluster) running until killed.
  const child = spawn('kcat', ['-q', '-b', 'localhost:1', '-X', 'test.mock.num.brokers=1', '-C', '-t', 'fristvakt.mock-keepalive'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const bootstrap = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => fail(new Error(`kcat printed no bootstrap.servers within ${START_TIMEOUT_MS} ms: ${seen.slice(0, 500)}`)),
      START_TIMEOUT_MS,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    child.once('error', (error) => fail(new Error(`could not run kcat (is it installed?): ${error.message}`)));
    child.once('exit', (code) => fail(new Error(`kcat exited with ${code} before the mock broker was up: ${seen.slice(0, 500)}`)));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (seen.length < 10_000) seen += chunk;
      const match = BOOTSTRAP.exec(seen);
      if (match) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve(match[1]);
      }
    });
  });
  // Keep draining stderr so kcat never blocks on a full pipe.
  child.stderr.resume();
  // A test process that dies without afterAll must not leave an orphaned broker behind.
  const killOnExit = () => signal(child, 'SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  return {
    bootstrap,
    pause: () => signal(child, 'SIGSTOP'),
    resume: () => signal(child, 'SIGCONT'),
    stop: () => kill(child),
  };
}

function signal(child: ChildProcess, name: NodeJS.Signals): void {
  if (child.exitCode === null && child.signalCode === null) child.kill(name);
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await exited;
  child.stderr?.destroy();
}
