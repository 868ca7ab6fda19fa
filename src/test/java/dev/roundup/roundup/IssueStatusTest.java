package dev.roundup.roundup;

import static dev.roundup.roundup.IssueStatus.CANCELLED;
import static dev.roundup.roundup.IssueStatus.DRAFT;
import static dev.roundup.roundup.IssueStatus.SCHEDULED;
import static dev.roundup.roundup.IssueStatus.SENDING;
import static dev.roundup.roundup.IssueStatus.SENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The life of an issue, step by step, without a running app. */
class IssueStatusTest {

    /** Every allowed step; every pair not named here must be refused. */
    static final Map<IssueStatus, Set<IssueStatus>> ALLOWED = Map.of(
            DRAFT, EnumSet.of(SCHEDULED, SENDING, CANCELLED),
            SCHEDULED, EnumSet.of(DRAFT, SENDING, CANCELLED),
            SENDING, EnumSet.of(SENT, CANCELLED),
            SENT, EnumSet.noneOf(IssueStatus.class),
            CANCELLED, EnumSet.of(DRAFT));

    @Test
    void eachStatusMayBecomeExactlyTheStepsTheLifeCycleNames() {
        for (IssueStatus from : IssueStatus.values()) {
            for (IssueStatus to : IssueStatus.values()) {
                assertEquals(ALLOWED.get(from).contains(to), from.canBecome(to), from + " → " + to);
            }
        }
    }

    @Test
    void aSentIssueStaysSentAndNothingBecomesItsOwnStatus() {
        for (IssueStatus s : IssueStatus.values()) {
            assertFalse(SENT.canBecome(s), "sent → " + s);
            assertFalse(s.canBecome(s), s + " → itself");
        }
    }

    @Test
    void contentIsFrozenOnceTheSendStarts() {
        assertEquals(EnumSet.of(DRAFT, SCHEDULED), EnumSet.copyOf(java.util.Arrays.stream(IssueStatus.values()).filter(IssueStatus::editable).toList()));
    }

    @Test
    void theLabelIsTheLowerCaseName() {
        assertEquals("cancelled", CANCELLED.label());
    }
}
