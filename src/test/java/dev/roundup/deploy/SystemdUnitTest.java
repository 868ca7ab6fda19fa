package dev.roundup.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * docs/deploy/roundup.service is a unit systemd accepts: {@code systemd-analyze verify} finds no error and no
 * warning about it (the tool exits 0 even on an unknown key, so its words are checked too). Skipped, saying so, on a
 * machine without the tool.
 */
class SystemdUnitTest {

    static final Path UNIT = Path.of("docs/deploy/roundup.service");

    @Test
    void theUnitPassesSystemdAnalyzeVerify() throws Exception {
        Path tool = Path.of("/usr/bin/systemd-analyze");
        Assumptions.assumeTrue(Files.isExecutable(tool), "systemd-analyze is not installed here: roundup.service was not verified");
        Path folder = Files.createTempDirectory("roundup-unit");
        Path unit = Files.copy(UNIT, folder.resolve("roundup.service"));
        Process verify = new ProcessBuilder(tool.toString(), "verify", unit.toString()).redirectErrorStream(true).start();
        assertTrue(verify.waitFor(60, TimeUnit.SECONDS), "systemd-analyze verify did not finish");
        String said = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, verify.exitValue(), said);
        String aboutOurs = said.lines().filter(l -> l.contains("roundup.service")).reduce("", (a, b) -> a + b + "\n");
        assertEquals("", aboutOurs, "systemd-analyze has something to say about the unit");
    }

    @Test
    void theUnitKeepsTheHardeningTheDocsPromise() throws Exception {
        String unit = Files.readString(UNIT);
        for (String line : new String[] { "DynamicUser=yes", "ProtectSystem=strict", "StateDirectory=roundup", "EnvironmentFile=",
                "NoNewPrivileges=yes", "-Xmx192m -XX:+UseSerialGC" }) {
            assertTrue(unit.contains(line), "roundup.service has " + line);
        }
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("java -Xmx192m") + "java ".length();
        String flags = readme.substring(start, readme.indexOf(" -jar ", start));
        assertTrue(unit.contains("ExecStart=/usr/bin/java " + flags + " -jar "), "the README's small-VPS flags: " + flags);
    }
}
