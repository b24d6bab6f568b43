package com.accountingexport.core.webhook;

import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.ErrorKind;
import com.accountingexport.core.error.Violation;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Which URLs a webhook may be sent to, so that the service cannot be turned against its own network
 * (the instance metadata at 169.254.169.254, a VPC's private addresses, itself): https with a host and
 * no user info, every address the host resolves to public. Checked at subscription and again before
 * each attempt, as a host may resolve elsewhere later (DNS rebinding). Resolution only: nothing here
 * connects. The local policy also takes http and loopback addresses (a receiver on 127.0.0.1 for
 * tests and demos), never the private ranges.
 */
public final class WebhookUrlPolicy {
  public static final String INVALID_URL = "INVALID_URL";
  public static final String URL_NOT_HTTPS = "URL_NOT_HTTPS";
  public static final String URL_NOT_PUBLIC = "URL_NOT_PUBLIC";
  public static final String URL_NOT_RESOLVABLE = "URL_NOT_RESOLVABLE";
  public static final int MAX_LENGTH = 2048;

  /** Names a host's addresses; {@link InetAddress#getAllByName} by default (which parses literals itself). */
  @FunctionalInterface
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private final boolean allowLoopback;
  private final Resolver resolver;

  public WebhookUrlPolicy(boolean allowLoopback, Resolver resolver) {
    this.allowLoopback = allowLoopback;
    this.resolver = resolver;
  }

  /** AWS: https to public addresses only. */
  public static WebhookUrlPolicy aws() {
    return new WebhookUrlPolicy(false, InetAddress::getAllByName);
  }

  /** The local runtime ({@code WEBHOOK_ALLOW_LOOPBACK=true}): also http and loopback. */
  public static WebhookUrlPolicy local() {
    return new WebhookUrlPolicy(true, InetAddress::getAllByName);
  }

  public boolean allowsLoopback() {
    return allowLoopback;
  }

  /**
   * The parsed URL when it may be used; else 400 with the code ({@link #INVALID_URL}, {@link
   * #URL_NOT_HTTPS}, {@link #URL_NOT_PUBLIC}, {@link #URL_NOT_RESOLVABLE}) on the field {@code url}.
   */
  public URI check(String url) {
    if (url == null || url.isBlank() || url.length() > MAX_LENGTH) {
      throw refused(INVALID_URL, "must be an absolute https URL of at most " + MAX_LENGTH + " characters");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw refused(INVALID_URL, "is not a valid URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !(allowLoopback && scheme.equals("http"))) {
      throw refused(scheme.equals("http") ? URL_NOT_HTTPS : INVALID_URL,
          allowLoopback ? "must be an http or https URL" : "must be an https URL");
    }
    if (uri.getRawUserInfo() != null || uri.getRawAuthority() != null && uri.getRawAuthority().contains("@")) {
      throw refused(INVALID_URL, "must not carry a user name or password");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw refused(INVALID_URL, "must name a host");
    }
    if (uri.getRawFragment() != null) {
      throw refused(INVALID_URL, "must not have a fragment");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(host);
    } catch (UnknownHostException e) {
      throw refused(URL_NOT_RESOLVABLE, "names a host that does not resolve: " + host);
    }
    if (addresses == null || addresses.length == 0) {
      throw refused(URL_NOT_RESOLVABLE, "names a host that does not resolve: " + host);
    }
    for (InetAddress a : addresses) {
      String why = refusal(a.getAddress());
      if (why != null) {
        throw refused(URL_NOT_PUBLIC, "must reach a public address; " + host + " resolves to " + a.getHostAddress()
            + " (" + why + ")");
      }
    }
    return uri;
  }

  /** Why this address may not be used, or null when it may. */
  String refusal(byte[] a) {
    if (a.length == 4) {
      return refusalV4(a);
    }
    if (a.length != 16) {
      return "not an IP address";
    }
    boolean zero12 = true;
    for (int i = 0; i < 12; i++) {
      zero12 &= a[i] == 0;
    }
    if (zero12 && a[12] == 0 && a[13] == 0 && a[14] == 0 && (a[15] == 0 || a[15] == 1)) {
      if (a[15] == 1) {
        return allowLoopback ? null : "loopback";
      }
      return "unspecified";
    }
    if (zero12) {
      return embedded(a, 12, "IPv4-compatible");
    }
    boolean mapped = true;
    for (int i = 0; i < 10; i++) {
      mapped &= a[i] == 0;
    }
    if (mapped && (a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff) {
      return embedded(a, 12, "IPv4-mapped");
    }
    int b0 = a[0] & 0xff;
    int b1 = a[1] & 0xff;
    if (b0 == 0xff) {
      return "multicast";
    }
    if ((b0 & 0xfe) == 0xfc) {
      return "unique-local fc00::/7";
    }
    if (b0 == 0xfe && (b1 & 0xc0) == 0x80) {
      return "link-local fe80::/10";
    }
    if (b0 == 0xfe && (b1 & 0xc0) == 0xc0) {
      return "site-local fec0::/10";
    }
    if (b0 == 0x00 && b1 == 0x64 && (a[2] & 0xff) == 0xff && (a[3] & 0xff) == 0x9b) {
      return embedded(a, 12, "NAT64");
    }
    if (b0 == 0x20 && b1 == 0x02) {
      return embedded(a, 2, "6to4");
    }
    if (b0 == 0x20 && b1 == 0x01 && (a[2] & 0xff) == 0x0d && (a[3] & 0xff) == 0xb8) {
      return "documentation 2001:db8::/32";
    }
    return null;
  }

  private String embedded(byte[] a, int from, String form) {
    byte[] v4 = {a[from], a[from + 1], a[from + 2], a[from + 3]};
    String why = refusalV4(v4);
    return why == null ? null : form + " form of " + why;
  }

  private String refusalV4(byte[] a) {
    int b0 = a[0] & 0xff;
    int b1 = a[1] & 0xff;
    int b2 = a[2] & 0xff;
    if (b0 == 127) {
      return allowLoopback ? null : "loopback";
    }
    if (b0 == 0) {
      return "this network 0.0.0.0/8";
    }
    if (b0 == 10) {
      return "private 10.0.0.0/8";
    }
    if (b0 == 172 && (b1 & 0xf0) == 16) {
      return "private 172.16.0.0/12";
    }
    if (b0 == 192 && b1 == 168) {
      return "private 192.168.0.0/16";
    }
    if (b0 == 169 && b1 == 254) {
      return "link-local 169.254.0.0/16";
    }
    if (b0 == 100 && (b1 & 0xc0) == 64) {
      return "shared CGNAT 100.64.0.0/10";
    }
    if (b0 == 192 && b1 == 0 && (b2 == 0 || b2 == 2)) {
      return "reserved 192.0." + b2 + ".0/24";
    }
    if (b0 == 198 && (b1 == 18 || b1 == 19)) {
      return "benchmarking 198.18.0.0/15";
    }
    if (b0 == 198 && b1 == 51 && b2 == 100 || b0 == 203 && b1 == 0 && b2 == 113) {
      return "documentation range";
    }
    if (b0 >= 224 && b0 <= 239) {
      return "multicast";
    }
    if (b0 >= 240) {
      return b0 == 255 && b1 == 255 && b2 == 255 && (a[3] & 0xff) == 255 ? "broadcast" : "reserved 240.0.0.0/4";
    }
    return null;
  }

  private static DomainException refused(String code, String message) {
    return new DomainException(ErrorKind.INVALID, code, "url " + message, List.of(Violation.of("url", code, message)));
  }
}
