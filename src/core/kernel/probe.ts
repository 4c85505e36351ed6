/**
 * The kernel's environment: Python and library versions, read through
 * user_expressions so nothing enters the user's namespace. Versions come from
 * package metadata: no library is imported to learn its version.
 */
import type { KernelSession } from './session';

/** Distributions whose versions matter to the rules and the report. */
export const PROBED_PACKAGES = [
  'numpy',
  'pandas',
  'scikit-learn',
  'scipy',
  'matplotlib',
  'seaborn',
  'statsmodels',
  'xgboost',
  'lightgbm',
  'tensorflow',
  'keras',
  'torch',
  'ipykernel'
];

export interface IEnvironment {
  python: string;
  platform: string;
  /** Distribution name -> version; absent when not installed. */
  packages: Record<string, string>;
}

/**
 * Other distributions of the same import package: a kernel with
 * tensorflow-cpu reports it as tensorflow.
 */
export const DISTRIBUTION_VARIANTS: Record<string, string[]> = {
  tensorflow: ['tensorflow-cpu', 'tensorflow-intel', 'tensorflow-macos', 'tf-nightly']
};

const PROBE_EXPRESSION = (packages: string[]) => {
  const candidates = Object.fromEntries(packages.map(name => [name, [name, ...(DISTRIBUTION_VARIANTS[name] ?? [])]]));
  return (
    `__import__('json').dumps({` +
    `'python': __import__('platform').python_version(), ` +
    `'platform': __import__('platform').platform(), ` +
    `'packages': {name: version for name, version in ((n, (lambda md: next((d.version for c in cs for d in md.distributions(name=c)), None))(__import__('importlib.metadata', fromlist=['x']))) for n, cs in ${JSON.stringify(candidates)}.items()) if version}})`
  );
};

/** Read the environment of the kernel behind a session. */
export async function probeEnvironment(session: KernelSession, packages = PROBED_PACKAGES): Promise<IEnvironment> {
  const { env } = await session.evaluate({ env: PROBE_EXPRESSION(packages) });
  // text/plain is the repr of a str: a quoted Python literal.
  const json = JSON.parse(Private.unrepr(env));
  return json as IEnvironment;
}

namespace Private {
  /** The repr of a Python str holding JSON, back to the JSON text. */
  export function unrepr(repr: string): string {
    const quote = repr[0];
    const body = repr.slice(1, -1);
    // \u0000 holds the place of an escaped backslash while the quotes are unescaped.
    if (quote === "'") {
      // eslint-disable-next-line no-control-regex
      return body.replace(/\\\\/g, '\u0000').replace(/\\'/g, "'").replace(/\u0000/g, '\\');
    }
    // eslint-disable-next-line no-control-regex
    return body.replace(/\\\\/g, '\u0000').replace(/\\"/g, '"').replace(/\u0000/g, '\\');
  }
}
