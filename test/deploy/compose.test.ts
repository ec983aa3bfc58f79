import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { loadConfig } from '../../apps/case-api/src/config/app-config';
import { embeddedSecretPath } from '../../apps/case-api/src/auth/security-config';
import { loadStandaloneIntakeConfig } from '../../apps/kafka-intake/src/intake-config';
import { loadStandaloneRelayConfig } from '../../apps/outbox-relay/src/relay-config';
import { loadKafkaConfig } from '../../apps/shared/src/kafka-settings';

/*
 * docker/compose.yaml as Docker Compose would read it, without a Docker engine: anchors and merge
 * keys resolved, `${VAR:-default}` interpolated with an empty environment, then validated against
 * the Compose Specification's JSON schema (vendored in docker/schema, source named there). Each
 * Fristvakt service's environment (its image's ENV under the compose file's) then goes through the
 * app's own configuration loader, exactly as the container's entry point would.
 */

const ROOT = resolve(__dirname, '../..');
const DOCKER = join(ROOT, 'docker');
const PROFILES = ['single', 'cluster'];

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  environment?: Record<string, string | number | boolean | null>;
  volumes?: string[];
  profiles?: string[];
  depends_on?: Record<string, unknown>;
  deploy?: { replicas?: number };
}
interface ComposeFile {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
}

/** Compose interpolation for what this file uses: `${VAR}`, `${VAR:-default}`, `$$`. */
function interpolate(value: unknown, env: Record<string, string>): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (match, name?: string, fallback?: string) =>
      match === '$$' ? '$' : ((env[name!] || fallback) ?? ''),
    );
  }
  if (Array.isArray(value)) return value.map((v) => interpolate(v, env));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, env)]));
  return value;
}

const composeText = readFileSync(join(DOCKER, 'compose.yaml'), 'utf8');
const compose = interpolate(parse(composeText, { merge: true }), {}) as ComposeFile;

/** The ENV of a Dockerfile's last stage (what the running container starts with). */
function imageEnv(dockerfile: string): Record<string, string> {
  const stages = readFileSync(dockerfile, 'utf8').split(/^FROM /m);
  const env: Record<string, string> = {};
  for (const line of stages[stages.length - 1].split('\n')) {
    const m = /^ENV\s+(.+)$/.exec(line.trim());
    if (!m) continue;
    for (const pair of m[1].matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S+)/g)) env[pair[1]] = pair[2].replace(/^"|"$/g, '');
  }
  return env;
}

function environmentOf(service: Service): Record<string, string> {
  const own = Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, v === null ? '' : String(v)]));
  return { ...(service.build ? imageEnv(resolve(DOCKER, service.build.context, service.build.dockerfile)) : {}), ...own };
}

/** Mount targets of named volumes (not bind mounts) in the service. */
function namedVolumeTargets(service: Service): string[] {
  return (service.volumes ?? [])
    .map((spec) => spec.split(':'))
    .filter(([source]) => source in compose.volumes)
    .map(([, target]) => target);
}

function onNamedVolume(service: Service, path: string): boolean {
  return namedVolumeTargets(service).some((target) => !relative(target, path).startsWith('..'));
}

type AppKind = 'case-api' | 'outbox-relay' | 'kafka-intake';

function appOf(service: Service): AppKind | undefined {
  const dockerfile = service.build?.dockerfile ?? '';
  return (['case-api', 'outbox-relay', 'kafka-intake'] as const).find((app) => dockerfile.endsWith(`${app}.Dockerfile`));
}

interface Loaded {
  /** does this service publish fristvakt.case-events.v1 */
  relays: boolean;
  /** files and directories it keeps state in */
  statePaths: string[];
}

/** The app's own loader over the service's environment; throws what the container would print before exiting. */
function load(app: AppKind, env: Record<string, string>): Loaded {
  switch (app) {
    case 'case-api': {
      const config = loadConfig(env);
      const local = config.store === 'sqlite' ? [config.dataDir] : [];
      const secret = config.auth.mode === 'embedded' ? [embeddedSecretPath(config.auth, config.dataDir)] : [];
      // projections snapshot and access log live in the data dir (or the snapshot dir)
      return { relays: config.kafka !== undefined, statePaths: [...local, config.snapshotDir ?? config.dataDir, ...secret] };
    }
    case 'outbox-relay': {
      loadKafkaConfig(env);
      const config = loadStandaloneRelayConfig(env);
      return { relays: true, statePaths: [config.checkpointPath, ...(config.store.kind === 'sqlite' ? [config.store.path] : [])] };
    }
    case 'kafka-intake': {
      loadKafkaConfig(env);
      const config = loadStandaloneIntakeConfig(env);
      return { relays: false, statePaths: config.store.kind === 'sqlite' ? [config.store.path] : [] };
    }
  }
}

const activeIn = (profile: string) =>
  Object.entries(compose.services).filter(([, service]) => !service.profiles || service.profiles.includes(profile));

function composeSchemaValidator() {
  const schema = JSON.parse(readFileSync(join(DOCKER, 'schema/compose-spec.json'), 'utf8')) as Record<string, unknown>;
  // ajv knows draft-07 by its own meta-schema id; the https spelling of the schema's `$schema` is the same draft
  delete schema.$schema;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

describe('docker/compose.yaml', () => {
  it('is valid against the Compose Specification schema', () => {
    const validate = composeSchemaValidator();
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('refers only to services and volumes it defines', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const dependency of Object.keys(service.depends_on ?? {}))
        expect([name, dependency, dependency in compose.services]).toEqual([name, dependency, true]);
      for (const spec of service.volumes ?? []) {
        const source = spec.split(':')[0];
        if (!source.startsWith('.') && !source.startsWith('/'))
          expect([name, source, source in compose.volumes]).toEqual([name, source, true]);
      }
    }
  });

  it('gives every Fristvakt service settings its own loader accepts, with every store and checkpoint on a named volume', () => {
    const apps = Object.entries(compose.services).filter(([, service]) => appOf(service));
    expect(apps.map(([name]) => name).sort()).toEqual(['case-api-1', 'case-api-2', 'kafka-intake', 'outbox-relay']);
    for (const [name, service] of apps) {
      const loaded = load(appOf(service)!, environmentOf(service));
      for (const path of loaded.statePaths)
        expect({ service: name, path, onNamedVolume: onNamedVolume(service, path) }).toEqual({ service: name, path, onNamedVolume: true });
    }
  });

  it.each(PROFILES)('has exactly one publisher of fristvakt.case-events.v1 in profile %s', (profile) => {
    const relays = activeIn(profile)
      .filter(([, service]) => appOf(service) && load(appOf(service)!, environmentOf(service)).relays)
      .map(([name, service]) => ({ name, replicas: service.deploy?.replicas ?? 1 }));
    expect(relays).toEqual([{ name: 'outbox-relay', replicas: 1 }]);
  });

  it("keeps Kafka's log directory and EventStoreDB's data on their volumes", () => {
    const kafka = compose.services.kafka;
    expect(onNamedVolume(kafka, String(kafka.environment?.KAFKA_LOG_DIRS))).toBe(true);
    for (const [name, service] of Object.entries(compose.services).filter(([, s]) => s.image?.startsWith('eventstore/'))) {
      // EVENTSTORE_DB defaults to /var/lib/eventstore in the image
      expect([name, onNamedVolume(service, String(service.environment?.EVENTSTORE_DB ?? '/var/lib/eventstore'))]).toEqual([name, true]);
    }
  });

  it('pins every image it pulls, and every base image, to an exact version', () => {
    const EXACT = /:\d+\.\d+\.\d+(?:-[\w.-]+)?$|@sha256:[0-9a-f]{64}$/;
    const pulled = Object.entries(compose.services)
      .filter(([, service]) => !service.build)
      .map(([, service]) => service.image!);
    const bases = ['case-api', 'outbox-relay', 'kafka-intake'].flatMap((app) =>
      [...readFileSync(join(DOCKER, `${app}.Dockerfile`), 'utf8').matchAll(/^FROM\s+(\S+)/gm)]
        .map((m) => m[1])
        .filter((image) => !/^(build|prod-deps)$/.test(image)),
    );
    expect(pulled.length + bases.length).toBeGreaterThan(0);
    for (const image of [...pulled, ...bases]) expect([image, EXACT.test(image)]).toEqual([image, true]);
  });

  it('keeps node_modules, local data and secrets out of the build context', () => {
    const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .map((line) => line.trim());
    for (const entry of ['node_modules', 'data', '.env', '**/auth-secret', '**/*.sqlite', '.git']) expect(ignored).toContain(entry);
  });
});

describe('the compose checks', () => {
  it('notice what the schema refuses', () => {
    const validate = composeSchemaValidator();
    expect(validate({ services: { api: { image: 'x:1.0.0', restart_policy: 'always' } } })).toBe(false);
    expect(validate({ services: { api: { image: 'x:1.0.0', depends_on: { db: { condition: 'when_ready' } } } } })).toBe(false);
  });

  it('notice a case-api replica that would embed a second relay', () => {
    const replica = {
      ...compose.services['case-api-1'],
      environment: { ...compose.services['case-api-1'].environment, KAFKA_BROKERS: 'kafka:9092' },
    };
    expect(load('case-api', environmentOf(replica)).relays).toBe(true);
  });

  it('notice a checkpoint outside every named volume', () => {
    const relay = compose.services['outbox-relay'];
    const env = { ...environmentOf(relay), FRISTVAKT_RELAY_CHECKPOINT: '/tmp/relay.json' };
    expect(load('outbox-relay', env).statePaths.some((path) => !onNamedVolume(relay, path))).toBe(true);
  });
});
