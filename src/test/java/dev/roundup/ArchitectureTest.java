package dev.roundup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The package directions of docs/architecture.md, checked rather than promised: every import between packages under
 * {@code dev.roundup} is one the {@code imports} block allows, that block allows no cycle, and the package table
 * names exactly the packages there are. Reads the compiled classes with ArchUnit; starts no application.
 */
class ArchitectureTest {

    private static final Path DOC = Path.of("docs/architecture.md");
    private static final String ROOT = "root";
    private static final Pattern ALLOWED = Pattern.compile("^\\s*([a-z]+)\\s*->\\s*(.*)$");
    private static final Pattern SOURCE_REFERENCE = Pattern.compile("\\bdev\\.roundup\\.(?:([a-z]+)\\.)?[A-Z]\\w*");
    private static final Pattern FIRST_CELL = Pattern.compile("^\\|\\s*`([^`]+)`");

    private static String doc;
    private static JavaClasses classes;

    @BeforeAll
    static void read() throws IOException {
        doc = Files.readString(DOC);
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.roundup");
    }

    @Test
    void everyImportBetweenPackagesIsOneTheArchitectureAllows() throws IOException {
        Map<String, Set<String>> allowed = allowed(doc);
        List<String> refused = backEdges(classes, allowed);
        refused.addAll(sourceBackEdges(allowed));
        assertTrue(refused.isEmpty(), "imports docs/architecture.md does not allow (move the class, or declare a small interface in "
                + "the lower package):\n  " + String.join("\n  ", refused));
    }

    @Test
    void theCheckFindsAnImportTheArchitectureDoesNotAllow() {
        // the same check with one edge the code uses taken away must complain: the test above can fail
        Map<String, Set<String>> allowed = allowed(doc);
        allowed.get("delivery").remove("subscribers");
        List<String> refused = backEdges(classes, allowed);
        assertFalse(refused.isEmpty());
        assertTrue(refused.stream().allMatch(r -> r.contains("(delivery -> subscribers)")), String.join("\n", refused));
    }

    @Test
    void theAllowedDirectionsHaveNoCycle() {
        Map<String, Set<String>> allowed = allowed(doc);
        for (String start : allowed.keySet()) {
            List<String> cycle = cycleFrom(start, start, allowed, new ArrayList<>(List.of(start)), new HashSet<>());
            assertTrue(cycle.isEmpty(), "the imports block allows a cycle: " + String.join(" -> ", cycle));
        }
    }

    @Test
    void thePackageTableAndTheImportsBlockNameExactlyThePackagesThereAre() {
        Set<String> packages = new TreeSet<>();
        classes.forEach(c -> packages.add(feature(c)));
        assertEquals(packages, tableRows(doc), "the package table in docs/architecture.md: one row per package under dev.roundup");
        assertEquals(packages, new TreeSet<>(allowed(doc).keySet()), "the imports block in docs/architecture.md: one line per package");
    }

    /** Each line of the fenced {@code imports} block: a package, {@code ->}, the packages it may import. */
    static Map<String, Set<String>> allowed(String markdown) {
        int start = markdown.indexOf("```imports\n");
        assertTrue(start >= 0, "docs/architecture.md has no ```imports block");
        String block = markdown.substring(start + "```imports\n".length(), markdown.indexOf("```", start + 3));
        Map<String, Set<String>> allowed = new HashMap<>();
        for (String line : block.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            Matcher m = ALLOWED.matcher(line);
            assertTrue(m.matches(), "not a line of the imports block: " + line);
            Set<String> to = new HashSet<>();
            for (String target : m.group(2).split(",")) {
                if (!target.isBlank()) {
                    to.add(target.strip());
                }
            }
            assertTrue(allowed.put(m.group(1), to) == null, "a package named twice in the imports block: " + m.group(1));
        }
        return allowed;
    }

    /** The first cell of each row of the package table, {@code root} for {@code dev.roundup} itself. */
    static Set<String> tableRows(String markdown) {
        int start = markdown.indexOf("## Packages (`dev.roundup`)");
        assertTrue(start >= 0, "docs/architecture.md has no package table");
        int end = markdown.indexOf("\n## ", start + 1);
        Set<String> rows = new TreeSet<>();
        for (String line : markdown.substring(start, end < 0 ? markdown.length() : end).split("\n")) {
            Matcher m = FIRST_CELL.matcher(line);
            if (m.find()) {
                rows.add(m.group(1).equals("dev.roundup") ? ROOT : m.group(1));
            }
        }
        return rows;
    }

    /** Every dependency from one package under dev.roundup to another that {@code allowed} does not list. */
    static List<String> backEdges(JavaClasses classes, Map<String, Set<String>> allowed) {
        Set<String> refused = new TreeSet<>();
        for (JavaClass c : classes) {
            String from = feature(c);
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                JavaClass target = d.getTargetClass().getBaseComponentType();
                if (!target.getPackageName().equals("dev.roundup") && !target.getPackageName().startsWith("dev.roundup.")) {
                    continue;
                }
                String to = feature(target);
                if (!from.equals(to) && !allowed.getOrDefault(from, Set.of()).contains(to)) {
                    refused.add(c.getName() + " -> " + target.getName() + " (" + from + " -> " + to + ")");
                }
            }
        }
        return new ArrayList<>(refused);
    }

    /**
     * The same in the sources, for what the compiler leaves out of the class files: a constant it inlines (a role's
     * name in {@code @RolesAllowed}) and a type named only in Javadoc are still a package's import.
     */
    static List<String> sourceBackEdges(Map<String, Set<String>> allowed) throws IOException {
        Path sources = Path.of("src/main/java/dev/roundup");
        List<String> refused = new ArrayList<>();
        try (var files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = sources.relativize(file);
                String from = relative.getNameCount() == 1 ? ROOT : relative.getName(0).toString();
                Matcher m = SOURCE_REFERENCE.matcher(Files.readString(file));
                while (m.find()) {
                    String to = m.group(1) == null ? ROOT : m.group(1);
                    if (!from.equals(to) && !allowed.getOrDefault(from, Set.of()).contains(to)) {
                        refused.add(relative + " names " + m.group() + " (" + from + " -> " + to + ")");
                    }
                }
            }
        }
        return refused;
    }

    private static List<String> cycleFrom(String start, String at, Map<String, Set<String>> allowed, List<String> path, Set<String> seen) {
        for (String next : allowed.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                List<String> cycle = new ArrayList<>(path);
                cycle.add(start);
                return cycle;
            }
            if (seen.add(next)) {
                path.add(next);
                List<String> found = cycleFrom(start, next, allowed, path, seen);
                if (!found.isEmpty()) {
                    return found;
                }
                path.remove(path.size() - 1);
            }
        }
        return List.of();
    }

    /** The feature a class belongs to: the package right under dev.roundup, or {@code root}. */
    private static String feature(JavaClass c) {
        String name = c.getPackageName();
        if (name.equals("dev.roundup")) {
            return ROOT;
        }
        String rest = name.substring("dev.roundup.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
