package dev.roundup.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Holds the shape of docs/architecture.md for mail: {@code mail/} lies below every feature and imports none of them,
 * and the features that only mail (confirmations, receipts, test sends) reach it without going through delivery.
 */
class MailDependenciesTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/roundup");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.roundup\\.([a-z]+)\\.", Pattern.MULTILINE);
    private static final List<String> FEATURES = List.of("feeds", "listings", "roundup", "publishing", "subscribers", "delivery", "bounces", "editor");

    @Test
    void mailImportsNoFeature() {
        assertEquals(List.of(), importsOf("mail", FEATURES));
    }

    @Test
    void featuresThatOnlyMailDoNotImportDelivery() {
        for (String feature : List.of("subscribers", "listings", "roundup", "publishing")) {
            assertEquals(List.of(), importsOf(feature, List.of("delivery")), feature);
        }
    }

    /** "File imports package" for each file of {@code pkg} that imports one of {@code forbidden}. */
    private static List<String> importsOf(String pkg, List<String> forbidden) {
        try (Stream<Path> files = Files.list(SOURCES.resolve(pkg))) {
            return files.filter(f -> f.toString().endsWith(".java")).flatMap(f -> {
                Matcher m = IMPORT.matcher(read(f));
                return m.results().map(r -> r.group(1)).filter(forbidden::contains).map(p -> f.getFileName() + " imports " + p).distinct();
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
