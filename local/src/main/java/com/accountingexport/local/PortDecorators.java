package com.accountingexport.local;

import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.ErrorKind;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;

/**
 * Decorators the local runtime puts around a port when asked (never in Lambda): the crash tests
 * pause a generation at a known point so that they can kill the process there. The export service
 * itself keeps no test hooks.
 */
final class PortDecorators {
  private PortDecorators() {}

  /**
   * {@code delegate}, failing every call of {@code method} with a transient error (503
   * {@code INJECTED_FAULT}): a dependency that keeps failing, so that the workflow's retries run out
   * and its failure branch runs.
   */
  @SuppressWarnings("unchecked")
  static <T> T failing(Class<T> port, T delegate, String method, PrintStream log) {
    return (T) Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, m, args) -> {
      if (m.getName().equals(method)) {
        log.println("[local] injected fault: " + port.getSimpleName() + "." + method);
        throw new DomainException(ErrorKind.UNAVAILABLE, "INJECTED_FAULT",
            port.getSimpleName() + "." + method + " fails (" + LocalRuntime.FAIL_METHOD + ")");
      }
      try {
        return m.invoke(delegate, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    });
  }

  /** {@code delegate}, pausing {@code pause} after each successful call of {@code method}. */
  @SuppressWarnings("unchecked")
  static <T> T pauseAfter(Class<T> port, T delegate, String method, Duration pause, PrintStream log) {
    return (T) Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, m, args) -> {
      Object result;
      try {
        result = m.invoke(delegate, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
      if (m.getName().equals(method)) {
        log.println("[local] " + port.getSimpleName() + "." + method + " done; pausing " + pause.toMillis() + " ms");
        try {
          Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return result;
    });
  }
}
