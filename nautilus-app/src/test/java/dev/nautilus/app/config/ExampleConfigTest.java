package dev.nautilus.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.nautilus.app.docs.RepositoryFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docs/nautilus.example.yaml} is the complete reference of the configuration: it loads, it
 * holds every default, and it names every key of {@link ConfigKey} with its variable, so a key added
 * without documenting it fails here.
 */
class ExampleConfigTest {

    private static final Path EXAMPLE = RepositoryFiles.path("docs/nautilus.example.yaml");
    /** A key line, set ({@code  key: value}) or commented out because unset ({@code  # key:}). */
    private static final Pattern KEY_LINE = Pattern.compile("^( *)(# )?([a-z][a-z0-9_]*):(.*)$");

    @TempDir
    Path dir;

    @Test
    void theExampleLoadsAndEveryValueInItIsTheDefault() {
        List<ConfigValue> values = new ConfigLoader(Map.of()).resolve(EXAMPLE);
        for (ConfigValue value : values) {
            assertThat(value.value())
                    .as(value.key().fileKey())
                    .isEqualTo(Optional.ofNullable(value.key().defaultValue()));
        }
        NautilusConfig example = new ConfigLoader(Map.of()).load(EXAMPLE);
        NautilusConfig defaults = new ConfigLoader(Map.of()).load();
        assertThat(example.bus()).isEqualTo(defaults.bus());
        assertThat(example.store()).isEqualTo(defaults.store());
        assertThat(example.dataDir()).isEqualTo(defaults.dataDir());
        assertThat(example.portOffset()).isEqualTo(defaults.portOffset());
        assertThat(example.websocket()).isEqualTo(defaults.websocket());
        // the tokens are generated afresh by each load; the rest of the exposure is the default
        assertThat(example.http().host()).isEqualTo(defaults.http().host());
        assertThat(example.http().metricsPublic()).isEqualTo(defaults.http().metricsPublic());
        assertThat(example.http().tokens().configured()).isFalse();
    }

    @Test
    void everyKeyIsInTheExampleWithItsVariableBesideIt() throws Exception {
        Map<String, String> documented = keyLines(Files.readAllLines(EXAMPLE));
        List<String> missing = Arrays.stream(ConfigKey.values())
                .map(ConfigKey::fileKey)
                .filter(key -> !documented.containsKey(key))
                .toList();
        assertThat(missing)
                .as("keys of ConfigKey missing from " + EXAMPLE
                        + " (add each under its section, with its default, and its variable in a comment)")
                .isEmpty();
        List<String> withoutVariable = new ArrayList<>();
        for (ConfigKey key : ConfigKey.values()) {
            if (!documented.get(key.fileKey()).contains("# " + key.envVar())) {
                withoutVariable.add(key.fileKey() + " (" + key.envVar() + ")");
            }
        }
        assertThat(withoutVariable)
                .as("keys whose line in " + EXAMPLE + " does not name their variable")
                .isEmpty();
    }

    @Test
    void theUnsetKeysAreCommentedOutAndTheSetOnesAreNot() throws Exception {
        List<String> lines = Files.readAllLines(EXAMPLE);
        Map<String, String> documented = keyLines(lines);
        for (ConfigKey key : ConfigKey.values()) {
            if (!documented.containsKey(key.fileKey())) {
                continue; // a missing key is named by everyKeyIsInTheExampleWithItsVariableBesideIt
            }
            boolean commented = documented.get(key.fileKey()).stripLeading().startsWith("#");
            assertThat(commented)
                    .as(key.fileKey() + " is commented out exactly when its default is unset")
                    .isEqualTo(key.defaultValue() == null);
        }
        // with the unset keys uncommented (empty), the file still loads: they sit in the right sections
        String uncommented = String.join(
                "\n",
                lines.stream()
                        .map(line -> line.replaceFirst("^( *)# ([a-z][a-z0-9_]*:)", "$1$2"))
                        .toList());
        Path all = Files.writeString(dir.resolve("all.yaml"), uncommented);
        assertThat(new ObjectMapper(new YAMLFactory()).readTree(all.toFile()).isObject())
                .isTrue();
        new ConfigLoader(Map.of()).load(all);
    }

    /**
     * The dotted key of every key line, set or commented out, with its line: the file's nesting read
     * from its indentation, as the YAML parser reads it.
     */
    private static Map<String, String> keyLines(List<String> lines) {
        Map<String, String> keys = new LinkedHashMap<>();
        Deque<Map.Entry<Integer, String>> sections = new ArrayDeque<>();
        for (String line : lines) {
            Matcher key = KEY_LINE.matcher(line);
            if (!key.matches()) {
                continue;
            }
            int indent = key.group(1).length();
            String rest = key.group(4).replaceFirst("#.*", "").strip();
            boolean commented = key.group(2) != null;
            if (commented && !rest.isEmpty()) {
                continue; // prose in a comment ("# note: …"); an unset key is "# key:" and a comment
            }
            while (!sections.isEmpty() && sections.peek().getKey() >= indent) {
                sections.pop();
            }
            String prefix = String.join(
                    "",
                    sections.reversed().stream().map(s -> s.getValue() + ".").toList());
            if (rest.isEmpty() && !commented) {
                sections.push(Map.entry(indent, key.group(3)));
            } else {
                keys.put(prefix + key.group(3), line);
            }
        }
        return keys;
    }
}
