package io.llmstream.adapter.llm.ollama;

import static io.llmstream.adapter.llm.testing.TestProviders.config;

import io.llmstream.adapter.llm.config.ProviderKind;
import io.llmstream.adapter.llm.testing.ContractUpstreams;
import io.llmstream.adapter.llm.testing.HttpProviderStreamContract;

/** The port's contract, met by {@link OllamaLlmStream} over a real socket. */
class OllamaLlmStreamContractTest extends HttpProviderStreamContract {

    OllamaLlmStreamContractTest() {
        super(ContractUpstreams.OLLAMA,
                server -> new OllamaLlmStream(config("ollama", ProviderKind.OLLAMA, server.baseUri(""))));
    }
}
