// @jupyterlab/services logs every kernel status change; keep test output to what tests say.
console.debug = () => undefined;
const warn = console.warn;
console.warn = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && /^(Connection lost|Kernel|Starting WebSocket)/.test(args[0])) {
    return;
  }
  warn(...args);
};
