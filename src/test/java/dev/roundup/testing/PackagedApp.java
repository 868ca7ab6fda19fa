package dev.roundup.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged Roundup ({@code target/quarkus-app/quarkus-run.jar}) run as a separate process, the way an operator
 * runs it: for tests that restart it, kill it, or measure its start. Used by {@code *IT} tests after {@code package}.
 */
public class PackagedApp implements AutoCloseable {

    private final Map<String, String> env = new HashMap<>();
    private final List<String> jvmArgs = new ArrayList<>();
    private final Path log;
    private final int port;
    private final int managementPort;
    private Process process;
    private long readyMillis;

    public PackagedApp(Path dataDir) throws IOException {
        this.port = freePort();
        this.managementPort = freePort();
        this.log = dataDir.resolve("app.log");
        Files.createDirectories(dataDir);
        env.put("ROUNDUP_DATA_DIR", dataDir.toString());
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
        env.put("ROUNDUP_BASE_URL", "http://localhost:" + port);
    }

    public PackagedApp env(String key, String value) {
        env.put(key, value);
        return this;
    }

    /** Adds a JVM option, e.g. a heap cap, ahead of {@code -jar}. */
    public PackagedApp jvm(String option) {
        jvmArgs.add(option);
        return this;
    }

    /** Starts the app and waits until it answers ready; remembers how long that took. */
    public PackagedApp start() throws Exception {
        String jar = System.getProperty("roundup.app.jar", "target/quarkus-app/quarkus-run.jar");
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", jar));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        long started = System.nanoTime();
        process = pb.start();
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Roundup exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(managementUrl("/q/health/ready")))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    readyMillis = (System.nanoTime() - started) / 1_000_000;
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(25);
        }
        throw new IllegalStateException("Roundup did not become ready in 60 s:\n" + log());
    }

    /** Stops it the way systemd would (SIGTERM), waiting for a clean shutdown. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** Kills it at once (SIGKILL), like a power cut or the OOM killer. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }

    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** An address on the management interface (health, metrics, OpenAPI), which listens on 127.0.0.1 only. */
    public String managementUrl(String path) {
        return "http://127.0.0.1:" + managementPort + path;
    }

    /** The public port, for a proxy in front. */
    public int port() {
        return port;
    }

    public int managementPort() {
        return managementPort;
    }

    public long readyMillis() {
        return readyMillis;
    }

    public long pid() {
        return process.pid();
    }

    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
