package io.llmstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.ConfigMappingInterface.Property;
import io.smallrye.config.ConfigMappings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/configuration.md and {@link ConfigProperties} list the same keys, environment variables and defaults. */
class ConfigDocumentationTest {

    /** A table row: | `key` | `ENV` | `default` or (empty) | meaning | */
    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| `([^`]+)` \\| (?:`([^`]*)`|\\(empty\\)) \\|", Pattern.MULTILINE);

    @Test
    void shouldDocumentExactlyTheMappedKeysWithTheirEnvironmentVariablesAndDefaults() throws IOException {
        Map<String, String> documented = new TreeMap<>();
        Matcher row = ROW.matcher(Files.readString(Path.of("..", "docs", "configuration.md")));
        while (row.find()) {
            assertThat(row.group(2)).as("environment variable of " + row.group(1)).isEqualTo(env(row.group(1)));
            documented.put(row.group(1), row.group(3) == null ? "" : row.group(3));
        }

        assertThat(documented).isEqualTo(mapped());
    }

    /** Key to default ("" for none); a map's entries as llm.<name>.*, a list as its own key. */
    private static Map<String, String> mapped() {
        Map<String, String> keys = new TreeMap<>();
        Map<String, Property> properties = ConfigMappings.getProperties(
                ConfigMappings.ConfigClass.configClass(ConfigProperties.class, ""));
        properties.forEach((name, property) -> {
            if (!name.endsWith("[*]")) {
                keys.put(name.replace(".*.", ".<name>."), property.hasDefaultValue() ? property.getDefaultValue() : "");
            }
        });
        return keys;
    }

    private static String env(String key) {
        return ConfigProblems.env(key.replace("<name>", "name")).replace("_NAME_", "_<NAME>_");
    }
}
