// ESLint (flat config): the recommended JavaScript and typescript-eslint rules with the
// exceptions JupyterLab's own config makes, and the layering rule: the engine (src/core)
// imports no UI and nothing of the lab or CLI faces.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Packages the engine must not import: JupyterLab's UI, Lumino widgets, React. */
const UI_PACKAGES = [
  '@jupyterlab/application',
  '@jupyterlab/apputils',
  '@jupyterlab/notebook',
  '@jupyterlab/cells',
  '@jupyterlab/ui-components',
  '@lumino/widgets',
  'react',
  'react-dom'
];

export default tseslint.config(
  {
    ignores: ['lib/', 'dist/', 'node_modules/', 'jupyterlab_modernizer/', 'ui-tests/', 'tools/', 'bench/out*/', '**/*.js', '**/*.mjs']
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/naming-convention': [
        'error',
        { selector: 'interface', format: ['PascalCase'], custom: { regex: '^I[A-Z]', match: true } }
      ],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-namespace': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { args: 'none', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // `export let nextId = 0` in a `namespace Private` is changed from outside (`Private.nextId++`).
      'prefer-const': 'off',
      curly: ['error', 'all'],
      eqeqeq: ['error', 'smart']
    }
  },
  {
    files: ['src/core/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: UI_PACKAGES.map(name => ({ name, message: 'src/core is UI-free: the lab face (src/lab) renders what the engine reports.' })),
          patterns: [
            {
              group: UI_PACKAGES.map(name => `${name}/*`),
              message: 'src/core is UI-free: the lab face (src/lab) renders what the engine reports.'
            },
            {
              regex: '(^|/)(lab|cli)(/|$)',
              message: 'src/core depends on neither face: pass what it needs through an IOptions object.'
            }
          ]
        }
      ],
      'no-restricted-globals': [
        'error',
        { name: 'window', message: 'src/core runs under Node too: no DOM.' },
        { name: 'document', message: 'src/core runs under Node too: no DOM.' }
      ]
    }
  }
);
