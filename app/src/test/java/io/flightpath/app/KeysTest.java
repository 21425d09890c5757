package io.flightpath.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.flightpath.app.ServiceStack.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The declarations in {@link Keys} and the README's configuration table, which must show exactly them. */
class KeysTest {
    private static final String HEADER = "| key | meaning | type | default |";

    /** The rows of the README's key table, by key. */
    private static Map<String, String> readmeRows() throws IOException {
        List<String> lines = Files.readAllLines(Path.of(System.getProperty("user.dir")).getParent().resolve("README.md"));
        int header = lines.indexOf(HEADER);
        assertThat(header).as("the README's configuration table starts with the line %s", HEADER).isNotNegative();
        Map<String, String> rows = new LinkedHashMap<>();
        for (String line : lines.subList(header + 2, lines.size())) {
            if (!line.startsWith("|")) {
                break;
            }
            String key = line.substring(1, line.indexOf('|', 1)).strip().replace("`", "");
            assertThat(rows.put(key, line)).as("the README lists %s once", key).isNull();
        }
        return rows;
    }

    @Test
    void theReadmeTableListsExactlyTheDeclaredKeysWithTheirMeaningTypeAndDefault() throws IOException {
        Map<String, String> readme = readmeRows();
        List<String> wrong = new ArrayList<>();
        for (Setting<?> s : Keys.all()) {
            if (!s.row().equals(readme.get(s.key()))) {
                wrong.add(s.row());
            }
        }
        Set<String> undeclared = new TreeSet<>(readme.keySet());
        undeclared.removeAll(Keys.all().stream().map(Setting::key).toList());
        assertThat(wrong).as("README.md, section Configuration: rows missing or different from the declarations in Keys; "
                + "they should read:%n%s%n", String.join("\n", wrong)).isEmpty();
        assertThat(undeclared).as("README.md lists keys that Keys does not declare").isEmpty();
    }

    @Test
    void keysAreDeclaredOnceAndEveryPrefixIsReadBySomeService() {
        List<String> keys = Keys.all().stream().map(Setting::key).toList();
        assertThat(keys).doesNotHaveDuplicates();
        Set<String> read = new TreeSet<>(Keys.prefixes(Service.values()));
        read.addAll(Keys.SHADOW_PREFIXES);
        Set<String> declared = Keys.all().stream().map(Setting::prefix).collect(Collectors.toCollection(TreeSet::new));
        assertThat(read).as("prefixes read by the services (Keys.PREFIXES) against the prefixes of the declared keys")
                .isEqualTo(declared);
    }

    @Test
    void theDefaultTheReadmeShowsIsAValueTheSettingReadsAsItsDefault() {
        for (Setting<?> s : Keys.all()) {
            s.fallback().filter(v -> !"".equals(v)).ifPresent(d -> assertThat(s.parse(s.defaultText())).as(s.key()).isEqualTo(d));
        }
    }
}
