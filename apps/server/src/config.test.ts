import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, VARIABLES } from './config.js';

describe('loadConfig', () => {
  it('has defaults for everything', () => {
    const config = loadConfig({}, '/srv');
    expect(config).toMatchObject({ port: 8080, host: '0.0.0.0', dataDir: '/srv/data', databaseUrl: null, secret: null, adminToken: null });
  });

  it('reports every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', CONCERTO_SECRET: 'short', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).problems).toHaveLength(4);
    }
  });

  it('refuses REDIS_URL without DATABASE_URL: SQLite is one process\'s store', () => {
    expect(() => loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(/REDIS_URL needs DATABASE_URL/);
    const config = loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', DATABASE_URL: 'postgres://x@h/db', REDIS_PREFIX: 'essai' });
    expect(config).toMatchObject({ redisUrl: 'redis://127.0.0.1:6379', redisPrefix: 'essai' });
    expect(loadConfig({}).redisPrefix).toBe('concerto');
  });

  it('documents every variable it reads, here and in the README', () => {
    const source = readFileSync(new URL('./config.ts', import.meta.url), 'utf8');
    const read = [...source.matchAll(/(?:text|int)\('([A-Z_]+)'/g)].map((m) => m[1]);
    expect(new Set(read)).toEqual(new Set(VARIABLES.map((v) => v.name)));
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    for (const { name } of VARIABLES) expect(readme, name).toContain(`\`${name}\``);
  });
});
