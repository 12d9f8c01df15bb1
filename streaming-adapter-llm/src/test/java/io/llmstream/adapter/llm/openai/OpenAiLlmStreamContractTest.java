package io.llmstream.adapter.llm.openai;

import static io.llmstream.adapter.llm.testing.TestProviders.config;

import io.llmstream.adapter.llm.config.ProviderKind;
import io.llmstream.adapter.llm.testing.ContractUpstreams;
import io.llmstream.adapter.llm.testing.HttpProviderStreamContract;

/** The port's contract, met by {@link OpenAiLlmStream} over a real socket. */
class OpenAiLlmStreamContractTest extends HttpProviderStreamContract {

    OpenAiLlmStreamContractTest() {
        super(ContractUpstreams.OPENAI,
                server -> new OpenAiLlmStream(config("openai", ProviderKind.OPENAI, server.baseUri("/v1"))));
    }
}
