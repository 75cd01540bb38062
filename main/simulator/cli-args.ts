/** Command-line options of `npm run simulator`, validated with one-line errors. */

export interface SimulatorCliOptions {
  port: number;
  devices: number;
  seed: number;
  /** Sim-clock speed: simulated milliseconds per real millisecond. */
  speed: number;
  help: boolean;
}

export class CliUsageError extends Error {}

export const USAGE = 'usage: npm run simulator -- [--port P] [--devices N] [--seed S] [--speed X]';

const DEFAULTS: SimulatorCliOptions = { port: 0, devices: 120, seed: 1, speed: 1, help: false };

type NumericOption = 'port' | 'devices' | 'seed' | 'speed';

const RULES: Readonly<Record<NumericOption, { check: (n: number) => boolean; expected: string }>> = {
  port: { check: (n) => Number.isInteger(n) && n >= 0 && n <= 65_535, expected: 'an integer between 0 and 65535' },
  devices: { check: (n) => Number.isInteger(n) && n >= 1 && n <= 200_000, expected: 'an integer between 1 and 200000' },
  seed: { check: (n) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31, expected: 'a 32-bit integer' },
  speed: { check: (n) => Number.isFinite(n) && n > 0 && n <= 100_000, expected: 'a number above 0 and at most 100000' },
};

export function parseSimulatorArgs(argv: readonly string[]): SimulatorCliOptions {
  const options = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      options.help = true;
      continue;
    }
    const m = /^--([a-z]+)(?:=(.*))?$/.exec(arg);
    const name = m?.[1];
    if (!m || !name || !(name in RULES)) throw new CliUsageError(`unknown option '${arg}'`);
    const raw = m[2] ?? argv[++i];
    if (raw === undefined || raw === '') throw new CliUsageError(`--${name} needs a value`);
    const value = Number(raw);
    const rule = RULES[name as NumericOption];
    if (!rule.check(value)) throw new CliUsageError(`--${name} must be ${rule.expected} (got '${raw}')`);
    options[name as NumericOption] = value;
  }
  return options;
}
