package io.cartprobe.demo;

import java.util.Arrays;

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
      return new ApiError(404, Bodies.error("unknown_fault",
          "unknown fault '" + name + "'; known faults: " + String.join(", ", Fault.ids()))
          .withKnown(Fault.ids()));
    });
  }

  /** {@code {"active": [...], "known": [{"name", "description", "active"}...]}}. */
  private Response state(int status) {
    var active = faults.active();
    return Response.json(status, new Bodies.Faults(active.stream().map(Fault::id).toList(),
        Arrays.stream(Fault.values())
            .map(f -> new Bodies.KnownFault(f.id(), f.description(), active.contains(f)))
            .toList())).withTrailingNewline();
  }
}
