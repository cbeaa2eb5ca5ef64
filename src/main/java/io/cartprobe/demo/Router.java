package io.cartprobe.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Dispatches requests to handlers by method and path template ({@code /staging/api/carts/{id}}:
 * a {@code {name}} segment matches any one segment). Unknown paths answer 404, known paths with
 * another method 405, handler failures 500, all as JSON.
 */
final class Router implements HttpHandler {

  /** Larger request bodies are refused with 413. */
  static final int MAX_BODY_BYTES = 1 << 20;

  @FunctionalInterface
  interface Handler {
    Response handle(Request request) throws Exception;
  }

  private record Route(String method, List<String> template, Handler handler) {

    Optional<Map<String, String>> match(List<String> segments) {
      if (segments.size() != template.size()) {
        return Optional.empty();
      }
      var params = new HashMap<String, String>();
      for (int i = 0; i < segments.size(); i++) {
        var part = template.get(i);
        if (part.startsWith("{") && part.endsWith("}")) {
          params.put(part.substring(1, part.length() - 1), segments.get(i));
        } else if (!part.equals(segments.get(i))) {
          return Optional.empty();
        }
      }
      return Optional.of(params);
    }
  }

  private final List<Route> routes = new CopyOnWriteArrayList<>();

  Router add(String method, String pathTemplate, Handler handler) {
    routes.add(new Route(method, segments(pathTemplate), handler));
    return this;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      var response = dispatch(exchange);
      send(exchange, response);
    }
  }

  private Response dispatch(HttpExchange exchange) {
    var segments = segments(exchange.getRequestURI().getRawPath());
    var method = exchange.getRequestMethod();
    var allowed = new LinkedHashSet<String>();
    for (var route : routes) {
      var params = route.match(segments);
      if (params.isEmpty()) {
        continue;
      }
      if (!route.method().equals(method)) {
        allowed.add(route.method());
        continue;
      }
      try {
        var body = readBody(exchange.getRequestBody());
        var request = new Request(method, exchange.getRequestURI().getRawPath(), params.get(),
            exchange.getRequestHeaders(), body);
        return route.handler().handle(request);
      } catch (ApiError e) {
        return e.response();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Response.json(503, Bodies.error("service_unavailable", "the demo is shutting down"));
      } catch (Exception e) {
        return Response.json(500, Bodies.error("internal_error", e.toString()));
      }
    }
    if (!allowed.isEmpty()) {
      return Response.json(405, Bodies.error("method_not_allowed",
              method + " is not allowed here; allowed: " + String.join(", ", allowed)))
          .withHeader("Allow", String.join(", ", allowed));
    }
    return Response.json(404, Bodies.error("not_found", "no route for " + method + " "
        + exchange.getRequestURI().getRawPath()));
  }

  private static byte[] readBody(InputStream in) throws IOException {
    var bytes = in.readNBytes(MAX_BODY_BYTES + 1);
    if (bytes.length > MAX_BODY_BYTES) {
      throw new ApiError(413, Bodies.error("payload_too_large", "request body exceeds 1 MiB"));
    }
    return bytes;
  }

  private static void send(HttpExchange exchange, Response response) throws IOException {
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", response.contentType());
    headers.set("Cache-Control", "no-store");
    response.headers().forEach(headers::set);
    boolean noBody = "HEAD".equals(exchange.getRequestMethod()) || response.body().length == 0;
    exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
    if (!noBody) {
      exchange.getResponseBody().write(response.body());
    }
  }

  private static List<String> segments(String path) {
    var segments = new ArrayList<String>();
    for (var part : path.split("/")) {
      if (!part.isEmpty()) {
        segments.add(part);
      }
    }
    return segments;
  }
}
