package com.accountingexport.pdf;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where the bundles read each document's single PDF from (the file store, in production). The
 * bundles open one item at a time, read it and close the stream before opening the next.
 */
@FunctionalInterface
public interface PdfSource {
  /** A fresh stream of {@code item}'s PDF; the caller closes it. */
  InputStream open(BundleItem item) throws IOException;
}
