package io.llmstream.adapter.llm.openai;

import static io.llmstream.adapter.llm.testing.TestProviders.config;

import io.llmstream.adapter.llm.config.ProviderKind;
import io.llmstream.adapter.llm.testing.ContractUpstreams;
import io.llmstream.adapter.llm.testing.WireServer;
import io.llmstream.core.port.LlmStream;
import io.llmstream.testkit.contract.LlmStreamContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The port's contract, met by {@link OpenAiLlmStream} over a real socket. */
class OpenAiLlmStreamContractTest extends LlmStreamContract {

    private final ContractUpstreams upstreams = new ContractUpstreams(ContractUpstreams.OPENAI);
    private final List<OpenAiLlmStream> streams = new ArrayList<>();

    private LlmStream against(WireServer server) {
        OpenAiLlmStream stream = new OpenAiLlmStream(config("openai", ProviderKind.OPENAI, server.baseUri("/v1")));
        streams.add(stream);
        return stream;
    }

    @AfterEach
    void stop() {
        streams.forEach(OpenAiLlmStream::close);
        upstreams.close();
    }

    @Override
    protected LlmStream streamAnswering(List<String> deltas) {
        return against(upstreams.answering(deltas));
    }

    @Override
    protected LlmStream streamFailingAfter(String firstDelta) {
        return against(upstreams.failingAfter(firstDelta));
    }

    @Override
    protected LlmStream streamStallingAfter(String firstDelta) {
        return against(upstreams.stallingAfter(firstDelta));
    }
}
