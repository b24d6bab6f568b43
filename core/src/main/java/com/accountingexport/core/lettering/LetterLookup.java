package com.accountingexport.core.lettering;

/** Which lines are lettered: what a journal format asks for each line with an auxiliary account. */
@FunctionalInterface
public interface LetterLookup {
  /**
   * The letter of the lines of document {@code documentId} on ({@code account}, {@code auxAccount}),
   * or null when they are not lettered.
   */
  Letter letterOf(String documentId, String account, String auxAccount);

  /** No line is lettered: what formats get unless a lettering was computed. */
  static LetterLookup none() {
    return NONE;
  }

  /** The shared {@link #none()} instance. */
  LetterLookup NONE = (documentId, account, auxAccount) -> null;
}
