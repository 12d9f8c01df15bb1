package io.llmstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jars as they ship, after {@code package} (the {@code shaded-jar} execution in streaming-app/pom.xml): what
 * the shade filters cut away is not reached by what stays, and the app runs with its embeddings jar beside it and
 * without. Runs on {@code verify}, never on {@code test}, which comes before the jars exist.
 */
class ShadedJarIT {

    /** A line of {@code jdeps -verbose:class}: "   a.B -> c.D   streaming-app.jar" or "... not found". */
    private static final Pattern REFERENCE = Pattern.compile("^\\s+(?:\\d+/)?(\\S+)\\s+->\\s+(\\S+)\\s+(.*)$");

    @TempDir
    Path dataDir;

    @TempDir
    Path alone;

    @Test
    void shouldShipEveryFastutilClassThatLinguaReaches() {
        Map<String, Set<String>> references = new HashMap<>();
        Set<String> missing = new HashSet<>();
        String output = jdeps("-verbose:class", "-filter:none", "-regex", "it\\.unimi\\..*", AppProcess.appJar().toString());
        for (String line : output.lines().toList()) {
            Matcher reference = REFERENCE.matcher(line);
            if (reference.matches()) {
                references.computeIfAbsent(reference.group(1), from -> new HashSet<>()).add(reference.group(2));
                if (reference.group(3).trim().equals("not found")) {
                    missing.add(reference.group(2));
                }
            }
        }
        Set<String> roots = new TreeSet<>();
        references.forEach((from, to) -> {
            if (!from.startsWith("it.unimi.")) {
                roots.addAll(to);
            }
        });

        Set<String> reached = closure(roots, references);

        assertThat(roots).as("Lingua's references into fastutil, as jdeps reports them").contains(
                "it.unimi.dsi.fastutil.objects.Object2FloatOpenHashMap");
        assertThat(new TreeSet<>(missing)).as("fastutil classes reached from the jar's other classes but left out by the "
                + "shade filter of it.unimi.dsi:fastutil in streaming-app/pom.xml: add them there").doesNotContainAnyElementsOf(reached);
    }

    @Test
    void shouldDetectTheLanguageOfPassagesAndQuestionsWhenRunFromTheJar() throws Exception {
        try (AppProcess app = AppProcess.startJar(AppProcess.appJar(), dataDir, Map.of())) {
            String thread = app.germanKnowledgeBase();

            JsonNode answer = app.json(app.post("/api/v1/conversations/message", "{\"thread_id\":\"" + thread
                    + "\",\"message\":\"Wie hoch sind die Kautionen?\",\"search_tool_config\":{\"strategy\":\"single_stage\",\"top_k\":1}}"));

            // "Kautionen" finds "Kaution" only through the German analyzer, which the passage's detected language chose
            assertThat(answer.get("citations").get(0).get("content").asText()).contains("Kaution von drei Monatsmieten");
        }
    }

    @Test
    void shouldRescoreTwoStageQuestionsWithTheBundledModelWhenTheEmbeddingsJarIsBeside() throws Exception {
        assertThat(AppProcess.appJar().resolveSibling(EmbeddingsDescription.PACK_JAR)).isRegularFile();
        try (AppProcess app = AppProcess.startJar(AppProcess.appJar(), dataDir, Map.of())) {
            String thread = app.germanKnowledgeBase();

            JsonNode citation = twoStage(app, thread);

            assertThat(app.startLog()).anyMatch(line -> line.contains("two_stage embeddings: bundled all-MiniLM-L6-v2 (in-process, "
                    + "native libraries for linux-x86_64, linux-aarch64; this JVM's"));
            assertThat(citation.get("content").asText()).contains("Kaution von drei Monatsmieten");
            assertThat(citation.path("secondStageScore").isNumber()).as("second stage score of %s", citation).isTrue();
        }
    }

    @Test
    void shouldAnswerTwoStageQuestionsByBm25AloneAndSaySoOnceWithoutTheEmbeddingsJar() throws Exception {
        Path jar = Files.copy(AppProcess.appJar(), alone.resolve("streaming-app.jar"));
        try (AppProcess app = AppProcess.startJar(jar, dataDir, Map.of())) {
            String thread = app.germanKnowledgeBase();

            JsonNode citation = twoStage(app, thread);

            assertThat(app.startLog().stream().filter(line -> line.contains("embeddings")).toList()).singleElement()
                    .asString().contains("two_stage embeddings: off, the in-process embedding runtime is not on the class path")
                    .contains("put streaming-embedding.jar beside streaming-app.jar");
            assertThat(citation.get("content").asText()).contains("Kaution von drei Monatsmieten");
            assertThat(citation.path("secondStageScore").isNumber()).as("no second stage in %s", citation).isFalse();
        }
    }

    private static JsonNode twoStage(AppProcess app, String thread) throws Exception {
        return app.json(app.post("/api/v1/conversations/message", "{\"thread_id\":\"" + thread
                + "\",\"message\":\"Wie hoch ist die Kaution?\",\"search_tool_config\":{\"strategy\":\"two_stage\",\"top_k\":1}}"))
                .get("citations").get(0);
    }

    private static Set<String> closure(Set<String> roots, Map<String, Set<String>> references) {
        Set<String> reached = new HashSet<>();
        Deque<String> next = new ArrayDeque<>(roots);
        while (!next.isEmpty()) {
            String type = next.pop();
            if (reached.add(type)) {
                next.addAll(references.getOrDefault(type, Set.of()));
            }
        }
        return reached;
    }

    private static String jdeps(String... args) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("jdeps is part of every JDK"));
        StringWriter out = new StringWriter();
        String[] all = new String[args.length + 2];
        all[0] = "--multi-release";
        all[1] = String.valueOf(Runtime.version().feature());
        System.arraycopy(args, 0, all, 2, args.length);
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(out), all);
        assertThat(status).as("jdeps: %s", out).isZero();
        return out.toString();
    }
}
