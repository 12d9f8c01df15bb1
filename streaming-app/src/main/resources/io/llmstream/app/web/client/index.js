export { createClient } from './client.js';
export { AnswerStream } from './stream.js';
export { SseParser, readEventStream } from './sse.js';
export { AbortedError, ApiError, ConflictError, ConnectionLostError, GoneError, LlmStreamError, NotFoundError, RateLimitedError, StreamFailedError, UnauthorizedError, errorFrom, } from './errors.js';
