export { createClient } from './client.js';
export type { Client, ClientOptions, ConversationStreamOptions, StreamOptions } from './client.js';
export { AnswerStream, sseFeed } from './stream.js';
export type { Feed, ResumePolicy, StreamTransport } from './stream.js';
export { WebSocketTransport } from './websocket.js';
export { SseParser, readEventStream } from './sse.js';
export type { SseMessage } from './sse.js';
export {
  AbortedError, ApiError, ConflictError, ConnectionLostError, GoneError, LlmStreamError, NotFoundError, RateLimitedError,
  StreamFailedError, UnauthorizedError, apiError, errorFrom,
} from './errors.js';
export type * from './types.js';
