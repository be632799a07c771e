package dev.apiplatform.server.http;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;

/**
 * A resource shaped like generated code (a model with @JsonCreator(required) and Bean
 * Validation), used only to drive the HTTP layer's error paths: the system group has no body.
 */
@Path("/test")
public class EchoTestResource {

  public static class Thing {
    private final String itemName;
    private final Integer quantity;
    private final java.util.List<@Size(max = 3) String> tags;

    public Thing(String itemName, Integer quantity) {
      this(itemName, quantity, null);
    }

    @JsonCreator
    public Thing(@JsonProperty(required = true, value = "item_name") String itemName,
                 @JsonProperty(value = "quantity") Integer quantity,
                 @JsonProperty(value = "tags") java.util.List<String> tags) {
      this.itemName = itemName;
      this.quantity = quantity;
      this.tags = tags;
    }

    @JsonProperty("tags")
    @Size(max = 100)
    public java.util.List<@Size(max = 3) String> getTags() {
      return tags;
    }

    @JsonProperty("item_name")
    @NotNull @Size(min = 1, max = 5)
    public String getItemName() {
      return itemName;
    }

    @JsonProperty("quantity")
    @Min(1) @Max(10)
    public Integer getQuantity() {
      return quantity;
    }
  }

  @POST
  @Path("/things")
  @Consumes("application/json")
  @Produces("application/json")
  public Thing create(@Valid @NotNull Thing body) {
    return body;
  }

  @GET
  @Path("/things")
  @Produces("application/json")
  public Thing list(@QueryParam("limit") @Min(1) @Max(100) Integer limit) {
    return new Thing("x", limit);
  }

  @GET
  @Path("/boom")
  @Produces("application/json")
  public Thing boom() {
    throw new IllegalStateException("secret internal detail");
  }
}
