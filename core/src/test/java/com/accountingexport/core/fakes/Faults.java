package com.accountingexport.core.fakes;

import com.accountingexport.core.port.FileStore;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Failing decorators of the ports, for fault-injection tests: the code under test keeps no hooks;
 * a test wraps a repository or the file store and arms the fault. Works for any port interface
 * (also against DynamoDB Local and S3Mock: wrap the real adapters).
 */
public final class Faults {
  private Faults() {}

  /** Where the fault strikes relative to the decorated call. */
  public enum When { BEFORE, AFTER }

  /** A fault that can be armed and disarmed; it counts the calls it saw. */
  public static final class Switch {
    private final AtomicBoolean armed = new AtomicBoolean(true);
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger fired = new AtomicInteger();

    public void disarm() {
      armed.set(false);
    }

    public void arm() {
      armed.set(true);
    }

    /** How many times the fault struck. */
    public int fired() {
      return fired.get();
    }

    public int calls() {
      return calls.get();
    }
  }

  /** The exception a fault throws: a crash of the step, as a dead process or a lost connection would. */
  public static final class InjectedFault extends RuntimeException {
    public InjectedFault(String message) {
      super(message);
    }
  }

  /**
   * {@code delegate}, throwing {@link InjectedFault} {@code when} the {@code nth} (1-based) and every
   * later call of {@code method} is made, while armed.
   */
  @SuppressWarnings("unchecked")
  public static <T> T failing(Class<T> port, T delegate, String method, When when, int nth, Switch control) {
    return (T) Proxy.newProxyInstance(Faults.class.getClassLoader(), new Class<?>[] {port}, (proxy, m, args) -> {
      boolean strike = m.getName().equals(method) && control.calls.incrementAndGet() >= nth && control.armed.get();
      if (strike && when == When.BEFORE) {
        control.fired.incrementAndGet();
        throw new InjectedFault("injected before " + port.getSimpleName() + "." + method);
      }
      Object result;
      try {
        result = m.invoke(delegate, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
      if (strike) {
        control.fired.incrementAndGet();
        throw new InjectedFault("injected after " + port.getSimpleName() + "." + method);
      }
      return result;
    });
  }

  /** {@code delegate}, pausing after each call of {@code method} (a slow step that a test races). */
  @SuppressWarnings("unchecked")
  public static <T> T slow(Class<T> port, T delegate, String method, Duration pause) {
    return (T) Proxy.newProxyInstance(Faults.class.getClassLoader(), new Class<?>[] {port}, (proxy, m, args) -> {
      Object result;
      try {
        result = m.invoke(delegate, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
      if (m.getName().equals(method)) {
        Thread.sleep(pause.toMillis());
      }
      return result;
    });
  }

  /**
   * A file store whose uploads to keys ending with {@code keySuffix} fail after {@code afterBytes}
   * bytes, while armed: a crash in the middle of a multipart upload.
   */
  public static FileStore failingUploads(FileStore delegate, String keySuffix, long afterBytes, Switch control) {
    return wrappingUploads(delegate, key -> key.endsWith(keySuffix) && control.armed.get(), (key, stream) -> {
      control.calls.incrementAndGet();
      return new FilterOutputStream(stream) {
        long written;

        @Override
        public void write(int b) throws IOException {
          if (++written > afterBytes) {
            if (written == afterBytes + 1) {
              control.fired.incrementAndGet(); // once per upload: what follows is the same crash
            }
            throw new InjectedFault("injected after " + afterBytes + " bytes of " + key);
          }
          out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          for (int i = 0; i < len; i++) {
            write(b[off + i]);
          }
        }
      };
    });
  }

  /**
   * A file store that silently keeps only the first {@code keep} bytes of the uploads to keys
   * containing {@code part}: a writer gone wrong, whose file is complete but cut.
   */
  public static FileStore cuttingUploads(FileStore delegate, String part, long keep) {
    return wrappingUploads(delegate, key -> key.contains(part), (key, stream) -> new FilterOutputStream(stream) {
      long written;

      @Override
      public void write(int b) throws IOException {
        if (written++ < keep) {
          out.write(b);
        }
      }
    });
  }

  /** The uploads of the keys {@code which} accepts write through {@code wrap}; the rest is the delegate's. */
  private static FileStore wrappingUploads(FileStore delegate, java.util.function.Predicate<String> which,
      java.util.function.BiFunction<String, OutputStream, OutputStream> wrap) {
    return (FileStore) Proxy.newProxyInstance(Faults.class.getClassLoader(), new Class<?>[] {FileStore.class},
        (proxy, m, args) -> {
          Object result;
          try {
            result = m.invoke(delegate, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          if (!m.getName().equals("create") || !which.test((String) args[0])) {
            return result;
          }
          FileStore.Upload upload = (FileStore.Upload) result;
          OutputStream out = wrap.apply((String) args[0], upload.stream());
          return new FileStore.Upload() {
            @Override
            public OutputStream stream() {
              return out;
            }

            @Override
            public void close() {
              upload.close();
            }

            @Override
            public void abort() {
              upload.abort();
            }
          };
        });
  }
}
