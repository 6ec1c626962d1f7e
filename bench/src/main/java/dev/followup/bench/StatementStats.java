package dev.followup.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import dev.followup.infra.PostgresServer;

/**
 * Which statements PostgreSQL spends its time on during a measured phase, from pg_stat_statements; on only when the
 * benchmark runs with {@code -Dfollowup.postgres.statement-stats=true} (the server then loads the extension).
 */
final class StatementStats {
    private final BenchPlatform bench;
    private final long commitsBefore;

    private StatementStats(BenchPlatform bench, long commitsBefore) {
        this.bench = bench;
        this.commitsBefore = commitsBefore;
    }

    /** @return null unless enabled; otherwise the statistics, reset now */
    static StatementStats startIfEnabled(BenchPlatform bench) throws SQLException {
        if (!Boolean.getBoolean(PostgresServer.STATEMENT_STATS)) {
            return null;
        }
        try (Connection connection = superuser(bench); Statement statement = connection.createStatement()) {
            statement.execute("create extension if not exists pg_stat_statements");
            statement.execute("select pg_stat_statements_reset()");
            return new StatementStats(bench, commits(statement));
        }
    }

    private static long commits(Statement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery("select sum(xact_commit) from pg_stat_database")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The embedded server's superuser (trust authentication on its own port): extensions need it. */
    private static Connection superuser(BenchPlatform bench) throws SQLException {
        return DriverManager.getConnection(bench.servers.jdbcUrl(), "postgres", "");
    }

    /** The statements that took the most time (waits for locks included), then the most frequent ones. */
    Table top(int limit, long units) throws SQLException {
        Table table = new Table("calls per lead", "ms per lead (execution)", "mean ms", "rows per call", "statement");
        try (Connection connection = superuser(bench); Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("select sum(calls), sum(total_exec_time) from pg_stat_statements")) {
                rs.next();
                table.row(String.format("%.1f", rs.getDouble(1) / Math.max(1, units)),
                        String.format("%.3f", rs.getDouble(2) / Math.max(1, units)), "", "", "ALL STATEMENTS");
            }
            table.row(String.format("%.1f", (double) (commits(statement) - commitsBefore) / Math.max(1, units)), "", "", "",
                    "COMMITTED TRANSACTIONS (pg_stat_database)");
            rows(statement, table, "order by total_exec_time desc limit " + limit, units);
            rows(statement, table, "order by calls desc limit " + limit, units);
        }
        return table;
    }

    private static void rows(Statement statement, Table table, String order, long units) throws SQLException {
        try (ResultSet rs = statement.executeQuery(
                "select calls, total_exec_time, mean_exec_time, rows, query from pg_stat_statements " + order)) {
            while (rs.next()) {
                long calls = rs.getLong(1);
                String query = rs.getString(5).replaceAll("\\s+", " ").replace("|", "/");
                table.row(String.format("%.2f", (double) calls / Math.max(1, units)),
                        String.format("%.3f", rs.getDouble(2) / Math.max(1, units)), String.format("%.3f", rs.getDouble(3)),
                        String.format("%.1f", (double) rs.getLong(4) / Math.max(1, calls)),
                        query.length() > 160 ? query.substring(0, 160) + "..." : query);
            }
        }
    }
}
