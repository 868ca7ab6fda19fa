package dev.roundup.enrichment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

/** What a thumbnail is made of, and what is refused before a pixel is decoded. */
class ThumbnailMakerTest {

    static final long BUDGET = 40_000_000;

    @Test
    void aWidePictureBecomesAJpegOfTheThumbnailWidth() throws Exception {
        ThumbnailMaker.Made made = ThumbnailMaker.make(Pictures.image("jpeg", 1600, 800), 240, BUDGET);
        assertEquals("image/jpeg", made.contentType());
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(made.bytes()));
        assertEquals(240, decoded.getWidth());
        assertEquals(120, decoded.getHeight());
        assertEquals(240, made.width());
    }

    @Test
    void aTallPictureIsCutToASquareAndASmallOneIsNotBlownUp() throws Exception {
        ThumbnailMaker.Made tall = ThumbnailMaker.make(Pictures.image("gif", 600, 3000), 240, BUDGET);
        assertEquals(240, tall.width());
        assertEquals(240, tall.height());
        ThumbnailMaker.Made small = ThumbnailMaker.make(Pictures.image("bmp", 100, 50), 240, BUDGET);
        assertEquals(100, small.width());
        assertEquals(50, small.height());
    }

    @Test
    void transparencyStaysAPng() throws Exception {
        assertEquals("image/png", ThumbnailMaker.make(Pictures.image("png", 480, 480), 240, BUDGET).contentType());
    }

    @Test
    void aDecompressionBombIsRefusedFromItsHeader() {
        byte[] bomb = Pictures.pngClaiming(100_000, 100_000);
        assertTrue(bomb.length < 200, "a small file");
        ThumbnailMaker.Refused refused = assertThrows(ThumbnailMaker.Refused.class, () -> ThumbnailMaker.make(bomb, 240, BUDGET));
        assertTrue(refused.getMessage().contains("100000 × 100000 pixels"), refused.getMessage());
    }

    @Test
    void svgHtmlAndTruncatedImagesAreRefused() {
        assertThrows(ThumbnailMaker.Refused.class, () -> ThumbnailMaker.make(Pictures.svg(), 240, BUDGET));
        assertThrows(ThumbnailMaker.Refused.class,
                () -> ThumbnailMaker.make("<html><body>not a picture</body></html>".getBytes(StandardCharsets.UTF_8), 240, BUDGET));
        byte[] png = Pictures.image("png", 400, 400);
        byte[] cut = java.util.Arrays.copyOf(png, 60);
        assertThrows(ThumbnailMaker.Refused.class, () -> ThumbnailMaker.make(cut, 240, BUDGET));
        assertThrows(ThumbnailMaker.Refused.class, () -> ThumbnailMaker.make(new byte[0], 240, BUDGET));
    }
}
