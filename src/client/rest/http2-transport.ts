// HTTP/2: one TLS connection carries every request and watch as its own stream. The
// session is opened on first use and again after the server sends GOAWAY or the
// connection drops; it is unreferenced while no stream is open, so that an idle client
// never keeps the process alive. Flow-control windows are raised well above the 64 KiB
// default so that large lists are not throttled by window updates.

import http2 from 'node:http2';
import { NetworkError } from '../errors.js';
import { flattenHeaders, mappedBody, transportError } from './body.js';
import type { ConnectionConfig, Transport, TransportRequest, TransportResponse } from './transport.js';

const STREAM_WINDOW = 16 * 1024 * 1024;
const SESSION_WINDOW = 64 * 1024 * 1024;

export class Http2Transport implements Transport {
  readonly protocol = '2';
  readonly baseUrl: string;
  private session: http2.ClientHttp2Session | undefined;
  private readonly openStreams = new WeakMap<http2.ClientHttp2Session, number>();

  constructor(private readonly config: ConnectionConfig) {
    this.baseUrl = new URL(config.server).origin;
  }

  request(req: TransportRequest): Promise<TransportResponse> {
    const url = this.baseUrl + req.path;
    let stream: http2.ClientHttp2Stream;
    const session = this.currentSession();
    try {
      stream = session.request(
        { ':method': req.method, ':path': req.path, ...req.headers },
        { endStream: req.body === undefined, signal: req.signal },
      );
    } catch (error) {
      // The session was closing; the request was never sent.
      return Promise.reject(new NetworkError('connect', req.method, url, (error as Error).message, { cause: error }));
    }
    this.track(session, stream);
    // Failures reach the caller through the response promise or the body iterator; an
    // abort after the body was read must not become an unhandled 'error' event.
    stream.on('error', () => {});
    if (req.body !== undefined) stream.end(req.body);
    return new Promise((resolve, reject) => {
      let answered = false;
      const onError = (error: Error) => {
        const mapped = transportError(error, req.method, url, req.signal);
        // A stream the server refused, or one on a session that never connected, was not processed.
        const refused = (error as { code?: string }).code === 'ERR_HTTP2_STREAM_ERROR' && stream.rstCode === http2.constants.NGHTTP2_REFUSED_STREAM;
        const unsent = mapped instanceof NetworkError && (refused || session.connecting) && mapped.kind !== 'connect';
        reject(unsent ? new NetworkError('connect', req.method, url, error.message, { cause: error }) : mapped);
      };
      stream.once('error', onError);
      stream.once('response', (headers) => {
        answered = true;
        stream.off('error', onError);
        resolve({
          status: Number(headers[':status'] ?? 0),
          headers: flattenHeaders(headers),
          body: mappedBody(stream, req.method, url, req.signal),
          abort: () => stream.close(http2.constants.NGHTTP2_CANCEL),
        });
      });
      // Every stream closes; only one closed unanswered is an error (building an error
      // captures a stack, which is not free at thousands of requests a second).
      stream.once('close', () => {
        if (!answered) reject(new NetworkError('reset', req.method, url, `stream closed before a response (code ${stream.rstCode})`));
      });
    });
  }

  async close(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    if (session === undefined || session.destroyed) return;
    // An idle session is unreferenced: without this the process could exit (or a worker
    // end) before the close completes, and close() would never resolve.
    session.ref();
    await new Promise<void>((resolve) => {
      // Streams still open (a watch not stopped) would hold a graceful close open.
      const timer = setTimeout(() => session.destroy(), 1000);
      session.close(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private currentSession(): http2.ClientHttp2Session {
    const existing = this.session;
    if (existing !== undefined && !existing.closed && !existing.destroyed) return existing;
    const session = http2.connect(this.baseUrl, {
      ca: this.config.caPem,
      cert: this.config.certPem,
      key: this.config.keyPem,
      rejectUnauthorized: !this.config.insecureSkipTlsVerify,
      servername: this.config.tlsServerName,
      settings: { initialWindowSize: STREAM_WINDOW },
    });
    session.once('connect', () => session.setLocalWindowSize(SESSION_WINDOW));
    // Errors reach the streams; the session itself only has to be replaced.
    session.on('error', () => this.forget(session));
    session.on('goaway', () => this.forget(session));
    session.on('close', () => this.forget(session));
    session.unref();
    this.session = session;
    return session;
  }

  private forget(session: http2.ClientHttp2Session): void {
    if (this.session === session) this.session = undefined;
  }

  /** Keeps the process alive only while a stream is open. */
  private track(session: http2.ClientHttp2Session, stream: http2.ClientHttp2Stream): void {
    const open = this.openStreams.get(session) ?? 0;
    this.openStreams.set(session, open + 1);
    if (open === 0) session.ref();
    stream.once('close', () => {
      const left = (this.openStreams.get(session) ?? 1) - 1;
      this.openStreams.set(session, left);
      if (left === 0 && !session.destroyed) session.unref();
    });
  }
}
