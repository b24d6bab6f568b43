package com.accountingexport.local;

import com.adobe.testing.s3mock.S3MockApplication;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Adobe S3Mock 5.x (Spring Boot) inside this JVM: plain HTTP on a free port, path-style access. */
final class S3MockServer implements AutoCloseable {
  private final S3MockApplication app;
  private final int port;

  private S3MockServer(S3MockApplication app, int port) {
    this.app = app;
    this.port = port;
  }

  /**
   * Starts with {@code bucket} created; files live under {@code root} and stay there after close
   * when {@code retain}.
   */
  static S3MockServer start(Path root, boolean retain, String bucket) throws Exception {
    Files.createDirectories(root);
    int port = FreePorts.next();
    // S3MockApplication.start adds its own defaults to the map: it must be mutable
    Map<String, Object> props = new HashMap<>();
    props.put(S3MockApplication.PROP_HTTP_PORT, port);
    props.put(S3MockApplication.PROP_HTTPS_PORT, 0);
    props.put("com.adobe.testing.s3mock.store.root", root.toString());
    props.put("com.adobe.testing.s3mock.store.retainFilesOnExit", retain);
    props.put("com.adobe.testing.s3mock.store.initialBuckets", bucket);
    props.put(S3MockApplication.PROP_SILENT, true);
    props.put("spring.main.banner-mode", "off");
    props.put("spring.main.log-startup-info", false);
    S3MockApplication app = S3MockApplication.start(props);
    return new S3MockServer(app, app.getHttpPort());
  }

  URI endpoint() {
    return URI.create("http://localhost:" + port);
  }

  @Override
  public void close() {
    app.stop();
  }
}
