package io.llmstream.adapter.rag;

import io.llmstream.adapter.rag.embedding.Embedder;
import io.llmstream.adapter.rag.embedding.OnnxMiniLmEmbedder;
import io.llmstream.core.model.DocumentContent;
import io.llmstream.core.model.RetrievalQuery;
import io.llmstream.core.model.SearchStrategy;
import io.llmstream.core.model.SearchToolConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Not a test: the 100,000-passage benchmark of docs/benchmarks.md. Run with
 * {@code ./mvnw -q -pl streaming-adapter-rag -Pbenchmark test -DskipTests} (arguments: passages, threads,
 * vectors = {@code true} (the bundled model at ingestion), {@code false} (none stored) or {@code synthetic}
 * (see {@link SyntheticPassageVectors}), passages per document = the embedding batch of one ingestion).
 * Passages are synthetic: words of the quality corpus plus generated ones, drawn with a Zipf-like skew.
 */
public final class RetrievalBenchmark {

    private static final int WARM_UP_QUERIES = 50;
    private static final int MEASURED_QUERIES = 500;
    private static final UUID CHARACTER = UUID.randomUUID();

    private RetrievalBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int passages = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        String vectors = args.length > 2 ? args[2] : "true";
        int perDocument = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        Path dir = Files.createTempDirectory("rag-benchmark");
        List<String> vocabulary = vocabulary();
        Random random = new Random(42);
        System.out.printf(Locale.ROOT, "passages=%d threads=%d vectors=%s passagesPerDocument=%d vocabulary=%d dir=%s%n",
                passages, threads, vectors, perDocument, vocabulary.size(), dir);
        RetrievalConfig config = RetrievalConfig.onDisk(dir).withEmbedAtIngestion(!vectors.equals("false"));
        SyntheticPassageVectors synthetic = new SyntheticPassageVectors(OnnxMiniLmEmbedder.shared());
        try (LuceneRetrieval base = vectors.equals("synthetic") ? LuceneRetrieval.open(config, synthetic)
                : LuceneRetrieval.open(config)) {
            base.retriever().retrieve(query("warm up the model", SearchStrategy.TWO_STAGE));
            long start = System.nanoTime();
            int indexed = ingest(base, passages, perDocument, threads, vocabulary);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "indexed %d passages in %.1f s = %.0f passages/s%n", indexed, seconds,
                    indexed / seconds);
            base.awaitEmbedding();
            seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "embedded them in the background by %.1f s = %.0f passages/s%n", seconds,
                    indexed / seconds);
            synthetic.questionsFromNowOn();
            for (SearchStrategy strategy : SearchStrategy.values()) {
                measureQueries(base, strategy, vocabulary, random);
            }
            System.gc();
            Runtime runtime = Runtime.getRuntime();
            System.out.printf(Locale.ROOT, "heap used after GC %.0f MiB (max %.0f MiB)%n",
                    (runtime.totalMemory() - runtime.freeMemory()) / 1048576.0, runtime.maxMemory() / 1048576.0);
        }
        long bytes = size(dir);
        System.out.printf(Locale.ROOT, "index size on disk %.1f MiB = %.1f MiB per 100,000 passages%n",
                bytes / 1048576.0, bytes / 1048576.0 * 100_000 / passages);
        deleteRecursively(dir);
    }

    private static int ingest(LuceneRetrieval base, int passages, int perDocument, int threads,
            List<String> vocabulary) throws Exception {
        int documents = (passages + perDocument - 1) / perDocument;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Integer>> results = new ArrayList<>();
        for (int d = 0; d < documents; d++) {
            int seed = d;
            int count = Math.min(perDocument, passages - d * perDocument);
            results.add(pool.submit(() -> base.knowledgeBase().index(document(seed, count, vocabulary))));
        }
        int indexed = 0;
        for (int i = 0; i < results.size(); i++) {
            indexed += results.get(i).get();
            if ((i + 1) % Math.max(1, 10_000 / perDocument) == 0) {
                System.out.printf(Locale.ROOT, "  %d documents%n", i + 1);
            }
        }
        pool.shutdown();
        return indexed;
    }

    private static void measureQueries(LuceneRetrieval base, SearchStrategy strategy, List<String> vocabulary,
            Random random) {
        long[] nanos = new long[MEASURED_QUERIES];
        for (int i = 0; i < WARM_UP_QUERIES + MEASURED_QUERIES; i++) {
            String text = String.join(" ", words(random, vocabulary, 5 + random.nextInt(6)));
            long start = System.nanoTime();
            base.retriever().retrieve(query(text, strategy));
            if (i >= WARM_UP_QUERIES) {
                nanos[i - WARM_UP_QUERIES] = System.nanoTime() - start;
            }
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%s top_k=4: p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d queries)%n",
                strategy.wireName(), nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.99)] / 1e6,
                nanos[nanos.length - 1] / 1e6, MEASURED_QUERIES);
    }

    /**
     * Passages get pseudo-random unit vectors of the bundled model's size (the index's bytes and the HNSW graph's
     * work do not depend on what the vectors mean; random vectors are, if anything, harder for HNSW than real,
     * clustered embeddings), questions the bundled model's real ones once {@link #questionsFromNowOn()} is
     * called, so that a query pays its real embedding cost. It lets 100,000 passages be indexed with vectors in
     * minutes instead of the ~40 the model takes on this machine (its ingestion rate is measured separately).
     */
    static final class SyntheticPassageVectors implements Embedder {

        private final Embedder model;
        private volatile boolean questions;

        SyntheticPassageVectors(Embedder model) {
            this.model = model;
        }

        void questionsFromNowOn() {
            questions = true;
        }

        @Override
        public String modelId() {
            return model.modelId();
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
            if (questions) {
                return model.embedAll(texts);
            }
            List<float[]> vectors = new ArrayList<>(texts.size());
            for (String text : texts) {
                Random random = new Random(text.hashCode());
                float[] vector = new float[384];
                for (int i = 0; i < vector.length; i++) {
                    vector[i] = (float) random.nextGaussian();
                }
                vectors.add(vector);
            }
            return vectors;
        }
    }

    private static RetrievalQuery query(String text, SearchStrategy strategy) {
        return new RetrievalQuery("bench", CHARACTER, text, new SearchToolConfig(strategy, 4));
    }

    private static DocumentContent document(int seed, int passages, List<String> vocabulary) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder();
        for (int p = 0; p < passages; p++) {
            // 55..80 words (~550 characters): one passage per paragraph with the default chunk size of 800
            text.append(String.join(" ", words(random, vocabulary, 55 + random.nextInt(26)))).append(".\n\n");
        }
        return new DocumentContent(UUID.randomUUID(), "bench", CHARACTER, "document " + seed, "text/plain",
                text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> words(Random random, List<String> vocabulary, int count) {
        List<String> words = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            // squaring a uniform draw skews towards the front of the list: frequent and rare words, like text
            double u = random.nextDouble();
            words.add(vocabulary.get((int) (u * u * vocabulary.size())));
        }
        return words;
    }

    private static List<String> vocabulary() throws IOException {
        Set<String> words = new LinkedHashSet<>();
        try (InputStream list = RetrievalBenchmark.class.getResourceAsStream("/corpus/questions.tsv")) {
            collect(new String(list.readAllBytes(), StandardCharsets.UTF_8), words);
        }
        for (String file : List.of("java-island.md", "java-language.md", "refund-policy-2024.md", "bank-de.md",
                "schloss-burg-de.md", "tuerschloss-de.md", "coffee-en.md", "heizung-de.md", "bahn-de.md",
                "sleep-en.md")) {
            try (InputStream in = RetrievalBenchmark.class.getResourceAsStream("/corpus/" + file)) {
                collect(new String(in.readAllBytes(), StandardCharsets.UTF_8), words);
            }
        }
        Random random = new Random(7);
        String letters = "abcdefghiklmnoprstuw";
        while (words.size() < 20_000) {
            StringBuilder word = new StringBuilder();
            int length = 4 + random.nextInt(8);
            for (int i = 0; i < length; i++) {
                word.append(letters.charAt(random.nextInt(letters.length())));
            }
            words.add(word.toString());
        }
        return List.copyOf(words);
    }

    private static void collect(String text, Set<String> words) {
        for (String word : text.split("[^\\p{L}]+")) {
            if (word.length() >= 3) {
                words.add(word.toLowerCase(Locale.ROOT));
            }
        }
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
