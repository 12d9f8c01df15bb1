package io.llmstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server as an operator runs it: its own JVM, started, serving, then SIGTERM. */
class ProcessLifecycleTest {

    @TempDir
    Path dataDir;

    @Test
    void shouldStartWithoutWarningsKeepServingAndExitPromptlyOnSigterm() throws Exception {
        // what the jar's manifest declares (Enable-Native-Access); this test runs from the class path
        List<String> arguments = List.of("--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Main.class.getName());
        try (AppProcess app = AppProcess.start(arguments, dataDir, Map.of())) {
            Process process = app.process();
            assertThat(app.startLog()).as("a normal start logs no warning").noneMatch(l -> l.contains("WARN"));

            try (HttpClient http = HttpClient.newHttpClient()) {
                for (int i = 0; i < 3; i++) {
                    HttpResponse<String> live = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/health/live"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(live.statusCode()).isEqualTo(200);
                }
            }
            assertThat(process.isAlive()).as("still serving after main() returned").isTrue();

            long start = System.nanoTime();
            process.destroy(); // SIGTERM
            assertThat(process.waitFor(5, TimeUnit.SECONDS)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(process.exitValue()).isZero();
        }
    }
}
