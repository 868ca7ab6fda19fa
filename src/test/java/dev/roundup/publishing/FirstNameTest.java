package dev.roundup.publishing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** {firstName} greets a reader by the first word of their name, "there" without one, in every copy of the mail. */
class FirstNameTest {

    static final String NAME = "rdnXname";
    static final String FIRST = "rdnXfirst";
    static final String UNSUBSCRIBE = "https://unsubscribe.invalid/X";

    static RenderedIssue rendered() {
        return new RenderedIssue("Subject", "<p>Hey " + FIRST + "! (" + NAME + ")</p><a href=\"" + UNSUBSCRIBE + "\">x</a>",
                "Hey " + FIRST + "! (" + NAME + ")\n" + UNSUBSCRIBE + "\n", NAME, FIRST, UNSUBSCRIBE);
    }

    @Test
    void theFirstWordOfTheName() {
        assertEquals("Lena", RenderedIssue.firstName("Lena Schmidt"));
        assertEquals("Lena", RenderedIssue.firstName("  Lena\tSchmidt "));
        assertEquals("Zoë", RenderedIssue.firstName("Zoë"));
    }

    @Test
    void aReaderWithoutANameIsThere() {
        assertEquals("there", RenderedIssue.firstName(null));
        assertEquals("there", RenderedIssue.firstName("   "));
    }

    @Test
    void aNameOfControlCharactersOnlyIsNoName() {
        assertEquals("there", RenderedIssue.firstName("\u0007\u0001 \u001b"));
        assertEquals("Hey there! (there)\nhttps://news.example.org/u/3\n",
                rendered().forReader("\u0000\u0008", "https://news.example.org/u/3").text(), "never \"Hey ,\"");
    }

    @Test
    void eachReadersCopyFillsNameAndFirstNameEscaped() {
        RenderedIssue.Message m = rendered().forReader("Lena <b>Schmidt</b>", "https://news.example.org/u/1");
        assertEquals("<p>Hey Lena! (Lena &lt;b&gt;Schmidt&lt;/b&gt;)</p><a href=\"https://news.example.org/u/1\">x</a>", m.html());
        assertEquals("Hey Lena! (Lena <b>Schmidt</b>)\nhttps://news.example.org/u/1\n", m.text());
        assertEquals("Hey there! (there)\nhttps://news.example.org/u/2\n", rendered().forReader(null, "https://news.example.org/u/2").text());
    }

    @Test
    void theSendersPreparedPiecesJoinToTheSameCopy() {
        RenderedIssue.Prepared<String> prepared = rendered().prepare(s -> s);
        List<String> html = prepared.html("Lena Schmidt", "https://news.example.org/u/1");
        assertEquals(rendered().forReader("Lena Schmidt", "https://news.example.org/u/1").html(), String.join("", html));
        assertEquals(rendered().forReader("Lena Schmidt", "https://news.example.org/u/1").text(),
                String.join("", prepared.text("Lena Schmidt", "https://news.example.org/u/1")));
    }
}
