package com.accountingexport.core.port;

/** Makes ids; injected so that nothing random is read at class-init time (SnapStart). */
@FunctionalInterface
public interface IdGenerator {
  String newId();

  static IdGenerator random() {
    return () -> java.util.UUID.randomUUID().toString();
  }
}
