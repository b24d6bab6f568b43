package com.accountingexport.core.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.ErrorKind;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Resolution only: the resolver is a map (literals are parsed by the JDK, which never looks them up). */
class WebhookUrlPolicyTest {
  private final List<String> looked = new ArrayList<>();
  private final Map<String, String[]> dns = Map.of(
      "hooks.example.com", new String[] {"93.184.216.34"},
      "internal.example.com", new String[] {"10.1.2.3"},
      "mixed.example.com", new String[] {"93.184.216.34", "192.168.1.20"},
      "metadata.example.com", new String[] {"169.254.169.254"},
      "localhost", new String[] {"127.0.0.1", "::1"});

  private InetAddress[] resolve(String host) throws UnknownHostException {
    looked.add(host);
    String[] names = dns.get(host);
    if (names == null) {
      if (host.matches("[0-9.]+") || host.contains(":")) {
        return new InetAddress[] {InetAddress.getByName(host)}; // a literal: parsed, not looked up
      }
      throw new UnknownHostException(host);
    }
    InetAddress[] out = new InetAddress[names.length];
    for (int i = 0; i < names.length; i++) {
      out[i] = InetAddress.getByAddress(host, InetAddress.getByName(names[i]).getAddress());
    }
    return out;
  }

  private final WebhookUrlPolicy aws = new WebhookUrlPolicy(false, this::resolve);
  private final WebhookUrlPolicy local = new WebhookUrlPolicy(true, this::resolve);

  private static String code(Runnable r) {
    DomainException e = assertThrows(DomainException.class, r::run);
    assertEquals(ErrorKind.INVALID, e.kind());
    assertEquals("url", e.details().get(0).field());
    assertEquals(e.code(), e.details().get(0).code());
    return e.code();
  }

  @Test
  void publicHttpsHostIsAccepted() {
    assertEquals("hooks.example.com", aws.check("https://hooks.example.com/in?x=1").getHost());
    assertEquals(List.of("hooks.example.com"), looked);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "https://127.0.0.1/", "https://127.9.9.9/", "https://0.0.0.0/", "https://0.1.2.3/", "https://10.0.0.1/",
      "https://172.16.0.1/", "https://172.31.255.255/", "https://192.168.0.10/", "https://169.254.169.254/latest",
      "https://169.254.1.1/", "https://100.64.0.1/", "https://100.127.255.254/", "https://224.0.0.1/",
      "https://239.255.255.250/", "https://255.255.255.255/", "https://240.0.0.1/",
      "https://[::1]/", "https://[::]/", "https://[fe80::1]/", "https://[fc00::1]/", "https://[fd12:3456::1]/",
      "https://[ff02::1]/", "https://[::ffff:10.0.0.1]/", "https://[::ffff:127.0.0.1]/",
      "https://[::ffff:169.254.169.254]/", "https://[::10.0.0.1]/", "https://[::192.168.1.1]/",
      "https://[64:ff9b::a00:1]/", "https://[2002:a00:1::]/",
      "https://internal.example.com/", "https://mixed.example.com/", "https://metadata.example.com/"})
  void nonPublicAddressesAreRefused(String url) {
    assertEquals(WebhookUrlPolicy.URL_NOT_PUBLIC, code(() -> aws.check(url)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://10.0.0.1/", "http://192.168.1.1/", "http://[fd00::1]/", "http://169.254.169.254/",
      "http://internal.example.com/", "http://100.64.0.1/", "http://[::ffff:10.0.0.1]/"})
  void theLocalPolicyStillRefusesPrivateRanges(String url) {
    assertEquals(WebhookUrlPolicy.URL_NOT_PUBLIC, code(() -> local.check(url)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:8080/hook", "http://[::1]:9000/", "http://localhost:3001/x",
      "https://127.0.0.1/"})
  void loopbackIsAllowedLocallyOnly(String url) {
    assertEquals(url, local.check(url).toString());
    assertEquals(WebhookUrlPolicy.URL_NOT_PUBLIC,
        code(() -> new WebhookUrlPolicy(false, this::resolve).check(url.replace("http://", "https://"))));
  }

  @Test
  void httpIsRefusedInAwsMode() {
    assertEquals(WebhookUrlPolicy.URL_NOT_HTTPS, code(() -> aws.check("http://hooks.example.com/")));
    assertEquals("hooks.example.com", local.check("http://hooks.example.com/").getHost());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "not a url", "hooks.example.com/x", "ftp://hooks.example.com/", "https:///path",
      "https://user:pw@hooks.example.com/", "https://user@hooks.example.com/", "javascript:alert(1)",
      "https://hooks.example.com/#frag"})
  void malformedUrlsAreRefusedBeforeAnyLookup(String url) {
    assertEquals(WebhookUrlPolicy.INVALID_URL, code(() -> aws.check(url)));
    assertEquals(List.of(), looked);
  }

  @Test
  void anUnknownHostIsNotResolvable() {
    assertEquals(WebhookUrlPolicy.URL_NOT_RESOLVABLE, code(() -> aws.check("https://nowhere.invalid/")));
  }
}
