package dev.steward.payloads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.payloads.testing.LocalPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The PostgreSQL store against a real PostgreSQL server, chosen by STEWARD_BLOBS. */
@ExtendWith(LocalPostgres.class)
class PostgresBlobStoreTest extends BlobStoreContract {

  static BlobStore store;

  @BeforeAll
  static void open() {
    store = BlobStores.fromEnvironment(Map.of("STEWARD_BLOBS", LocalPostgres.url()));
  }

  @Override
  BlobStore store() {
    return store;
  }

  @Override
  BlobStore unreachable() {
    return BlobStores.fromEnvironment(Map.of("STEWARD_BLOBS", "postgresql://steward@127.0.0.1:1/postgres"));
  }

  @Test
  void theTableIsCreatedOnFirstUseAndHoldsOneRowPerBlob() throws Exception {
    store.put(key("a row"), new byte[] {4, 5, 6});
    store.put(key("a row"), new byte[] {4, 5, 6});

    BlobStores.PostgresUrl url = BlobStores.PostgresUrl.parse(LocalPostgres.url());
    try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
        ResultSet rows = c.createStatement().executeQuery(
            "SELECT size FROM steward_blobs WHERE key = '" + key("a row") + "'")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getInt(1)).isEqualTo(3);
      assertThat(rows.next()).isFalse();
    }
  }

  @Test
  void urlsInEitherSpellingKeepThePasswordOutOfErrors() {
    BlobStores.PostgresUrl url = BlobStores.PostgresUrl.parse("postgresql://ada:s%40cret@db.example:5433/steward?sslmode=require");
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5433/steward?sslmode=require");
    assertThat(url.user()).isEqualTo("ada");
    assertThat(url.password()).isEqualTo("s@cret");
    assertThat(url.description()).isEqualTo("postgresql://db.example:5433/steward (table steward_blobs)");
    BlobStores.PostgresUrl jdbc = BlobStores.PostgresUrl.parse("jdbc:postgresql://db:5432/x?user=u&password=p");
    assertThat(jdbc.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/x?user=u&password=p");
    assertThat(jdbc.description()).doesNotContain("password");
  }
}
