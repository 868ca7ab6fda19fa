package db.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.roundup.roundup.Markdown;

/** V29 turns a blurb written as plain text into Markdown that reads as that text, whatever line starts like a block. */
class BlurbsAreMarkdownTest {

    @Test
    void anOldBlurbReadsAsItWasWritten() {
        for (String old : List.of("Shipped today\n- x marks the spot", "Three steps:\n2. y comes second", "    indented first line",
                "1. first, not a list", "3) also not", "# not a heading\n> not a quote\n+ plus\n= equals\n~~~ tilde\n| pipe",
                "Q&A: a_b * c `code` [link] <b>tag</b> back\\slash")) {
            String escaped = V29__Blurbs_are_markdown.escape(old);
            assertEquals(words(old), words(Markdown.text(escaped)), old + " became " + escaped);
        }
    }

    @Test
    void aLongBlurbIsCutToTheColumnWithoutAStrayBackslash() {
        String escaped = V29__Blurbs_are_markdown.escape("a".repeat(4999) + "*and more");
        assertTrue(escaped.length() <= 5000, "fits the column: " + escaped.length());
        assertEquals("a".repeat(4999), Markdown.text(escaped));
    }

    private static String words(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }
}
