// The gateway's AgentService as the console speaks it: gRPC-Web with JSON messages
// (application/grpc-web+json), which Armeria serves on the gateway's one port. Unlike the HTTP/JSON
// routes it carries the server-streaming Watch (frames read from fetch's body stream as they
// arrive), and agent names travel in the body, so sub-agents' ids (which hold '/') work too.
'use strict';

const StewardApi = (() => {
  const SERVICE = '/steward.v1.AgentService/';
  const KEY = 'steward.apiKey';
  const TRAILER_FLAG = 0x80;
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();

  /** A call's failure: the gRPC status code and the gateway's own one-line message. */
  class ApiError extends Error {
    constructor(code, message) {
      super(message);
      this.code = code;
    }
  }

  // Codes worth a reconnect: the gateway restarting, the network dropping, a deadline.
  const RETRYABLE = new Set([1, 2, 4, 8, 10, 13, 14]);

  function frame(message) {
    const json = encoder.encode(JSON.stringify(message || {}));
    const bytes = new Uint8Array(5 + json.length);
    new DataView(bytes.buffer).setUint32(1, json.length);
    bytes.set(json, 5);
    return bytes;
  }

  function headers() {
    const h = { 'Content-Type': 'application/grpc-web+json', 'Accept': 'application/grpc-web+json', 'X-Grpc-Web': '1' };
    const key = sessionStorage.getItem(KEY);
    if (key) h['Authorization'] = 'Bearer ' + key;
    return h;
  }

  /** The status in headers or trailers, or null when they carry none. */
  function statusFrom(get) {
    const code = get('grpc-status');
    if (code === null || code === undefined) return null;
    const raw = get('grpc-message') || '';
    let message;
    try { message = decodeURIComponent(raw); } catch (e) { message = raw; }
    return { code: Number(code), message };
  }

  function trailers(bytes) {
    const map = {};
    for (const line of decoder.decode(bytes).split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) map[line.substring(0, colon).trim().toLowerCase()] = line.substring(colon + 1).trim();
    }
    return map;
  }

  /** Reads length-prefixed frames as they arrive; returns the trailers' status, if any. */
  async function readFrames(response, onMessage) {
    const reader = response.body.getReader();
    let buffer = new Uint8Array(0);
    let status = null;
    for (;;) {
      let chunk;
      try {
        chunk = await reader.read();
      } catch (e) {
        if (e.name === 'AbortError') throw e;
        throw new ApiError(14, 'the connection to the gateway dropped: ' + e.message);
      }
      if (chunk.done) break;
      const joined = new Uint8Array(buffer.length + chunk.value.length);
      joined.set(buffer);
      joined.set(chunk.value, buffer.length);
      buffer = joined;
      while (buffer.length >= 5) {
        const length = new DataView(buffer.buffer, buffer.byteOffset, buffer.length).getUint32(1);
        if (buffer.length < 5 + length) break;
        const flags = buffer[0];
        const data = buffer.slice(5, 5 + length);
        buffer = buffer.slice(5 + length);
        if (flags & TRAILER_FLAG) {
          const map = trailers(data);
          status = statusFrom((name) => map[name]);
        } else {
          onMessage(JSON.parse(decoder.decode(data)));
        }
      }
    }
    return status;
  }

  /**
   * Calls a method and hands each response message to onMessage as it arrives; resolves when the
   * call ends OK and rejects with an ApiError carrying the gateway's text otherwise. onOpen runs
   * once the gateway has accepted the call.
   */
  async function open(method, message, onMessage, signal, onOpen) {
    let response;
    try {
      response = await fetch(SERVICE + method, { method: 'POST', headers: headers(), body: frame(message), signal });
    } catch (e) {
      if (e.name === 'AbortError') throw e;
      throw new ApiError(14, 'cannot reach the gateway: ' + e.message);
    }
    // Errors before any message come "trailers-only": the status is in the response headers.
    const early = statusFrom((name) => response.headers.get(name));
    if (early && early.code !== 0) throw new ApiError(early.code, early.message);
    if (!response.ok) throw new ApiError(response.status >= 500 ? 14 : 2, (await response.text()) || 'HTTP ' + response.status);
    if (onOpen) onOpen();
    const status = (await readFrames(response, onMessage)) || early || { code: 0 };
    if (status.code !== 0) throw new ApiError(status.code, status.message);
  }

  /** A unary call: its one response message. */
  async function call(method, message) {
    let result = {};
    await open(method, message, (m) => { result = m; });
    return result;
  }

  /**
   * Follows an agent's Watch stream from afterSeq on: events and partial replies go to the
   * handlers as they happen. A dropped stream is opened again after the last seq received, so no
   * event is missed or seen twice. Returns a function that stops following.
   */
  function watch(name, afterSeq, on) {
    let lastSeq = Number(afterSeq || 0);
    let controller = null;
    let stopped = false;
    let backoff = 500;
    (async () => {
      while (!stopped) {
        controller = new AbortController();
        try {
          await open('Watch', { name, afterSeq: String(lastSeq), partialReplies: true }, (m) => {
            if (m.event) {
              lastSeq = Math.max(lastSeq, Number(m.event.seq));
              backoff = 500;
              on.event(m.event, lastSeq);
            } else if (m.partialReply) {
              on.partial(m.partialReply.text || '');
            }
          }, controller.signal, () => on.state('live', lastSeq));
          on.state('ended', lastSeq);
          return;
        } catch (e) {
          if (stopped || e.name === 'AbortError') return;
          if (!(e instanceof ApiError) || !RETRYABLE.has(e.code)) {
            on.state('failed', lastSeq, e);
            return;
          }
          on.state('reconnecting', lastSeq, e);
          await new Promise((resolve) => setTimeout(resolve, backoff));
          backoff = Math.min(5000, backoff * 2);
        }
      }
    })();
    return () => {
      stopped = true;
      if (controller) controller.abort();
    };
  }

  return { KEY, ApiError, call, open, watch };
})();
