package com.accountingexport.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Watches the heap from a daemon thread: "used" every 10 ms (garbage included), and every
 * {@code gcEveryMillis} a System.gc() then "used" again, i.e. the live set. Also resets the
 * JVM's own per-pool peaks at start and sums them at the end.
 */
final class HeapSampler implements AutoCloseable {
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final long gcEveryMillis;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long peakUsed;
  private volatile long peakLive;
  private volatile int gcs;

  HeapSampler(long gcEveryMillis) {
    this.gcEveryMillis = gcEveryMillis;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
    this.thread = new Thread(this::run, "heap-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  /** Heap used right after a full GC, now. */
  static long liveNow() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private void run() {
    long nextGc = System.currentTimeMillis() + gcEveryMillis;
    while (running) {
      peakUsed = Math.max(peakUsed, memory.getHeapMemoryUsage().getUsed());
      if (System.currentTimeMillis() >= nextGc) {
        System.gc();
        gcs++;
        peakLive = Math.max(peakLive, memory.getHeapMemoryUsage().getUsed());
        nextGc = System.currentTimeMillis() + gcEveryMillis;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  long peakUsed() {
    return peakUsed;
  }

  long peakLive() {
    return peakLive;
  }

  int gcs() {
    return gcs;
  }

  /** Sum of the heap pools' peak usage since start (the JVM's own bookkeeping). */
  long poolPeaks() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
