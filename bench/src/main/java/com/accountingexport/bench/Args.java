package com.accountingexport.bench;

/** {@code --name value} and {@code --flag} command-line options. */
final class Args {
  private final String[] args;

  Args(String[] args) {
    this.args = args;
  }

  boolean flag(String name) {
    for (String a : args) {
      if (a.equals("--" + name)) {
        return true;
      }
    }
    return false;
  }

  int integer(String name, int fallback) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals("--" + name)) {
        return Integer.parseInt(args[i + 1].replace("_", ""));
      }
    }
    return fallback;
  }
}
