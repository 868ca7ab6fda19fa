package dev.roundup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

/** Links point where the app is: a base URL on this machine must name the port Roundup listens on. */
class BaseUrlCheckTest {

    @Test
    void theDefaultBaseUrlOnAnotherPortIsWarnedAbout() {
        String warning = BaseUrlCheck.warning(URI.create("http://localhost:8080"), 9090).orElseThrow();
        assertTrue(warning.contains("port 9090") && warning.contains("ROUNDUP_BASE_URL=http://localhost:9090"), warning);
        assertTrue(BaseUrlCheck.warning(URI.create("http://127.0.0.1"), 8080).isPresent(), "no port: 80");
    }

    @Test
    void aMatchingPortOrAPublicAddressIsFine() {
        assertTrue(BaseUrlCheck.warning(URI.create("http://localhost:8080"), 8080).isEmpty());
        assertTrue(BaseUrlCheck.warning(URI.create("http://localhost:9090/"), 9090).isEmpty());
        assertTrue(BaseUrlCheck.warning(URI.create("https://news.example.org"), 8080).isEmpty(), "behind a proxy: not ours to judge");
        assertTrue(BaseUrlCheck.warning(URI.create("https://localhost"), 443).isEmpty());
        assertTrue(BaseUrlCheck.warning(URI.create("http://localhost:8080"), 0).isEmpty(), "port not known");
    }

    @Test
    void theWarningIsLoggedAtWarnLevel() {
        List<LogRecord> records = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(BaseUrlCheck.class.getName());
        logger.addHandler(capture);
        try {
            BaseUrlCheck.warn(URI.create("http://localhost:8080"), 9191);
            BaseUrlCheck.warn(URI.create("http://localhost:9191"), 9191);
        } finally {
            logger.removeHandler(capture);
        }
        assertEquals(1, records.size(), "only the mismatch is logged");
        assertEquals(Level.WARNING.intValue(), records.get(0).getLevel().intValue());
        assertTrue(records.get(0).getMessage().contains("Roundup listens on port 9191"), records.get(0).getMessage());
    }
}
