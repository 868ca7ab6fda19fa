package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import dev.roundup.roundup.Markdown;

/**
 * Item blurbs became Markdown (issue #17). Every blurb written before was plain text, the editor's own as well as
 * copied excerpts, so each goes through {@link #escape}, the very rule a draft uses for what it copies
 * ({@link Markdown#literal(String, int)}), to read as it did: every line, a "1." at a line's start, and cut to the
 * column's 5000 characters without a stray backslash. Written in Java so that the rule lives in one place. Runs on
 * H2 and PostgreSQL.
 */
public class V29__Blurbs_are_markdown extends BaseJavaMigration {

    static final int MAX = 5000;

    /** What a blurb written as plain text becomes: Markdown that reads as it. */
    static String escape(String plain) {
        return Markdown.literal(plain, MAX);
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        try (Statement st = c.createStatement(); PreparedStatement set = c.prepareStatement("update issue_item set blurb = ? where id = ?");
                ResultSet rs = st.executeQuery("select id, blurb from issue_item where blurb is not null order by id")) {
            int batch = 0;
            while (rs.next()) {
                String blurb = rs.getString(2);
                String escaped = escape(blurb);
                if (!escaped.equals(blurb)) {
                    set.setString(1, escaped);
                    set.setLong(2, rs.getLong(1));
                    set.addBatch();
                    if (++batch % 500 == 0) {
                        set.executeBatch();
                    }
                }
            }
            set.executeBatch();
        }
    }
}
