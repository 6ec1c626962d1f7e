package dev.followup.platform.transactions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import io.agroal.api.AgroalDataSource;

/**
 * Rows that only need to exist once the transaction commits (an outbox event, a decision of the log), written
 * together just before it does: one JDBC batch per statement, in the order they were added, on the transaction's
 * connection. A transaction applying a poll's records writes dozens of such rows, and one round trip for all of them
 * costs far less than one each. Nothing may read these rows back inside the transaction that adds them, and they may
 * not reference rows the same transaction writes through Hibernate (those may be flushed after them).
 */
@ApplicationScoped
public class BatchedInserts {
    private static final Object KEY = new Object();

    private final TransactionSynchronizationRegistry transactions;
    private final AgroalDataSource dataSource;

    public BatchedInserts(TransactionSynchronizationRegistry transactions, AgroalDataSource dataSource) {
        this.transactions = transactions;
        this.dataSource = dataSource;
    }

    /**
     * @param sql an insert with one {@code ?} per value
     * @param values the values in order; an {@link Instant} is written as a timestamp with time zone
     */
    public void add(String sql, Object... values) {
        pending().computeIfAbsent(sql, s -> new ArrayList<>()).add(values);
    }

    @SuppressWarnings("unchecked")
    private Map<String, List<Object[]>> pending() {
        Map<String, List<Object[]>> rows = (Map<String, List<Object[]>>) transactions.getResource(KEY);
        if (rows == null) {
            Map<String, List<Object[]>> created = new LinkedHashMap<>();
            transactions.putResource(KEY, created);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    write(created);
                }

                @Override
                public void afterCompletion(int status) {
                }
            });
            rows = created;
        }
        return rows;
    }

    /** Inside the transaction, the data source hands out the connection the transaction is enlisted with. */
    private void write(Map<String, List<Object[]>> rows) {
        try (Connection connection = dataSource.getConnection()) {
            for (Map.Entry<String, List<Object[]>> statement : rows.entrySet()) {
                try (PreparedStatement insert = connection.prepareStatement(statement.getKey())) {
                    for (Object[] values : statement.getValue()) {
                        for (int i = 0; i < values.length; i++) {
                            Object value = values[i] instanceof Instant at ? OffsetDateTime.ofInstant(at, ZoneOffset.UTC) : values[i];
                            insert.setObject(i + 1, value);
                        }
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("rows to write at commit were not written", e);
        }
    }
}
