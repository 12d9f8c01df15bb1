package io.llmstream.adapter.rag.lucene;

import io.llmstream.adapter.rag.LuceneRetrieval;
import io.llmstream.adapter.rag.RetrievalConfig;
import io.llmstream.adapter.rag.TestDocuments;
import io.llmstream.adapter.rag.embedding.HashingEmbedder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Run in a child JVM by {@link PassageIndexDurabilityTest}: indexes one document, says READY, then keeps
 * ingesting until it is killed with SIGKILL, saying INGESTED n after each round, so a kill after such a line lands in
 * the middle of the next ingestion.
 */
public final class CrashingIngester {

    static final String COMMITTED_TEXT = "The committed passage about lighthouses survives.";
    private static final int MAX_ROUNDS = 100_000;

    private CrashingIngester() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        UUID character = UUID.fromString(args[1]);
        LuceneRetrieval base = LuceneRetrieval.open(RetrievalConfig.onDisk(dir), new HashingEmbedder());
        base.knowledgeBase().index(TestDocuments.text(character, "committed.txt", COMMITTED_TEXT));
        System.out.println("READY");
        System.out.flush();
        String big = "Interrupted ingestion text about submarines. ".repeat(2_000);
        for (int round = 0; round < MAX_ROUNDS; round++) {
            base.knowledgeBase().index(TestDocuments.of(UUID.randomUUID(), character, "round-" + round, "text/plain",
                    big.getBytes(StandardCharsets.UTF_8)));
            System.out.println("INGESTED " + round);
            System.out.flush();
        }
    }
}
