/**
 * What the Jupyter server the CLI starts may inherit: everything but secrets.
 * Kernels get a copy of the server's environment, and notebook code reads it
 * (`os.environ`), so the API key the CLI uses for the LLM must not be there.
 */

/** Variables kernels must never see: the LLM API key and the Jupyter token. */
export const SECRET_VARIABLES = ['OPENAI_API_KEY', 'JUPYTER_TOKEN'];

/**
 * A copy of `env` without the secret variables, and without any other
 * variable holding the same value (the key under a name of the user's own).
 */
export function withoutSecrets(env: NodeJS.ProcessEnv, extraSecrets: string[] = []): NodeJS.ProcessEnv {
  const secretValues = new Set(
    [...SECRET_VARIABLES.map(name => env[name]), ...extraSecrets].filter((value): value is string => !!value && value.length >= 8)
  );
  const kept: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) {
    if (SECRET_VARIABLES.includes(name) || (value !== undefined && secretValues.has(value))) {
      continue;
    }
    kept[name] = value;
  }
  return kept;
}
