package io.llmstream.app;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmstream.core.port.StreamLogException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisUnreachableAtStartTest {

    @TempDir
    Path dataDir;

    @Test
    void shouldRefuseToStartNamingTheRedisItCannotReachWithoutItsPassword() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        AppConfig config = ConfigLoader.load(Map.of("http.port", "0", "data.dir", dataDir.toString(), "stream.engine", "redis",
                "redis.url", "redis://:s3cret@127.0.0.1:" + closedPort, "db.url", "jdbc:postgresql://127.0.0.1:5432/test", "db.user", "postgres"));

        assertThatThrownBy(() -> StreamingServer.start(config))
                .isInstanceOf(StreamLogException.class)
                .hasMessageStartingWith("Redis is not reachable at redis://***@127.0.0.1:" + closedPort)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.getMessage()).doesNotContain("s3cret"));
    }
}
