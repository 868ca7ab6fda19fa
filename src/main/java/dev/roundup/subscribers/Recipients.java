package dev.roundup.subscribers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.orm.panache.Panache;

/**
 * Who receives an issue, asked by the send engine: subscribers whose status {@link SubscriberStatus#receivesIssues()}.
 * Given as a subquery, so that a send fixes its recipient set in one statement however long the list, and as a
 * check of a few readers at a time, which a sender makes several times a second (plain JDBC: cheaper than the ORM).
 * The send's statements name the subscriber table only through what this class gives them.
 */
@ApplicationScoped
public class Recipients {

    @Inject
    AgroalDataSource dataSource;

    /** {@code s.status in (…)}: the condition on a subscriber row {@code s} that makes it a recipient. */
    private static final String RECEIVING = "s.status in (" + Arrays.stream(SubscriberStatus.values()).filter(SubscriberStatus::receivesIssues)
            .map(st -> "'" + st.name() + "'").collect(Collectors.joining(", ")) + ")";

    /**
     * What a send needs of each reader, in this order: id, address, name, public id, token version. Read from the
     * reader {@link #joinReader} joins, in the same statement as the rows that name them.
     */
    public static final String READER_COLUMNS = "s.id, s.email, s.name, s.public_id, s.token_version";

    /** {@code join subscriber s on s.id = <column>}: the reader a row names, for {@link #READER_COLUMNS}. */
    public static String joinReader(String subscriberIdColumn) {
        return "join subscriber s on s.id = " + subscriberIdColumn;
    }

    /** The ids of every subscriber who receives issues now, as a subquery: {@code select s.id from subscriber s where …}. */
    public String idsSql() {
        return "select s.id from subscriber s where " + RECEIVING;
    }

    /** Of these subscribers, the ones who still receive issues (they may have left since the send started): one query. */
    public Set<Long> stillReceiving(Collection<Long> subscriberIds) {
        if (subscriberIds.isEmpty()) {
            return Set.of();
        }
        // the range lets the database walk the primary key rather than read the whole list of ids
        String sql = "select s.id from subscriber s where s.id between ? and ? and s.id in (" + "?,".repeat(subscriberIds.size() - 1) + "?) and "
                + RECEIVING;
        Set<Long> receiving = new HashSet<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(sql)) {
            int i = 1;
            select.setLong(i++, Collections.min(subscriberIds));
            select.setLong(i++, Collections.max(subscriberIds));
            for (long id : subscriberIds) {
                select.setLong(i++, id);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    receiving.add(rows.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read who still receives the issue: " + e.getMessage(), e);
        }
        return receiving;
    }

    /** The addresses of these readers, by id, for the delivery log: one query; one erased since has none. */
    public Map<Long, String> addresses(Collection<Long> subscriberIds) {
        Map<Long, String> addresses = new HashMap<>();
        if (!subscriberIds.isEmpty()) {
            for (Object[] row : Panache.getEntityManager().createQuery("select s.id, s.email from Subscriber s where s.id in :ids", Object[].class)
                    .setParameter("ids", subscriberIds).getResultList()) {
                addresses.put((Long) row[0], (String) row[1]);
            }
        }
        return addresses;
    }
}
