package com.accountingexport.bench;

import com.accountingexport.adapters.s3.S3FileStore;
import com.accountingexport.adapters.testing.LocalS3;
import com.accountingexport.core.booking.JournalEntry;
import com.accountingexport.core.export.EntryCodec;
import com.accountingexport.core.format.ExportContext;
import com.accountingexport.core.format.FecWriter;
import com.accountingexport.core.port.FileStore;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.Locale;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * One export's write path at 1,000,000 entry lines: entries built on the fly (never a list), each
 * frozen through {@link EntryCodec.Out} into one sink while {@link FecWriter} renders it into
 * another, in a single pass. Sinks are counting null streams, or with {@code --s3} two
 * {@link S3FileStore} uploads (multipart, 8 MiB parts) into an in-process S3Mock. Reports bytes,
 * throughput and heap: peak used (sampled every 10 ms), peak live (System.gc() every 250 ms in a
 * background thread) and the live heap before the run (S3Mock included with --s3). Meant for
 * {@code -Xmx256m}:
 *
 * <pre>mvn -q -Pbench -pl bench -am package -DskipTests
 * java -Xmx256m -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
 *     com.accountingexport.bench.StreamingExportBench [--s3] [--entries 250000]</pre>
 */
public final class StreamingExportBench {
  private static final ExportContext CONTEXT =
      new ExportContext("EXP-2026-000001", LocalDate.of(2027, 1, 15), "123456789", LocalDate.of(2026, 12, 31));

  public static void main(String[] argv) throws IOException {
    Args args = new Args(argv);
    boolean s3 = args.flag("s3");
    int entries = args.integer("entries", 250_000);
    long maxHeap = Runtime.getRuntime().maxMemory();
    System.out.printf(Locale.ROOT, "StreamingExportBench: %,d entries (%,d lines), sinks %s, max heap %d MiB%n",
        entries, (long) entries * SyntheticEntries.LINES_PER_ENTRY, s3 ? "S3FileStore -> in-process S3Mock" : "null streams",
        maxHeap >> 20);

    LocalS3 local = null;
    FileStore store = null;
    String bucket = null;
    if (s3) {
      long t = System.nanoTime();
      local = LocalS3.get();
      bucket = local.newBucket();
      store = new S3FileStore(local.s3(), local.presigner(), bucket);
      System.out.printf(Locale.ROOT, "S3Mock up in %.1f s at %s, bucket %s%n", (System.nanoTime() - t) / 1e9, local.endpoint(), bucket);
    }
    FecWriter fec = FecWriter.tab();
    String entriesKey = "exports/EXP-2026-000001/entries.txt";
    String fecKey = "exports/EXP-2026-000001/" + CONTEXT.fileName(fec);

    long baselineLive = HeapSampler.liveNow();
    long start;
    long elapsed;
    CountingOutputStream entriesOut;
    CountingOutputStream fecOut;
    long[] lines = new long[1];
    HeapSampler sampler = new HeapSampler(250);
    try (sampler) {
      start = System.nanoTime();
      FileStore.Upload entriesUpload = store == null ? null : store.create(entriesKey, "text/plain; charset=UTF-8");
      FileStore.Upload fecUpload = store == null ? null : store.create(fecKey, fec.contentType());
      entriesOut = new CountingOutputStream(entriesUpload == null ? OutputStream.nullOutputStream() : entriesUpload.stream(), false);
      fecOut = new CountingOutputStream(fecUpload == null ? OutputStream.nullOutputStream() : fecUpload.stream(), false);
      try {
        EntryCodec.Out frozen = new EntryCodec.Out(entriesOut);
        Iterator<JournalEntry> source = SyntheticEntries.lazy(entries);
        Iterator<JournalEntry> tee = new Iterator<>() {
          @Override
          public boolean hasNext() {
            return source.hasNext();
          }

          @Override
          public JournalEntry next() {
            JournalEntry e = source.next();
            frozen.append(e);
            lines[0] += e.lines().size();
            return e;
          }
        };
        fec.write(tee, CONTEXT, fecOut);
        frozen.close();
        if (entriesUpload != null) {
          entriesUpload.close();
          fecUpload.close();
        }
      } catch (IOException | RuntimeException e) {
        if (entriesUpload != null) {
          entriesUpload.abort();
          fecUpload.abort();
        }
        throw e;
      }
      elapsed = System.nanoTime() - start;
    }
    double seconds = elapsed / 1e9;
    System.out.printf(Locale.ROOT, "wrote %,d lines in %.2f s (%,.0f lines/s): entries file %,d bytes, FEC %,d bytes%n",
        lines[0], seconds, lines[0] / seconds, entriesOut.count(), fecOut.count());
    if (local != null) {
      for (String key : new String[] {entriesKey, fecKey}) {
        String b = bucket;
        HeadObjectResponse head = local.s3().headObject(h -> h.bucket(b).key(key));
        System.out.printf(Locale.ROOT, "s3://%s/%s: %,d bytes, ETag %s%n", bucket, key, head.contentLength(), head.eTag());
        long expected = key.equals(entriesKey) ? entriesOut.count() : fecOut.count();
        if (head.contentLength() != expected) {
          throw new IllegalStateException(key + ": stored " + head.contentLength() + " bytes, wrote " + expected);
        }
      }
    }
    System.out.printf(Locale.ROOT,
        "heap: max %d MiB; live before run %.1f MiB; peak used %.1f MiB (sampled), %.1f MiB (pool peaks); peak live %.1f MiB (%d sampler GCs)%n",
        maxHeap >> 20, mib(baselineLive), mib(sampler.peakUsed()), mib(sampler.poolPeaks()), mib(sampler.peakLive()), sampler.gcs());
    System.out.printf(Locale.ROOT,
        "RESULT bench=streaming sink=%s lines=%d seconds=%.2f linesPerSec=%.0f entriesBytes=%d fecBytes=%d xmxMiB=%d "
            + "baselineLiveMiB=%.1f peakUsedMiB=%.1f peakLiveMiB=%.1f%n",
        s3 ? "s3mock" : "null", lines[0], seconds, lines[0] / seconds, entriesOut.count(), fecOut.count(), maxHeap >> 20,
        mib(baselineLive), mib(sampler.peakUsed()), mib(sampler.peakLive()));
    System.exit(0);
  }

  private static double mib(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }
}
