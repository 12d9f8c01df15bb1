/** Every error the client throws is an `LlmStreamError`; `instanceof` on the subclasses tells them apart. */
export class LlmStreamError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The server refused a request: `status`, a `code` (the body's `code`, else the reason phrase in snake case) and its `message`. */
export class ApiError extends LlmStreamError {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The parsed JSON error body (`{"statusCode","message","error",…}`), when there was one. */
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** 401: no token, or one the server does not accept. */
export class UnauthorizedError extends ApiError {}

/** 404: an unknown id (or another user's). */
export class NotFoundError extends ApiError {}

/** 409: e.g. a dialogue that already has a running answer; `streamId` names that answer when the server did. */
export class ConflictError extends ApiError {
  get streamId(): string | undefined {
    return typeof this.body.stream_id === 'string' ? this.body.stream_id : undefined;
  }
}

/** 410: a stream's events are no longer kept; read `messageId` from the dialogue instead. */
export class GoneError extends ApiError {
  get messageId(): string | undefined {
    return typeof this.body.message_id === 'string' ? this.body.message_id : undefined;
  }
}

/** 429: rate limited or too many concurrent streams; `retryAfterSeconds` from the `Retry-After` header. */
export class RateLimitedError extends ApiError {
  constructor(status: number, code: string, message: string, body: Record<string, unknown>, readonly retryAfterSeconds: number | undefined) {
    super(status, code, message, body);
  }
}

/** The stream ended with an `error` event (the LLM failed, the server shut down, …). */
export class StreamFailedError extends LlmStreamError {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

/** The connection dropped and resuming failed `attempts` times in a row. */
export class ConnectionLostError extends LlmStreamError {
  constructor(readonly attempts: number, cause: unknown) {
    super(`the stream's connection was lost and ${attempts} attempts to resume it failed`, { cause });
  }
}

/** `abort()` was called: this client stopped reading; the answer itself goes on on the server. */
export class AbortedError extends LlmStreamError {
  constructor() {
    super('the stream was aborted by this client (the answer goes on on the server)');
  }
}

/** Builds the typed error for a non-2xx response. */
export async function errorFrom(response: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(await response.text());
    if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
  } catch {
    // not JSON (a proxy's page): status and reason phrase are all there is
  }
  const header = response.headers.get('Retry-After')?.trim();
  return apiError(response.status, body, response.statusText, header !== undefined && /^\d+$/.test(header) ? Number(header) : undefined);
}

/** The typed error for a refusal: an HTTP error body, or a WebSocket `error` frame (which carries `status` and `code`). */
export function apiError(status: number, body: Record<string, unknown>, statusText = '', retryAfterSeconds?: number): ApiError {
  const reason = typeof body.error === 'string' ? body.error : statusText || `HTTP ${status}`;
  const code = typeof body.code === 'string' ? body.code : reason.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
  const message = typeof body.message === 'string' ? body.message : reason;
  switch (status) {
    case 401: return new UnauthorizedError(status, code, message, body);
    case 404: return new NotFoundError(status, code, message, body);
    case 409: return new ConflictError(status, code, message, body);
    case 410: return new GoneError(status, code, message, body);
    case 429: return new RateLimitedError(status, code, message, body, retryAfterSeconds);
    default: return new ApiError(status, code, message, body);
  }
}
