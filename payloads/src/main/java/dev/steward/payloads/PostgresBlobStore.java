package dev.steward.payloads;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Blobs as rows of one PostgreSQL table, {@value #TABLE} ({@code key text primary key, data bytea,
 * size integer, written_at timestamptz}), created on first use when missing. Suits a stack that
 * already runs PostgreSQL for Temporal: every process that names the same database shares the blobs.
 */
public final class PostgresBlobStore implements BlobStore {

  /** The table's name. */
  public static final String TABLE = "steward_blobs";

  private static final String CREATE = "CREATE TABLE IF NOT EXISTS " + TABLE + " ("
      + "key text PRIMARY KEY, data bytea NOT NULL, size integer NOT NULL, "
      + "written_at timestamptz NOT NULL DEFAULT now())";

  private final DataSource data;
  private final String description;
  private volatile boolean tableReady;

  /**
   * @param data where the table is
   * @param description how errors name this store, e.g. {@code postgresql://host:5432/steward}; never
   *     a password
   */
  public PostgresBlobStore(DataSource data, String description) {
    this.data = data;
    this.description = description;
  }

  /**
   * A store over a small pool of connections to {@code jdbcUrl}. The pool connects lazily, so a
   * database that is down shows when a blob is first read or written, naming this store.
   */
  public static PostgresBlobStore connect(String jdbcUrl, String user, String password, String description) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setPoolName("steward-blobs");
    config.setMaximumPoolSize(4);
    config.setMinimumIdle(0);
    config.setConnectionTimeout(10_000);
    config.setInitializationFailTimeout(-1);
    return new PostgresBlobStore(new HikariDataSource(config), description);
  }

  @Override
  public void put(String key, byte[] bytes) throws IOException {
    check(key);
    try (Connection c = connection();
        PreparedStatement insert = c.prepareStatement(
            "INSERT INTO " + TABLE + " (key, data, size) VALUES (?, ?, ?)"
                + " ON CONFLICT (key) DO UPDATE SET written_at = now()")) {
      insert.setString(1, key);
      insert.setBytes(2, bytes);
      insert.setInt(3, bytes.length);
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  @Override
  public byte[] get(String key) throws IOException {
    check(key);
    try (Connection c = connection();
        PreparedStatement select = c.prepareStatement("SELECT data FROM " + TABLE + " WHERE key = ?")) {
      select.setString(1, key);
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next()) {
          throw new FileNotFoundException("blob " + key + " is not in " + description);
        }
        return rows.getBytes(1);
      }
    } catch (SQLException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  @Override
  public void list(Visitor visitor) throws IOException {
    try (Connection c = connection();
        PreparedStatement select = c.prepareStatement("SELECT key, written_at FROM " + TABLE)) {
      // Stream the rows rather than holding every key at once.
      c.setAutoCommit(false);
      select.setFetchSize(1000);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          visitor.visit(new Entry(rows.getString(1), rows.getTimestamp(2).toInstant()));
        }
      } finally {
        c.commit();
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  @Override
  public boolean deleteIfWrittenBefore(String key, Instant cutoff) throws IOException {
    check(key);
    try (Connection c = connection();
        PreparedStatement delete = c.prepareStatement("DELETE FROM " + TABLE + " WHERE key = ? AND written_at < ?")) {
      delete.setString(1, key);
      delete.setTimestamp(2, Timestamp.from(cutoff));
      return delete.executeUpdate() > 0;
    } catch (SQLException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  @Override
  public String describe() {
    return description;
  }

  private Connection connection() throws SQLException {
    Connection c = data.getConnection();
    if (!tableReady) {
      try (Statement s = c.createStatement()) {
        s.execute(CREATE);
      } catch (SQLException e) {
        // Two processes creating the table at once: one wins, the other sees a duplicate type.
        if (!"23505".equals(e.getSQLState()) && !"42P07".equals(e.getSQLState())) {
          c.close();
          throw e;
        }
      }
      tableReady = true;
    }
    return c;
  }

  private static void check(String key) {
    if (!key.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("not a blob key: " + key);
    }
  }
}
