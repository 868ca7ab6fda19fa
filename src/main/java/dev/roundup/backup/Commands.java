package dev.roundup.backup;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operator's commands, {@code restore} and {@code migrate-to}: their arguments, and where the embedded database
 * is, read the way the app reads it ({@code --data}, else {@code ROUNDUP_DATA_DIR}, else {@code ./data}). Each
 * answers with an exit code: 0 done, 1 refused or failed (the reason on stderr), 2 a wrong command line.
 */
public final class Commands {

    public static final Set<String> NAMES = Set.of("restore", "migrate-to");

    static final String USAGE = """
            Usage:
              java -jar quarkus-run.jar restore BACKUP.zip [--data DIR] [--force]
              java -jar quarkus-run.jar migrate-to jdbc:postgresql://HOST:5432/DB [--user U] [--password P] [--data DIR]
            (migrate-to reads the password from PGPASSWORD when --password is not given, as ps shows a command line)
            """;

    private Commands() {
    }

    /** A command's words: the positional ones and the {@code --name value} options ({@code --force} takes none). */
    record Line(List<String> words, Map<String, String> options) {

        static Line parse(String[] args) {
            List<String> words = new ArrayList<>();
            Map<String, String> options = new HashMap<>();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--force")) {
                    options.put("force", "true");
                } else if (a.startsWith("--") && Set.of("--data", "--user", "--password").contains(a)) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(a + " needs a value");
                    }
                    options.put(a.substring(2), args[++i]);
                } else if (a.startsWith("--")) {
                    throw new IllegalArgumentException("unknown option " + a);
                } else {
                    words.add(a);
                }
            }
            return new Line(words, options);
        }

        Path dataDir() {
            String dir = options.get("data");
            if (dir == null) {
                dir = System.getenv().getOrDefault("ROUNDUP_DATA_DIR", System.getProperty("roundup.data-dir", "./data"));
            }
            return Path.of(dir).toAbsolutePath().normalize();
        }
    }

    /** Runs {@code command}; returns the process' exit code. */
    public static int run(String command, String[] args, PrintStream out, PrintStream err) {
        Line line;
        try {
            line = Line.parse(args);
            if (line.words().size() != 1) {
                throw new IllegalArgumentException(command + " takes one " + (command.equals("restore") ? "backup file" : "JDBC URL"));
            }
        } catch (IllegalArgumentException wrong) {
            err.println(wrong.getMessage());
            err.print(USAGE);
            return 2;
        }
        try {
            if (command.equals("restore")) {
                new Restore(line.dataDir(), out).restore(Path.of(line.words().get(0)), line.options().containsKey("force"));
            } else {
                new MoveToPostgres(EmbeddedDatabase.in(line.dataDir()), out)
                        .copyTo(line.words().get(0), line.options().getOrDefault("user", ""), targetPassword(line.options(), System.getenv()));
            }
            return 0;
        } catch (Refused refused) {
            err.println(refused.getMessage());
            return 1;
        } catch (java.sql.SQLException failed) {
            err.println(command + " failed, nothing was copied: " + failed.getMessage()
                    + (failed.getNextException() == null ? "" : " (" + failed.getNextException().getMessage() + ")"));
            err.println("Drop and create the target database again (it holds the new schema only) before the next try.");
            return 1;
        } catch (Exception failed) {
            err.println(command + " failed: " + failed);
            failed.printStackTrace(err);
            return 1;
        }
    }

    /**
     * The PostgreSQL password {@code migrate-to} signs in with: {@code --password}, else {@code PGPASSWORD} (as
     * pg_dump reads it), else {@code ROUNDUP_DB_PASSWORD} when {@code ROUNDUP_DB_URL} is set to a database other than H2
     * (with the H2 URL, or none, that variable is the embedded database's account).
     */
    static String targetPassword(Map<String, String> options, Map<String, String> env) {
        if (options.containsKey("password")) {
            return options.get("password");
        }
        if (env.containsKey("PGPASSWORD")) {
            return env.get("PGPASSWORD");
        }
        return EmbeddedDatabase.appOnH2(env) ? "" : env.getOrDefault("ROUNDUP_DB_PASSWORD", "");
    }

    /** Why a command will not do what it was asked, in the operator's words. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }
}
