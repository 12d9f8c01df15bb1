package io.llmstream.adapter.rag.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmstream.adapter.rag.LuceneRetrieval;
import io.llmstream.adapter.rag.RetrievalConfig;
import io.llmstream.adapter.rag.TestDocuments;
import io.llmstream.adapter.rag.embedding.HashingEmbedder;
import io.llmstream.core.model.Citation;
import io.llmstream.core.model.RetrievalQuery;
import io.llmstream.core.model.SearchStrategy;
import io.llmstream.core.model.SearchToolConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PassageIndexDurabilityTest {

    private static final UUID CHARACTER = UUID.randomUUID();

    @TempDir
    Path dir;

    @Test
    void shouldFindIndexedPassagesAfterReopeningWithoutReingesting() {
        try (LuceneRetrieval base = open()) {
            base.knowledgeBase().index(TestDocuments.text(CHARACTER, "owls.txt", "Owls hunt at night."));
        }

        try (LuceneRetrieval reopened = open()) {
            assertThat(search(reopened, "owls hunting", SearchStrategy.TWO_STAGE)).singleElement()
                    .extracting(Citation::content).isEqualTo("Owls hunt at night.");
        }
    }

    @Test
    void shouldOpenACleanIndexWithTheCommittedDocumentsAfterAKillMidIngestion() throws Exception {
        Process child = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                CrashingIngester.class.getName(), dir.toString(), CHARACTER.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("READY")) {
                // skip JVM warnings until the child has committed its first document
            }
            assertThat(line).as("child output").isEqualTo("READY");
            while ((line = out.readLine()) != null && !line.equals("INGESTED 1")) {
                // two more rounds done: the child is now inside the third
            }
            assertThat(line).as("child output").isEqualTo("INGESTED 1");
            child.destroyForcibly();
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }

        try (FSDirectory directory = FSDirectory.open(dir); CheckIndex check = new CheckIndex(directory)) {
            assertThat(check.checkIndex().clean).isTrue();
        }
        try (LuceneRetrieval reopened = open()) {
            assertThat(search(reopened, "lighthouses", SearchStrategy.SINGLE_STAGE)).singleElement()
                    .extracting(Citation::content).isEqualTo(CrashingIngester.COMMITTED_TEXT);
        }
    }

    private LuceneRetrieval open() {
        return LuceneRetrieval.open(RetrievalConfig.onDisk(dir), new HashingEmbedder());
    }

    private static List<Citation> search(LuceneRetrieval base, String text, SearchStrategy strategy) {
        return base.retriever().retrieve(new RetrievalQuery(TestDocuments.OWNER, CHARACTER, text,
                new SearchToolConfig(strategy, 4)));
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
