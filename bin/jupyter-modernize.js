#!/usr/bin/env node
// Entry point of the headless CLI (built into dist/ by `npm run build:cli`).
// @jupyterlab/services logs each kernel status change: keep the terminal to our progress.
console.debug = () => undefined;
const { main } = require('../dist/src/cli/main.js');
main(process.argv.slice(2)).then(code => process.exit(code));
