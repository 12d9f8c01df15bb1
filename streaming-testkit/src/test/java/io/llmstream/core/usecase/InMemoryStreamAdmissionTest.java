package io.llmstream.core.usecase;

import io.llmstream.core.port.StreamAdmission;
import io.llmstream.testkit.contract.StreamAdmissionContract;

class InMemoryStreamAdmissionTest extends StreamAdmissionContract {

    @Override
    protected StreamAdmission newAdmission() {
        return new InMemoryStreamAdmission();
    }
}
