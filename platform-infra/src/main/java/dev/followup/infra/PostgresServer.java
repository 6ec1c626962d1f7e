package dev.followup.infra;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server (binaries shipped in a Maven artifact) as a child process. On an existing data
 * directory it starts the cluster that is there instead of initialising a new one.
 */
public final class PostgresServer implements AutoCloseable {
    private static final Duration STARTUP_WAIT = Duration.ofMinutes(2);
    /** System property: load pg_stat_statements, so a benchmark can tell which statements the server spends on. */
    public static final String STATEMENT_STATS = "followup.postgres.statement-stats";
    private final EmbeddedPostgres postgres;
    private final int port;

    private PostgresServer(EmbeddedPostgres postgres, int port) {
        this.postgres = postgres;
        this.port = port;
    }

    /** @param dataDirectory where the cluster lives; {@code null} for a throw-away one */
    public static PostgresServer start(Path dataDirectory, int port) {
        try {
            // The library gives up after 10 s by default, and a slow start then fails every test of the module:
            // a CI run failed that way (connection refused from the library's readiness check). Two minutes is
            // patience on a busy machine, not a delay: the server is used as soon as it answers.
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPort(port)
                    .setPGStartupWait(STARTUP_WAIT)
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", dataDirectory == null ? "off" : "on")
                    .setServerConfig("synchronous_commit", dataDirectory == null ? "off" : "on");
            if (dataDirectory != null) {
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            if (Boolean.getBoolean(STATEMENT_STATS)) {
                // Benchmarks: what each statement costs the server (pg_stat_statements ships with these binaries).
                builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
            }
            return new PostgresServer(builder.start(), port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start PostgreSQL on port " + port, e);
        }
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    /** Creates the login role and the database it owns, unless they exist already. */
    public void ensureDatabase(String database, String user, String password) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            if (!exists(connection, "select 1 from pg_roles where rolname = ?", user)) {
                statement.execute("create role " + identifier(user) + " login password '" + password.replace("'", "''") + "'");
            }
            if (!exists(connection, "select 1 from pg_database where datname = ?", database)) {
                statement.execute("create database " + identifier(database) + " owner " + identifier(user));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database, e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL did not stop cleanly", e);
        }
    }

    private static boolean exists(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, name);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String identifier(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("unsafe SQL identifier: " + name);
        }
        return name;
    }
}
