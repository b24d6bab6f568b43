package com.accountingexport.adapters.json;

import com.accountingexport.core.port.Page;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Function;

/** Every list answer: {@code {"items": [...], "nextCursor": "..." | null}}. */
public final class PageJson {
  private PageJson() {}

  public static <T> ObjectNode write(Page<T> page, Function<T, ? extends JsonNode> item) {
    ObjectNode body = Json.object();
    ArrayNode items = body.putArray("items");
    page.items().forEach(i -> items.add(item.apply(i)));
    body.put("nextCursor", page.nextCursor());
    return body;
  }
}
