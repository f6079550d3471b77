package dev.steward.payloads;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StewardHomeTest {

  @Test
  void stewardHomeWinsThenHomeThenTheJvmsUserHome() {
    assertThat(StewardHome.directory(Map.of("STEWARD_HOME", "/srv/steward", "HOME", "/home/ada")))
        .isEqualTo(Path.of("/srv/steward"));
    assertThat(StewardHome.directory(Map.of("HOME", "/home/ada"))).isEqualTo(Path.of("/home/ada/.steward"));
    assertThat(StewardHome.directory(Map.of("STEWARD_HOME", " ")))
        .isEqualTo(Path.of(System.getProperty("user.home"), ".steward"));
  }

  @Test
  void blobsLiveInStewardHomeUnlessTheirOwnVariableSaysOtherwise() {
    assertThat(StewardDataConverter.blobDirectory(Map.of("STEWARD_HOME", "/srv/steward")))
        .isEqualTo(Path.of("/srv/steward/blobs"));
    assertThat(StewardDataConverter.blobDirectory(Map.of("STEWARD_HOME", "/srv/steward", "STEWARD_BLOB_DIR", "/data")))
        .isEqualTo(Path.of("/data"));
  }
}
