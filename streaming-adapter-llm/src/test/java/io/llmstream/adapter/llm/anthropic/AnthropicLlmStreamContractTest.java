package io.llmstream.adapter.llm.anthropic;

import static io.llmstream.adapter.llm.testing.TestProviders.config;

import io.llmstream.adapter.llm.config.ProviderKind;
import io.llmstream.adapter.llm.testing.ContractUpstreams;
import io.llmstream.adapter.llm.testing.HttpProviderStreamContract;

/** The port's contract, met by {@link AnthropicLlmStream} over a real socket. */
class AnthropicLlmStreamContractTest extends HttpProviderStreamContract {

    AnthropicLlmStreamContractTest() {
        super(ContractUpstreams.ANTHROPIC,
                server -> new AnthropicLlmStream(config("anthropic", ProviderKind.ANTHROPIC, server.baseUri(""))));
    }
}
