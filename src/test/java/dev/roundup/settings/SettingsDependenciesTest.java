package dev.roundup.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Holds the shape docs/architecture.md draws for settings: mail, roundup and web never import it (they declare
 * the interface they need, which {@link NewsletterSettings} implements), and settings imports no feature above it.
 */
class SettingsDependenciesTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/roundup");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.roundup\\.([a-z]+)\\.", Pattern.MULTILINE);

    @Test
    void mailRoundupAndWebDoNotImportSettings() {
        for (String pkg : List.of("mail", "roundup", "web")) {
            assertEquals(List.of(), imports(pkg).stream().filter("settings"::equals).toList(), pkg);
        }
    }

    @Test
    void settingsImportsOnlyWhatLiesBelowIt() {
        assertEquals(List.of(), imports("settings").stream().filter(p -> !List.of("settings", "mail", "roundup", "web").contains(p)).toList());
    }

    private static List<String> imports(String pkg) {
        try (Stream<Path> files = Files.list(SOURCES.resolve(pkg))) {
            return files.filter(f -> f.toString().endsWith(".java")).flatMap(f -> {
                try {
                    return IMPORT.matcher(Files.readString(f)).results().map(r -> r.group(1));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).distinct().sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
