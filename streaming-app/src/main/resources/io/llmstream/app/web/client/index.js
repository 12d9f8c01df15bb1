export { createClient } from './client.js';
export { AnswerStream, sseFeed } from './stream.js';
export { WebSocketTransport } from './websocket.js';
export { SseParser, readEventStream } from './sse.js';
export { AbortedError, ApiError, ConflictError, ConnectionLostError, GoneError, LlmStreamError, NotFoundError, RateLimitedError, StreamFailedError, UnauthorizedError, apiError, errorFrom, } from './errors.js';
