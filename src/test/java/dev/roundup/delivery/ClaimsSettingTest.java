package dev.roundup.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.roundup.delivery.SendConfig.Claims;

/** Where claims on delivery rows are kept when roundup.send.claims is not set: the rule itself, without an app. */
class ClaimsSettingTest {

    @Test
    void embeddedH2KeepsClaimsInThisProcessAndEveryOtherDatabaseInTheDatabase() {
        assertEquals(Claims.IN_PROCESS, Claims.of(Optional.empty(), "h2", "jdbc:h2:file:./data/roundup;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0"));
        assertEquals(Claims.IN_PROCESS, Claims.of(Optional.empty(), "h2", "jdbc:h2:mem:roundup;DB_CLOSE_DELAY=-1"));
        assertEquals(Claims.IN_PROCESS, Claims.of(Optional.empty(), "h2", "jdbc:h2:./data/roundup;AUTO_SERVER=FALSE"));
        assertEquals(Claims.DATABASE, Claims.of(Optional.empty(), "postgresql", "jdbc:postgresql://db/roundup"));
    }

    @Test
    void anH2ServerThatOtherProcessesCanOpenIsRefusedUnlessTheOperatorChose() {
        for (String url : new String[] { "jdbc:h2:tcp://db.example.org/~/roundup", "jdbc:h2:ssl://db.example.org:9092/roundup",
                "jdbc:h2:file:./data/roundup;AUTO_SERVER=TRUE", "JDBC:H2:./data/roundup;auto_server = true;WRITE_DELAY=0" }) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Claims.of(Optional.empty(), "h2", url), url);
            assertTrue(refused.getMessage().contains("roundup.send.claims"), refused.getMessage());
            assertEquals(Claims.DATABASE, Claims.of(Optional.of(Claims.DATABASE), "h2", url));
            assertEquals(Claims.IN_PROCESS, Claims.of(Optional.of(Claims.IN_PROCESS), "h2", url));
        }
    }

    @Test
    void theSettingWinsWhateverTheDatabase() {
        assertEquals(Claims.IN_PROCESS, Claims.of(Optional.of(Claims.IN_PROCESS), "postgresql", "jdbc:postgresql://db/roundup"));
        assertEquals(Claims.DATABASE, Claims.of(Optional.of(Claims.DATABASE), "h2", "jdbc:h2:mem:roundup"));
    }
}
