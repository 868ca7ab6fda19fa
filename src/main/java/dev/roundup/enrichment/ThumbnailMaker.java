package dev.roundup.enrichment;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Makes a thumbnail of bytes someone else's server sent as an image: only PNG, JPEG, GIF and BMP as the decoder
 * recognises them (never SVG, whatever the server calls it), dimensions read from the header and refused past a
 * pixel budget before anything is decoded (a small file can claim a huge picture), decoded subsampled, scaled to
 * the thumbnail width (never up) and cut to at most a square. JPEG, or PNG when the picture has transparency.
 */
final class ThumbnailMaker {

    /** Why bytes make no thumbnail: not an image Roundup takes, or too large a picture. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** A thumbnail's bytes and what they are. */
    record Made(byte[] bytes, String contentType, int width, int height) {
    }

    private static final Set<String> FORMATS = Set.of("png", "jpeg", "gif", "bmp");

    static {
        ImageIO.setUseCache(false); // decode in memory, never into temporary files
    }

    private ThumbnailMaker() {
    }

    static Made make(byte[] image, int width, long maxPixels) throws Refused {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
            Iterator<ImageReader> readers = in == null ? java.util.Collections.emptyIterator() : ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new Refused("not an image (PNG, JPEG, GIF or BMP)");
            }
            ImageReader reader = readers.next();
            try {
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                if (!FORMATS.contains(format)) {
                    throw new Refused("an image format Roundup does not take: " + format);
                }
                reader.setInput(in, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if (w <= 0 || h <= 0 || (long) w * h > maxPixels) {
                    throw new Refused("the image is " + w + " × " + h + " pixels, more than Roundup decodes");
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int step = Math.max(1, w / (width * 2)); // decode at about twice the size we keep, not at full size
                param.setSourceSubsampling(step, step, 0, 0);
                return scaled(reader.read(0, param), width);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException unreadable) {
            throw new Refused("not a readable image: " + unreadable.getClass().getSimpleName());
        }
    }

    private static Made scaled(BufferedImage source, int width) throws IOException {
        boolean alpha = source.getColorModel().hasAlpha();
        int w = Math.min(width, source.getWidth());
        int fullHeight = Math.max(1, (int) Math.round(source.getHeight() * (w / (double) source.getWidth())));
        int h = Math.min(fullHeight, w); // a tall picture is cut to a square from its top
        BufferedImage out = new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, w, fullHeight, null);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (alpha) {
            ImageIO.write(out, "png", bytes);
            return new Made(bytes.toByteArray(), "image/png", w, h);
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(stream);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(0.82f);
            writer.write(null, new IIOImage(out, null, null), p);
        } finally {
            writer.dispose();
        }
        return new Made(bytes.toByteArray(), "image/jpeg", w, h);
    }
}
