package dev.roundup.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx ({@code /usr/sbin/nginx}) run by a test: in the foreground, one process, with its own prefix, pid,
 * logs and temp folders in a temp folder, serving one site file (a file made for {@code /etc/nginx/conf.d/}) inside
 * a minimal main configuration.
 */
public final class Nginx implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/sbin/nginx");

    private final Path prefix;
    private Process process;

    private Nginx(Path prefix) {
        this.prefix = prefix;
    }

    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** Starts nginx with {@code site} in its http block and waits until {@code port} accepts connections. */
    public static Nginx serve(String site, int port) throws Exception {
        Path prefix = Files.createTempDirectory("roundup-nginx");
        Files.writeString(prefix.resolve("site.conf"), site);
        StringBuilder temps = new StringBuilder();
        for (String kind : new String[] { "client_body", "proxy", "fastcgi", "uwsgi", "scgi" }) {
            Files.createDirectories(prefix.resolve("temp/" + kind));
            temps.append("    ").append(kind).append("_temp_path ").append(prefix.resolve("temp/" + kind)).append(";\n");
        }
        Files.writeString(prefix.resolve("nginx.conf"), """
                daemon off;
                master_process off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log info;
                events { worker_connections 256; }
                http {
                    access_log %1$s/access.log;
                %2$s    include %1$s/site.conf;
                }
                """.formatted(prefix, temps));
        Nginx nginx = new Nginx(prefix);
        nginx.process = new ProcessBuilder(BINARY.toString(), "-p", prefix.toString(), "-c", prefix.resolve("nginx.conf").toString(),
                "-e", prefix.resolve("error.log").toString()).redirectErrorStream(true)
                .redirectOutput(prefix.resolve("stdout.log").toFile()).start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            if (!nginx.process.isAlive()) {
                throw new IllegalStateException("nginx exited with " + nginx.process.exitValue() + ":\n" + nginx.log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return nginx;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        nginx.close();
        throw new IllegalStateException("nginx did not listen on " + port + " within 10 s:\n" + nginx.log());
    }

    /** What nginx said: its output and its error log. */
    public String log() {
        try {
            StringBuilder all = new StringBuilder();
            for (String name : new String[] { "stdout.log", "error.log" }) {
                Path file = prefix.resolve(name);
                if (Files.exists(file)) {
                    all.append(Files.readString(file));
                }
            }
            return all.toString();
        } catch (IOException e) {
            return "(nginx's log unreadable: " + e + ")";
        }
    }

    public Path prefix() {
        return prefix;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy(); // SIGTERM: nginx's fast shutdown
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
