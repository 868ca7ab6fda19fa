package dev.roundup.editor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;

import dev.roundup.testing.PackagedApp;
import io.restassured.http.ContentType;

/**
 * The packaged app on a fresh machine: H2 appears in the data folder, the first editor gets a generated password
 * printed once, and everything survives a restart.
 */
@DisabledIfEnvironmentVariable(named = "ROUNDUP_DB_KIND", matches = "postgresql", disabledReason = "about the embedded H2 default")
class FirstStartIT {

    @Test
    void freshInstallPrintsAPasswordOnceAndKeepsDataAcrossRestarts() throws Exception {
        Path dataDir = Files.createTempDirectory("roundup-first-start");
        String password;
        try (PackagedApp app = new PackagedApp(dataDir).start()) {
            System.out.printf("first start: ready after %d ms%n", app.readyMillis());
            assertTrue(Files.exists(dataDir.resolve("roundup.mv.db")), "H2 database created in the data folder");
            Matcher m = Pattern.compile("Created the first editor admin@localhost with the generated password: (\\S+)").matcher(app.log());
            assertTrue(m.find(), "password printed:\n" + app.log());
            password = m.group(1);
            assertTrue(password.length() >= 20, "a strong password");

            given().auth().preemptive().basic("admin@localhost", password).contentType(ContentType.JSON)
                    .body(Map.of("email", "second@example.org", "name", "Second", "password", "second-password"))
                    .post(app.url("/api/editors")).then().statusCode(201);
            app.stop();

            app.start();
            System.out.printf("restart: ready after %d ms%n", app.readyMillis());
            given().auth().preemptive().basic("second@example.org", "second-password").get(app.url("/api/editors"))
                    .then().statusCode(200).body("email", hasItem("admin@localhost")).body("email", hasItem("second@example.org"));
            given().auth().preemptive().basic("admin@localhost", password).get(app.url("/api/me")).then().statusCode(200);
            String log = app.log();
            assertEquals(1, log.split("generated password", -1).length - 1, "printed only on the first start");
            assertFalse(log.contains("ERROR"), log);

            // no SMTP configured: the confirmation mail lands in the outbox as an .eml file
            io.restassured.response.Response form = given().get(app.url("/subscribe"));
            String csrf = form.getCookie("roundup-csrf");
            given().redirects().follow(false).cookie("roundup-csrf", csrf).contentType(ContentType.URLENC)
                    .formParam("_csrf", csrf).formParam("email", "outbox.reader@example.org").formParam("name", "Outbox")
                    .post(app.url("/subscribe")).then().statusCode(303);
            Path outbox = dataDir.resolve("outbox");
            java.util.List<Path> emls = java.util.List.of();
            long deadline = System.currentTimeMillis() + 20_000; // confirmations are queued and sent within seconds
            while (emls.isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
                if (Files.isDirectory(outbox)) {
                    try (var files = Files.list(outbox)) {
                        emls = files.filter(p -> p.toString().endsWith(".eml")).toList();
                    }
                }
            }
            assertEquals(1, emls.size(), "one .eml in " + outbox);
            try (var in = Files.newInputStream(emls.get(0))) {
                jakarta.mail.internet.MimeMessage eml = new jakarta.mail.internet.MimeMessage(
                        jakarta.mail.Session.getInstance(new java.util.Properties()), in);
                assertEquals("Confirm your subscription to Roundup", eml.getSubject());
                assertTrue(eml.getRecipients(jakarta.mail.Message.RecipientType.TO)[0].toString().contains("outbox.reader@example.org"));
                assertTrue(eml.getMessageID().endsWith("@localhost>"));
            }
        }
    }
}
