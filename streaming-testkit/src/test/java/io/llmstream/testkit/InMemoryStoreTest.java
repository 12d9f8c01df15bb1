package io.llmstream.testkit;

import io.llmstream.testkit.contract.MessageStoreContract;

class InMemoryStoreTest extends MessageStoreContract {

    @Override
    protected Stores stores() {
        InMemoryStore store = new InMemoryStore();
        return new Stores(store, store, store, store.documents());
    }
}
