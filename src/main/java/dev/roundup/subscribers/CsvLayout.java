package dev.roundup.subscribers;

import java.util.List;
import java.util.Locale;

import dev.roundup.EmailAddress;
import dev.roundup.Rejected;

/**
 * What an imported file's first line says about it: which columns hold the address and the name (from a header such
 * as {@code email,name} or {@code Email Address;First Name}, or the plain address-then-name order when the first line
 * is already an address), the one separator the file uses ({@code ,} or Excel's {@code ;}: the first of them outside
 * quotes on the first line, so a name like "Müller, Hans" in a {@code ;} file stays whole), or that the file is not a
 * CSV of addresses at all.
 */
record CsvLayout(boolean header, int email, int name, char separator) {

    /** Reads the first line (its byte order mark already removed); throws {@link Rejected} for the field {@code file}. */
    static CsvLayout of(String first) {
        if (first.indexOf('\uFFFD') >= 0 || first.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t')) {
            throw new Rejected("file", "This is not a CSV file in UTF-8 (it looks like a binary file such as a workbook, or text in "
                    + "another encoding). Save it as \"CSV UTF-8\" and import that.");
        }
        if (first.stripLeading().startsWith("<")) {
            throw new Rejected("file", "This is not a CSV file (it looks like a web page or XML). Export the list as CSV and import that.");
        }
        char separator = separator(first);
        List<String> cells = SubscriberCsv.parseLine(first, separator);
        if (cells != null && !cells.isEmpty() && EmailAddress.parse(cells.get(0)).isPresent()) {
            return new CsvLayout(false, 0, 1, separator);
        }
        int email = -1;
        int name = -1;
        for (int i = 0; cells != null && i < cells.size(); i++) {
            String cell = cells.get(i).strip().toLowerCase(Locale.ROOT);
            if (cell.contains("@")) {
                continue; // an address (a bad one, such as team-email@intranet) is a row, never a column's name
            }
            if (email < 0 && (cell.contains("email") || cell.contains("e-mail"))) {
                email = i;
            } else if (name < 0 && cell.contains("name")) {
                name = i;
            }
        }
        if (email < 0) {
            throw new Rejected("file", "The first line is neither a header with an \"email\" column nor an email address. "
                    + "Start the file with a line like: email,name");
        }
        return new CsvLayout(true, email, name, separator);
    }

    /** The first {@code ,} or {@code ;} outside quotes on the first line; a comma when there is neither. */
    static char separator(String first) {
        boolean quoted = false;
        for (int i = 0; i < first.length(); i++) {
            char c = first.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == ',' || c == ';')) {
                return c;
            }
        }
        return ',';
    }
}
