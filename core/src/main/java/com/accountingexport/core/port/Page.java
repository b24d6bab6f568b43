package com.accountingexport.core.port;

import java.util.List;
import java.util.function.Function;

/** One page of a list; {@code nextCursor} is opaque and null at the end. */
public record Page<T>(List<T> items, String nextCursor) {
  public Page {
    items = List.copyOf(items);
  }

  public <R> Page<R> map(Function<T, R> f) {
    return new Page<>(items.stream().map(f).toList(), nextCursor);
  }
}
