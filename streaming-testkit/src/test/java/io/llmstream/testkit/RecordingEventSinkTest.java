package io.llmstream.testkit;

import io.llmstream.core.model.StreamEvent;
import io.llmstream.core.port.EventSink;
import io.llmstream.testkit.contract.EventSinkContract;
import java.util.List;

class RecordingEventSinkTest extends EventSinkContract {

    @Override
    protected EventSink openSink() {
        return RecordingEventSink.stayingToTheEnd();
    }

    @Override
    protected List<StreamEvent> receivedBy(EventSink sink, int expected) {
        return ((RecordingEventSink) sink).events();
    }

    @Override
    protected void clientLeaves(EventSink sink) {
        ((RecordingEventSink) sink).leave();
    }
}
