package io.cartprobe.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Switches faults at run time: {@code GET /demo/faults} lists them, {@code POST /demo/faults/NAME}
 * switches one on, {@code DELETE /demo/faults/NAME} off, {@code DELETE /demo/faults} all off.
 */
final class FaultAdmin {

  private final Faults faults;

  FaultAdmin(Faults faults) {
    this.faults = faults;
  }

  void register(Router router) {
    router.add("GET", "/demo/faults", request -> state(200))
        .add("DELETE", "/demo/faults", request -> {
          faults.clear();
          return state(200);
        })
        .add("POST", "/demo/faults/{name}", request -> {
          faults.enable(fault(request));
          return state(200);
        })
        .add("DELETE", "/demo/faults/{name}", request -> {
          faults.disable(fault(request));
          return state(200);
        });
  }

  private Fault fault(Request request) {
    var name = request.param("name");
    return Fault.byId(name).orElseThrow(() -> {
      var body = Json.error("unknown_fault",
          "unknown fault '" + name + "'; known faults: " + String.join(", ", Fault.ids()));
      body.set("known", Json.array(Fault.ids()));
      return new ApiError(404, body);
    });
  }

  /** {@code {"active": [...], "known": [{"name", "description", "active"}...]}}. */
  private Response state(int status) {
    var active = faults.active();
    ObjectNode body = Json.object();
    body.set("active", Json.array(active.stream().map(Fault::id).toList()));
    var known = body.putArray("known");
    for (var fault : Fault.values()) {
      known.addObject()
          .put("name", fault.id())
          .put("description", fault.description())
          .put("active", active.contains(fault));
    }
    // Mostly read in a terminal after curl: end the line, so the prompt starts on its own.
    return Response.json(status, body).withTrailingNewline();
  }
}
