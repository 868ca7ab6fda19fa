package dev.roundup.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One of the packaged app's commands ({@code java -jar quarkus-run.jar restore …}, {@code migrate-to …}) run the way an
 * operator types it, to its end: its exit code and what it printed. The test JVM's ROUNDUP_DB_* variables are not passed
 * on unless given, as an operator's shell for the embedded database has none.
 */
public record JarCommand(int exitCode, String output) {

    public static JarCommand run(Map<String, String> env, String... args) throws Exception {
        String jar = System.getProperty("roundup.app.jar", "target/quarkus-app/quarkus-run.jar");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("ROUNDUP_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", args) + " did not end in 120 s");
        }
        return new JarCommand(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    public static JarCommand run(String... args) throws Exception {
        return run(Map.of(), args);
    }
}
