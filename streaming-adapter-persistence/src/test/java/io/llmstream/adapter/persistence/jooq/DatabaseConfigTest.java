package io.llmstream.adapter.persistence.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DatabaseConfigTest {

    @Test
    void shouldNotPrintThePasswordOrUrlParameters() {
        DatabaseConfig config = DatabaseConfig.of("jdbc:postgresql://db:5432/app?password=inurl", "app", "s3cret");

        assertThat(config.toString()).doesNotContain("s3cret").doesNotContain("inurl").contains("jdbc:postgresql://db:5432/app");
    }

    @Test
    void shouldPlaceTheEmbeddedDatabaseUnderTheDataDirectoryInPostgresMode() {
        DatabaseConfig config = DatabaseConfig.embedded(Path.of("/var/lib/llmstream"));

        assertThat(config.url()).startsWith("jdbc:h2:file:/var/lib/llmstream/db/llmstream;MODE=PostgreSQL;");
        assertThat(config.poolSize()).isEqualTo(DatabaseConfig.DEFAULT_POOL_SIZE);
    }

    @Test
    void shouldRejectAnUnsupportedDatabase() {
        assertThatThrownBy(() -> DatabaseConfig.of("jdbc:mysql://db/app?user=x", "u", "p"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:postgresql:")
                .hasMessageNotContaining("user=x");
    }

    @Test
    void shouldRejectAPoolSizeOutOfRange() {
        DatabaseConfig config = DatabaseConfig.of("jdbc:h2:mem:x", "sa", "");

        assertThatThrownBy(() -> config.withPoolSize(0)).hasMessageContaining("pool size must be within 1..200");
        assertThatThrownBy(() -> config.withConnectionTimeout(Duration.ofMillis(10)))
                .hasMessageContaining("at least 250 ms");
    }
}
