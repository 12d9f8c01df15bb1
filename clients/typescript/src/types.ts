/** The shapes the llmstream API sends and takes (see docs/api.md of the server). */

export interface Citation {
  id: string;
  content: string;
  score: number;
  firstStageScore?: number;
  firstStageRank?: number;
  secondStageScore?: number | null;
  metadata: { documentId: string; chunkIndex: number; title?: string };
}

export interface Usage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

/** Fields every stream event carries: its SSE id and the dialogue it belongs to. */
interface EventBase {
  /** The event's id within its stream (1, 2, 3, …). */
  id: number;
  threadId?: string;
  chatId?: string;
}

export interface ChunkEvent extends EventBase {
  type: 'chunk';
  content: string;
}

export interface DoneEvent extends EventBase {
  type: 'done';
  /** The whole answer. */
  content: string;
  citations: Citation[];
  retrieved?: Citation[];
  messageId?: string;
  usage?: Usage;
  provider?: string;
  model?: string;
  streamId?: string;
  /** `stopped` when a user stopped the answer. */
  status?: 'complete' | 'stopped';
  reason?: string;
}

export interface ErrorEvent extends EventBase {
  type: 'error';
  code: string;
  message: string;
}

export interface PausedEvent extends EventBase {
  type: 'paused';
}

export interface ResumedEvent extends EventBase {
  type: 'resumed';
}

export type StreamEvent = ChunkEvent | DoneEvent | ErrorEvent | PausedEvent | ResumedEvent;

export type StreamState = 'running' | 'paused' | 'complete' | 'failed' | 'stopped' | 'interrupted';

export interface StreamStatus {
  stream_id: string;
  status: StreamState;
  last_event_id: number;
  message_id: string;
  thread_id?: string;
  chat_id?: string;
  subscribers: number;
  created_at: string;
}

export interface ActiveStream {
  stream_id: string;
  status: StreamState;
  last_event_id: number;
}

export interface SearchToolConfig {
  strategy?: 'single_stage' | 'two_stage';
  top_k?: number;
}

export interface Character {
  id: string;
  role: string;
  agent: string | null;
  system_prompt: string;
  provider: string | null;
  model: string | null;
  voice_id: string | null;
  voice_model: string | null;
  custom_parameters: Record<string, string>;
  created_at: string;
}

export interface NewCharacter {
  role: string;
  system_prompt?: string;
  agent?: string;
  provider?: string;
  model?: string;
  voice_id?: string;
  voice_model?: string;
  custom_parameters?: Record<string, string | number | boolean>;
}

export interface Artifact {
  id: string;
  role: string;
  title: string;
  content_type: string;
  size_bytes: number;
  chunks: number;
  created_at: string;
}

export interface NewArtifact {
  role: string;
  title: string;
  content: string;
  content_type?: string;
}

export interface StoredMessage {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  status: 'complete' | 'stopped' | 'interrupted' | 'failed';
  citations: Citation[];
  provider: string | null;
  model: string | null;
  error_code: string | null;
  created_at: string;
}

export interface ConversationSummary {
  thread_id: string;
  role: string;
  created_at: string;
}

export interface Conversation extends ConversationSummary {
  messages: StoredMessage[];
  active_stream: ActiveStream | null;
}

export interface Chat {
  chat_id: string;
  title: string | null;
  provider: string | null;
  model: string | null;
  created_at: string;
}

export interface ChatWithMessages extends Chat {
  messages: StoredMessage[];
  active_stream: ActiveStream | null;
}
