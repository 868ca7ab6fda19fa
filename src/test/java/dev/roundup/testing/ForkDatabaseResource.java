package dev.roundup.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * On PostgreSQL each Surefire JVM has a database of its own ({@code <CI database>_f<fork>}, named in pom.xml's
 * {@code postgresql} profile): two apps on one database would each send, confirm and bounce the other's test data.
 * This creates it before the app starts; .ci/run drops it with the rest. On H2 each JVM has its own in-memory database.
 */
@QuarkusTestResource(ForkDatabaseResource.class)
public class ForkDatabaseResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        if ("postgresql".equals(System.getenv("ROUNDUP_DB_KIND"))) {
            TestDatabases.ensureExists(System.getenv("ROUNDUP_DB_URL"));
        }
        return Map.of();
    }

    @Override
    public void stop() {
    }
}
