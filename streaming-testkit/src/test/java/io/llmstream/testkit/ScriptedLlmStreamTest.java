package io.llmstream.testkit;

import io.llmstream.core.port.LlmException;
import io.llmstream.core.port.LlmStream;
import io.llmstream.testkit.contract.LlmStreamContract;
import java.util.List;

class ScriptedLlmStreamTest extends LlmStreamContract {

    @Override
    protected LlmStream streamAnswering(List<String> deltas) {
        return ScriptedLlmStream.thatStreams(deltas.toArray(String[]::new));
    }

    @Override
    protected LlmStream streamFailingAfter(String firstDelta) {
        return ScriptedLlmStream.thatStreams(firstDelta).thenFails(LlmException.Code.UPSTREAM_ERROR, "overloaded");
    }

    @Override
    protected LlmStream streamStallingAfter(String firstDelta) {
        return ScriptedLlmStream.thatStreams(firstDelta).thenStalls();
    }
}
