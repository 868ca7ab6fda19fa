package dev.roundup.subscribers;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.roundup.testing.Api;
import dev.roundup.testing.Browser;
import dev.roundup.testing.Mails;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Imports keep going past bad rows and never bring back people who left; exports stream any search. */
@QuarkusTest
class SubscriberCsvTest {

    @Test
    void fiveBadLinesOutOfAThousandAreReportedAndTheRestImported() {
        StringBuilder csv = new StringBuilder("email,name\n");
        List<Integer> badLines = List.of(10, 200, 501, 777, 1000);
        for (int line = 2; line <= 1001; line++) {
            if (badLines.contains(line - 1)) {
                csv.append(switch (badLines.indexOf(line - 1)) {
                    case 0 -> "not-an-email,Nobody\n";
                    case 1 -> "\"unbalanced@example.org,Quote\n";
                    case 2 -> "two@@example.org,Broken\n";
                    case 3 -> "spaces in@example.org,Bad\n";
                    default -> "nodomain@localhost,Bad\n";
                });
            } else {
                csv.append("bulk").append(line).append("@csv.example.org,Reader ").append(line).append('\n');
            }
        }
        JsonPath report = Api.asEditor().contentType("text/csv").body(csv.toString()).post("/api/subscribers/import?mode=confirmed")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(1000, report.getInt("rows"));
        assertEquals(995, report.getInt("added"));
        assertEquals(List.of(11, 201, 502, 778, 1001), report.getList("errors.line", Integer.class), "line numbers in the file");
        assertTrue(report.getString("errors[0].reason").contains("not a valid email address"));
        Api.asEditor().get("/api/subscribers?q=@csv.example.org&status=confirmed").then().body("total", equalTo(995));

        JsonPath again = Api.asEditor().contentType("text/csv").body(csv.toString()).post("/api/subscribers/import?mode=confirmed")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(0, again.getInt("added"));
        assertEquals(995, again.getInt("merged"), "duplicates merged, not doubled");
    }

    @Test
    void anUnsubscribedAddressInACsvStaysUnsubscribedUnlessTheEditorOverrides() {
        Api.asEditor().body(Map.of("email", "left@csv2.example.org", "confirmed", true)).post("/api/subscribers").then().statusCode(201);
        int id = Api.asEditor().get("/api/subscribers?q=left@csv2.example.org").then().extract().path("subscribers[0].id");
        Api.asEditor().post("/api/subscribers/" + id + "/unsubscribe").then().body("status", equalTo("unsubscribed"));

        String csv = "left@csv2.example.org,Left\nnew@csv2.example.org,New\n";
        JsonPath report = Api.asEditor().contentType("text/csv").body(csv).post("/api/subscribers/import?mode=confirmed")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(1, report.getInt("skipped"));
        assertEquals(1, report.getInt("added"));
        Api.asEditor().get("/api/subscribers/" + id).then().body("status", equalTo("unsubscribed"));

        Api.asEditor().contentType("text/csv").body(csv).post("/api/subscribers/import?mode=confirmed&override=true").then().statusCode(200);
        Api.asEditor().get("/api/subscribers/" + id).then().body("status", equalTo("confirmed"));
    }

    @Test
    void aDeletedAddressIsErasedAndNotReimportedOrMailed() throws Exception {
        Api.asEditor().body(Map.of("email", "erase.me@csv3.example.org", "name", "Erase Me", "confirmed", true)).post("/api/subscribers");
        int id = Api.asEditor().get("/api/subscribers?q=erase.me").then().extract().path("subscribers[0].id");
        Api.asEditor().delete("/api/subscribers/" + id).then().statusCode(204);
        Api.asEditor().get("/api/subscribers?q=erase.me").then().body("total", equalTo(0));
        Api.asEditor().get("/api/subscribers/" + id).then().statusCode(404);

        JsonPath report = Api.asEditor().contentType("text/csv").body("erase.me@csv3.example.org\n")
                .post("/api/subscribers/import?mode=confirmed").then().extract().jsonPath();
        assertEquals(1, report.getInt("skipped"));
        new Browser().post("/subscribe", Map.of("email", "erase.me@csv3.example.org")).then().statusCode(303);
        assertEquals(0, Mails.settled("erase.me@csv3.example.org", 0, Duration.ofMillis(400)).size());
    }

    @Test
    void importedAddressesAwaitingConfirmationAreMailedInTheBackground() throws Exception {
        Api.asEditor().contentType("text/csv").body("queued1@csv4.example.org,Q1\nqueued2@csv4.example.org,Q2\n")
                .post("/api/subscribers/import").then().statusCode(200).body("added", equalTo(2));
        Mails.await("queued1@csv4.example.org", 1, Duration.ofSeconds(30));
        Mails.await("queued2@csv4.example.org", 1, Duration.ofSeconds(30));
        Api.asEditor().get("/api/subscribers?q=@csv4.example.org&status=pending").then().body("total", equalTo(2));
    }

    @Test
    void theExportStreamsASearchAsCsvThatSpreadsheetsCannotExecute() {
        Api.asEditor().contentType("text/csv").body("export1@csv5.example.org,\"=HYPERLINK(\"\"http://evil\"\")\"\nexport2@csv5.example.org,\"Smith, Jo\"\n")
                .post("/api/subscribers/import?mode=confirmed").then().statusCode(200).body("added", equalTo(2));
        String csv = Api.asEditor().accept("text/csv").get("/api/subscribers/export?q=@csv5.example.org").then().statusCode(200)
                .extract().asString();
        assertTrue(csv.startsWith("email,name,status"));
        assertTrue(csv.contains("export1@csv5.example.org,\"'=HYPERLINK(\"\"http://evil\"\")\",confirmed"), csv);
        assertTrue(csv.contains("export2@csv5.example.org,\"Smith, Jo\",confirmed"));
        assertEquals(3, csv.strip().split("\n").length);
    }

    @Test
    void theEditorImportsThroughTheUploadForm() {
        Browser editor = Browser.signedInEditor();
        String page = editor.upload("/editor/subscribers/import", "file", "list.csv",
                "email,name\nform1@csv6.example.org,Form One\nbroken\n".getBytes(StandardCharsets.UTF_8), "text/csv")
                .then().statusCode(200).extract().asString();
        assertTrue(page.contains("Import finished"));
        assertTrue(page.contains("<td>3</td>"), "the bad line's number");
        editor.get("/editor/subscribers?q=csv6").then().body(containsString("form1@csv6.example.org"));
    }

    @Test
    void aCsvSavedByExcelWithItsByteOrderMarkAndSemicolonsIsReadLikeAnyOther() {
        byte[] bom = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };
        // Excel with ";" quotes nothing that holds a comma: "Müller, Hans" is one cell of a ";" file
        byte[] body = "Email;Name\r\nexcel.one@csv7.example.org;Jürgen Excel\r\nexcel.two@csv7.example.org;\"Ng, Ada\"\r\nexcel.four@csv7.example.org;Müller, Hans\r\n"
                .getBytes(StandardCharsets.UTF_8);
        byte[] file = concat(bom, body);
        Browser editor = Browser.signedInEditor();
        String page = editor.upload("/editor/subscribers/import", "file", "excel.csv", file, "text/csv").then().statusCode(200)
                .extract().asString();
        assertTrue(page.contains("Import finished"), page);
        JsonPath found = Api.asEditor().get("/api/subscribers?q=csv7.example.org").then().body("total", equalTo(3)).extract().jsonPath();
        assertTrue(found.getList("subscribers.name", String.class).containsAll(List.of("Jürgen Excel", "Ng, Ada", "Müller, Hans")), found.prettify());

        // without a header, the byte order mark does not spoil the first address either
        Api.asEditor().contentType("text/csv").body(concat(bom, "excel.three@csv7.example.org\r\n".getBytes(StandardCharsets.UTF_8)))
                .post("/api/subscribers/import?mode=confirmed").then().statusCode(200).body("added", equalTo(1)).body("errors.size()", equalTo(0));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void aMergeKeepsTheNameAReaderGaveUnlessTheEditorAsksToReplaceNames() {
        // a reader signs up with the name they chose
        new Browser().post("/subscribe", Map.of("email", "named@csv8.example.org", "name", "Lena Schmidt", "website", "")).then().statusCode(303);
        Api.asEditor().body(Map.of("email", "nameless@csv8.example.org", "confirmed", true)).post("/api/subscribers").then().statusCode(201);
        String csv = "email,name\nnamed@csv8.example.org,L. SCHMIDT (from CRM)\nnameless@csv8.example.org,Filled In\n";
        Api.asEditor().contentType("text/csv").body(csv).post("/api/subscribers/import?mode=confirmed").then().statusCode(200)
                .body("merged", equalTo(2));
        assertEquals("Lena Schmidt", nameOf("named@csv8.example.org"), "the reader's own name stays");
        assertEquals("Filled In", nameOf("nameless@csv8.example.org"), "a missing name is filled in");

        Browser editor = Browser.signedInEditor();
        editor.request().redirects().follow(false).cookies(editor.cookies()).multiPart("_csrf", editor.csrfToken())
                .multiPart("overwriteNames", "true").multiPart("mode", "confirmed")
                .multiPart("file", "crm.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv").post("/editor/subscribers/import")
                .then().statusCode(200);
        assertEquals("L. SCHMIDT (from CRM)", nameOf("named@csv8.example.org"), "replaced when the editor ticks it");
    }

    private static String nameOf(String email) {
        return Api.asEditor().get("/api/subscribers?q=" + email).then().extract().path("subscribers[0].name");
    }

    @Test
    void aFileThatIsNotACsvOfAddressesGetsOneClearError() {
        Browser editor = Browser.signedInEditor();
        byte[] workbook = { 'P', 'K', 3, 4, 20, 0, 6, 0, 8, 0, 0, 0, 33, 0, '\n', 'x', '\n', 'y', '\n' };
        String page = editor.upload("/editor/subscribers/import", "file", "list.xlsx", workbook, "application/octet-stream").then()
                .statusCode(400).extract().asString();
        assertTrue(page.contains("This is not a CSV file in UTF-8"), page);
        assertTrue(!page.contains("Import finished"), "no report of rows");

        String html = "<!DOCTYPE html>\n<html><body>\n<p>a@b.example.org</p>\n</body></html>\n";
        editor.upload("/editor/subscribers/import", "file", "page.html", html.getBytes(StandardCharsets.UTF_8), "text/html").then()
                .statusCode(400).body(containsString("it looks like a web page"));

        StringBuilder noHeader = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            noHeader.append("Row ").append(i).append(",something else\n");
        }
        Api.asEditor().contentType("text/csv").body(noHeader.toString()).post("/api/subscribers/import?mode=confirmed").then()
                .statusCode(400).body(containsString("neither a header with an"));
    }
}
