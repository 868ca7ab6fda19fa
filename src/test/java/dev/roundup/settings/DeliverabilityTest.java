package dev.roundup.settings;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.roundup.testing.Api;
import dev.roundup.testing.Browser;
import dev.roundup.testing.Chromium;
import dev.roundup.testing.DnsResource;
import dev.roundup.testing.DnsServer;
import dev.roundup.testing.ScriptedRelay;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The deliverability tab against a DNS server in the test: the records to publish for the From domain in force,
 * the DKIM record derived from the configured key, and which records DNS holds, matches or lacks; a lookup that gets
 * no answer says so and the page still answers.
 */
@QuarkusTest
@TestProfile(ScriptedRelay.class)
class DeliverabilityTest {

    private static final String DKIM_NAME = ScriptedRelay.DKIM_SELECTOR + "._domainkey." + ScriptedRelay.DKIM_DOMAIN;

    @TestHTTPResource("/")
    URL root;

    private static DnsServer dns() {
        return DnsResource.server();
    }

    @AfterEach
    void clean() {
        dns().clear();
        Map<String, Object> none = new java.util.HashMap<>();
        none.put("from", null);
        Api.asEditor().body(none).put("/api/settings/newsletter").then().statusCode(200);
    }

    @Test
    void showsTheRecordsToPublishAndWhichArePresent() {
        dns().txt("roundup.test", "google-site-verification=abc", "v=spf1 include:_spf.relay.test ~all");
        dns().txt(DKIM_NAME, ScriptedRelay.dkimRecord());

        Api.asEditor().get("/api/settings/deliverability").then().statusCode(200)
                .body("domain", equalTo("roundup.test"))
                .body("checks.find { it.kind == 'SPF' }.state", equalTo("PRESENT"))
                .body("checks.find { it.kind == 'SPF' }.found[0]", equalTo("v=spf1 include:_spf.relay.test ~all"))
                .body("checks.find { it.kind == 'DKIM' }.name", equalTo(DKIM_NAME))
                .body("checks.find { it.kind == 'DKIM' }.publish", equalTo(ScriptedRelay.dkimRecord()))
                .body("checks.find { it.kind == 'DKIM' }.state", equalTo("MATCHING"))
                .body("checks.find { it.kind == 'DMARC' }.name", equalTo("_dmarc.roundup.test"))
                .body("checks.find { it.kind == 'DMARC' }.publish", equalTo("v=DMARC1; p=none; rua=mailto:dmarc@roundup.test"))
                .body("checks.find { it.kind == 'DMARC' }.state", equalTo("MISSING"));

        try (Chromium chromium = Chromium.start()) {
            String base = root.toString().replaceAll("/$", "");
            chromium.signInAsEditor(base);
            for (int width : new int[] {320, 375}) {
                chromium.size(width, 900).open(base + "/editor/settings/deliverability");
                assertFalse(chromium.overflowsHorizontally(), "the DKIM key wraps at " + width + " px");
                chromium.screenshot("deliverability-" + width);
            }
        }
        String page = Browser.signedInEditor().get("/editor/settings/deliverability").then().statusCode(200).extract().asString();
        assertTrue(page.contains(DKIM_NAME), "the DKIM name");
        assertTrue(page.contains("data-state=\"MATCHING\""), "the DKIM record matches");
        assertTrue(page.contains("data-state=\"MISSING\""), "no DMARC yet");

        dns().txt("_dmarc.roundup.test", "v=DMARC1; p=quarantine");
        dns().txt(DKIM_NAME, "v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAold");
        Api.asEditor().get("/api/settings/deliverability").then().statusCode(200)
                .body("checks.find { it.kind == 'DKIM' }.state", equalTo("PROBLEM"))
                .body("checks.find { it.kind == 'DKIM' }.note", containsString("different key"))
                .body("checks.find { it.kind == 'DMARC' }.state", equalTo("PRESENT"));
    }

    @Test
    void theFromDomainInForceIsLookedUpAndNoAnswerIsShownNotA500() {
        Api.asEditor().body(Map.of("from", "news@silent.test")).put("/api/settings/newsletter").then().statusCode(200);
        dns().silence("silent.test");
        dns().silence("_dmarc.silent.test");
        Api.asEditor().get("/api/settings/deliverability").then().statusCode(200)
                .body("domain", equalTo("silent.test"))
                .body("checks.find { it.kind == 'SPF' }.state", equalTo("UNKNOWN"))
                .body("checks.find { it.kind == 'SPF' }.note", containsString("Could not look up silent.test"))
                .body("checks.find { it.kind == 'DKIM' }.state", equalTo("PROBLEM"))
                .body("checks.find { it.kind == 'DKIM' }.note", containsString("not the From domain"))
                .body("checks.find { it.kind == 'DMARC' }.state", equalTo("UNKNOWN"));
        Browser.signedInEditor().get("/editor/settings/deliverability").then().statusCode(200).body(containsString("could not look up"));
    }
}
