// The headless CLI as one file for the Python wheel: dist/ (tsc) and its npm dependencies bundled,
// run by the machine's node through the `jupyter-modernize` console script.
const path = require('path');
const webpack = require('webpack');

module.exports = {
  mode: 'production',
  target: 'node18',
  entry: './bin/jupyter-modernize.js',
  output: {
    path: path.resolve(__dirname, 'jupyterlab_modernizer', 'cli'),
    filename: 'jupyter-modernize.js'
  },
  // ws loads these optional native speed-ups inside try/catch.
  externals: { bufferutil: 'commonjs bufferutil', 'utf-8-validate': 'commonjs utf-8-validate' },
  optimization: { minimize: false },
  performance: { hints: false },
  // One file: the CLI's on-demand imports (batch, the LLM client) are inlined.
  plugins: [new webpack.optimize.LimitChunkCountPlugin({ maxChunks: 1 })]
};
