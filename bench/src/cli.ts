/** Command-line flags of `npm run bench`, parsed (pure; tested in cli.test.ts). */
import { SERVER_NAMES } from './servers/index.js';
import type { ServerName } from './servers/index.js';

export const SCENARIOS = ['webinar', 'saturation', 'cursors', 'coldLoad', 'memory', 'growth', 'client', 'export', 'cluster'] as const;
export type ScenarioId = (typeof SCENARIOS)[number];

export interface Options {
  quick: boolean;
  scenarios: ScenarioId[];
  servers: ServerName[];
  repeats: number;
  cpuProf: boolean;
  out: string | null;
  help: boolean;
}

const ALIASES: Record<string, ScenarioId> = {
  'cold-load': 'coldLoad',
  coldload: 'coldLoad',
  cold: 'coldLoad',
  sweep: 'saturation',
  awareness: 'cursors',
  browser: 'client',
  pdf: 'export',
  'scale-out': 'cluster',
};

export const USAGE = `npm run bench -- [flags]
  --quick               about a minute: fewer repeats, shorter windows, fewer rooms
  --scenario a,b        only these: ${SCENARIOS.join(', ')}
  --servers a,b         only these servers: ${SERVER_NAMES.join(', ')} (default: all)
  --repeats N           repeats of the webinar and cursors runs (default 3, quick 1)
  --cpu-prof            V8 CPU profile of Concerto's server in webinar repeat 1 (summarised in the report)
  --out FILE            JSON results (default bench/results/latest.json, quick: latest-quick.json)`;

export function parseArgs(argv: readonly string[]): Options {
  const options: Options = { quick: false, scenarios: [...SCENARIOS], servers: [...SERVER_NAMES], repeats: NaN, cpuProf: false, out: null, help: false };
  const list = (value: string | undefined, flag: string): string[] => {
    if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value`);
    return value.split(',').map((v) => v.trim()).filter(Boolean);
  };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i]!;
    const [flag, inline] = raw.includes('=') ? [raw.slice(0, raw.indexOf('=')), raw.slice(raw.indexOf('=') + 1)] : [raw, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--quick':
        options.quick = true;
        break;
      case '--scenario':
      case '--scenarios':
        options.scenarios = list(value(), flag).map((s) => {
          const id = (SCENARIOS as readonly string[]).includes(s) ? (s as ScenarioId) : ALIASES[s.toLowerCase()];
          if (id === undefined) throw new Error(`unknown scenario "${s}" (one of ${SCENARIOS.join(', ')})`);
          return id;
        });
        break;
      case '--servers':
      case '--server':
        options.servers = list(value(), flag).map((s) => {
          if (!(SERVER_NAMES as readonly string[]).includes(s)) throw new Error(`unknown server "${s}" (one of ${SERVER_NAMES.join(', ')})`);
          return s as ServerName;
        });
        break;
      case '--repeats': {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 1 || n > 20) throw new Error('--repeats needs an integer from 1 to 20');
        options.repeats = n;
        break;
      }
      case '--cpu-prof':
        options.cpuProf = true;
        break;
      case '--out':
        options.out = value() ?? null;
        break;
      case '--help':
      case '-h':
        options.help = true;
        break;
      default:
        throw new Error(`unknown flag ${raw}\n${USAGE}`);
    }
  }
  if (Number.isNaN(options.repeats)) options.repeats = options.quick ? 1 : 3;
  // keep the canonical order whatever order they were given in
  options.scenarios = SCENARIOS.filter((s) => options.scenarios.includes(s));
  options.servers = SERVER_NAMES.filter((s) => options.servers.includes(s));
  return options;
}
