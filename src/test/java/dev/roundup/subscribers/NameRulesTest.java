package dev.roundup.subscribers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.roundup.TextRules;
import dev.roundup.testing.Api;
import dev.roundup.testing.Browser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * One name gets one answer everywhere: the public sign-up form, the CSV import and the editor's API accept the same
 * names, store them the same way, and refuse the same ones, because each asks {@link TextRules}.
 */
@QuarkusTest
class NameRulesTest {

    private static final String RUN = Long.toString(System.nanoTime(), 36);

    /** A name as typed, and what should be stored (null: no name), or {@link #REFUSED}. */
    private static final String REFUSED = "<refused>";

    private static final List<String[]> NAMES = List.of(
            new String[] { "  Zoë \uD83D\uDC4D\uD83C\uDFFD  ", "Zoë \uD83D\uDC4D\uD83C\uDFFD" },
            new String[] { "\u05D3\u05E0\u05D4 \u05DC\u05D5\u05D9", "\u05D3\u05E0\u05D4 \u05DC\u05D5\u05D9" },
            new String[] { "n".repeat(200), "n".repeat(200) },
            new String[] { "n".repeat(201), REFUSED },
            new String[] { "\uD83D\uDC4D".repeat(101), REFUSED },
            new String[] { "Ann\u202Enimda", REFUSED },
            new String[] { "Bell\u0007", REFUSED },
            new String[] { "Tab\tbed", REFUSED },
            new String[] { "Line\u2028sep", REFUSED },
            new String[] { "   ", null });

    @Test
    void theFormTheImportAndTheApiGiveTheSameNameTheSameAnswer() {
        Map<String, List<String>> answers = new HashMap<>();
        StringBuilder csv = new StringBuilder("email,name\n");
        for (int i = 0; i < NAMES.size(); i++) {
            String name = NAMES.get(i)[0];
            int form = new Browser().post("/subscribe", Map.of("email", address("form", i), "name", name, "website", "")).statusCode();
            int api = Api.asEditor().body(new HashMap<>(Map.of("email", address("api", i), "name", name, "confirmed", true)))
                    .post("/api/subscribers").statusCode();
            answers.computeIfAbsent("form", k -> new ArrayList<>()).add(form == 303 ? stored(address("form", i)) : REFUSED + form);
            answers.computeIfAbsent("api", k -> new ArrayList<>()).add(api == 201 ? stored(address("api", i)) : REFUSED + api);
            csv.append(address("csv", i)).append(",\"").append(name).append("\"\n");
        }
        JsonPath report = Api.asEditor().contentType("text/csv; charset=UTF-8").body(csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/subscribers/import?mode=confirmed")
                .then().statusCode(200).extract().jsonPath();
        List<Integer> badLines = report.getList("errors.line", Integer.class);
        for (int i = 0; i < NAMES.size(); i++) {
            answers.computeIfAbsent("csv", k -> new ArrayList<>()).add(badLines.contains(i + 2) ? REFUSED + 400 : stored(address("csv", i)));
        }
        report.getList("errors.reason", String.class).forEach(reason -> assertEquals(TextRules.NAME_RULE, reason, "the import's reason"));

        List<String> expected = NAMES.stream().map(n -> n[1] == REFUSED ? REFUSED + 400 : n[1]).toList();
        assertEquals(expected, answers.get("form"), "the sign-up form");
        assertEquals(expected, answers.get("api"), "the editor's API");
        assertEquals(expected, answers.get("csv"), "the CSV import");
    }

    private static String address(String channel, int i) {
        return channel + i + "-" + RUN + "@names19.example.org";
    }

    private static String stored(String email) {
        return Api.asEditor().get("/api/subscribers?q=" + email).then().statusCode(200).extract().path("subscribers[0].name");
    }
}
