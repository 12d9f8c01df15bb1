package io.llmstream.adapter.llm.testing;

import io.llmstream.adapter.llm.http.HttpProviderStream;
import io.llmstream.core.port.LlmStream;
import io.llmstream.testkit.contract.LlmStreamContract;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;

/**
 * The port's contract for an HTTP provider over a real socket: the upstreams speak the provider's wire format, and
 * every stream made for a test is closed after it.
 */
public abstract class HttpProviderStreamContract extends LlmStreamContract {

    private final ContractUpstreams upstreams;
    private final Function<WireServer, HttpProviderStream> streamFor;
    private final List<HttpProviderStream> streams = new ArrayList<>();

    /**
     * @param wire      the provider's wire format
     * @param streamFor the provider's stream against a local upstream
     */
    protected HttpProviderStreamContract(ContractUpstreams.Wire wire, Function<WireServer, HttpProviderStream> streamFor) {
        this.upstreams = new ContractUpstreams(wire);
        this.streamFor = streamFor;
    }

    private LlmStream against(WireServer server) {
        HttpProviderStream stream = streamFor.apply(server);
        streams.add(stream);
        return stream;
    }

    @AfterEach
    void stop() {
        streams.forEach(HttpProviderStream::close);
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
