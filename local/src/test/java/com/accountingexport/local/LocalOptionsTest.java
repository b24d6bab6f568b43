package com.accountingexport.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalOptionsTest {
  @TempDir
  Path repo;

  @Test
  void parse_shouldDefaultToPort3000_andTheDataFolderAtTheRepositoryRoot() throws Exception {
    Files.createDirectories(repo.resolve("local"));
    Files.writeString(repo.resolve("local/pom.xml"), "<project/>");
    Path sub = Files.createDirectories(repo.resolve("local/src"));

    LocalOptions o = LocalOptions.parse(new String[0], Map.of(), sub);

    assertEquals(3000, o.port());
    assertEquals(repo, o.repoRoot());
    assertEquals(repo.resolve(".local-data"), o.dataDir());
    assertEquals(repo.resolve("local/node_modules/.bin/aws-ses-v2-local"), o.sesBinary());
    assertFalse(o.inMemory() || o.reset() || o.usesAwsConfiguration());
    assertTrue(o.seedDemo());
  }

  @Test
  void parse_shouldReadOptionsAndEnvironment() {
    LocalOptions o = LocalOptions.parse(new String[] {"--reset", "--data-dir", "data", "--no-demo"}, Map.of("PORT", "0"), repo);
    assertEquals(0, o.port());
    assertTrue(o.reset());
    assertFalse(o.seedDemo());
    assertEquals(repo.resolve("data"), o.dataDir());

    assertTrue(LocalOptions.parse(new String[] {"--in-memory", "--port=8080"}, Map.of("PORT", "1"), repo).inMemory());
    assertEquals(8080, LocalOptions.parse(new String[] {"--port", "8080"}, Map.of("PORT", "1"), repo).port());
    assertTrue(LocalOptions.parse(new String[] {"--aws"}, Map.of(), repo).usesAwsConfiguration());
    assertTrue(LocalOptions.parse(new String[0], Map.of("AWS_ENDPOINT_URL", "http://localhost:4566"), repo).usesAwsConfiguration());
  }

  @Test
  void parse_shouldRefuseWhatItDoesNotUnderstand() {
    assertThrows(IllegalArgumentException.class, () -> LocalOptions.parse(new String[] {"--bogus"}, Map.of(), repo));
    assertThrows(IllegalArgumentException.class, () -> LocalOptions.parse(new String[] {"--data-dir"}, Map.of(), repo));
    assertThrows(IllegalArgumentException.class, () -> LocalOptions.parse(new String[] {"--in-memory", "--data-dir", "x"}, Map.of(), repo));
    assertThrows(IllegalArgumentException.class, () -> LocalOptions.parse(new String[0], Map.of("PORT", "http"), repo));
    assertThrows(IllegalArgumentException.class, () -> LocalOptions.parse(new String[0], Map.of("PORT", "70000"), repo));
  }
}
