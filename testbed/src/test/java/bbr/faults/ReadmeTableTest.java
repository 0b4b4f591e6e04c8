package bbr.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps README's "What happens when" table honest: every row names integration tests that exist, and every class of
 * the fault suite is named by some row, so neither a renamed test nor an undocumented one slips through.
 */
class ReadmeTableTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern TEST_NAME = Pattern.compile("\\b([A-Z]\\w*IT)\\b");

    @Test
    void everyRowNamesExistingIntegrationTests_andEveryFaultSuiteClassHasARow() throws IOException {
        List<String> rows = tableRows();
        List<String> named = new ArrayList<>();
        for (String row : rows) {
            String[] cells = row.split("\\|");
            Matcher matcher = TEST_NAME.matcher(cells[cells.length - 1]);
            assertThat(matcher.find()).as("row names no *IT test: " + row).isTrue();
            do {
                named.add(matcher.group(1));
            } while (matcher.find());
        }
        List<String> existing = integrationTests();

        assertThat(rows).hasSizeGreaterThan(20);
        assertThat(existing).containsAll(named);
        assertThat(named).containsAll(existing.stream()
                .filter(name -> name.matches(".*(Fault|Failure|BadInput|CtrlC|Proxy|ConnectionDrop).*IT")).toList());
    }

    private static List<String> tableRows() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("README.md"));
        int start = lines.indexOf("## What happens when");
        assertThat(start).as("README has a 'What happens when' section").isNotNegative();
        List<String> rows = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            if (line.startsWith("| ") && !line.startsWith("| case ")) {
                rows.add(line);
            }
        }
        return rows;
    }

    private static List<String> integrationTests() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT.resolve("testbed/src/test/java"))) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith("IT.java"))
                    .map(name -> name.substring(0, name.length() - ".java".length()))
                    .toList();
        }
    }
}
