package dev.roundup.subscribers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.roundup.Graphemes;
import dev.roundup.TextRules;
import dev.roundup.EmailAddress;
import dev.roundup.Rejected;
import dev.roundup.UniqueKey;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Page;

/**
 * CSV in and out, streamed: an import reads a thousand rows at a time and commits each batch, reporting bad rows by
 * line number while importing the rest; an export writes a thousand rows at a time in id order.
 */
@ApplicationScoped
public class SubscriberCsv {

    static final int BATCH = 1000;

    @Inject
    SuppressionList suppressions;

    /** A row that was not imported, and why. */
    public record LineError(long line, String reason) {
    }

    /**
     * What an import did. {@code merged}: rows naming someone already on the list or earlier in the file, in any
     * spelling. {@code skipped}: unsubscribed, bounced or suppressed addresses left as they were.
     */
    public record ImportReport(long rows, long added, long merged, long skipped, List<LineError> errors) {
    }

    /** How imported addresses join: confirmed on the editor's word, or pending until they confirm a mail. */
    public enum Mode {
        CONFIRMED, SEND_CONFIRMATION
    }

    private record Row(long line, EmailAddress email, String name) {
    }

    /**
     * Imports a CSV of addresses (and optionally names), as saved by a spreadsheet: a UTF-8 byte order mark, CRLF line
     * ends and {@code ;} separators are all read. A merge never replaces a name a subscriber already has unless
     * {@code overwriteNames}; it fills in a missing one. Throws {@link Rejected} (field {@code file}) for a file that is not such a list.
     */
    public ImportReport importCsv(Reader csv, Mode mode, boolean override, boolean overwriteNames) {
        long[] totals = new long[4]; // rows, added, merged, skipped
        List<LineError> errors = new ArrayList<>();
        Map<String, Row> batch = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(csv, 1 << 16)) {
            String line;
            long number = 0;
            CsvLayout columns = null;
            while ((line = in.readLine()) != null) {
                number++;
                if (number == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1); // Excel's byte order mark
                }
                if (line.isBlank()) {
                    continue;
                }
                if (columns == null) {
                    columns = CsvLayout.of(line);
                    if (columns.header()) {
                        continue; // the header
                    }
                }
                totals[0]++;
                List<String> fields = parseLine(line, columns.separator());
                if (fields == null) {
                    errors.add(new LineError(number, "unbalanced quotes"));
                    continue;
                }
                String address = columns.email() < fields.size() ? fields.get(columns.email()) : "";
                TextRules rules = new TextRules();
                String name = rules.name("name", columns.name() >= 0 && columns.name() < fields.size() ? fields.get(columns.name()) : null);
                var email = EmailAddress.parse(address);
                if (email.isEmpty()) {
                    errors.add(new LineError(number, "not a valid email address: " + shorten(address)));
                } else if (!rules.ok()) {
                    errors.add(new LineError(number, rules.errors().get("name")));
                } else {
                    // keyed by who the address is: two spellings in one file are one row, the first spelling kept
                    if (batch.putIfAbsent(email.get().key(), new Row(number, email.get(), name)) != null) {
                        totals[2]++;
                    }
                }
                if (batch.size() >= BATCH) {
                    store(batch, mode, override, overwriteNames, totals);
                    batch.clear();
                }
            }
            if (columns == null) {
                throw new Rejected("file", "The file is empty: it needs one email address a line, or a header with an email column.");
            }
            store(batch, mode, override, overwriteNames, totals);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ImportReport(totals[0], totals[1], totals[2], totals[3], errors);
    }

    private void store(Map<String, Row> rows, Mode mode, boolean override, boolean overwriteNames, long[] totals) {
        if (rows.isEmpty()) {
            return;
        }
        long[] counted = totals.clone();
        try {
            storeOnce(rows, mode, override, overwriteNames, totals);
        } catch (RuntimeException e) {
            if (!UniqueKey.violated(e)) {
                throw e;
            }
            // someone signed up with an address of this batch meanwhile: the batch again, now merging them
            System.arraycopy(counted, 0, totals, 0, totals.length);
            storeOnce(rows, mode, override, overwriteNames, totals);
        }
    }

    private void storeOnce(Map<String, Row> rows, Mode mode, boolean override, boolean overwriteNames, long[] totals) {
        QuarkusTransaction.requiringNew().run(() -> {
            Instant now = Instant.now();
            Map<String, Subscriber> existing = new HashMap<>();
            Subscriber.<Subscriber>list("emailKey in ?1", rows.keySet()).forEach(s -> existing.put(s.emailKey, s));
            Map<String, List<String>> hashes = new HashMap<>();
            rows.forEach((key, row) -> hashes.put(key, suppressions.hashes(row.email())));
            Set<String> suppressed = new HashSet<>(Suppression.getEntityManager()
                    .createQuery("select s.emailHash from Suppression s where s.emailHash in ?1", String.class)
                    .setParameter(1, hashes.values().stream().flatMap(List::stream).toList()).getResultList());
            SubscriberStatus target = mode == Mode.CONFIRMED ? SubscriberStatus.CONFIRMED : SubscriberStatus.PENDING;
            for (Map.Entry<String, Row> entry : rows.entrySet()) {
                Row row = entry.getValue();
                Subscriber s = existing.get(entry.getKey());
                boolean blocked = hashes.get(entry.getKey()).stream().anyMatch(suppressed::contains)
                        || (s != null && (s.status == SubscriberStatus.UNSUBSCRIBED || !s.status.mailable()));
                if (blocked && !override) {
                    totals[3]++;
                    continue;
                }
                if (blocked) {
                    Suppression.delete("emailHash in ?1", hashes.get(entry.getKey()));
                }
                if (s == null) {
                    s = Subscriber.create(row.email(), row.name(), "import", now);
                    s.consentAt = now;
                    if (target == SubscriberStatus.CONFIRMED) {
                        s.changeTo(SubscriberStatus.CONFIRMED, now, false);
                    } else {
                        s.confirmationRequestedAt = now;
                    }
                    s.persist();
                    totals[1]++;
                } else {
                    // the name a reader gave themselves (or one set before) stays, unless the editor asked to replace names
                    if (row.name() != null && (overwriteNames || s.name == null || s.name.isBlank())) {
                        s.name = row.name();
                    }
                    if (blocked || (s.status == SubscriberStatus.PENDING && target == SubscriberStatus.CONFIRMED)) {
                        s.changeTo(target, now, true);
                        if (target == SubscriberStatus.PENDING) {
                            s.confirmationRequestedAt = now;
                            s.confirmationSentAt = null;
                        }
                        SubscriberEvent.record(s, "imported", blocked ? "resubscribed by an import, editor override" : "confirmed by an import", now);
                    }
                    s.updatedAt = now;
                    totals[2]++;
                }
            }
        });
    }

    /** Writes the subscribers a filter selects as CSV, a batch at a time, in id order. */
    public void export(SubscriberDirectory.Filter filter, Writer out) throws IOException {
        out.write("email,name,status,consent_source,consent_at,confirmed_at,created_at\n");
        long after = 0;
        while (true) {
            long from = after;
            List<Subscriber> page = QuarkusTransaction.requiringNew().call(() -> Subscriber.<Subscriber>find(
                    filter.where() + " and id > :after order by id", filter.parameters().and("after", from))
                    .page(Page.ofSize(BATCH)).list());
            for (Subscriber s : page) {
                out.write(cell(s.email) + "," + cell(s.name) + "," + s.status.label() + "," + cell(s.consentSource) + ","
                        + cell(s.consentAt) + "," + cell(s.confirmedAt) + "," + cell(s.createdAt) + "\n");
            }
            if (page.size() < BATCH) {
                out.flush();
                return;
            }
            after = page.get(page.size() - 1).id;
            out.flush();
        }
    }

    /** A CSV field, quoted when needed, and never read as a formula by a spreadsheet. */
    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    /** Splits one CSV line (RFC 4180 quoting, no line breaks inside fields); null when the quotes do not balance. */
    static List<String> parseLine(String line, char separator) {
        List<String> fields = new ArrayList<>(2);
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == separator) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            return null;
        }
        fields.add(field.toString());
        return fields;
    }

    private static String shorten(String s) {
        String t = TextRules.toOneLine(s, 61);
        return t.length() > 60 ? Graphemes.cut(t, 60) + "…" : t;
    }
}
