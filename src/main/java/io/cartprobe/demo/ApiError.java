package io.cartprobe.demo;

/** Ends a request early with an HTTP error answer; the router turns it into the response. */
final class ApiError extends RuntimeException {

  private final transient Response response;

  ApiError(Response response) {
    super(null, null, false, false);
    this.response = response;
  }

  ApiError(int status, Object body) {
    this(Response.json(status, body));
  }

  static ApiError badRequest(String type, String message) {
    return new ApiError(400, Bodies.error(type, message));
  }

  static ApiError notFound(String type, String message) {
    return new ApiError(404, Bodies.error(type, message));
  }

  Response response() {
    return response;
  }
}
