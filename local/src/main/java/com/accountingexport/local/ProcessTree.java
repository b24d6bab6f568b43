package com.accountingexport.local;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Ends a process and everything it started, politely first (SIGTERM), then for good. */
final class ProcessTree {
  private ProcessTree() {}

  static void destroy(ProcessHandle root, long graceMillis) {
    if (root == null) {
      return;
    }
    List<ProcessHandle> all = new java.util.ArrayList<>(root.descendants().toList());
    all.add(0, root);
    // children first, so that none is re-parented and forgotten while its parent dies
    for (int i = all.size() - 1; i >= 0; i--) {
      all.get(i).destroy();
    }
    for (ProcessHandle p : all) {
      try {
        CompletableFuture<ProcessHandle> exit = p.onExit();
        exit.get(graceMillis, TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        p.destroyForcibly();
      }
    }
  }
}
