package io.llmstream.adapter.llm.config;

/** The wire format a configured provider speaks. */
public enum ProviderKind {
    /** {@code POST {baseUrl}/chat/completions} with SSE: OpenAI, vLLM, Ollama's /v1, llama.cpp, LiteLLM, OpenRouter. */
    OPENAI,
    /** {@code POST {baseUrl}/v1/messages} with SSE: the Anthropic Messages API. */
    ANTHROPIC,
    /** {@code POST {baseUrl}/api/chat} with NDJSON: Ollama's native API. */
    OLLAMA
}
