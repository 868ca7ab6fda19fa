package dev.roundup.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import dev.roundup.listings.SubmissionTestForms;
import dev.roundup.roundup.Drafts;
import dev.roundup.testing.Api;
import dev.roundup.testing.Browser;
import dev.roundup.testing.Mails;
import dev.roundup.testing.Sends;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every mail Roundup sends, as GreenMail receives it, has a text and an HTML part, both rendered from the mail's
 * template pair over the one mail base: the masthead, the sign-off, why the reader gets it and the postal address
 * come from the base in both parts, the stylesheet is inlined, and the text keeps to 78 columns.
 */
@QuarkusTest
class MailTemplatesTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String POSTAL = "Roundup Test Press, 1 Example Street, 10115 Berlin, Germany";

    @Inject
    Drafts drafts;

    @Test
    void theConfirmationComesFromItsPairOverTheBase() throws Exception {
        new Browser().post("/subscribe", Map.of("email", "joiner@parts.test", "name", "Joiner", "website", "")).then().statusCode(303);
        MimeMessage m = Mails.await("joiner@parts.test", 1, WAIT).get(0);
        fromTheBase(m, "You get this mail because someone, hopefully you, asked for Roundup at this address.");
        assertTrue(text(m).contains("Hi Joiner,"), text(m));
    }

    @Test
    void theReceiptAndBothDecisionsComeFromTheirPairsOverTheBase() throws Exception {
        String maker = "maker@parts.test";
        new Browser().post("/submit/project", SubmissionTestForms.project("Parts Gadget", maker)).then().statusCode(303);
        MimeMessage receipt = Mails.await(maker, 1, WAIT).get(0);
        fromTheBase(receipt, "You get this mail because this address was given when the project was submitted.");
        long id = Api.asEditor().get("/api/projects?q=Parts Gadget").then().extract().jsonPath().getLong("[0].id");
        Api.asEditor().body(Map.of("ids", List.of(id), "action", "approve")).post("/api/projects/moderate").then().statusCode(200);
        MimeMessage approved = Mails.await(maker, 2, WAIT).get(1);
        fromTheBase(approved, "You get this mail because this address was given when the project was submitted.");
        assertTrue(text(approved).contains("\"Parts Gadget\" is approved"), text(approved));

        String hr = "hr@parts.test";
        new Browser().post("/submit/job", SubmissionTestForms.job("Parts Role", hr)).then().statusCode(303);
        Mails.await(hr, 1, WAIT);
        long job = Api.asEditor().get("/api/jobs?q=Parts Role").then().extract().jsonPath().getLong("[0].id");
        String reason = "Please add a salary range. " + "And the city, so that readers know where the job is. ".repeat(3);
        Api.asEditor().body(Map.of("ids", List.of(job), "action", "reject", "reason", reason)).post("/api/jobs/moderate").then().statusCode(200);
        MimeMessage rejected = Mails.await(hr, 2, WAIT).get(1);
        fromTheBase(rejected, "You get this mail because this address was given when the job was submitted.");
        assertTrue(text(rejected).contains("\n  Please add a salary range. And the city"), "the reason indented: " + text(rejected));
    }

    @Test
    void theTestSendAndTheIssueComeFromTheIssuesPairOverTheBase() throws Exception {
        long issueId = drafts.create(LocalDate.of(2014, 6, 2), LocalDate.of(2014, 6, 9)).id;
        Browser.signedInEditor().post("/editor/issues/" + issueId + "/test", Map.of("to", "tester@parts.test")).then().statusCode(303);
        MimeMessage test = Mails.await("tester@parts.test", 1, WAIT).get(0);
        fromTheBase(test, "Forwarded this? Subscribe here:");

        Sends.subscribe(List.of("reader@parts.test"));
        Sends.start(issueId);
        MimeMessage issue = Mails.await("reader@parts.test", 1, WAIT).get(0);
        fromTheBase(issue, "Forwarded this? Subscribe here:");
        for (MimeMessage m : List.of(test, issue)) {
            assertTrue(text(m).contains("Why are you getting this"), "the issue's footer says why: " + text(m));
        }
    }

    /** Both parts present, both from the base: its footer lines in the text and in the HTML, the stylesheet inlined. */
    private static void fromTheBase(MimeMessage m, String own) throws Exception {
        Multipart parts = (Multipart) m.getContent();
        assertTrue(m.isMimeType("multipart/alternative") && parts.getCount() == 2, "a text and an HTML part");
        String text = text(m);
        assertTrue(text.contains("\n-- \n"), "the base's sign-off: " + text);
        assertTrue(text.strip().endsWith(POSTAL), "the base's last line is the postal address: " + text);
        assertTrue(text.replaceAll("\\s+", " ").contains(own), "the mail's own footer line: " + text);
        assertTrue(text.lines().filter(l -> !l.strip().startsWith("http")).allMatch(l -> l.length() <= PlainText.WIDTH), "78 columns: " + text);
        Document html = Jsoup.parse(Mails.part(m, "text/html"));
        // kept to be looked at: target/mail-<subject>.html
        Files.writeString(Path.of("target", "mail-" + m.getSubject().replaceAll("[^A-Za-z]+", "-") + ".html"), html.outerHtml());
        assertNotNull(html.selectFirst("td.masthead p.brand"), "the base's masthead");
        assertEquals(POSTAL, html.selectFirst("td.footer p.postal").text(), "the base's postal address");
        assertTrue(html.selectFirst("td.footer").text().contains(own.replace(":", "")), html.selectFirst("td.footer").text());
        assertTrue(html.selectFirst("td.footer").attr("style").contains("border-top"), "the mail stylesheet inlined");
    }

    private static String text(MimeMessage m) throws Exception {
        return Mails.part(m, "text/plain").replace("\r\n", "\n");
    }
}
