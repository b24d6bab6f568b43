package com.accountingexport.adapters.dynamodb;

import static com.accountingexport.adapters.dynamodb.TableDefinition.PK;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.port.LetterCodes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The lettering codes of {@link LetterCodes} in the single table, one partition per (tenant,
 * lettering account):
 *
 * <table>
 *   <caption>Items</caption>
 *   <tr><th>item</th><th>PK</th><th>SK</th><th>attributes</th></tr>
 *   <tr><td>letter counter</td><td>{@code T#<t>#LET#<account>}</td><td>{@code SEQ}</td>
 *     <td>{@code seq} (N): how many numbers were drawn</td></tr>
 *   <tr><td>letter code</td><td>{@code T#<t>#LET#<account>}</td><td>{@code A#<anchor>}</td>
 *     <td>{@code code} (S), {@code account} (S), {@code anchor} (S)</td></tr>
 * </table>
 *
 * <p>{@link #codeFor}: a consistent read of the anchor's item answers when the code exists. Else
 * one UpdateItem {@code ADD seq :one} draws the next number (atomic, returning the new value), and
 * a PutItem with {@code attribute_not_exists(PK)} records {@code code(n - 1)} for the anchor. A
 * caller that loses that race to another one on the same anchor gets the winner's code back with
 * the refusal; its number stays unused (codes may skip, they never repeat: each number is drawn
 * once). A code item is never updated or deleted, so a code, once issued, is the anchor's forever.
 * Neither item has a TTL or index attribute.
 */
public final class DynamoLetterCodes implements LetterCodes {
  public static final String SK_COUNTER = "SEQ";
  public static final String SK_ANCHOR_PREFIX = "A#";
  public static final String SEQ = "seq";
  public static final String CODE = "code";
  public static final String ACCOUNT = "account";
  public static final String ANCHOR = "anchor";

  static final int MAX_BATCH_ATTEMPTS = 10;

  private final DynamoDbClient dynamo;
  private final String tableName;

  public DynamoLetterCodes(DynamoDbClient dynamo, String tableName) {
    this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
    this.tableName = Objects.requireNonNull(tableName, "tableName");
  }

  /** {@code T#<tenant>#LET#<account>}: the partition of one lettering account's counter and codes. */
  public static String pk(TenantId tenant, String account) {
    return "T#" + tenant.value() + "#LET#" + account;
  }

  public static Map<String, AttributeValue> counterKey(TenantId tenant, String account) {
    return Map.of(PK, Attrs.s(pk(tenant, account)), TableDefinition.SK, Attrs.s(SK_COUNTER));
  }

  public static Map<String, AttributeValue> anchorKey(TenantId tenant, String account, String anchor) {
    return Map.of(PK, Attrs.s(pk(tenant, account)), TableDefinition.SK, Attrs.s(SK_ANCHOR_PREFIX + anchor));
  }

  @Override
  public String codeFor(TenantId tenant, String account, String anchor) {
    Objects.requireNonNull(tenant, "tenant");
    requireText(account, "account");
    requireText(anchor, "anchor");
    String known = readCode(anchorKey(tenant, account, anchor));
    return known != null ? known : issue(tenant, account, anchor);
  }

  /**
   * Reads the codes already issued 100 anchors per BatchGetItem (strongly consistent), then issues
   * the missing ones one by one in the order given: a fiscal year's thousands of lettered groups cost
   * tens of calls, not thousands.
   */
  @Override
  public Map<Key, String> codesFor(TenantId tenant, List<Key> keys) {
    Objects.requireNonNull(tenant, "tenant");
    List<Key> unique = new ArrayList<>(new LinkedHashSet<>(keys));
    Map<Key, String> found = new HashMap<>();
    DynamoCalls.batchGetAll(dynamo, tableName, unique.stream().map(k -> anchorKey(tenant, k.account(), k.anchor())).toList(),
        MAX_BATCH_ATTEMPTS, 10, 500, "The lettering codes are being throttled; retry later",
        item -> found.put(new Key(Attrs.getS(item, ACCOUNT), Attrs.getS(item, ANCHOR)), Attrs.getS(item, CODE)));
    Map<Key, String> out = new LinkedHashMap<>();
    for (Key k : unique) {
      String code = found.get(k);
      out.put(k, code != null ? code : issue(tenant, k.account(), k.anchor()));
    }
    return out;
  }

  /** Draws a number and records its code for the anchor; the winner's code when another caller was first. */
  private String issue(TenantId tenant, String account, String anchor) {
    requireText(account, "account");
    requireText(anchor, "anchor");
    Map<String, AttributeValue> key = anchorKey(tenant, account, anchor);
    String code = LetterCodes.code(draw(tenant, account) - 1);
    Map<String, AttributeValue> item = new HashMap<>(key);
    item.put(CODE, Attrs.s(code));
    item.put(ACCOUNT, Attrs.s(account));
    item.put(ANCHOR, Attrs.s(anchor));
    PutItemRequest put = PutItemRequest.builder()
        .tableName(tableName)
        .item(item)
        .conditionExpression("attribute_not_exists(#pk)")
        .expressionAttributeNames(Map.of("#pk", PK))
        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
        .build();
    try {
      dynamo.putItem(put);
      return code;
    } catch (ConditionalCheckFailedException lost) {
      // another caller recorded this anchor first: its code is the anchor's
      String winner = lost.hasItem() ? Attrs.getS(lost.item(), CODE) : null;
      if (winner == null) {
        winner = readCode(key);
      }
      if (winner == null) {
        throw new IllegalStateException("lettering code of anchor " + anchor + " on " + account
            + " refused as existing but not found");
      }
      return winner;
    }
  }

  /** The anchor's code, or null; strongly consistent, so a code just issued is seen. */
  private String readCode(Map<String, AttributeValue> key) {
    Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(tableName)
        .key(key)
        .consistentRead(true)
        .projectionExpression("#code")
        .expressionAttributeNames(Map.of("#code", CODE))).item();
    return item == null || item.isEmpty() ? null : Attrs.getS(item, CODE);
  }

  /** Draws the account's next number (1 for the first): one atomic ADD, the new value returned. */
  private long draw(TenantId tenant, String account) {
    Map<String, AttributeValue> updated = dynamo.updateItem(r -> r.tableName(tableName)
        .key(counterKey(tenant, account))
        .updateExpression("ADD #seq :one")
        .expressionAttributeNames(Map.of("#seq", SEQ))
        .expressionAttributeValues(Map.of(":one", Attrs.n(1)))
        .returnValues(ReturnValue.UPDATED_NEW)).attributes();
    Long seq = Attrs.getLong(updated, SEQ);
    if (seq == null || seq < 1) {
      throw new IllegalStateException("lettering counter of " + account + " returned " + seq);
    }
    return seq;
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
  }
}
