package dev.roundup.backup;

import java.util.Arrays;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * How {@code java -jar quarkus-run.jar} starts: {@code restore FILE} and {@code migrate-to JDBC_URL} are commands
 * that run and exit without starting the app (no port, no scheduler: the database must be left alone while they
 * work); any other arguments start Roundup exactly as Quarkus' own main would. Here, beside the commands it runs,
 * so that the root package, which every feature imports, imports none of them.
 */
@QuarkusMain
public class RoundupMain {

    public static void main(String... args) {
        if (args.length > 0 && Commands.NAMES.contains(args[0])) {
            System.exit(Commands.run(args[0], Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        Quarkus.run(args);
    }

    private RoundupMain() {
    }
}
