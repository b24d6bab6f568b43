package com.accountingexport.core.export;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * An iterator that reads one element ahead: {@link #advance} gives the next one, or null at the
 * end. The streams of entries, PDF lists and merged journals are all read this way.
 */
abstract class Lookahead<T> implements Iterator<T> {
  private T next;
  private boolean started;

  /** The next element, or null when there is none left. */
  protected abstract T advance();

  @Override
  public final boolean hasNext() {
    if (!started) {
      started = true;
      next = advance();
    }
    return next != null;
  }

  @Override
  public final T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    T out = next;
    next = advance();
    return out;
  }
}
