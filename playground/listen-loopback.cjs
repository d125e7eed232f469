// Preloaded into the Agents Playground (node --require). The Playground has no host
// option and listens on every interface; this pins every TCP server it opens to
// 127.0.0.1. It changes nothing else and is used only for local runs and tests.
'use strict';
const net = require('node:net');

const originalListen = net.Server.prototype.listen;
net.Server.prototype.listen = function listenOnLoopback(...args) {
  const first = args[0];
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    const callback = args.find((a) => typeof a === 'function');
    const options = { port: Number(first), host: '127.0.0.1' };
    return callback ? originalListen.call(this, options, callback) : originalListen.call(this, options);
  }
  if (first && typeof first === 'object' && first.path === undefined && !(first instanceof net.Server)) {
    args[0] = { ...first, host: '127.0.0.1' };
  }
  return originalListen.apply(this, args);
};

// The Playground reports every user as "en-US". To demo the bot as a German (or any)
// Teams client would see it, PLAYGROUND_CLIENT_LOCALE (five characters, e.g. "de-DE")
// replaces that locale in the activities it posts to the bot's /api/messages. The
// replacement has the same length, so Content-Length stays correct.
const clientLocale = process.env.PLAYGROUND_CLIENT_LOCALE;
if (clientLocale && /^[a-z]{2}-[A-Z]{2}$/.test(clientLocale) && clientLocale !== 'en-US') {
  const http = require('node:http');
  const from = Buffer.from('"locale":"en-US"');
  const to = Buffer.from(`"locale":"${clientLocale}"`);
  const rewrite = (chunk) => {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.isBuffer(chunk) ? chunk : null;
    if (!buf || buf.indexOf(from) === -1) return chunk;
    const parts = [];
    let start = 0;
    for (let i = buf.indexOf(from); i !== -1; i = buf.indexOf(from, start)) {
      parts.push(buf.subarray(start, i), to);
      start = i + from.length;
    }
    parts.push(buf.subarray(start));
    return Buffer.concat(parts);
  };
  const toBot = (req) => typeof req.path === 'string' && req.path.endsWith('/api/messages');
  const originalWrite = http.ClientRequest.prototype.write;
  const originalEnd = http.ClientRequest.prototype.end;
  http.ClientRequest.prototype.write = function write(chunk, ...rest) {
    return originalWrite.call(this, toBot(this) ? rewrite(chunk) : chunk, ...rest);
  };
  http.ClientRequest.prototype.end = function end(chunk, ...rest) {
    if (chunk !== undefined && typeof chunk !== 'function' && toBot(this)) chunk = rewrite(chunk);
    return originalEnd.call(this, chunk, ...rest);
  };
}
