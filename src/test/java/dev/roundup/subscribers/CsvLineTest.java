package dev.roundup.subscribers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.roundup.Rejected;

/** How an imported file's lines are read: the first line's layout, then each line's cells; and how a cell is written. */
class CsvLineTest {

    @Test
    void cellsSplitOnTheSeparatorOutsideQuotes() {
        assertEquals(List.of("ada@example.org", "Ada Lovelace"), SubscriberCsv.parseLine("ada@example.org,Ada Lovelace", ','));
        assertEquals(List.of("hans@example.de", "Müller, Hans"), SubscriberCsv.parseLine("hans@example.de;\"Müller, Hans\"", ';'));
        assertEquals(List.of("a", "", ""), SubscriberCsv.parseLine("a,,", ','), "empty cells are cells");
        assertEquals(List.of(""), SubscriberCsv.parseLine("", ','));
    }

    @Test
    void doubledQuotesInsideQuotesAreOneQuote() {
        assertEquals(List.of("x@example.org", "The \"Countess\""), SubscriberCsv.parseLine("x@example.org,\"The \"\"Countess\"\"\"", ','));
    }

    @Test
    void unbalancedQuotesAreNoLine() {
        assertNull(SubscriberCsv.parseLine("x@example.org,\"never closed", ','));
    }

    @Test
    void theFirstLineSaysWhetherThereIsAHeaderAndWhichColumnIsWhich() {
        assertEquals(new CsvLayout(false, 0, 1, ','), CsvLayout.of("ada@example.org,Ada"));
        assertEquals(new CsvLayout(true, 0, 1, ','), CsvLayout.of("email,name"));
        assertEquals(new CsvLayout(true, 2, 0, ';'), CsvLayout.of("First Name;Company;Email Address"));
        assertEquals(new CsvLayout(true, 1, -1, ','), CsvLayout.of("id,E-Mail"));
        assertEquals(new CsvLayout(true, 2, 0, ','), CsvLayout.of("Name,team-email@intranet,email"),
                "a bad address in the first line is a row's cell, never the email column's name");
    }

    @Test
    void theSeparatorIsTheFirstCommaOrSemicolonOutsideQuotes() {
        assertEquals(';', CsvLayout.separator("\"Müller, Hans\";hans@example.de"));
        assertEquals(',', CsvLayout.separator("email,name;nickname"));
        assertEquals(',', CsvLayout.separator("email"), "neither: a comma");
    }

    @Test
    void aFileThatIsNotACsvOfAddressesIsOneClearError() {
        assertTrue(assertThrows(Rejected.class, () -> CsvLayout.of("PK\u0003\u0004binary")).getMessage().contains("not a CSV file in UTF-8"));
        assertTrue(assertThrows(Rejected.class, () -> CsvLayout.of("caf\uFFFD,x")).getMessage().contains("UTF-8"));
        assertTrue(assertThrows(Rejected.class, () -> CsvLayout.of("  <!DOCTYPE html>")).getMessage().contains("web page"));
        assertTrue(assertThrows(Rejected.class, () -> CsvLayout.of("id,first,last")).getMessage().contains("\"email\" column"));
        CsvLayout tabbed = CsvLayout.of("email\tname");
        assertTrue(tabbed.header(), "a tab is not a control character that makes a file binary");
    }

    @Test
    void aWrittenCellIsQuotedWhenNeededAndNeverAFormula() {
        assertEquals("plain", SubscriberCsv.cell("plain"));
        assertEquals("", SubscriberCsv.cell(null));
        assertEquals("\"Müller, Hans\"", SubscriberCsv.cell("Müller, Hans"));
        assertEquals("\"say \"\"hi\"\"\"", SubscriberCsv.cell("say \"hi\""));
        assertEquals("\"'=HYPERLINK(\"\"x\"\")\"", SubscriberCsv.cell("=HYPERLINK(\"x\")"));
        assertEquals("'@SUM(A1)", SubscriberCsv.cell("@SUM(A1)"));
        assertEquals("'-1", SubscriberCsv.cell("-1"));
    }
}
