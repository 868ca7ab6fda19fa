package dev.roundup.bounces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.roundup.listings.Listings;
import dev.roundup.mail.MailTag;
import dev.roundup.subscribers.SubscriberDirectory;
import dev.roundup.subscribers.SubscriberStatus;
import dev.roundup.subscribers.Subscriptions;
import dev.roundup.testing.ScriptedRelay;
import dev.roundup.testing.SmtpSink;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Confirmations and receipts leave with the bounce address (VERP, tagged like an issue's delivery), and a bounce
 * of one is recognised: a confirmation's ends that sign-up as a hard bounce, a receipt's is only logged.
 */
@QuarkusTest
@TestProfile(ScriptedRelay.class)
class SingleMailBouncesTest {

    @Inject
    SubscriberDirectory directory;

    @Inject
    Listings listings;

    @Inject
    Subscriptions subscriptions;

    @Inject
    BounceMailbox mailbox;

    @Test
    void aConfirmationLeavesWithTheBounceAddressAndItsBounceEndsTheSignUp() throws Exception {
        String reader = "gone@confirm.test";
        long id = directory.add(reader, null, false).id;
        SmtpSink.Received confirmation = awaitMail(reader);
        assertTrue(confirmation.mailFrom().matches("bounces\\+c" + id + "\\.[0-9a-f]{20}@roundup\\.test"), confirmation.mailFrom());

        int left = ScriptedRelay.mailbox().getReceivedMessages().length; // what other tests left for a person
        BounceMailboxTest.deliver(BounceMailboxTest.dsn("<c1@mx.confirm.test>", confirmation.mailFrom(), reader, "failed", "5.1.1",
                "550 5.1.1 <" + reader + ">: Recipient address rejected: User unknown", null));
        BounceMailbox.Reading reading = mailbox.check();

        assertEquals(1, reading.recorded(), reading.toString());
        assertEquals(SubscriberStatus.BOUNCED, BounceMailboxTest.status(reader));
        assertTrue(subscriptions.isSuppressed(reader));
        assertEquals(left, ScriptedRelay.mailbox().getReceivedMessages().length, "the recorded report is deleted");
    }

    @Test
    void aReceiptLeavesWithTheBounceAddressAndItsBounceIsRecognised() throws Exception {
        String maker = "maker@receipt.test";
        long projectId = listings.submitProject(new Listings.ProjectFields("Bounced Project", "https://receipt.test/", "A project.", null, null,
                "Maker", maker)).orElseThrow().id;
        SmtpSink.Received receipt = awaitMail(maker);
        assertTrue(receipt.mailFrom().matches("bounces\\+r" + projectId + "\\.[0-9a-f]{20}@roundup\\.test"), receipt.mailFrom());
        assertTrue(receipt.text().contains(MailTag.HEADER + ": r" + projectId + "."), "the tag is in a header too, for bounces returned by it");

        int left = ScriptedRelay.mailbox().getReceivedMessages().length;
        BounceMailboxTest.deliver(BounceMailboxTest.dsn("<r1@mx.receipt.test>", "bounces@roundup.test", maker, "failed", "5.1.1",
                "550 5.1.1 unknown", receipt.text().substring(0, receipt.text().indexOf("\r\n\r\n") + 2)));
        BounceMailbox.Reading reading = mailbox.check();

        assertEquals(1, reading.notReaders(), reading.toString());
        assertEquals(0, reading.unmatched());
        assertEquals(left, ScriptedRelay.mailbox().getReceivedMessages().length, "a recognised report is handled, not left for a person");
    }

    private static SmtpSink.Received awaitMail(String address) throws InterruptedException {
        return ScriptedRelay.sink().first(address, Duration.ofSeconds(15));
    }
}
