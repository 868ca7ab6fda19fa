package dev.roundup.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;

import dev.roundup.Conflict;
import dev.roundup.delivery.SendState.Change;

/** Which change a send allows in which state: the rule itself, without an app. */
class SendStateTest {

    @Test
    void aRunningSendPausesFinishesOrIsCancelled() {
        assertEquals(SendState.PAUSED, SendState.RUNNING.after(Change.PAUSE));
        assertEquals(SendState.DONE, SendState.RUNNING.after(Change.FINISH));
        assertEquals(SendState.CANCELLED, SendState.RUNNING.after(Change.CANCEL));
        assertThrows(Conflict.class, () -> SendState.RUNNING.after(Change.RESUME), "only a paused send resumes");
        assertThrows(Conflict.class, () -> SendState.RUNNING.after(Change.START), "it runs already");
    }

    @Test
    void aPausedSendResumesOrIsCancelledButDoesNotFinishWhilePaused() {
        assertEquals(SendState.RUNNING, SendState.PAUSED.after(Change.RESUME));
        assertEquals(SendState.CANCELLED, SendState.PAUSED.after(Change.CANCEL));
        assertThrows(Conflict.class, () -> SendState.PAUSED.after(Change.PAUSE));
        assertFalse(SendState.PAUSED.allows(Change.FINISH), "a paused send is done only after it was resumed and ran out");
    }

    @Test
    void aCancelledSendStaysCancelledUntilTheIssueIsSentAgain() {
        Conflict refused = assertThrows(Conflict.class, () -> SendState.CANCELLED.after(Change.RESUME));
        assertTrue(refused.getMessage().contains("cancelled"), refused.getMessage());
        assertThrows(Conflict.class, () -> SendState.CANCELLED.after(Change.RETRY_FAILED));
        assertThrows(Conflict.class, () -> SendState.CANCELLED.after(Change.CANCEL));
        assertEquals(SendState.RUNNING, SendState.CANCELLED.after(Change.START));
    }

    @Test
    void retryingFailedDeliveriesRunsADoneSendAgainAndARunningOneGoesOn() {
        assertEquals(SendState.RUNNING, SendState.DONE.after(Change.RETRY_FAILED));
        assertEquals(SendState.RUNNING, SendState.RUNNING.after(Change.RETRY_FAILED));
        assertThrows(Conflict.class, () -> SendState.DONE.after(Change.CANCEL), "what was sent stays sent");
        assertThrows(Conflict.class, () -> SendState.DONE.after(Change.PAUSE));
    }

    @Test
    void retryingFailedDeliveriesOfAPausedSendLeavesItPausedUntilTheEditorResumes() {
        // paused by the relay or the bounce cap: retrying must not send again behind the editor's back
        assertEquals(SendState.PAUSED, SendState.PAUSED.after(Change.RETRY_FAILED));
    }

    @Test
    void retryingKeepsThePauseReasonAndAFinishedTimeGoes() {
        IssueSend send = new IssueSend();
        send.state = SendState.PAUSED;
        send.stateReason = "The SMTP relay refuses to send for Roundup";
        send.apply(Change.RETRY_FAILED, null);
        assertEquals(SendState.PAUSED, send.state);
        assertEquals("The SMTP relay refuses to send for Roundup", send.stateReason, "the editor still sees why it paused");
    }

    @Test
    void onlyARunningSendCanFinishSoOneConditionalUpdateDecidesWhoFinishes() {
        assertEquals(EnumSet.of(SendState.RUNNING), SendState.allowing(Change.FINISH));
        assertEquals(EnumSet.of(SendState.RUNNING, SendState.PAUSED), SendState.allowing(Change.CANCEL));
    }

    @Test
    void storedAsTheLowerCaseWordsItAlwaysHad() {
        SendState.Column column = new SendState.Column();
        for (SendState s : SendState.values()) {
            assertEquals(s.name().toLowerCase(), column.convertToDatabaseColumn(s));
            assertEquals(s, column.convertToEntityAttribute(s.name().toLowerCase()));
        }
    }
}
