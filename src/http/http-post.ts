import http from 'node:http';
import https from 'node:https';

/**
 * One JSON POST over Node's own HTTP client with keep-alive connections. The bot's hottest
 * outbound call (a Karoo reply per message) used `fetch`, whose web streams and abort signals
 * cost several times more CPU per call (issue 7's end-to-end profile).
 */

export interface PostAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export class HttpTimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

/** Answers bigger than this are cut off: Karoo's are a few hundred bytes. */
const MAX_ANSWER_BYTES = 1024 * 1024;

const agents = {
  http: new http.Agent({ keepAlive: true }),
  https: new https.Agent({ keepAlive: true }),
};

/** POSTs `body`; rejects on a network error or when the whole answer takes over `timeoutMs`. */
export function postJson(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<PostAnswer> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    const request = (secure ? https : http).request(
      target,
      { method: 'POST', agent: secure ? agents.https : agents.http, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_ANSWER_BYTES) chunks.push(chunk);
        });
        response.on('end', () => {
          clearTimeout(timer);
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') });
        });
        response.on('error', fail);
      },
    );
    function fail(err: Error): void {
      clearTimeout(timer);
      reject(err);
    }
    const timer = setTimeout(() => request.destroy(new HttpTimeoutError(`no answer in ${timeoutMs} ms`)), timeoutMs);
    request.on('error', fail);
    request.end(body);
  });
}
