import { describe, expect, it } from 'vitest';
import { ConfigError, loadEmulatorConfig as emulatorOptionsFromEnv } from '../../src/config/index.js';

describe('emulator settings (npm run emulator)', () => {
  it('reads every variable', () => {
    expect(
      emulatorOptionsFromEnv({
        EMULATOR_PORT: '0',
        EMULATOR_HOST: '0.0.0.0',
        EMULATOR_SDKAPPID: '1400000001',
        EMULATOR_SECRET_KEY: 'k'.repeat(64),
        EMULATOR_ADMIN: 'root_admin',
        EMULATOR_SEED: 'none',
        EMULATOR_RATE_LIMIT: '0',
        EMULATOR_LATENCY_MS: '30',
      }),
    ).toEqual({
      port: 0,
      host: '0.0.0.0',
      sdkAppId: 1400000001,
      secretKey: 'k'.repeat(64),
      admin: 'root_admin',
      seed: 'none',
      rateLimitPerSecond: 0,
      latencyMs: 30,
    });
    expect(emulatorOptionsFromEnv({})).toEqual({
      host: '127.0.0.1',
      port: 4100,
      sdkAppId: 1400000000,
      admin: 'administrator',
      seed: 'demo',
      rateLimitPerSecond: 200,
      latencyMs: 0,
    });
  });

  it.each([
    ['EMULATOR_PORT', 'abc'],
    ['EMULATOR_PORT', '70000'],
    ['EMULATOR_PORT', '-1'],
    ['EMULATOR_PORT', '   '],
    ['EMULATOR_HOST', 'a b'],
    ['EMULATOR_SDKAPPID', '0'],
    ['EMULATOR_SDKAPPID', '1.5'],
    ['EMULATOR_SECRET_KEY', '  '],
    ['EMULATOR_ADMIN', 'x'.repeat(33)],
    ['EMULATOR_ADMIN', 'adm\u00efn'],
    ['EMULATOR_SEED', 'full'],
    ['EMULATOR_RATE_LIMIT', '-5'],
  ])('rejects %s=%j naming the variable', (name, value) => {
    let error: unknown;
    try {
      emulatorOptionsFromEnv({ [name]: value });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(name);
    expect((error as Error).message).toContain(name);
  });
});
