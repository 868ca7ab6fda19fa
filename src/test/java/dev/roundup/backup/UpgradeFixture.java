package dev.roundup.backup;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import dev.roundup.testing.PackagedApp;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * The data folder the previous release wrote ({@code src/test/resources/upgrade}, see its README), unpacked for a
 * test, and what must still be true of it: the readers with their consent, the erased one's suppression, the editor
 * and the script's token, the sent issue in the archive, and reader1's unsubscribe link from the mail sent then.
 */
final class UpgradeFixture {

    static final String FIXTURE = "/upgrade/a48908b.zip";

    final Path folder;
    final Properties made = new Properties();

    private UpgradeFixture(Path folder) throws IOException {
        this.folder = folder;
        made.load(new StringReader(Files.readString(folder.resolve("fixture.properties"))));
    }

    static UpgradeFixture unpack() throws IOException {
        Path folder = Files.createTempDirectory("roundup-upgrade");
        try (InputStream in = UpgradeFixture.class.getResourceAsStream(FIXTURE); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                Path to = folder.resolve(e.getName()).normalize();
                if (e.isDirectory()) {
                    Files.createDirectories(to);
                } else {
                    Files.createDirectories(to.getParent());
                    Files.copy(zip, to);
                }
            }
        }
        return new UpgradeFixture(folder);
    }

    PackagedApp app(Path dataDir) throws IOException {
        return new PackagedApp(dataDir).env("ROUNDUP_ADMIN_EMAIL", made.getProperty("admin")).env("ROUNDUP_ADMIN_PASSWORD", made.getProperty("password"))
                .env("ROUNDUP_ISSUES_DRAFT_CRON", "off").env("ROUNDUP_FEEDS_CHECK_EVERY", "off").env("ROUNDUP_SEND_CHECK_EVERY", "1s");
    }

    RequestSpecification admin() {
        return given().auth().preemptive().basic(made.getProperty("admin"), made.getProperty("password")).header("X-Requested-By", "upgrade-test")
                .contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** Everything the release wrote is there and works. */
    void assertAllThere(PackagedApp app) {
        JsonPath readers = admin().get(app.url("/api/subscribers?size=500")).then().statusCode(200).extract().jsonPath();
        List<String> emails = readers.getList("subscribers.email");
        assertEquals(4, emails.size(), "3 confirmed readers and a pending one: " + emails);
        assertEquals(List.of("import", "import", "import"), readers.getList("subscribers.findAll { it.email.startsWith('reader') }.consentSource"));
        assertEquals(3, readers.getList("subscribers.findAll { it.email.startsWith('reader') && it.consentAt != null }").size(),
                "each imported reader's consent time");
        admin().body("{\"email\":\"gone@upgrade.example.org\",\"confirmed\":true}").post(app.url("/api/subscribers")).then().statusCode(400)
                .body(containsString("suppression list"));
        given().auth().preemptive().basic("editor@upgrade.example.org", "editor-fixture-password").header("X-Requested-By", "upgrade-test")
                .get(app.url("/api/me")).then().statusCode(200).body("email", equalTo("editor@upgrade.example.org"));
        given().header("Authorization", "Bearer " + made.getProperty("token")).get(app.url("/api/me")).then().statusCode(200)
                .body("email", equalTo(made.getProperty("admin")));
        String issue = made.getProperty("issue");
        admin().get(app.url("/api/issues/" + issue + "/send")).then().statusCode(200).body("state", equalTo("done")).body("sent", equalTo(3));
        admin().get(app.url("/api/issues/" + issue + "/deliveries")).then().statusCode(200)
                .body(containsString("reader1@upgrade.example.org"));
        given().get(app.url("/archive/1")).then().statusCode(200);
        admin().get(app.url("/api/editors")).then().statusCode(200).body("email", hasItems("editor@upgrade.example.org", made.getProperty("admin")));
    }

    /** reader2's link shows the page, reader1's one-click POST unsubscribes them: the master secret came along. */
    void assertOldLinksWork(PackagedApp app) {
        given().get(app.url(made.getProperty("reader2-unsubscribe"))).then().statusCode(200).body(containsString("nsubscribe"));
        given().redirects().follow(false).post(app.url(made.getProperty("reader1-unsubscribe"))).then().statusCode(200);
        admin().get(app.url("/api/subscribers?q=reader1@upgrade.example.org")).then().statusCode(200)
                .body("subscribers[0].status", equalTo("unsubscribed"));
    }
}
