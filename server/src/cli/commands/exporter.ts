// `smtp-codes exporter [--listen 127.0.0.1:9180] FILE…`: follows the logs (tail -F, from their
// end unless --from-start; `-` reads standard input) and serves their metrics to Prometheus at
// /metrics, in the text exposition format, and nothing else. Listens on 127.0.0.1 unless told
// otherwise. The only listener of the product: the CLI's, never the editor's (the security test
// holds node:http to this module and to the CLI bundle).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { OutcomeMetrics } from '../../engine/features/metrics';
import { readLive, untilSignal } from '../live';
import { UsageError, type Options } from '../options';
import { attemptView } from '../writers/writer';

type AddressInfo = Exclude<ReturnType<Server['address']>, string | null>;

export const DEFAULT_LISTEN = '127.0.0.1:9180';

/** `HOST:PORT`, `[IPv6]:PORT`, `:PORT` or `PORT` (the host then is 127.0.0.1). */
export function parseListen(value: string): { host: string; port: number } {
  const m = /^\[([0-9A-Fa-f:.]{2,45})\]:(\d{1,5})$/.exec(value) ?? /^([A-Za-z0-9.-]{0,253}):(\d{1,5})$/.exec(value) ?? /^()(\d{1,5})$/.exec(value);
  const port = m ? Number(m[2]) : NaN;
  if (!m || port > 65535) throw new UsageError(`--listen takes HOST:PORT, [IPv6]:PORT or PORT (got ${JSON.stringify(value)})`);
  return { host: m[1] || '127.0.0.1', port };
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export async function runExporter(opts: Options): Promise<number> {
  if (opts.args.length === 0) throw new UsageError('exporter needs at least one FILE to follow (or - for standard input)');
  if (opts.format !== 'text' || opts.all) throw new UsageError('exporter serves every event in the Prometheus text format: --format and --all do not apply');
  const compressed = opts.args.find((p) => /\.gz$/i.test(p));
  if (compressed) throw new UsageError(`${compressed}: a compressed log does not grow; follow the live log`);
  const { host, port } = parseListen(opts.listen ?? DEFAULT_LISTEN);
  const paths = [...new Set(opts.args)];
  const metrics = new OutcomeMetrics({ paths, topDomains: opts.topDomains, topRecipients: opts.topRecipients });

  const server = createServer({ maxHeaderSize: 8192 }, (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found: smtp-codes exporter serves /metrics only.\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' });
      res.end();
      return;
    }
    for (const p of paths) metrics.messagesInFlight(p, inputs.messagesInFlight(p));
    const body = metrics.render();
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 10_000;
  const listening = await new Promise<AddressInfo | Error>((resolve) => {
    server.once('error', resolve);
    server.listen(port, host, () => resolve(server.address() as AddressInfo));
  });
  if (listening instanceof Error) {
    process.stderr.write(`smtp-codes exporter: cannot listen on ${host}:${port}: ${(listening as NodeJS.ErrnoException).code ?? listening.message}\n`);
    return 2;
  }

  const inputs = readLive(
    paths,
    { fromStart: opts.fromStart },
    {
      event(path, o) {
        const view = attemptView(o, 1);
        metrics.event(path, o, view.ex, view.class);
      },
      final(_path, end) {
        metrics.final(end.verdict);
      },
      lines: (path, n) => metrics.lines(path, n),
      reopened: (path, reason) => metrics.reopen(path, reason),
    },
  );
  const shown = listening.family === 'IPv6' ? `[${listening.address}]` : listening.address;
  process.stderr.write(`smtp-codes exporter: serving http://${shown}:${listening.port}/metrics for ${paths.length} ${paths.length === 1 ? 'log' : 'logs'}\n`);
  if (!isLoopback(host)) process.stderr.write(`smtp-codes exporter: listening on ${host}, not on this machine only: whoever reaches that port reads the metrics\n`);

  // Standard input may end: the metrics are still served. A file that cannot be read any more ends the exporter.
  const failed = inputs.done.then(
    () => new Promise<never>(() => undefined),
    (err: Error) => err,
  );
  const end = await Promise.race([untilSignal(), failed]);
  server.close();
  server.closeAllConnections();
  await inputs.stop();
  if (end instanceof Error) {
    process.stderr.write(`smtp-codes exporter: ${end.message}\n`);
    return 2;
  }
  return 0;
}
