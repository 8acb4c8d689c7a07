import { type Environment, environmentSchema } from './environment.schema';

export class EnvironmentError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'EnvironmentError';
  }
}

/** Validates raw variables (process.env by default) and returns typed settings, or throws
 *  an EnvironmentError naming each variable and the rule it broke. */
export function loadEnvironment(source: NodeJS.ProcessEnv = process.env): Environment {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(environmentSchema.shape)) {
    const value = source[key];
    if (value !== undefined && value.trim() !== '') raw[key] = value.trim();
  }
  const parsed = environmentSchema.safeParse(raw);
  if (!parsed.success) {
    throw new EnvironmentError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.');
        const given = raw[name] === undefined ? 'missing' : `got ${JSON.stringify(raw[name])}`;
        return `${name}: ${issue.message} (${given})`;
      }),
    );
  }
  return parsed.data;
}
