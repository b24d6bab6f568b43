package com.accountingexport.core.export;

import com.accountingexport.core.format.TextChanges;
import java.time.Instant;

/**
 * A file ready to fetch: an expiring URL, what it will return, the name the browser saves it under,
 * and what its format had to transliterate or cut ({@code changes}, never null).
 */
public record Download(String kind, String format, String url, Instant expiresAt, String sha256, long bytes,
    String fileName, TextChanges changes) {
  public Download {
    changes = changes == null ? TextChanges.NONE : changes;
  }

  /** A download of a file written as given. */
  public Download(String kind, String format, String url, Instant expiresAt, String sha256, long bytes,
      String fileName) {
    this(kind, format, url, expiresAt, sha256, bytes, fileName, TextChanges.NONE);
  }
}
